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
fact-population = 인구
fact-christians = 기독교인
persecution-extreme = 극심
persecution-very-high = 매우 높음
persecution-high = 높음
fact-main-religion = 주요 종교
fact-pressure = 박해 원인
watch-list = { $year } { $list }
world-watch-list = 월드와치리스트
map-of = { $country } 위치 지도
watch-list-rank = { $rank }위
watch-list-rank-score = { $rank }위 ({ $score }점)
watch-list-rank-level = { $rank }위 ({ $level })
watch-list-rank-score-level = { $rank }위 ({ $score }점, { $level })
watch-list-outside = 상위 { $top }위 밖
level-extreme = 극심
level-very-high = 매우 높음
level-high = 높음
christians-share-and-number = { $percent }, { $number }
list-separator = { ", " }
# 한국어는 만(10⁴)과 억(10⁸)으로 셉니다: 프로그램이 "14억", "2억 2790만"으로 써서 population-myriad에 넘깁니다.
population-billion = { $number } 명
population-million = { $number } 명
as-of = { $value } ({ $year }년)
percent = { $number }%
story-pseudonym = { $pseudonym }은(는) 가명입니다.
story-composite = { $pseudonym }은(는) 가명이며, 이 이야기는 여러 증언을 모은 것입니다.

## 오늘의 기도 안내.
please-pray = 기도해 주세요
give-thanks = 감사 제목
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
calendar-announced = 예고: 이 날의 내용은 게시되기 전까지 바뀔 수 있습니다.
calendar-pinned = ★ 이 나라나 주제를 위해 따로 정한 날
feed-private = (비공개)

## 웹사이트.
nav-weeks = 주간
nav-countries = 나라
nav-subscribe = 구독
nav-calendar = 달력
nav-feed = 피드
alerts-title = 긴급 기도 요청
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
unsubscribe-reply = 이 이메일을 더 받지 않으시려면 이 메일에 답장으로 알려 주세요.
subject-weekly = 이번 주: { $range }

## `serve`의 구독 페이지와 그 이메일.
language-name = 한국어
web-subscribe-title = 구독
web-subscribe-intro = 신앙 때문에 압박을 받는 그리스도인을 위해 기도하는 짧은 안내를 이메일로 받으세요: 매일 또는 일주일에 한 번.
web-email = 이메일 주소
web-name = 이름
web-name-note = (선택, 인사말에 사용)
web-how-often = 받는 빈도
web-daily = 매일
web-weekly = 일주일에 한 번
web-format = 이메일 형식
web-format-html = 서식 있음
web-format-text = 일반 텍스트
web-language = 언어
web-hour = 도착 시각
web-timezone = 시간대
web-leave-empty = 비워 두세요
web-subscribe-button = 구독하기
web-subscribe-note = 확인 링크를 이메일로 보내 드립니다. 링크를 누르기 전에는 아무것도 보내지 않습니다. 모든 이메일에 구독 취소 링크가 있습니다.
web-confirm-title = 확인
web-confirm-heading = 구독을 확인해 주세요
web-confirm-text = 버튼을 누르면 { $title } 받기가 시작됩니다.
web-confirm-button = 네, 구독합니다
web-unsubscribe-question = { $email } 주소로 { $title } 보내기를 멈출까요?
web-change-instead = 또는 받는 빈도와 시각을 바꾸세요
web-preferences-title = 설정
web-preferences-heading = 내 설정
web-saved = 저장했습니다.
web-not-subscribed = 구독 취소됨
web-saving-resubscribes = (저장하면 다시 구독됩니다)
web-save = 저장
web-export = 내 정보를 이메일로 받기
web-erase = 내 정보 삭제
web-check-inbox = 받은편지함을 확인하세요
web-check-inbox-text = 이 주소로 안내를 받을 수 있다면 확인 링크가 담긴 이메일이 가고 있습니다. 링크를 누르기 전에는 아무것도 보내지 않습니다.
web-try-later = 잠시 후 다시 시도해 주세요
web-too-many = 지난 한 시간 동안 귀하의 네트워크에서 구독 신청이 너무 많았습니다.
web-mail-failed = 지금은 이메일을 보낼 수 없습니다. 몇 분 뒤에 다시 시도하세요.
web-subscribed = 구독되었습니다
web-subscribed-daily = { $email } 주소로 매일 안내를 보내 드립니다.
web-subscribed-weekly = { $email } 주소로 매주 안내를 보내 드립니다.
web-change-preferences = 설정 바꾸기
web-link-expired = 이 링크는 만료되었거나 이미 사용되었습니다
web-link-expired-text = 새 링크를 받으려면 다시 구독을 신청하세요.
web-error = 문제가 생겼습니다
web-error-text = 몇 분 뒤에 다시 시도해 주세요.
web-unknown-link = 올바른 링크가 아닙니다
web-unknown-link-text = 가장 최근 이메일의 링크를 사용하세요.
web-unsubscribed = 구독이 취소되었습니다
web-unsubscribed-text = 이 주소로는 더 이상 안내를 보내지 않습니다.
web-unsubscribed-again = { $email } 주소로는 더 이상 안내를 보내지 않습니다. 마음이 바뀌셨나요? 언제든 다시 구독할 수 있습니다.
web-sign-up-again = 다시 구독하기
web-form-expired = 이 양식은 만료되었습니다
web-form-expired-text = 가장 최근 이메일의 설정 링크를 다시 여세요.
web-erased = 정보가 삭제되었습니다
web-erased-text = 주소와 이름을 삭제했습니다. 안내를 다시 보내지 않습니다.
web-export-sent = 보내는 중입니다
web-export-sent-text = 저장된 귀하의 모든 정보를 담은 이메일을 귀하의 주소로 보내고 있습니다.
web-export-failed = 지금은 이메일을 보낼 수 없습니다.
web-problem-email = “{ $value }”은(는) 이메일 주소가 아닙니다.
web-problem-email-unmailable = “{ $value }”(으)로는 메일을 보낼 수 없습니다. 따옴표 없이 IP 주소가 아닌 도메인을 쓰는 주소(예: name@example.org)를 사용하세요.
web-problem-name-long = 이름이 100자를 넘습니다.
web-problem-name-line = 이름은 한 줄로 써야 합니다.
web-problem-cadence = “{ $value }”은(는) 매일이나 매주가 아닙니다.
web-problem-format = “{ $value }”은(는) 서식 있음이나 일반 텍스트가 아닙니다.
web-problem-timezone = “{ $value }”은(는) 시간대가 아닙니다: Asia/Seoul 같은 이름을 쓰세요.
web-problem-hour = “{ $value }”은(는) 시각이 아닙니다: 0에서 23 사이로 쓰세요.
web-problem-language = “{ $value }”은(는) 제공되는 언어가 아닙니다.
web-too-many-address = 이 주소는 지난 한 시간 동안 여러 번 신청되었습니다. 받은편지함에서 이메일을 찾거나 나중에 다시 시도하세요.
web-signup-not-saved = 신청을 저장할 수 없었습니다. 아무것도 바뀌지 않았고 이메일도 보내지 않았습니다. 몇 분 뒤에 다시 시도하세요.
web-unsubscribe-not-saved = 구독 취소를 저장할 수 없었습니다. 아무것도 바뀌지 않았습니다. 몇 분 뒤에 다시 시도하세요.
web-preferences-not-saved = 변경 내용을 저장할 수 없었습니다. 아무것도 바뀌지 않았습니다. 몇 분 뒤에 다시 시도하세요.
web-erase-not-saved = 지금은 정보를 삭제할 수 없었습니다. 아무것도 바뀌지 않았습니다. 몇 분 뒤에 다시 시도하세요.
web-erased-later-text = 주소와 이름을 삭제했습니다. 안내를 다시 보내지 않습니다. 데이터베이스 파일에 남은 이전 사본은 다른 프로그램이 파일을 읽지 않게 되는 즉시 지워집니다.
web-erase-heading = 정보를 삭제할까요?
web-erase-question = { $email }과(와) 이름을 영구히 삭제하고 안내 발송을 멈춥니다. 되돌릴 수 없습니다.
web-erase-button = 네, 내 정보를 삭제합니다
web-erase-keep = 아니요, 구독을 유지합니다
web-form-old-text = 하루도 더 전에 연 양식입니다. 설정을 다시 열어 새 양식을 받으세요.
web-form-fresh = 설정 다시 열기
signup-subject-confirm = 확인해 주세요: { $title }
signup-subject-already = 이미 { $title }을(를) 받고 계십니다
signup-subject-export = 귀하의 정보: { $title }
signup-confirm = { $title }을(를) 받기 원하시면 확인해 주세요:
signup-confirm-hours = 이 링크는 { $hours }시간 동안 유효합니다. 신청하지 않으셨다면 이 이메일을 무시하세요. 아무것도 보내지 않습니다.
signup-already = 누군가(아마 귀하께서) 이 주소로 { $title } 구독을 신청했습니다. 이 주소는 이미 안내를 받고 있습니다. 받는 빈도나 시각을 바꾸거나 구독을 취소하려면 이 링크를 사용하세요:
signup-export = { $title }에 저장된 귀하의 정보를 요청하셨습니다. 전부 다음과 같습니다:
export-address = 주소
export-subscribed = 구독 중
export-yes = 예
export-no = 아니요
export-history = 보낸 이메일 ({ $count }):
export-change = 여기서 바꾸거나 삭제하세요:
web-pow-needs-js = 이 교회는 자동 가입을 막는 확인을 켜 두었으며, 이 확인에는 JavaScript가 필요합니다. 가입하려면 이 페이지에서 JavaScript를 허용해 주세요.
web-pow-refused = 자동 가입을 막는 양식 확인이 없거나, 만료되었거나, 이미 사용되었습니다. 양식을 다시 보내 주세요.
web-pow-working = 확인 중…

## `prayer-guide import`: " | "로 구분한 목록 (en.ftl 참고). "…"로 시작하면 줄 끝에서 찾습니다.
import-prayer-headings = 기도 제목 | 기도제목 | 함께 기도해 주세요 | 이렇게 기도해 주세요 | 기도해 주세요 | 기도합시다 | 중보기도 제목
import-praise-headings = 감사 제목 | 감사제목 | 감사와 찬양 | 찬양 제목
import-prayer-verbs = …기도해 주세요 | …기도해주세요 | …기도합시다 | …기도하세요 | …기도하십시오 | …간구합시다
import-praise-verbs = …감사합시다 | …감사하세요 | …감사드립니다 | …찬양합시다 | 하나님께 감사

## 교회력: 왕이신 그리스도 주일, 평일의 축일, 정교회력 (`church_year = "orthodox"`).
sunday-christ-the-king = 왕이신 그리스도 주일
feast-ash-wednesday = 재의 수요일
feast-maundy-thursday = 성목요일
feast-good-friday = 성금요일
feast-ascension = 승천일
feast-transfiguration = 주님의 변모 축일
feast-all-saints = 모든 성인의 날
orthodox-zacchaeus = 자캐오 주일
orthodox-publican-pharisee = 세리와 바리사이 주일
orthodox-prodigal-son = 탕자의 주일
orthodox-last-judgment = 최후 심판 주일 (육식 금식 주일)
orthodox-forgiveness = 용서의 주일 (유제품 금식 주일)
orthodox-clean-monday = 깨끗한 월요일
orthodox-orthodoxy = 정교 주일
orthodox-gregory-palamas = 성 그레고리오스 팔라마스 주일
orthodox-holy-cross = 성 십자가 경배 주일
orthodox-john-climacus = 성 요한 클리마코스 주일
orthodox-mary-of-egypt = 이집트의 성 마리아 주일
orthodox-palm = 성지 주일
orthodox-holy-thursday = 거룩하고 위대한 목요일
orthodox-holy-friday = 거룩하고 위대한 금요일
orthodox-pascha = 파스카
orthodox-thomas = 토마스 주일
orthodox-myrrh-bearers = 향유 가진 여인들의 주일
orthodox-paralytic = 중풍병자 주일
orthodox-samaritan-woman = 사마리아 여인 주일
orthodox-blind-man = 눈먼 사람 주일
orthodox-ascension = 주님 승천 대축일
orthodox-first-council = 제1차 세계 공의회 교부들의 주일
orthodox-pentecost = 오순절
orthodox-all-saints = 모든 성인 주일
orthodox-after-pentecost = 오순절 후 제{ $n }주일
orthodox-nativity-fast = 오순절 후 제{ $n }주일 (성탄 금식 기간)
orthodox-forefathers = 선조들의 주일
orthodox-before-nativity = 성탄 전 주일
orthodox-nativity = 주님 성탄 대축일
orthodox-after-nativity = 성탄 후 주일
orthodox-before-theophany = 신현 전 주일
orthodox-theophany = 신현 대축일
orthodox-after-theophany = 신현 후 주일

## 이슈 25: 용어와 숫자.
population-myriad = { $number } 명
date-span-days = { $year }년 { $month } { $first }일–{ $last }일
date-span-months = { $year }년 { $first-month } { $first }일 – { $last-month } { $last }일
date-span-years = { $first-year }년 { $first-month } { $first }일 – { $last-year }년 { $last-month } { $last }일
label-value = { $label }: { $value }

# 앱으로 쓰는 사이트, 그리고 "기도하겠습니다".
nav-today = 오늘
app-install = 앱 설치
pray-button = 기도하겠습니다
pray-done = 이날을 위해 기도하십니다
pray-offline = 세어지지 않았습니다. 오프라인 상태입니다. 연결되면 다시 시도해 주세요.
remind-button = 매일 알림 받기
remind-hour = 시간
remind-done = 매일 이 시간에 알림을 받게 됩니다.
remind-off = 매일 알림 끄기
remind-stopped = 매일 알림이 꺼졌습니다.
remind-denied = 이 사이트의 알림이 차단되어 있습니다. 알림을 받으려면 브라우저 설정에서 허용해 주세요.
remind-failed = 알림을 설정하지 못했습니다. 나중에 다시 시도해 주세요.
pray-invitation = 이날을 위해 기도하겠다면 버튼을 눌러 주세요. 사람 수만 저장하며 이름, 주소, 계정은 저장하지 않습니다.
pray-count = { $count ->
    [0] 아직 기도하겠다고 한 사람이 없습니다.
   *[other] { $number }명이 기도했습니다.
}
pray-thanks = 기도해 주셔서 감사합니다
pray-counted = 이날을 위해 기도하는 사람으로 세어졌습니다.
pray-already = 이날에 이미 기도하겠다고 하셨습니다. 한 번만 세어집니다.
pray-too-many = 지난 한 시간 동안 귀하의 네트워크에서 기도가 많이 세어졌습니다.
pray-not-saved = 기도를 세지 못했습니다. 아무것도 바뀌지 않았습니다. 몇 분 후 다시 시도해 주세요.
pray-unknown-day = 이곳에는 그날 기도할 안내가 없습니다.
