"""mainImage from the article's text: the first real picture of the markup the body was written from, for a
page that declares no image (og:image, JSON-LD image, ...)."""

from __future__ import annotations

from newscrawler.extract import extract_article
from newscrawler.extract.body import read_body
from newscrawler.extract.document import Document
from newscrawler.extract.images import (
    lead_picture,
    picture_source,
    srcset_candidates,
    widest_in_srcset,
)

URL = "https://harbour.example/news/2024/06/ferry-returns/"
TEXT = ("<p>The ferry to the islands sailed again on Monday after six weeks in the yard, its hull repainted and "
        "both engines overhauled. Around two hundred passengers were on board for the first crossing.</p>"
        "<p>The operator said the timetable would return to its summer pattern from next week, with four "
        "crossings a day, and thanked the islanders for their patience during the long repairs.</p>")


def article(pictures: str, head: str = "", text: str = TEXT) -> str:
    """A news page whose article holds ``pictures`` before its text."""
    return (f"<html><head><title>Ferry returns</title>{head}</head><body>"
            "<header><a href='/'><img src='/static/harbour-news.png' width='300' height='60' alt='Harbour News'></a></header>"
            f"<article><h1>Ferry returns to service</h1>{pictures}{text}</article>"
            "<footer><img src='/static/partner.jpg' width='400' height='200'></footer></body></html>")


def main_image(html: str) -> str | None:
    image = extract_article(html, URL)["mainImage"]
    return image["url"] if image else None


def test_the_first_picture_of_the_text_is_the_main_image_when_none_is_declared() -> None:
    html = article("<p><img src='/media/2024/06/ferry-at-quay.jpg' width='900' height='600'></p>"
                   "<p><img src='/media/2024/06/engine-room.jpg' width='900' height='600'></p>")
    assert main_image(html) == "https://harbour.example/media/2024/06/ferry-at-quay.jpg"


def test_a_declared_image_comes_first() -> None:
    html = article("<p><img src='/media/2024/06/ferry-at-quay.jpg' width='900' height='600'></p>",
                   head="<meta property='og:image' content='https://harbour.example/media/share/ferry-card.jpg'>")
    assert main_image(html) == "https://harbour.example/media/share/ferry-card.jpg"


def test_a_declared_file_of_the_sites_design_is_no_image_and_the_texts_picture_stands_in() -> None:
    """A theme's default share picture, a Windows tile icon or a forum avatar declared as og:image is
    passed over; the first picture of the text is taken instead."""
    ferry = "<p><img src='/media/2024/06/ferry-at-quay.jpg' width='900' height='600'></p>"
    for declared in ("/wp-content/themes/harbour2020/img/facebook.jpg", "/img/ms-icon-310x310.png",
                     "/data/avatars/l/81/81656.jpg?1593903045"):
        html = article(ferry, head=f"<meta property='og:image' content='https://harbour.example{declared}'>")
        assert main_image(html) == "https://harbour.example/media/2024/06/ferry-at-quay.jpg", declared


def test_a_picture_in_a_figure_counts_though_its_caption_is_no_article_text() -> None:
    html = article("<figure class='image'><img src='/media/2024/06/ferry-at-quay.jpg' alt='The ferry'>"
                   "<figcaption>The ferry at the quay on Monday.</figcaption></figure>")
    record = extract_article(html, URL)
    assert record["mainImage"] == {"url": "https://harbour.example/media/2024/06/ferry-at-quay.jpg"}
    assert "at the quay on Monday" not in record["articleBody"]


def test_icons_pixels_buttons_and_theme_pictures_are_passed_over() -> None:
    html = article("<img src='https://stats.example/count.gif?p=1' width='1' height='1'>"
                   "<p><img src='/media/arrow-right.png'> <img src='/media/2024/06/crew.jpg' width='48' height='48'>"
                   "<img src='/media/2024/06/dock.jpg' style='width: 32px; height: 32px'>"
                   "<img src='/wp-content/themes/harbour/img/divider.jpg'> <img src='/media/badge.svg'>"
                   "<img src='/media/2024/06/ferry-at-quay.jpg' width='100%'></p>")
    assert main_image(html) == "https://harbour.example/media/2024/06/ferry-at-quay.jpg"


def test_a_file_name_is_read_by_its_words() -> None:
    """"icon" names an icon in "social_icons.gif", not in "silicon-valley.jpg"; "pixel" is no skip word (a
    phone's name): a tracking pixel is known by its size."""
    icons = article("<p><img src='/media/social_icons.gif'><img src='/media/ic_share_24dp.png'>"
                    "<img src='/media/2024/06/silicon-valley-campus.jpg'></p>")
    assert main_image(icons) == "https://harbour.example/media/2024/06/silicon-valley-campus.jpg"
    assert main_image(article("<p><img src='/media/2024/06/google-pixel-9-review.jpg'></p>")) == (
        "https://harbour.example/media/2024/06/google-pixel-9-review.jpg")


def test_a_thumbnail_linking_to_another_page_is_not_the_article_picture() -> None:
    elsewhere = article("<p><a href='/news/2024/05/yard-visit/'><img src='/media/2024/05/yard.jpg' width='600' "
                        "height='400'></a></p><p><img src='/media/2024/06/ferry-at-quay.jpg'></p>")
    assert main_image(elsewhere) == "https://harbour.example/media/2024/06/ferry-at-quay.jpg"
    lightbox = article("<p><a href='/media/2024/06/ferry-large.jpg'><img src='/media/2024/06/ferry-small.jpg' "
                       "width='600' height='400'></a></p>")
    assert main_image(lightbox) == "https://harbour.example/media/2024/06/ferry-small.jpg"


def test_pictures_outside_the_article_text_give_nothing() -> None:
    assert main_image(article("")) is None  # the site's logo and the footer's partner banner are no article's


def test_share_bars_and_author_boxes_give_no_picture() -> None:
    html = article("", text=TEXT + "<div class='share-buttons'><a href='https://social.example/share'>"
                   "<img src='/media/share/ferry-share.jpg' width='600' height='400'></a></div>"
                   "<div class='author-box'><img src='/media/people/jo-marsh.jpg' width='200' height='200'>"
                   "<p>Jo Marsh reports on the islands.</p></div>")
    assert main_image(html) is None


def test_a_lazy_loading_picture_is_read_from_its_data_attribute() -> None:
    img = Document.parse("<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-src='/media/real.jpg'>",
                         URL).body.find(".//img")
    assert picture_source(img) == "/media/real.jpg"
    srcset_only = Document.parse("<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' "
                                 "data-srcset='/media/a-480.jpg 480w, /media/a-1200.jpg 1200w, /media/a-800.jpg 800w'>",
                                 URL).body.find(".//img")
    assert picture_source(srcset_only) == "/media/a-1200.jpg"
    picture = Document.parse("<picture><source media='(max-width: 600px)' srcset='/media/b-600.jpg 600w'>"
                             "<source type='image/webp' srcset='/media/b-800.webp 800w, /media/b-1600.webp 1600w'>"
                             "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' alt=''></picture>",
                             URL).body.find(".//img")
    assert picture_source(picture) == "/media/b-1600.webp"  # a <picture> gives its addresses in its <source>s
    placeholder_only = Document.parse("<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>", URL).body.find(".//img")
    assert picture_source(placeholder_only) == ""


def test_srcset_is_split_as_browsers_split_it() -> None:
    assert list(srcset_candidates("https://cdn.example/w_480,c_fill/a.jpg 480w,https://cdn.example/w_900,c_fill/a.jpg 900w")) == [
        ("https://cdn.example/w_480,c_fill/a.jpg", "480w"), ("https://cdn.example/w_900,c_fill/a.jpg", "900w")]
    assert list(srcset_candidates(" a.jpg, b.jpg 2x ,, c.jpg")) == [("a.jpg", ""), ("b.jpg", "2x"), ("c.jpg", "")]
    assert widest_in_srcset("a.jpg 1x, b.jpg 2x") == "b.jpg"  # no widths: the last
    assert widest_in_srcset("") == ""


def test_the_picture_resolves_against_the_base_href_and_only_web_addresses_count() -> None:
    doc = Document.parse("<html><head><base href='https://cdn.harbour.example/site/'></head><body><p>"
                         "<img src='javascript:void(0)'><img src='media/ferry.jpg'></p></body></html>", URL)
    pictures = list(doc.body.iter("img"))
    assert lead_picture(pictures, doc.base_url, doc.url) == {"url": "https://cdn.harbour.example/site/media/ferry.jpg"}


def test_the_body_writer_notes_the_pictures_of_the_text_in_page_order() -> None:
    html = article("<p><img src='/media/one.jpg'></p>", text=TEXT + "<p><img src='/media/two.jpg'></p>")
    body = read_body(Document.parse(html, URL), "Ferry returns to service")
    assert [img.get("src") for img in body.pictures] == ["/media/one.jpg", "/media/two.jpg"]
    assert body.text.startswith("The ferry to the islands")
