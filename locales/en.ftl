# English labels: the reference every other language is checked against.
# A project overrides any of these by message id in locales/<language>.ftl (see locales/README.md).
# Variables in { $braces } are filled in by the program; keep their names.

## Dates. Weekday and month names come from the locale library; these messages only order them.
# "Wednesday 25 November 2026"
date-long = { $weekday } { $day } { $month } { $year }
# "23–29 November 2026"
date-range-days = { $first }–{ $last } { $month } { $year }
# "30 November – 6 December 2026"
date-range-months = { $first } { $first-month } – { $last } { $last-month } { $year }
# "28 December 2026 – 3 January 2027"
date-range-years = { $first } { $first-month } { $first-year } – { $last } { $last-month } { $last-year }

## Sundays of the church year; $n is a number.
sunday-advent = Advent { $n }
sunday-christmas-day = Christmas Day
sunday-christmas = Christmas { $n }
sunday-epiphany = Epiphany
sunday-after-epiphany = Epiphany { $n }
sunday-lent = Lent { $n }
sunday-palm = Palm Sunday
sunday-easter = Easter Day
sunday-eastertide = Easter { $n }
sunday-pentecost = Pentecost
sunday-trinity = Trinity Sunday
sunday-after-trinity = Trinity { $n }

## Facts about a country.
fact-persecution = Persecution
fact-population = Population
fact-christians = Christians
persecution-extreme = Extreme
persecution-very-high = Very high
persecution-high = High
fact-main-religion = Main religion
fact-pressure = Pressure
# The list as a label: "World Watch List 2026". A guide names the World Watch List in English;
# `world-watch-list` is its name in this language, other lists keep the guide's name.
watch-list = { $list } { $year }
world-watch-list = World Watch List
# The locator map beside a country, as screen readers announce it (`role="img"`).
map-of = Location map: { $country }
# A place on the list, with the score and the level where the guide gives them:
# "No. 8 (score 87, extreme)".
watch-list-rank = No. { $rank }
watch-list-rank-score = No. { $rank } (score { $score })
watch-list-rank-level = No. { $rank } ({ $level })
watch-list-rank-score-level = No. { $rank } (score { $score }, { $level })
# A country the list does not rank: "not in the top 50".
watch-list-outside = not in the top { $top }
level-extreme = extreme
level-very-high = very high
level-high = high
# The Christians as a share and a number: "1.8%, 4.5 million".
christians-share-and-number = { $percent }, { $number }
# Between the items of a short list, such as the sources of pressure.
list-separator = { ", " }
# "227.9 million (2025)"; $year is empty when no year is given. $number is written out
# ("1,4"), $count is the same number to choose a plural form by: `{ $count -> [one] … *[other] … }`.
population-billion = { $number } billion
population-million = { $number } million
as-of = { $value } ({ $year })
percent = { $number }%
story-pseudonym = { $pseudonym } is a pseudonym.
story-composite = { $pseudonym } is a pseudonym; the story draws on several accounts.

## The day's guide.
please-pray = Please pray
give-thanks = Give thanks
read = Read: { $scripture }
sources = Sources:
source = Source: { $title }
reviewed = Reviewed { $date }.
day-of = day { $day } of { $days }
# A quotation and who said it, in a web page and in plain text.
quote = “{ $quote }” — { $pseudonym }
quote-text = "{ $quote }" ({ $pseudonym })
private-page = Private: this guide includes points not for public posting. Do not forward or publish it.
private-fragment = Private: this guide includes points not for public posting.
private-text = PRIVATE: includes points not for public posting. Do not forward.
withdrawn = Withdrawn
withdrawn-text = The guide for this day has been withdrawn. Pray for the church in every place where believers pay a price for their faith.

## The week's sheet and the bulletin insert.
week-of = Week of { $range }
pray-this-week = Pray this week
church-notes = Our church’s notes
church-notes-text = OUR CHURCH'S NOTES
sheet-footer = Pseudonyms protect the people in these stories. Sources and full guides: one page per day in the daily guide.
private-sheet = Private: includes points not for public posting. Do not copy or post publicly.
private-bulletin = Private: not for public posting.
bulletin-insert = bulletin insert
bulletin-footer-link = A page a day to pray through: { $url }
bulletin-footer = One point a day from the weekly prayer sheet; the daily guide has more.

## The calendar and the feed.
calendar-pray-for = Pray for { $country }
calendar-private = Private: includes points not for public posting.
calendar-announced = Announced: this day may still change before it is published.
calendar-pinned = ★ a day set aside for this country or theme
feed-private = (private)

## The site.
nav-weeks = Weeks
nav-countries = Countries
nav-subscribe = Subscribe
nav-calendar = Calendar
nav-feed = Feed
alerts-title = Urgent prayer alerts
site-footer = { $title }: guides for { $range }. Pseudonyms protect the people in these stories.
private-site = Private: this site includes points not for public posting. Do not publish it.
today = Today
todays-page = Today’s page
this-week = This week
weeks-page = The week’s page
print = print
print-colon = Print:
or = or
and = and
weekly-sheet = the weekly sheet
bulletin-insert-link = the bulletin insert
one-page = (one page)
two-to-a-sheet = (two to a sheet, to cut)
subscribe-heading = Pray along in your calendar or feed reader
subscribe-calendar = Calendar, a day’s country and points each day:
subscribe = subscribe
or-add = or add
by-address = by address
subscribe-feed = Feed, for feed readers and newsletters:
subscribe-apps = For websites and apps:
every-week = Every week
previous-day = ← Previous day
next-day = Next day →
previous-week = ← Previous week
next-week = Next week →
country-every-day = { $country }: every day in this guide
coming-up = Coming up
no-more-days = No more days for { $country } in { $range }.
earlier = Earlier

## Email digests.
greeting = Dear { $name },
# Not "Dear friend,": SpamAssassin's DEAR_FRIEND rule scores that 2.7 towards spam.
greeting-friend = Hello,
email-receive-daily = You receive the daily guide of { $title } at { $email }.
email-receive-weekly = You receive the weekly guide of { $title } at { $email }.
unsubscribe = Unsubscribe
unsubscribe-one-click = with one click.
unsubscribe-one-click-colon = Unsubscribe with one click:
unsubscribe-colon = Unsubscribe: { $url }
unsubscribe-write-to = To unsubscribe, write to
# Keep the word "unsubscribe" before the token: whatever reads the mailbox looks for it.
unsubscribe-write-subject = To unsubscribe, write to { $address } with the subject "unsubscribe { $token }".
# Sent with --without-unsubscribe: no link and no address to write to.
unsubscribe-reply = To stop receiving these emails, reply to this one and say so.
subject-weekly = This week: { $range }

## The sign-up, confirmation, unsubscribe and preferences pages of `serve`, and their emails.
# The language's own name, in the language chooser of the sign-up form.
language-name = English
web-subscribe-title = Subscribe
web-subscribe-intro = A short guide to pray for Christians who face pressure for their faith, by email: every day, or once a week.
web-email = Email address
web-name = Name
web-name-note = (optional, for the greeting)
web-how-often = How often
web-daily = Every day
web-weekly = Once a week
web-format = Email format
web-format-html = Formatted
web-format-text = Plain text
web-language = Language
web-hour = Arrives at
web-timezone = Time zone
web-leave-empty = Leave this empty
web-subscribe-button = Subscribe
web-subscribe-note = We email you a link to confirm; nothing is sent until you follow it. Every email has a link to leave.
web-confirm-title = Confirm
web-confirm-heading = Confirm your subscription
web-confirm-text = Press the button to start receiving { $title }.
web-confirm-button = Yes, subscribe me
web-unsubscribe-question = Stop sending { $title } to { $email }?
web-change-instead = Or change how often and when it arrives
web-preferences-title = Preferences
web-preferences-heading = Your preferences
web-saved = Saved.
web-not-subscribed = unsubscribed
web-saving-resubscribes = (saving subscribes you again)
web-save = Save
web-export = Email me my data
web-erase = Erase my data
web-check-inbox = Check your inbox
web-check-inbox-text = If the address can receive the guide, an email is on its way with a link to confirm. Nothing is sent until you follow it.
web-try-later = Please try again later
web-too-many = There have been many sign-ups from your network in the last hour.
web-mail-failed = The email could not be sent just now. Please try again in a few minutes.
web-subscribed = You are subscribed
web-subscribed-daily = { $email } will receive the daily guide.
web-subscribed-weekly = { $email } will receive the weekly guide.
web-change-preferences = Change your preferences
web-link-expired = This link has expired or was already used
web-link-expired-text = Sign up again to receive a new link.
web-error = Something went wrong
web-error-text = Please try again in a few minutes.
web-unknown-link = This link is not valid
web-unknown-link-text = Use the link from your most recent email.
web-unsubscribed = You are unsubscribed
web-unsubscribed-text = This address receives no more guides.
web-unsubscribed-again = { $email } receives no more guides. Changed your mind? You can sign up again at any time.
web-sign-up-again = Sign up again
web-form-expired = This form has expired
web-form-expired-text = Open the preferences link in your most recent email again.
web-erased = Your data is erased
web-erased-text = Your address and name are deleted; the guide will not be sent to you again.
web-export-sent = On its way
web-export-sent-text = An email with everything we keep about you is on its way to your address.
web-export-failed = The email could not be sent just now.
# What is wrong with a form; $value is what the reader typed.
web-problem-email = “{ $value }” is not an email address.
web-problem-email-unmailable = Mail cannot be sent to “{ $value }”: use an address without quotes, at a domain rather than an IP address, like name@example.org.
web-problem-name-long = The name is longer than 100 characters.
web-problem-name-line = The name must be on one line.
web-problem-cadence = “{ $value }” is not daily or weekly.
web-problem-format = “{ $value }” is not formatted or plain text.
web-problem-timezone = “{ $value }” is not a time zone: use a name such as Europe/London.
web-problem-hour = “{ $value }” is not an hour: use 0 to 23.
web-problem-language = “{ $value }” is not one of the languages offered.
web-too-many-address = This address was signed up several times in the last hour. Look for the email in its inbox, or try again later.
web-signup-not-saved = Your sign-up could not be saved just now; nothing changed and no email was sent. Please try again in a few minutes.
web-unsubscribe-not-saved = Your unsubscribe could not be saved; nothing changed. Please try again in a few minutes.
web-preferences-not-saved = Your changes could not be saved; nothing changed. Please try again in a few minutes.
web-erase-not-saved = Your data could not be erased just now; nothing changed. Please try again in a few minutes.
web-erased-later-text = Your address and name are deleted; the guide will not be sent to you again. Old copies left in the database file are cleared as soon as no other program is reading it.
web-erase-heading = Erase your data?
web-erase-question = This deletes { $email } and your name for good, and stops the guide. It cannot be undone.
web-erase-button = Yes, erase my data
web-erase-keep = No, keep my subscription
web-form-old-text = It was opened more than a day ago. Open your preferences again to get a fresh form.
web-form-fresh = Open your preferences again
# The emails of sign-up: confirm, already subscribed, and the data a reader asked for.
signup-subject-confirm = Please confirm: { $title }
signup-subject-already = You already receive { $title }
signup-subject-export = Your data: { $title }
signup-confirm = Please confirm that you want to receive { $title }:
signup-confirm-hours = The link works for { $hours } hours. If you did not ask for this, ignore this email: nothing will be sent to you.
signup-already = Someone (perhaps you) asked to subscribe this address to { $title }. It already receives the guide. To change how often or when it arrives, or to leave, use this link:
signup-export = You asked what we keep about you for { $title }. This is all of it:
export-address = Address
export-subscribed = Subscribed
export-yes = yes
export-no = no
export-history = Emails sent to you ({ $count }):
export-change = Change or erase it here:
web-pow-needs-js = This church has turned on a check against automated sign-ups that needs JavaScript: please allow JavaScript for this page to sign up.
web-pow-refused = The form's check against automated sign-ups was missing, expired or already used. Please send the form again.
web-pow-working = Checking…

## `prayer-guide import`: what marks a prayer list on a page. Each is a list separated by " | ",
## matched at the start of a line without regard to case or accents; a phrase written "…words"
## matches at the end of a line instead (for languages that put the verb last).
# Headings that open a list of prayer points.
import-prayer-headings = Please pray | Pray for | Pray that | How to pray | How you can pray | Ways to pray | Prayer points | Prayer requests | Prayer needs | Prayer focus | Pray with us | Let us pray | Let's pray
# Headings of a list of thanks and praise (kept apart from the prayer points).
import-praise-headings = Praise | Praise and thanks | Praise reports | Give thanks | Thanksgiving | Answers to prayer | Answered prayer | Reasons to give thanks
# Words a prayer point begins with, so that a list without a heading is found.
import-prayer-verbs = Pray | Please pray | Let us pray | Let's pray | Ask the Lord | Ask God | Ask | Intercede | Lift up
# Words a point of thanks or praise begins with.
import-praise-verbs = Praise God | Praise the Lord | Praise | Thank God | Thank the Lord | Give thanks | Rejoice

## The church year: Christ the King, feasts named on weekdays, and the Orthodox year
## (`church_year = "orthodox"`), named as the Orthodox Church in America names them.
sunday-christ-the-king = Christ the King
feast-ash-wednesday = Ash Wednesday
feast-maundy-thursday = Maundy Thursday
feast-good-friday = Good Friday
feast-ascension = Ascension Day
feast-transfiguration = The Transfiguration
feast-all-saints = All Saints’ Day
orthodox-zacchaeus = Sunday of Zacchaeus
orthodox-publican-pharisee = Sunday of the Publican and the Pharisee
orthodox-prodigal-son = Sunday of the Prodigal Son
orthodox-last-judgment = Sunday of the Last Judgment (Meatfare)
orthodox-forgiveness = Forgiveness Sunday (Cheesefare)
orthodox-clean-monday = Clean Monday
orthodox-orthodoxy = Sunday of Orthodoxy
orthodox-gregory-palamas = Sunday of St Gregory Palamas
orthodox-holy-cross = Sunday of the Holy Cross
orthodox-john-climacus = Sunday of St John Climacus
orthodox-mary-of-egypt = Sunday of St Mary of Egypt
orthodox-palm = Palm Sunday
orthodox-holy-thursday = Great and Holy Thursday
orthodox-holy-friday = Great and Holy Friday
orthodox-pascha = Pascha
orthodox-thomas = Thomas Sunday
orthodox-myrrh-bearers = Sunday of the Myrrh-bearing Women
orthodox-paralytic = Sunday of the Paralytic
orthodox-samaritan-woman = Sunday of the Samaritan Woman
orthodox-blind-man = Sunday of the Blind Man
orthodox-ascension = The Ascension
orthodox-first-council = Sunday of the Fathers of the First Council
orthodox-pentecost = Pentecost
orthodox-all-saints = Sunday of All Saints
# The Sundays after Pentecost; $n is 2 or more (All Saints is the first).
orthodox-after-pentecost = { $n ->
    [2] 2nd
    [3] 3rd
    [21] 21st
    [22] 22nd
    [23] 23rd
    [31] 31st
    [32] 32nd
    [33] 33rd
   *[other] { $n }th
} Sunday after Pentecost
orthodox-nativity-fast = { $n ->
    [21] 21st
    [22] 22nd
    [23] 23rd
    [31] 31st
    [32] 32nd
    [33] 33rd
   *[other] { $n }th
} Sunday after Pentecost (Nativity Fast)
orthodox-forefathers = Sunday of the Forefathers
orthodox-before-nativity = Sunday before the Nativity
orthodox-nativity = Nativity of Christ
orthodox-after-nativity = Sunday after the Nativity
orthodox-before-theophany = Sunday before Theophany
orthodox-theophany = Theophany
orthodox-after-theophany = Sunday after Theophany

## Issue 25: terms and numbers.
# Languages that count by ten thousands (ko, ja, zh): $number has its units already ("2억 2790만",
# "14억"); the message adds what is counted.
population-myriad = { $number }
# The days of `date-range-*` after a word, as "from … to": es "del 22 al 28 de noviembre de 2026",
# de "vom 22. bis 28. November 2026". `week-of`, `site-footer` and `no-more-days` get it as $span.
date-span-days = { $first }–{ $last } { $month } { $year }
date-span-months = { $first } { $first-month } – { $last } { $last-month } { $year }
date-span-years = { $first } { $first-month } { $first-year } – { $last } { $last-month } { $last-year }
# A label and its value: "Population: 4.5 million"; French puts a no-break space before the colon.
label-value = { $label }: { $value }

# The site as an app, and "I will pray" (site day pages, the digest's link, serve's page).
nav-today = Today
app-install = Install the app
pray-button = I will pray
pray-done = You will pray for this day
pray-offline = Not counted: you are offline. Please try again when you are connected.
# The daily reminder by Web Push on a day page (needs `serve` with [push]).
remind-button = Remind me daily
remind-hour = at
remind-done = You will get a reminder every day at this hour.
remind-off = Stop the daily reminder
remind-stopped = The daily reminder is off.
remind-denied = Notifications are blocked for this site: allow them in the browser's settings to get a reminder.
remind-failed = The reminder could not be set up. Please try again later.
pray-invitation = Press the button to say that you will pray for this day. Only the number of people is kept: no name, address or account.
# $count chooses the plural form (CLDR rules); $number is the same count written out ("1,204").
pray-count = { $count ->
    [0] No one has said yet that they will pray.
    [one] { $number } person prayed.
   *[other] { $number } people prayed.
}
pray-thanks = Thank you for praying
pray-counted = You are counted among those who pray for this day.
pray-already = You had already said so for this day: it is counted once.
pray-too-many = Many prayers have been counted from your network in the last hour.
pray-not-saved = Your prayer could not be counted; nothing changed. Please try again in a few minutes.
pray-unknown-day = There is no guide for that day to pray with here.
