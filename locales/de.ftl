# Deutsche Beschriftungen. Ein Projekt kann jede davon in locales/de.ftl ersetzen (gleiche id).

## Daten: Wochentags- und Monatsnamen kommen aus den Locale-Daten.
date-long = { $weekday }, { $day }. { $month } { $year }
date-range-days = { $first }.–{ $last }. { $month } { $year }
date-range-months = { $first }. { $first-month } – { $last }. { $last-month } { $year }
date-range-years = { $first }. { $first-month } { $first-year } – { $last }. { $last-month } { $last-year }

## Sonntage des Kirchenjahres.
sunday-advent = { $n }. Advent
sunday-christmas-day = Christfest
sunday-christmas = { $n }. Sonntag nach Weihnachten
sunday-epiphany = Epiphanias
sunday-after-epiphany = { $n }. Sonntag nach Epiphanias
sunday-lent = { $n }. Sonntag der Passionszeit
sunday-palm = Palmsonntag
sunday-easter = Ostersonntag
sunday-eastertide = { $n }. Sonntag der Osterzeit
sunday-pentecost = Pfingstsonntag
sunday-trinity = Trinitatis
sunday-after-trinity = { $n }. Sonntag nach Trinitatis

## Angaben zum Land.
fact-persecution = Verfolgung
fact-population = Bevölkerung
fact-christians = Christen
persecution-extreme = Extrem
persecution-very-high = Sehr hoch
persecution-high = Hoch
fact-main-religion = Hauptreligion
fact-pressure = Triebkräfte der Verfolgung
watch-list = { $list } { $year }
world-watch-list = Weltverfolgungsindex
map-of = Lagekarte: { $country }
watch-list-rank = Platz { $rank }
watch-list-rank-score = Platz { $rank } (Punktzahl { $score })
watch-list-rank-level = Platz { $rank } ({ $level })
watch-list-rank-score-level = Platz { $rank } (Punktzahl { $score }, { $level })
watch-list-outside = nicht unter den ersten { $top }
level-extreme = extrem
level-very-high = sehr hoch
level-high = hoch
christians-share-and-number = { $percent }, { $number }
list-separator = { ", " }
population-billion = { $count ->
    [one] { $number } Milliarde
   *[other] { $number } Milliarden
}
population-million = { $count ->
    [one] { $number } Million
   *[other] { $number } Millionen
}
as-of = { $value } ({ $year })
percent = { $number } %
story-pseudonym = { $pseudonym } ist ein Pseudonym.
story-composite = { $pseudonym } ist ein Pseudonym; die Geschichte beruht auf mehreren Berichten.

## Der Leitfaden des Tages.
please-pray = Bitte beten Sie
give-thanks = Danken Sie
read = Lesung: { $scripture }
sources = Quellen:
source = Quelle: { $title }
reviewed = Geprüft am { $date }.
day-of = Tag { $day } von { $days }
quote = „{ $quote }“ — { $pseudonym }
quote-text = „{ $quote }“ ({ $pseudonym })
private-page = Vertraulich: Dieser Leitfaden enthält Anliegen, die nicht veröffentlicht werden dürfen. Bitte nicht weiterleiten oder veröffentlichen.
private-fragment = Vertraulich: Dieser Leitfaden enthält Anliegen, die nicht veröffentlicht werden dürfen.
private-text = VERTRAULICH: enthält Anliegen, die nicht veröffentlicht werden dürfen. Nicht weiterleiten.

withdrawn = Zurückgezogen
withdrawn-text = Der Leitfaden für diesen Tag wurde zurückgezogen. Beten Sie für die Gemeinde überall dort, wo Gläubige einen Preis für ihren Glauben zahlen.

## Das Wochenblatt und die Gemeindebrief-Beilage.
week-of = Woche { $span }
pray-this-week = Gebet in dieser Woche
church-notes = Mitteilungen unserer Gemeinde
church-notes-text = MITTEILUNGEN UNSERER GEMEINDE
sheet-footer = Pseudonyme schützen die Menschen in diesen Geschichten. Quellen und vollständige Leitfäden: eine Seite pro Tag im täglichen Leitfaden.
private-sheet = Vertraulich: enthält Anliegen, die nicht veröffentlicht werden dürfen. Nicht kopieren oder öffentlich teilen.
private-bulletin = Vertraulich: nicht veröffentlichen.
bulletin-insert = Beilage für den Gemeindebrief
bulletin-footer-link = Jeden Tag eine Seite zum Beten: { $url }
bulletin-footer = Ein Anliegen pro Tag aus dem Wochenblatt; der tägliche Leitfaden bietet mehr.

## Kalender und Feed.
calendar-pray-for = Beten für { $country }
calendar-private = Vertraulich: enthält Anliegen, die nicht veröffentlicht werden dürfen.
calendar-announced = Angekündigt: dieser Tag kann sich bis zur Veröffentlichung noch ändern.
calendar-pinned = ★ ein Tag, der diesem Land oder Thema vorbehalten ist
feed-private = (vertraulich)

## Die Website.
nav-weeks = Wochen
nav-countries = Länder
nav-subscribe = Abonnieren
nav-calendar = Kalender
nav-feed = Feed
alerts-title = Dringende Gebetsanliegen
site-footer = { $title }: Leitfäden { $span }. Pseudonyme schützen die Menschen in diesen Geschichten.
private-site = Vertraulich: Diese Website enthält Anliegen, die nicht veröffentlicht werden dürfen. Nicht veröffentlichen.
today = Heute
todays-page = Die Seite von heute
this-week = Diese Woche
weeks-page = Die Seite der Woche
print = drucken Sie
print-colon = Drucken:
or = oder
and = und
weekly-sheet = das Wochenblatt
bulletin-insert-link = die Gemeindebrief-Beilage
one-page = (eine Seite)
two-to-a-sheet = (zwei pro Blatt, zum Schneiden)
subscribe-heading = Beten Sie mit – im Kalender oder Feedreader
subscribe-calendar = Kalender, das Land und die Anliegen jedes Tages:
subscribe = abonnieren
or-add = oder fügen Sie
by-address = per Adresse hinzu
subscribe-feed = Feed, für Feedreader und Newsletter:
subscribe-apps = Für Websites und Apps:
every-week = Alle Wochen
previous-day = ← Vorheriger Tag
next-day = Nächster Tag →
previous-week = ← Vorherige Woche
next-week = Nächste Woche →
country-every-day = { $country }: alle Tage in diesem Leitfaden
coming-up = Demnächst
no-more-days = Keine weiteren Tage für { $country } im Zeitraum { $range }.
earlier = Früher

## E-Mails.
greeting = Liebe(r) { $name },
greeting-friend = Liebe Freundin, lieber Freund,
email-receive-daily = Sie erhalten den täglichen Leitfaden von { $title } an { $email }.
email-receive-weekly = Sie erhalten den wöchentlichen Leitfaden von { $title } an { $email }.
unsubscribe = Abmelden
unsubscribe-one-click = mit einem Klick.
unsubscribe-one-click-colon = Mit einem Klick abmelden:
unsubscribe-colon = Abmelden: { $url }
unsubscribe-write-to = Zum Abmelden schreiben Sie an
unsubscribe-write-subject = Zum Abmelden schreiben Sie an { $address } mit dem Betreff "unsubscribe { $token }".
unsubscribe-reply = Wenn Sie diese E-Mails nicht mehr erhalten möchten, antworten Sie einfach auf diese.
subject-weekly = Diese Woche: { $range }

## Die Anmeldeseiten von `serve` und ihre E-Mails.
language-name = Deutsch
web-subscribe-title = Abonnieren
web-subscribe-intro = Ein kurzer Leitfaden zum Gebet für Christen, die wegen ihres Glaubens unter Druck stehen, per E-Mail: jeden Tag oder einmal pro Woche.
web-email = E-Mail-Adresse
web-name = Name
web-name-note = (freiwillig, für die Anrede)
web-how-often = Wie oft
web-daily = Jeden Tag
web-weekly = Einmal pro Woche
web-format = E-Mail-Format
web-format-html = Formatiert
web-format-text = Nur Text
web-language = Sprache
web-hour = Ankunft um
web-timezone = Zeitzone
web-leave-empty = Bitte leer lassen
web-subscribe-button = Abonnieren
web-subscribe-note = Wir senden Ihnen einen Link zur Bestätigung; erst danach wird etwas verschickt. Jede E-Mail enthält einen Link zum Abmelden.
web-confirm-title = Bestätigen
web-confirm-heading = Bestätigen Sie Ihr Abonnement
web-confirm-text = Drücken Sie die Schaltfläche, um { $title } zu erhalten.
web-confirm-button = Ja, abonnieren
web-unsubscribe-question = { $title } nicht mehr an { $email } senden?
web-change-instead = Oder ändern Sie, wie oft und wann er ankommt
web-preferences-title = Einstellungen
web-preferences-heading = Ihre Einstellungen
web-saved = Gespeichert.
web-not-subscribed = abgemeldet
web-saving-resubscribes = (Speichern meldet Sie wieder an)
web-save = Speichern
web-export = Meine Daten per E-Mail senden
web-erase = Meine Daten löschen
web-check-inbox = Sehen Sie in Ihr Postfach
web-check-inbox-text = Wenn die Adresse den Leitfaden erhalten kann, ist eine E-Mail mit einem Bestätigungslink unterwegs. Erst danach wird etwas verschickt.
web-try-later = Bitte versuchen Sie es später noch einmal
web-too-many = Aus Ihrem Netzwerk gab es in der letzten Stunde viele Anmeldungen.
web-mail-failed = Die E-Mail konnte gerade nicht gesendet werden. Bitte versuchen Sie es in ein paar Minuten erneut.
web-subscribed = Abonnement bestätigt
web-subscribed-daily = { $email } erhält den täglichen Leitfaden.
web-subscribed-weekly = { $email } erhält den wöchentlichen Leitfaden.
web-change-preferences = Einstellungen ändern
web-link-expired = Dieser Link ist abgelaufen oder wurde schon benutzt
web-link-expired-text = Melden Sie sich erneut an, um einen neuen Link zu erhalten.
web-error = Etwas ist schiefgegangen
web-error-text = Bitte versuchen Sie es in ein paar Minuten noch einmal.
web-unknown-link = Dieser Link ist ungültig
web-unknown-link-text = Verwenden Sie den Link aus Ihrer neuesten E-Mail.
web-unsubscribed = Sie sind abgemeldet
web-unsubscribed-text = Diese Adresse erhält keine Leitfäden mehr.
web-unsubscribed-again = { $email } erhält keine Leitfäden mehr. Anders entschieden? Sie können sich jederzeit wieder anmelden.
web-sign-up-again = Wieder anmelden
web-form-expired = Dieses Formular ist abgelaufen
web-form-expired-text = Öffnen Sie den Link zu den Einstellungen aus Ihrer neuesten E-Mail erneut.
web-erased = Ihre Daten sind gelöscht
web-erased-text = Ihre Adresse und Ihr Name sind gelöscht; der Leitfaden wird Ihnen nicht mehr gesendet.
web-export-sent = Unterwegs
web-export-sent-text = Eine E-Mail mit allem, was wir über Sie speichern, ist an Ihre Adresse unterwegs.
web-export-failed = Die E-Mail konnte gerade nicht gesendet werden.
web-problem-email = „{ $value }“ ist keine E-Mail-Adresse.
web-problem-email-unmailable = An „{ $value }“ kann keine E-Mail gesendet werden: Bitte eine Adresse ohne Anführungszeichen und mit einer Domain statt einer IP-Adresse angeben, etwa name@example.org.
web-problem-name-long = Der Name ist länger als 100 Zeichen.
web-problem-name-line = Der Name muss in einer Zeile stehen.
web-problem-cadence = „{ $value }“ ist weder täglich noch wöchentlich.
web-problem-format = „{ $value }“ ist weder formatiert noch nur Text.
web-problem-timezone = „{ $value }“ ist keine Zeitzone: verwenden Sie einen Namen wie Europe/Berlin.
web-problem-hour = „{ $value }“ ist keine Stunde: verwenden Sie 0 bis 23.
web-problem-language = „{ $value }“ gehört nicht zu den angebotenen Sprachen.
web-too-many-address = Diese Adresse wurde in der letzten Stunde mehrmals angemeldet. Sehen Sie im Posteingang nach der E-Mail, oder versuchen Sie es später erneut.
web-signup-not-saved = Ihre Anmeldung konnte nicht gespeichert werden; nichts wurde geändert und keine E-Mail gesendet. Bitte versuchen Sie es in ein paar Minuten erneut.
web-unsubscribe-not-saved = Ihre Abmeldung konnte nicht gespeichert werden; nichts wurde geändert. Bitte versuchen Sie es in ein paar Minuten erneut.
web-preferences-not-saved = Ihre Änderungen konnten nicht gespeichert werden; nichts wurde geändert. Bitte versuchen Sie es in ein paar Minuten erneut.
web-erase-not-saved = Ihre Daten konnten gerade nicht gelöscht werden; nichts wurde geändert. Bitte versuchen Sie es in ein paar Minuten erneut.
web-erased-later-text = Ihre Adresse und Ihr Name sind gelöscht; der Leitfaden wird Ihnen nicht mehr gesendet. Alte Kopien in der Datenbankdatei werden entfernt, sobald kein anderes Programm sie liest.
web-erase-heading = Ihre Daten löschen?
web-erase-question = Damit werden { $email } und Ihr Name endgültig gelöscht und der Leitfaden abbestellt. Das lässt sich nicht rückgängig machen.
web-erase-button = Ja, meine Daten löschen
web-erase-keep = Nein, Abonnement behalten
web-form-old-text = Es wurde vor mehr als einem Tag geöffnet. Öffnen Sie Ihre Einstellungen erneut, um ein neues Formular zu erhalten.
web-form-fresh = Einstellungen erneut öffnen
signup-subject-confirm = Bitte bestätigen: { $title }
signup-subject-already = Sie erhalten { $title } bereits
signup-subject-export = Ihre Daten: { $title }
signup-confirm = Bitte bestätigen Sie, dass Sie { $title } erhalten möchten:
signup-confirm-hours = Der Link gilt { $hours } Stunden. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Sie erhalten nichts.
signup-already = Jemand (vielleicht Sie) wollte diese Adresse für { $title } anmelden. Sie erhält den Leitfaden bereits. Um zu ändern, wie oft oder wann er ankommt, oder um sich abzumelden, nutzen Sie diesen Link:
signup-export = Sie haben gefragt, was wir für { $title } über Sie speichern. Das ist alles:
export-address = Adresse
export-subscribed = Angemeldet
export-yes = ja
export-no = nein
export-history = An Sie gesendete E-Mails ({ $count }):
export-change = Hier ändern oder löschen:
web-pow-needs-js = Diese Gemeinde hat eine Prüfung gegen automatische Anmeldungen eingeschaltet, die JavaScript braucht: Bitte erlauben Sie JavaScript für diese Seite, um sich anzumelden.
web-pow-refused = Die Prüfung des Formulars gegen automatische Anmeldungen fehlte, ist abgelaufen oder wurde schon verwendet. Bitte senden Sie das Formular noch einmal.
web-pow-working = Wird geprüft…

## `prayer-guide import`: Listen, getrennt durch " | " (siehe en.ftl).
import-prayer-headings = Bitte beten Sie | Gebetsanliegen | Betet für | Beten Sie für | Gebetsthemen | Gebetspunkte | Wie Sie beten können | Lasst uns beten | Wir beten für
import-praise-headings = Danken Sie Gott | Lob und Dank | Dank und Lob | Danket Gott | Wir danken Gott | Gebetserhörungen | Dankesanliegen
import-prayer-verbs = Beten Sie | Betet | Bitte beten Sie | Lasst uns beten | Beten wir | Bitten Sie Gott | Bittet Gott | Bitten wir Gott
import-praise-verbs = Danken Sie | Danket | Dankt Gott | Danken wir | Loben Sie Gott | Lobt Gott | Loben wir Gott | Preisen Sie Gott

## Das Kirchenjahr: Christkönig, Feste an Werktagen und das orthodoxe Jahr (`church_year = "orthodox"`).
sunday-christ-the-king = Christkönigssonntag
feast-ash-wednesday = Aschermittwoch
feast-maundy-thursday = Gründonnerstag
feast-good-friday = Karfreitag
feast-ascension = Christi Himmelfahrt
feast-transfiguration = Verklärung des Herrn
feast-all-saints = Allerheiligen
orthodox-zacchaeus = Sonntag des Zachäus
orthodox-publican-pharisee = Sonntag vom Zöllner und Pharisäer
orthodox-prodigal-son = Sonntag vom verlorenen Sohn
orthodox-last-judgment = Sonntag vom Jüngsten Gericht (Fleischentsagung)
orthodox-forgiveness = Sonntag der Vergebung (Käseentsagung)
orthodox-clean-monday = Reiner Montag
orthodox-orthodoxy = Sonntag der Orthodoxie
orthodox-gregory-palamas = Sonntag des hl. Gregor Palamas
orthodox-holy-cross = Sonntag der Kreuzverehrung
orthodox-john-climacus = Sonntag des hl. Johannes Klimakos
orthodox-mary-of-egypt = Sonntag der hl. Maria von Ägypten
orthodox-palm = Palmsonntag
orthodox-holy-thursday = Großer und Heiliger Donnerstag
orthodox-holy-friday = Großer und Heiliger Freitag
orthodox-pascha = Pascha
orthodox-thomas = Thomassonntag
orthodox-myrrh-bearers = Sonntag der Myrrhenträgerinnen
orthodox-paralytic = Sonntag des Gelähmten
orthodox-samaritan-woman = Sonntag der Samariterin
orthodox-blind-man = Sonntag des Blindgeborenen
orthodox-ascension = Christi Himmelfahrt
orthodox-first-council = Sonntag der Väter des Ersten Konzils
orthodox-pentecost = Pfingsten
orthodox-all-saints = Sonntag Aller Heiligen
orthodox-after-pentecost = { $n }. Sonntag nach Pfingsten
orthodox-nativity-fast = { $n }. Sonntag nach Pfingsten (Weihnachtsfasten)
orthodox-forefathers = Sonntag der Vorväter
orthodox-before-nativity = Sonntag vor Christi Geburt
orthodox-nativity = Christi Geburt
orthodox-after-nativity = Sonntag nach Christi Geburt
orthodox-before-theophany = Sonntag vor Theophanie
orthodox-theophany = Theophanie
orthodox-after-theophany = Sonntag nach Theophanie

## Issue 25: Begriffe und Zahlen.
population-myriad = { $number }
date-span-days = vom { $first }. bis { $last }. { $month } { $year }
date-span-months = vom { $first }. { $first-month } bis { $last }. { $last-month } { $year }
date-span-years = vom { $first }. { $first-month } { $first-year } bis { $last }. { $last-month } { $last-year }
label-value = { $label }: { $value }

# Die Website als App, und „Ich bete“.
nav-today = Heute
app-install = App installieren
pray-button = Ich bete
pray-done = Sie beten für diesen Tag
pray-offline = Nicht gezählt: Sie sind offline. Bitte versuchen Sie es mit Verbindung noch einmal.
remind-button = Täglich erinnern
remind-hour = um
remind-done = Sie werden jeden Tag zu dieser Stunde erinnert.
remind-off = Tägliche Erinnerung beenden
remind-stopped = Die tägliche Erinnerung ist aus.
remind-denied = Benachrichtigungen sind für diese Website blockiert: Erlauben Sie sie in den Browser-Einstellungen, um erinnert zu werden.
remind-failed = Die Erinnerung konnte nicht eingerichtet werden. Bitte versuchen Sie es später noch einmal.
pray-invitation = Drücken Sie den Knopf, um zu sagen, dass Sie für diesen Tag beten. Gespeichert wird nur die Zahl der Menschen: kein Name, keine Adresse, kein Konto.
pray-count = { $count ->
    [0] Noch niemand hat gesagt, dass er betet.
    [one] { $number } Mensch hat gebetet.
   *[other] { $number } Menschen haben gebetet.
}
pray-thanks = Danke für Ihr Gebet
pray-counted = Sie sind unter denen gezählt, die für diesen Tag beten.
pray-already = Das hatten Sie für diesen Tag schon gesagt: Es zählt einmal.
pray-too-many = Aus Ihrem Netzwerk wurden in der letzten Stunde viele Gebete gezählt.
pray-not-saved = Ihr Gebet konnte nicht gezählt werden; nichts hat sich geändert. Bitte versuchen Sie es in ein paar Minuten noch einmal.
pray-unknown-day = Für diesen Tag gibt es hier keinen Gebetsleitfaden.
