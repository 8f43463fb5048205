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
fact-watch-list = Watch list
fact-population = Population
fact-christians = Christians
persecution-extreme = Extreme
persecution-very-high = Very high
persecution-high = High
# "No. 7 on the World Watch List 2026"
watch-list-rank = No. { $rank } on the { $list } { $year }
# "227.9 million (2025)"; $year is empty when no year is given.
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
feed-private = (private)

## The site.
nav-weeks = Weeks
nav-countries = Countries
nav-subscribe = Subscribe
nav-calendar = Calendar
nav-feed = Feed
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
greeting-friend = Dear friend,
email-receive-daily = You receive the daily guide of { $title } at { $email }.
email-receive-weekly = You receive the weekly guide of { $title } at { $email }.
unsubscribe = Unsubscribe
unsubscribe-one-click = with one click.
unsubscribe-one-click-colon = Unsubscribe with one click:
unsubscribe-colon = Unsubscribe: { $url }
unsubscribe-write-to = To unsubscribe, write to
# Keep the word "unsubscribe" before the token: whatever reads the mailbox looks for it.
unsubscribe-write-subject = To unsubscribe, write to { $address } with the subject "unsubscribe { $token }".
subject-weekly = This week: { $range }
