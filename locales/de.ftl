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
fact-watch-list = Weltverfolgungsindex
fact-population = Bevölkerung
fact-christians = Christen
persecution-extreme = Extrem
persecution-very-high = Sehr hoch
persecution-high = Hoch
watch-list-rank = Nr. { $rank } auf dem { $list } { $year }
population-billion = { $number } Milliarden
population-million = { $number } Millionen
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
week-of = Woche vom { $range }
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
feed-private = (vertraulich)

## Die Website.
nav-weeks = Wochen
nav-countries = Länder
nav-subscribe = Abonnieren
nav-calendar = Kalender
nav-feed = Feed
site-footer = { $title }: Leitfäden für { $range }. Pseudonyme schützen die Menschen in diesen Geschichten.
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
subject-weekly = Diese Woche: { $range }
