"""The demo site's comment sections: WordPress' classic ``wp_list_comments`` markup or the block theme's
``core/comments`` blocks, paged by top-level thread, with the "Leave a Reply" form."""

from __future__ import annotations

from html import escape
from typing import Any

from .content import Article, Comment, Site, iso
from .theme import img, labels, nice_time


def comments_section(site: Site, base: str, article: Article, page: int) -> str:
    """The comment list of comment page ``page``, its pagination and the reply form."""
    pages = article.comment_pages(site.comments_per_page)
    threads = pages[page - 1] if pages else []
    form = comment_form(base, article)
    if article.theme == "block":
        items = "".join(block_comment(base, article, c, i) for i, c in enumerate(threads))
        listing = f'<ol class="wp-block-comment-template">{items}</ol>' if items else ""
        return (f'<div class="wp-block-comments" id="comments"><h2 class="wp-block-comments-title">'
                f'{comments_title(article)}</h2>{listing}{block_pagination(base, article, page, len(pages))}'
                f'{form}</div>')
    items = "".join(classic_comment(base, article, c, i) for i, c in enumerate(threads))
    listing = (f'<h2 class="comments-title">{comments_title(article)}</h2><ol class="comment-list">{items}</ol>'
               f'{classic_pagination(base, article, page, len(pages))}') if items else ""
    return f'<div id="comments" class="comments-area">{listing}{form}</div>'


def comments_title(article: Article) -> str:
    """"5 thoughts on “Headline”"."""
    words = labels(article.language)
    count = article.comment_count
    if count == 0:
        return words["no_comments"]
    key = "one_comment_title" if count == 1 else "comments_title"
    return words[key].format(n=count, title=escape(article.headline))


def comment_classes(comment: Comment, index: int) -> str:
    parity = "even" if index % 2 == 0 else "odd"
    parent = " parent" if comment.replies else ""
    return f"comment {parity} thread-{parity} depth-{comment.depth}{parent}"


def reply_link(base: str, article: Article, comment: Comment) -> str:
    """The "Reply" link (a ``?replytocom=`` URL: same page again, a crawler trap)."""
    words = labels(article.language)
    reply_to = escape(words["reply_to"].format(name=comment.author))
    return (f"<a rel='nofollow' class='comment-reply-link' href='{base}{article.path}?replytocom={comment.id}#respond'"
            f' data-commentid="{comment.id}" data-postid="{article.post_id}"'
            f' data-belowelement="div-comment-{comment.id}"'
            f' data-respondelement="respond" data-replyto="{reply_to}" aria-label=\'{reply_to}\'>{words["reply"]}</a>')


def comment_time(base: str, article: Article, comment: Comment) -> tuple[str, str]:
    """The comment's permalink and its ``<time>`` element."""
    permalink = f"{base}{article.path}#comment-{comment.id}"
    return permalink, f'<time datetime="{iso(comment.date)}">{nice_time(comment.date, article.language)}</time>'


def classic_comment(base: str, article: Article, comment: Comment, index: int = 0) -> str:
    """One comment with its replies, as ``wp_list_comments()`` (HTML5) prints it."""
    words = labels(article.language)
    children = "".join(classic_comment(base, article, r, i) for i, r in enumerate(comment.replies))
    nested = f'<ol class="children">{children}</ol>' if children else ""
    avatar = img(base, "/wp-content/uploads/avatar.png", "", 60, 60, "avatar avatar-60 photo")
    permalink, time = comment_time(base, article, comment)
    return f"""<li id="comment-{comment.id}" class="{comment_classes(comment, index)}">
<article id="div-comment-{comment.id}" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard">{avatar}
<b class="fn">{escape(comment.author)}</b> <span class="says">{words['says']}</span></div>
<div class="comment-metadata"><a href="{permalink}">{time}</a></div>
</footer>
<div class="comment-content"><p>{escape(comment.text)}</p></div>
<div class="reply">{reply_link(base, article, comment)}</div>
</article>{nested}
</li>"""


def block_comment(base: str, article: Article, comment: Comment, index: int = 0) -> str:
    """One comment with its replies, as the ``core/comment-template`` block prints it."""
    children = "".join(block_comment(base, article, r, i) for i, r in enumerate(comment.replies))
    nested = f'<ol class="children">{children}</ol>' if children else ""
    avatar = img(base, "/wp-content/uploads/avatar.png", f"{comment.author} Avatar", 40, 40,
                 "avatar avatar-40 photo wp-block-avatar__image")
    permalink, time = comment_time(base, article, comment)
    return f"""<li id="comment-{comment.id}" class="{comment_classes(comment, index)}">
<div class="wp-block-columns"><div class="wp-block-column" style="flex-basis:40px">
<div class="wp-block-avatar">{avatar}</div></div>
<div class="wp-block-column"><div class="wp-block-comment-author-name">{escape(comment.author)}</div>
<div class="wp-block-comment-date"><a href="{permalink}">{time}</a></div>
<div class="wp-block-comment-content"><p>{escape(comment.text)}</p></div>
<div class="wp-block-comment-reply-link">{reply_link(base, article, comment)}</div></div></div>{nested}
</li>"""


def page_numbers(base: str, article: Article, page: int, count: int) -> str:
    return "".join(
        f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page else
        f'<a class="page-numbers" href="{base}{article.comment_page_path(n)}#comments">{n}</a>'
        for n in range(1, count + 1))


def classic_pagination(base: str, article: Article, page: int, count: int) -> str:
    """``paginate_comments_links()`` inside a comment-navigation ``<nav>``: older ← 1 2 → newer."""
    if count < 2:
        return ""
    words: dict[str, Any] = labels(article.language)
    prev = (f'<a class="prev page-numbers" href="{base}{article.comment_page_path(page - 1)}#comments">'
            f'&laquo; {words["older"]}</a>') if page > 1 else ""
    nxt = (f'<a class="next page-numbers" href="{base}{article.comment_page_path(page + 1)}#comments">'
           f'{words["newer"]} &raquo;</a>') if page < count else ""
    return (f'<nav class="navigation comment-navigation" aria-label="Comments"><h2 class="screen-reader-text">'
            f'{words["comments_nav"]}</h2><div class="nav-links">{prev}{page_numbers(base, article, page, count)}'
            f'{nxt}</div></nav>')


def block_pagination(base: str, article: Article, page: int, count: int) -> str:
    """The ``core/comments-pagination`` block."""
    if count < 2:
        return ""
    words = labels(article.language)
    prev = (f'<a href="{base}{article.comment_page_path(page - 1)}#comments" '
            f'class="wp-block-comments-pagination-previous">{words["older"]}</a>') if page > 1 else ""
    nxt = (f'<a href="{base}{article.comment_page_path(page + 1)}#comments" '
           f'class="wp-block-comments-pagination-next">{words["newer"]}</a>') if page < count else ""
    return (f'<nav class="wp-block-comments-pagination" aria-label="Comments pagination">{prev}'
            f'<div class="wp-block-comments-pagination-numbers">{page_numbers(base, article, page, count)}</div>'
            f'{nxt}</nav>')


def comment_form(base: str, article: Article) -> str:
    """The "Leave a Reply" form."""
    words = labels(article.language)
    required = '<span class="required">*</span>'
    return f"""<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">{words['leave_reply']} <small><a rel="nofollow"
 id="cancel-comment-reply-link" href="{base}{article.path}#respond" style="display:none;">{words['cancel_reply']}</a>
</small></h3>
<form action="{base}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-notes"><span id="email-notes">{words['email_notes']}</span>
<span class="required-field-message">{words['required']} {required}</span></p>
<p class="comment-form-comment"><label for="comment">{words['comment']} {required}</label>
<textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">{words['name']} {required}</label>
<input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required></p>
<p class="comment-form-email"><label for="email">{words['email_field']} {required}</label>
<input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes"
 autocomplete="email" required></p>
<p class="comment-form-url"><label for="url">{words['website']}</label>
<input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent"
 type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">{words['cookies']}</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="{words['post_comment']}">
<input type="hidden" name="comment_post_ID" value="{article.post_id}" id="comment_post_ID">
<input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>
</form>
</div>"""
