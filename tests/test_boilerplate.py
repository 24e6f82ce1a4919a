"""Boilerplate lines: every rule in rules/boilerplate.json, and real sentences left alone."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from newscrawler.extract.boilerplate import is_boilerplate, strip_boilerplate

RULES = json.loads(resources.files("newscrawler.extract").joinpath("rules/boilerplate.json").read_text("utf-8"))
EXACT = [(lang, line) for lang, lines in RULES["exact"].items() for line in lines]
PATTERNS = [(lang, pattern) for lang, patterns in RULES["patterns"].items() for pattern in patterns]
OPENINGS = [(lang, pattern) for lang, patterns in RULES["openings"].items() for pattern in patterns]

#: The seed page's tail, and the WordPress/Jetpack lines every blog theme prints.
SEED_LINES = [
    "Related Articles", "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "Back to top button", "%d bloggers like this:", "Share this:", "Like this:", "Loading...",
    "Click to share on Twitter (Opens in new window)", "Click to share on Facebook (Opens in new window)",
    "Click to email a link to a friend (Opens in new window)", "Post navigation", "Cancel reply",
    "Save my name, email, and website in this browser for the next time I comment.",
    "Subscribe to our newsletter", "Advertisement",
    # the forum software's caption under a shrunk image
    "Click to expand...", "Zum Vergrößern anklicken....",
    # the placeholder of an embedded Instagram post
    "View this post on Instagram", "Sieh dir diesen Beitrag auf Instagram an", "Voir cette publication sur Instagram",
    "Ver esta publicación en Instagram", "Visualizza questo post su Instagram",
]

#: Pattern (as written in the rules file) → lines it must match, as they appear on pages.
PATTERN_EXAMPLES = {
    "%d bloggers? likes? this:?": ["%d bloggers like this:", "%d blogger likes this"],
    "your email address will not be published\\.?( required fields are marked \\*)?": [
        "Your email address will not be published.", "Your email address will not be published. Required fields are marked *"],
    "save my name, email, and website in this browser for the next time i comment\\.?": [
        "Save my name, email, and website in this browser for the next time I comment."],
    "click to (share on|email a link to|print|email this to).*\\(opens in new window\\)": [
        "Click to share on LinkedIn (Opens in new window)", "Click to print (Opens in new window)"],
    "subscribe to (our|the) newsletter.*": ["Subscribe to our newsletter!", "Subscribe to the newsletter for weekly updates"],
    "(\\d+ )?(comments?|responses?|replies)( so far)?": ["3 Comments", "Comments", "2 responses so far", "12 replies"],
    "you must be logged in to post a comment\\.?": ["You must be logged in to post a comment."],
    "(log in|login|sign in) to (leave|post) a comment\\.?": ["Log in to leave a comment", "Sign in to post a comment."],
    "this site uses akismet to reduce spam\\. learn how your comment data is processed\\.?": [
        "This site uses Akismet to reduce spam. Learn how your comment data is processed."],
    "notify me of (new posts|follow-up comments) by email\\.?": [
        "Notify me of new posts by email.", "Notify me of follow-up comments by email."],
    "(copyright )?(©|\\(c\\)) ?\\d{4}.{0,80}\\.? all rights reserved\\.?": [
        "© 2024 Coastal Courier. All rights reserved.", "Copyright (c) 2019 Example Media Ltd. All Rights Reserved",
        "© 2020 ®/TM Example Foods All Rights Reserved"],
    "(sign up|subscribe) (for|to) (our|the) .{0,40}newsletter.{0,80}": [
        "Sign up for our daily newsletter", "Subscribe to the Morning Briefing newsletter and never miss a story"],
    "(story|article) continues (below|after) (this )?(ad|advertisement)": [
        "Story continues below advertisement", "Article continues after this ad"],
    "share (on|via) (facebook|twitter|x|whatsapp|linkedin|email|pinterest|reddit|telegram)( \\(opens in new window\\))?": [
        "Share on Facebook", "Share via Email", "Share on X (Opens in new window)"],
    "opens in (a )?new (window|tab)": ["Opens in a new window", "opens in new tab"],
    "(\\d+ )?(min(ute)?s?|hrs?|hours?) read": ["5 min read", "12 minutes read"],
    "[-–—]+ ?advertisement ?[-–—]+": ["- Advertisement -", "— ADVERTISEMENT —", "--Advertisement--"],
    "categor(y|ies) ?: ?.{1,60}": ["Category : Press Releases", "Categories: News, Local"],
    "subscribe( now)? to (our|the) [^.]{1,60} (edition|newsletter|channel)\\b.{0,80}": [
        "Subscribe now to our digital edition for the full story.", "Subscribe to our YouTube channel"],
    "(warning|notice|deprecated|fatal error): .{1,200} on line \\d+": [
        "Warning: Creating default object from empty value in /var/www/html/index.php on line 42"],
    "follow (us|[^.,]{1,60}) on (twitter|facebook|instagram|x|tiktok|linkedin|youtube|threads)\\b.{0,200}": [
        "Follow us on Instagram", "Follow The Courier on Twitter and Instagram @Courier and on Facebook @TheCourier",
        ("Follow The Courier on Twitter and Instagram @Courier and on Facebook @TheCourier. Send us a message on "
         "WhatsApp at 1-555-010-0199 or email us at feedback@courier.example or editors@courier.example")],
    "for the latest [^.]{1,80} download (the|our) [^.]{1,60} apps?\\b.{0,100}": [
        "For the latest stories and breaking news updates download the Courier apps for iOS and Android."],
    "never miss [^.]{1,60} by (signing|sign) up (to|for) (our|the) [^.]{0,30}newsletter.{0,40}": [
        "Never miss the latest news by signing up to our newsletter today!"],
    "submit (a|your) letter to the editor.{0,100}": [
        "Submit your letter to the editor via this form. Read more Letters to the Editor."],
    "(?=[^|]*\\|).{0,150}(pdf|docx?|xlsx?|pptx?|zip) ?\\| ?\\d+([.,]\\d+)? ?(kb|mb|gb)\\b.{0,60}": [
        "Informationsschreiben vom 14. Oktober 2021PDF | 38 KB | Datei ist nicht barrierefrei",
        "Annual report 2023 (PDF | 1.2 MB)"],
    "(advertisement|sponsored( content)?|paid (content|post)) ?[-–:|] ?.{1,80}": [
        "Advertisement - Scroll to continue", "Sponsored content: Five ways to save on your energy bill"],
    "((news|release|publish(ed|ing)?|post(ed)?) )?date ?: ?\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}\\b.{0,80}": [
        "News date : 04/21/2022    Category : Press Releases", "Date: 2021-03-04"],
    "(except where otherwise noted|unless otherwise (noted|stated|indicated)),? .{0,120}(creative commons|cc[ -]by|licen[cs]ed? under).{0,100}": [
        "Except where otherwise noted, content on this site is licensed under a Creative Commons Attribution 4.0 License"],
    "[^.!?]{0,120}[.!?] (sign up|subscribe) (here|now|today)[.!]?": [
        "Do you want to be informed of our actions? Sign up here", "Never miss a story. Subscribe now!"],
    "deine e-mail-adresse wird nicht veröffentlicht\\.?( erforderliche felder sind mit \\* markiert)?\\.?": [
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"],
    "ihre e-mail-adresse wird nicht veröffentlicht\\.?( erforderliche felder sind mit \\* markiert)?\\.?": [
        "Ihre E-Mail-Adresse wird nicht veröffentlicht."],
    "meinen namen, meine e-mail-adresse und meine website in diesem browser speichern, bis ich wieder kommentiere\\.?": [
        "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern, bis ich wieder kommentiere."],
    "(\\d+ )?kommentare?": ["Kommentare", "4 Kommentare"],
    "(lesedauer|lesezeit):? ?(ca\\. )?\\d+ ?(min(uten)?|minute)\\.?": ["Lesedauer: 4 Min.", "Lesedauer ca. 3 Minuten",
                                                             "Lesezeit: 5 Minuten"],
    "(tiempo de lectura:? ?\\d+ ?min(utos?)?\\.?|\\d+ ?min(utos?)? de lectura)": ["Tiempo de lectura: 4 min",
                                                                               "3 minutos de lectura"],
    "(tempo di lettura:? ?\\d+ ?min(uti)?\\.?|\\d+ ?min(uti)? di lettura)": ["Tempo di lettura: 4 minuti", "3 min di lettura"],
    "(leestijd:? ?\\d+ ?min(uten|uut)?\\.?|\\d+ ?min(uten)? leestijd)": ["Leestijd: 4 minuten", "3 min leestijd"],
    "kategorien? ?: ?.{1,60}": ["Kategorie: News, Vereinsleben", "Kategorien : Sport"],
    "(diese[sn]? [^.]{1,40} )?als pdf (herunterladen|downloaden)": [
        "Dieses Skript als PDF herunterladen", "Als PDF herunterladen"],
    "(anzeige|werbung) ?[-–:|] ?.{1,80}": [
        "ANZEIGE - Heute mal ausgehen/bestellen? Wie wäre es mit:", "Werbung: Jetzt Tarife vergleichen"],
    "(veröffentlichungs|erscheinungs)?datum ?: ?\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}\\b.{0,80}": [
        "Datum: 12.03.2021", "Erscheinungsdatum: 1.2.2019 | Rubrik: Wirtschaft"],
    "(sofern|soweit) nicht anders (angegeben|ausgewiesen|vermerkt|gekennzeichnet),? .{0,120}(creative commons|cc[ -]by|lizenz).{0,100}": [
        "Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY"],
    "votre adresse (e-mail|de messagerie|email) ne sera pas publiée\\.?( les champs obligatoires sont indiqués avec \\*)?\\.?": [
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *"],
    "enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire\\.?": [
        "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire."],
    "(\\d+ )?commentaires?": ["2 commentaires", "Commentaire"],
    "temps de lecture ?: ?\\d+ ?min(utes?)?": ["Temps de lecture : 3 min"],
    "tu dirección de correo electrónico no será publicada\\.?( los campos obligatorios están marcados con \\*)?\\.?": [
        "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *"],
    "guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente\\.?": [
        "Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente."],
    "(\\d+ )?comentarios?": ["5 comentarios", "Comentarios"],
    "il tuo indirizzo email non sarà pubblicato\\.?( i campi obbligatori sono contrassegnati \\*)?\\.?": [
        "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *"],
    "salva il mio nome, email e sito web in questo browser per la prossima volta che commento\\.?": [
        "Salva il mio nome, email e sito web in questo browser per la prossima volta che commento."],
    "(\\d+ )?commenti": ["3 commenti"],
    "o seu endereço de e-mail não será publicado\\.?( campos obrigatórios são marcados com \\*)?\\.?": [
        "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *"],
    "seu endereço de e-mail não será publicado\\.?( campos obrigatórios são marcados com \\*)?\\.?": [
        "Seu endereço de e-mail não será publicado."],
    "(\\d+ )?comentários?": ["7 comentários"],
    "je e-mailadres wordt niet gepubliceerd\\.?( vereiste velden zijn gemarkeerd met \\*)?\\.?": [
        "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *"],
    "(\\d+ )?reacties?": ["2 reacties", "Reactie"],
    "e-posta adresiniz yayınlanmayacak\\.?( gerekli alanlar \\* ile işaretlenmişlerdir)?\\.?": [
        "E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir"],
    "(\\d+ )?yorum(lar)?": ["3 Yorum", "Yorumlar"],
    "%d bloggern gefällt das:?": ["%d Bloggern gefällt das:"],
    "%d blogueurs aiment cette page ?:?": ["%d blogueurs aiment cette page :"],
    "a %d blogueros les gusta esto:?": ["A %d blogueros les gusta esto:"],
    "a %d blogger piace questo:?": ["A %d blogger piace questo:"],
    "%d blogueiros (gostam|curtiram) (disto|isto|isso):?": ["%d blogueiros gostam disto:", "%d blogueiros curtiram isto:"],
    "%d bloggers vinden dit leuk:?": ["%d bloggers vinden dit leuk:"],
    "twój adres e-mail nie zostanie opublikowany\\.?( wymagane pola są oznaczone \\*)?\\.?": [
        "Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *"],
    "ваш адрес e-?mail не будет опубликован\\.?( обязательные поля помечены \\*)?\\.?": [
        "Ваш адрес email не будет опубликован. Обязательные поля помечены *", "Ваш адрес e-mail не будет опубликован."],
    "(теги|метки|ключевые слова)\\s*:\\s*.{1,200}": ["Теги: мост, ремонт дорог, Зареченск", "Метки: город"],
    "[（(]?(责任编辑|責任編輯)\\s*[:：]\\s*[^)）]{1,20}[)）]?": ["(责任编辑：admin)", "责任编辑: 王敏", "（責任編輯：李華）"],
    "din e-postadress kommer inte (att )?publiceras\\.?( obligatoriska fält är märkta \\*)?\\.?": [
        "Din e-postadress kommer inte publiceras. Obligatoriska fält är märkta *"],
    "din e-mailadresse vil ikke blive publiceret\\.?( krævede felter er markeret med \\*)?\\.?": [
        "Din e-mailadresse vil ikke blive publiceret. Krævede felter er markeret med *"],
    "din e-postadresse vil ikke bli publisert\\.?( obligatoriske felt er merket med \\*)?\\.?": [
        "Din e-postadresse vil ikke bli publisert. Obligatoriske felt er merket med *"],
    "(du kannst ihn dir|sie können ihn sich) mit einem klick anzeigen lassen (und|oder) wieder ausblenden\\.?": [
        "Du kannst ihn dir mit einem Klick anzeigen lassen und wieder ausblenden.",
        "Sie können ihn sich mit einem Klick anzeigen lassen und wieder ausblenden."],
    "(damit können )?personenbezogene daten (können )?an drittplattformen übermittelt werden\\..{0,200}": [
        "Personenbezogene Daten können an Drittplattformen übermittelt werden. Mehr dazu in unserer Datenschutzerklärung.",
        "Damit können personenbezogene Daten an Drittplattformen übermittelt werden."],
    "link zum [^ ]{1,30}-inhalt": ["Link zum YouTube-Inhalt", "Link zum Instagram-Inhalt"],
    "(weitere|mehr) (infos?|informationen)( gibt es| finden sie| findest du)?:? (unter|auf|bei) (https?://|www\\.)\\S+\\.?": [
        "Weitere Infos unter www.turnier.example.de.", "Mehr Infos auf www.konferenz.example",
        "Weitere Informationen finden Sie unter https://verband.example/presse"],
    "(for )?(more|further) (info|information|details)( is available| can be found)?:? (at|on|see) (https?://|www\\.)\\S+\\.?": [
        "More information at www.festival.example.org.", "For more details see https://club.example/events",
        "Further information can be found at www.council.example.gov"],
    "([^.!?]{1,120}[.!?] )?(dann )?(abonnieren sie|abonniere|abonniert) (jetzt |hier )?(unseren|unser|meinen|den|das) [^.!?]{0,40}newsletter\\b.{0,120}": [
        "Ihnen hat der Artikel gefallen und Sie möchten keinen Beitrag verpassen? Dann abonnieren Sie unseren Newsletter!",
        "Interesse an Arbeit und Technik? Dann abonniere meinen Newsletter: https://blog.example/newsletter/",
        "Abonnieren Sie jetzt den Kurier-Newsletter: https://kurier.example/newsletter/"],
    "([^.!?]{1,80}\\? )?(then )?(sign up|subscribe) (for|to) (our|the) [^.!?]{0,40}newsletter\\b.{0,160}": [
        "WANT MORE RECIPES? Subscribe to our newsletter and follow us on Facebook and Instagram for the latest updates.",
        "Liked this story? Then sign up for our email newsletter to get the latest news straight to your inbox."],
    "become a (member|subscriber|supporter|patron)( today| now)?( and| to) [^.!?]{1,80}[.!]?": [
        "Become a member and enjoy exclusive benefits!", "Become a supporter today to keep local news free."],
    "(jetzt )?unterstütze(n sie)? [^.!?]{1,40}? (bereits |schon )?(ab|mit) (nur )?\\d{1,3}([.,]\\d{1,2})? ?(€|euro)?( (im|pro) monat)?[.!]?": [
        "Unterstütze das Stadtblatt bereits mit 2,50 €!", "Jetzt unterstützen Sie unsere Redaktion ab 5 Euro im Monat.",
        "Unterstütze uns schon mit 3!"],
    "die (aktuelle|neue) ausgabe (der|des|von) [^.!?]{1,60} (ist )?jetzt [^.!?]{0,160}erhältlich[.!]?": [
        "Die aktuelle Ausgabe der Gartenpost jetzt am Kiosk, im Abo und als E-Paper erhältlich.",
        "Die neue Ausgabe des Stadtmagazins ist jetzt überall im Handel erhältlich!"],
    "mit diesem button kannst du diese podcast-episode .{0,200}": [
        ("Mit diesem Button kannst Du diese Podcast-Episode zu einer Kurationsliste der Podcast-Suchmaschine FYYD "
         "hinzufügen. Dazu musst Du Dich auf fyyd.de einloggen:")],
    "hazte (miembro|socio|socia|suscriptor|suscriptora)( y| de| para) [^.!?]{1,80}[.!]?": [
        "HAZTE MIEMBRO Y DISFRUTA DE BENEFICIOS EXCLUSIVOS", "Hazte socio de nuestro diario por 3 euros al mes."],
    "(?=[^©]{0,200}©)(.{1,200}?,? (photos?|fotos?|images?|bilder?|pictures?) ©|.{1,200}? ?\\| ?©|([^©]{1,100} ?[-–|] ?)?([a-zäöü]*bild|fotos?|photos?|images?|quelle|source|credits?): ?(copyright )?©) ?[^.!?©]{1,60}": [
        "The new hall seen from the river, photos © Studio Nord, 2021", "Titelbild: © Stadt Musterhausen",
        "Gemüsesuppe im Topf - Foto: Copyright © Anna Beispiel | CC-BY-SA",
        "Logo des Preises für junge Architektur | © Verlag Beispiel", "Image: © Example Press Agency"],
    "this entry was posted on .{1,120} (and is )?filed under .{1,200}": [
        ("This entry was posted on Monday, March 1st, 2021 at 10:15 am and is filed under Local. You can follow any "
         "responses to this entry through the RSS 2.0 feed. Both comments and pings are currently closed.")],
    "((hat|hast|gefällt|gefiel|ihnen|dir|euch)[^.!?]{1,100}\\? )?(dann )?unterstützen sie (uns|unsere arbeit|unseren journalismus)\\b.{0,160}": [
        "Hat Ihnen dieser Beitrag gefallen? Dann unterstützen Sie uns bitte mit einer Spende.",
        "Unterstützen Sie unsere Arbeit mit einem Abo!",
        "Gefällt Ihnen unser Angebot? Unterstützen Sie unseren Journalismus mit einem Abo."],
    "von [^.]{1,60} am \\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\. abgelegt unter .{1,200}": [
        ("Von Redaktion am 21/02/2021. Abgelegt unter Politik. Sie können alle Antworten zu diesem Eintrag durch den "
         "RSS 2.0 Feed verfolgen. Kommentare und Pings sind derzeit geschlossen.")],
    "a post shared by [^()]{0,80}\\(@[\\w.]{1,40}\\)( on .{1,60})?": [
        "A post shared by Harbour Café (@harbour.cafe) on Apr 27, 2020 at 9:24am PDT",
        "A post shared by @valley_news (@valley_news)"],
    "ein beitrag geteilt von [^()]{0,80}\\(@[\\w.]{1,40}\\)( am .{1,60})?": [
        "Ein Beitrag geteilt von Stadtbad Nord (@stadtbad.nord) am Mai 3, 2021 um 10:15 PDT"],
    "(\\d{1,2}:\\d{2}( ?min\\.?)? )?(video |audio )?verfügbar bis( zum)? \\d{1,2}\\.\\d{1,2}\\.\\d{2,4}\\b.{0,40}": [
        "02:57 Min. Verfügbar bis 06.05.2024", "Video verfügbar bis 04.04.2021, 23:59 Uhr"],
    "(figure|fig\\.|abbildung|abb\\.|grafik|figura|gráfico|grafico|figur|rysunek|rys\\.|şekil) ?\\d{1,3}[a-z]? ?[:.] .{1,230}": [
        "Abbildung 4: Eine typische Schwachschicht. Die Körner sind deutlich größer als darüber.",
        "Figure 2. Rainfall in the valley, 1990-2020", "Abb. 3b: Der Pegel am Morgen", "Fig. 12: Test set-up"],
}

#: Opening (as written in the rules file) → long notices it starts, as they appear on pages (the consent
#: boxes of embedded videos and posts on German news sites).
OPENING_EXAMPLES = {
    "an dieser stelle (findest du|finden sie) einen [^.]{0,80}externen inhalt\\b": [
        "An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.",
        ("An dieser Stelle finden Sie einen von unseren Redakteuren ausgewählten, externen Inhalt, der den Artikel "
         "für Sie mit zusätzlichen Informationen anreichert. Sie können sich hier den externen Inhalt mit einem "
         "Klick anzeigen lassen oder wieder ausblenden, wann immer Sie das möchten, auf jeder Seite.")],
    "ich bin damit einverstanden, dass mir (der |die )?(externen? )?inhalte?( von [^.]{1,40})? angezeigt (werden|wird)\\.": [
        "Ich bin damit einverstanden, dass mir Inhalte von YouTube angezeigt werden.",
        ("Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird. Damit können personenbezogene "
         "Daten an Drittplattformen übermittelt werden. Mehr Informationen dazu erhalten Sie in den "
         "Datenschutz-Einstellungen. Diese finden Sie ganz unten auf unserer Seite im Footer, sodass Sie Ihre "
         "Einstellungen jederzeit verwalten oder widerrufen können.")],
}

#: Real sentences that contain boilerplate words: never dropped.
SENTENCES = [
    "Related articles in the journal suggest the effect is smaller than first thought.",
    "She told reporters to leave a reply at the front desk if they wanted an interview.",
    "The advertisement, which ran for three weeks, was later withdrawn by the company.",
    "Share prices fell by 4 per cent on Monday.",
    "Readers who subscribe to our newsletter campaign for better parks, the group said.",
    "Loading the ship took three days, the captain said.",
    "Kommentare aus der Politik ließen nicht lange auf sich warten, sagte der Sprecher.",
    "La publicité a été retirée après deux semaines de diffusion à la télévision.",
    "Back to top form after injury, the striker scored twice in the second half.",
    "5 min read was all it took, she joked, before the book became a bestseller.",
    "Fans who follow the club on Twitter saw the news first, and many of them were furious about it.",
    "Follow the money, the detective said on Facebook Live, and you will find the culprit. It worked.",
    "The report, a PDF of 40 pages, was published on Monday and is 2 MB in size.",
    "Die Kategorie der Sportler des Jahres: neu ist, dass auch Teams gewählt werden können.",
    "Anzeige gegen Unbekannt: Die Polizei ermittelt wegen Sachbeschädigung.",
    "Date: 12/03/2021 was the day the bridge finally opened, after nine years of planning and two lawsuits.",
    "The club wants more members. Sign up here, the chairman said, pointing to a table by the door of the hall.",
    "Soweit nicht anders angegeben, gelten die Preise für Erwachsene; Kinder zahlen die Hälfte.",
    "Advertisements for the new model ran on every channel – and sales doubled.",
    "Figure 2 shows that rainfall in the valley has doubled since 1990.",
    "Abbildung 4 zeigt: Die Schwachschicht liegt tiefer als erwartet.",
    "An dieser Stelle finden Sie einen Überblick über die wichtigsten Zahlen der Wahl, nach Bezirken geordnet.",
    "Wer den Newsletter abonniert, bekommt die Ergebnisse als Erster, sagte die Sprecherin des Vereins.",
    "Weitere Informationen gibt es bisher nicht, sagte die Polizei am Abend.",
    "More information on the plan will be published at the meeting on Monday, the council said.",
    "Why do readers subscribe to our newsletter? Most say they want the council news first, the survey found.",
    "The club asked residents to become a member and to pay the fee before the end of March, its chairman said.",
    "She decided to become a member of the board in 2019, after ten years at the bank.",
    "Unterstützt wurde der Verein mit 2000 Euro von der Sparkasse, teilte die Stadt mit.",
    "Die Stadt unterstützt die Tafel mit 5000 Euro im Jahr, sagte der Bürgermeister.",
    "Die neue Ausgabe des Stadtmagazins ist jetzt erhältlich, doch der Verlag muss sparen, sagt der Chefredakteur.",
    "Mit diesem Button kannst du den Podcast abonnieren, erklärte die Moderatorin im Interview.",
    "La mujer decidió hacerse socia del club en 2019, tras diez años en el banco.",
    "The photos © the agency had registered were later used without permission, the court heard.",
    "© 2021 Example Media. All rights reserved for the photos in this story.",
    "Das Bild: Die Stadt hat das Copyright © an den Fotos, sagte die Sprecherin des Rathauses.",
    "„Unterstützen Sie uns“, bat die Vorsitzende des Vereins die Gäste am Ende des Abends.",
    "Die Stadt bittet: Unterstützen Sie uns beim Aufräumen nach dem Hochwasser, sagte der Bürgermeister.",
    "This entry was posted on the notice board of the town hall on Monday, the clerk said.",
    "Von Berlin aus fuhr der Zug am 3.5.2021 weiter nach Prag, wie die Bahn mitteilte.",
    "A post shared by the mayor (@mayor) on Monday drew 3,000 replies (and a rebuke) within an hour, officials said.",
    ("Ich bin damit einverstanden, sagte der Bürgermeister, dass die Halle im Winter für Vereine geöffnet wird, "
     "und ich bin sicher, dass der Rat das im März auch beschließen wird, wenn die Kosten feststehen."),
]


@pytest.mark.parametrize(("lang", "line"), EXACT)
def test_every_exact_rule_matches_its_own_line(lang: str, line: str) -> None:
    assert is_boilerplate(line)
    assert is_boilerplate(f"  {line}\n ")
    if line.upper().casefold() == line.casefold():  # not for Turkish dotless i
        assert is_boilerplate(line.upper())


@pytest.mark.parametrize(("lang", "pattern"), PATTERNS)
def test_every_pattern_has_examples_it_matches(lang: str, pattern: str) -> None:
    examples = PATTERN_EXAMPLES.get(pattern)
    assert examples, f"add an example line for the {lang} pattern {pattern!r}"
    for line in examples:
        assert re.fullmatch(pattern, line, re.IGNORECASE), line
        assert is_boilerplate(line), line


@pytest.mark.parametrize(("lang", "opening"), OPENINGS)
def test_every_opening_has_notices_it_starts(lang: str, opening: str) -> None:
    examples = OPENING_EXAMPLES.get(opening)
    assert examples, f"add an example notice for the {lang} opening {opening!r}"
    for line in examples:
        assert re.match(opening, line, re.IGNORECASE), line
        assert is_boilerplate(line), line


def test_a_long_line_is_boilerplate_only_by_an_opening() -> None:
    notices = [line for lines in OPENING_EXAMPLES.values() for line in lines if len(line) > 250]
    assert len(notices) == 2 and all(is_boilerplate(line) for line in notices)
    assert not is_boilerplate("Related Articles " + "and more words " * 20)


def test_examples_only_name_patterns_that_exist() -> None:
    assert set(PATTERN_EXAMPLES) <= {p for _, p in PATTERNS}


@pytest.mark.parametrize("line", SEED_LINES)
def test_seed_and_wordpress_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_real_sentences_are_kept(sentence: str) -> None:
    assert not is_boilerplate(sentence)
    assert strip_boilerplate(sentence) == sentence


def test_trailing_colon_and_ellipsis_do_not_matter() -> None:
    assert is_boilerplate("Related Articles:")
    assert is_boilerplate("Wird geladen...")
    assert is_boilerplate("Loading…")


def test_empty_and_very_long_lines_are_not_boilerplate() -> None:
    assert not is_boilerplate("")
    assert not is_boilerplate("   ")
    assert not is_boilerplate("Comments " * 100)


def test_strip_boilerplate_keeps_paragraphs_and_collapses_the_gaps() -> None:
    seed_tail = ("Ukraine expressed skepticism about Russia's statements on the pullback.\n\n"
                 "Related Articles\n\nLeave a Reply\n\n"
                 "Your email address will not be published. Required fields are marked *\n\n"
                 "Back to top button\n\n%d bloggers like this:")
    assert strip_boilerplate(seed_tail) == "Ukraine expressed skepticism about Russia's statements on the pullback."
    text = "First paragraph.\n\nShare this:\nTwitter\n\nSecond paragraph,\nwith a line break.\n\nAdvertisement\n\nThird."
    assert strip_boilerplate(text) == "First paragraph.\n\nSecond paragraph,\nwith a line break.\n\nThird."


def test_strip_boilerplate_of_clean_text_is_identity() -> None:
    text = "One paragraph.\n\nAnother paragraph,\nwith a line break."
    assert strip_boilerplate(text) == text
