# 한국어 레이블. 프로젝트의 locales/ko.ftl 에서 같은 id 로 바꿀 수 있습니다.

## 날짜: 요일과 월 이름은 로캘 데이터에서 가져옵니다 ($month 는 "11월").
date-long = { $year }년 { $month } { $day }일 { $weekday }
date-range-days = { $year }년 { $month } { $first }일–{ $last }일
date-range-months = { $year }년 { $first-month } { $first }일 – { $last-month } { $last }일
date-range-years = { $first-year }년 { $first-month } { $first }일 – { $last-year }년 { $last-month } { $last }일

## 교회력의 주일.
sunday-advent = 대림절 제{ $n }주일
sunday-christmas-day = 성탄절
sunday-christmas = 성탄 후 제{ $n }주일
sunday-epiphany = 주현절
sunday-after-epiphany = 주현절 후 제{ $n }주일
sunday-lent = 사순절 제{ $n }주일
sunday-palm = 종려주일
sunday-easter = 부활절
sunday-eastertide = 부활절 제{ $n }주일
sunday-pentecost = 성령강림절
sunday-trinity = 삼위일체주일
sunday-after-trinity = 삼위일체 후 제{ $n }주일

## 나라 정보.
fact-persecution = 박해 수준
fact-watch-list = 감시 목록
fact-population = 인구
fact-christians = 기독교인
persecution-extreme = 극심
persecution-very-high = 매우 높음
persecution-high = 높음
watch-list-rank = { $year } { $list } { $rank }위
population-billion = { $number }십억 명
population-million = { $number }백만 명
as-of = { $value } ({ $year }년)
percent = { $number }%
story-pseudonym = { $pseudonym }은(는) 가명입니다.
story-composite = { $pseudonym }은(는) 가명이며, 이 이야기는 여러 증언을 모은 것입니다.

## 오늘의 기도 안내.
please-pray = 기도해 주세요
give-thanks = 감사합니다
read = 말씀: { $scripture }
sources = 출처:
source = 출처: { $title }
reviewed = { $date } 검토.
day-of = { $days }일 중 { $day }일째
quote = “{ $quote }” — { $pseudonym }
quote-text = "{ $quote }" ({ $pseudonym })
private-page = 비공개: 이 안내에는 공개하면 안 되는 기도 제목이 있습니다. 전달하거나 게시하지 마세요.
private-fragment = 비공개: 이 안내에는 공개하면 안 되는 기도 제목이 있습니다.
private-text = 비공개: 공개하면 안 되는 기도 제목이 있습니다. 전달하지 마세요.

withdrawn = 철회됨
withdrawn-text = 이날의 안내는 철회되었습니다. 믿음 때문에 대가를 치르는 모든 곳의 교회를 위해 기도해 주세요.

## 주간 기도지와 주보 삽지.
week-of = { $range } 주간
pray-this-week = 이번 주 기도
church-notes = 우리 교회 소식
church-notes-text = 우리 교회 소식
sheet-footer = 이야기 속 인물은 가명으로 보호됩니다. 출처와 전체 안내: 매일 기도 안내의 하루 한 쪽.
private-sheet = 비공개: 공개하면 안 되는 기도 제목이 있습니다. 복사하거나 게시하지 마세요.
private-bulletin = 비공개: 게시하지 마세요.
bulletin-insert = 주보 삽지
bulletin-footer-link = 하루 한 쪽 기도 안내: { $url }
bulletin-footer = 주간 기도지에서 하루 한 가지 기도 제목; 매일 기도 안내에 더 있습니다.

## 달력과 피드.
calendar-pray-for = { $country }을(를) 위해 기도
calendar-private = 비공개: 공개하면 안 되는 기도 제목이 있습니다.
feed-private = (비공개)

## 웹사이트.
nav-weeks = 주간
nav-countries = 나라
nav-subscribe = 구독
nav-calendar = 달력
nav-feed = 피드
site-footer = { $title }: { $range } 안내. 이야기 속 인물은 가명으로 보호됩니다.
private-site = 비공개: 이 사이트에는 공개하면 안 되는 기도 제목이 있습니다. 게시하지 마세요.
today = 오늘
todays-page = 오늘의 페이지
this-week = 이번 주
weeks-page = 이번 주 페이지
print = 인쇄:
print-colon = 인쇄:
or = 또는
and = 및
weekly-sheet = 주간 기도지
bulletin-insert-link = 주보 삽지
one-page = (한 쪽)
two-to-a-sheet = (한 장에 두 개, 잘라서 사용)
subscribe-heading = 달력이나 피드 리더로 함께 기도하세요
subscribe-calendar = 달력, 날마다 그날의 나라와 기도 제목:
subscribe = 구독
or-add = 또는 주소로
by-address = 추가
subscribe-feed = 피드, 피드 리더와 뉴스레터용:
subscribe-apps = 웹사이트와 앱용:
every-week = 모든 주간
previous-day = ← 이전 날
next-day = 다음 날 →
previous-week = ← 이전 주
next-week = 다음 주 →
country-every-day = { $country }: 이 안내의 모든 날
coming-up = 다가오는 날
no-more-days = { $range } 기간에 { $country }의 날이 더 없습니다.
earlier = 지난 날

## 이메일.
greeting = { $name }님께,
greeting-friend = 친애하는 벗에게,
email-receive-daily = { $email } 주소로 { $title }의 매일 안내를 받고 계십니다.
email-receive-weekly = { $email } 주소로 { $title }의 주간 안내를 받고 계십니다.
unsubscribe = 구독 취소
unsubscribe-one-click = 한 번의 클릭으로.
unsubscribe-one-click-colon = 한 번의 클릭으로 구독 취소:
unsubscribe-colon = 구독 취소: { $url }
unsubscribe-write-to = 구독을 취소하려면 다음 주소로 메일을 보내세요:
unsubscribe-write-subject = 구독을 취소하려면 { $address } 주소로 제목 "unsubscribe { $token }"의 메일을 보내세요.
subject-weekly = 이번 주: { $range }
