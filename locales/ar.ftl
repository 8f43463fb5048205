# التسميات بالعربية. يمكن لأي مشروع تغيير أي منها في locales/ar.ftl (بالمعرّف نفسه).

## التواريخ: أسماء الأيام والشهور من بيانات اللغة.
date-long = { $weekday }، { $day } { $month } { $year }
date-range-days = { $first }–{ $last } { $month } { $year }
date-range-months = { $first } { $first-month } – { $last } { $last-month } { $year }
date-range-years = { $first } { $first-month } { $first-year } – { $last } { $last-month } { $last-year }

## آحاد السنة الكنسية.
sunday-advent = الأحد { $n } من زمن المجيء
sunday-christmas-day = عيد الميلاد
sunday-christmas = الأحد { $n } بعد الميلاد
sunday-epiphany = عيد الظهور الإلهي
sunday-after-epiphany = الأحد { $n } بعد الظهور الإلهي
sunday-lent = الأحد { $n } من الصوم الكبير
sunday-palm = أحد الشعانين
sunday-easter = عيد القيامة
sunday-eastertide = الأحد { $n } من زمن القيامة
sunday-pentecost = عيد العنصرة
sunday-trinity = أحد الثالوث
sunday-after-trinity = الأحد { $n } بعد الثالوث

## معلومات عن البلد.
fact-persecution = الاضطهاد
fact-watch-list = قائمة المراقبة
fact-population = السكان
fact-christians = المسيحيون
persecution-extreme = شديد جدًا
persecution-very-high = مرتفع جدًا
persecution-high = مرتفع
watch-list-rank = رقم { $rank } في { $list } { $year }
population-billion = { $number } مليار
population-million = { $number } مليون
as-of = { $value } ({ $year })
percent = { $number }٪
story-pseudonym = { $pseudonym } اسم مستعار.
story-composite = { $pseudonym } اسم مستعار؛ والقصة مستمدة من عدة شهادات.

## دليل اليوم.
please-pray = صلِّ من أجل
give-thanks = اشكر الله
read = اقرأ: { $scripture }
sources = المصادر:
source = المصدر: { $title }
reviewed = رُوجع في { $date }.
day-of = اليوم { $day } من { $days }
quote = «{ $quote }» — { $pseudonym }
quote-text = «{ $quote }» ({ $pseudonym })
private-page = خاص: يتضمن هذا الدليل طلبات لا تُنشر علنًا. لا تعِد إرساله ولا تنشره.
private-fragment = خاص: يتضمن هذا الدليل طلبات لا تُنشر علنًا.
private-text = خاص: يتضمن طلبات لا تُنشر علنًا. لا تعِد إرساله.

withdrawn = سُحب
withdrawn-text = سُحب دليل هذا اليوم. صلِّ من أجل الكنيسة في كل مكان يدفع فيه المؤمنون ثمن إيمانهم.

## ورقة الأسبوع وملحق النشرة.
week-of = أسبوع { $range }
pray-this-week = صلِّ هذا الأسبوع
church-notes = إعلانات كنيستنا
church-notes-text = إعلانات كنيستنا
sheet-footer = الأسماء المستعارة تحمي الأشخاص في هذه القصص. المصادر والأدلة الكاملة: صفحة لكل يوم في الدليل اليومي.
private-sheet = خاص: يتضمن طلبات لا تُنشر علنًا. لا تنسخه ولا تنشره.
private-bulletin = خاص: لا يُنشر.
bulletin-insert = ملحق النشرة
bulletin-footer-link = صفحة كل يوم للصلاة: { $url }
bulletin-footer = طلب واحد كل يوم من ورقة الصلاة الأسبوعية؛ وفي الدليل اليومي المزيد.

## التقويم والخلاصة.
calendar-pray-for = صلِّ من أجل { $country }
calendar-private = خاص: يتضمن طلبات لا تُنشر علنًا.
feed-private = (خاص)

## الموقع.
nav-weeks = الأسابيع
nav-countries = البلدان
nav-subscribe = اشترك
nav-calendar = التقويم
nav-feed = الخلاصة
site-footer = { $title }: أدلة { $range }. الأسماء المستعارة تحمي الأشخاص في هذه القصص.
private-site = خاص: يتضمن هذا الموقع طلبات لا تُنشر علنًا. لا تنشره.
today = اليوم
todays-page = صفحة اليوم
this-week = هذا الأسبوع
weeks-page = صفحة الأسبوع
print = اطبع
print-colon = اطبع:
or = أو
and = و
weekly-sheet = ورقة الأسبوع
bulletin-insert-link = ملحق النشرة
one-page = (صفحة واحدة)
two-to-a-sheet = (نسختان في الورقة، للقص)
subscribe-heading = صلِّ معنا من تقويمك أو قارئ الخلاصات
subscribe-calendar = التقويم، بلد كل يوم وطلباته:
subscribe = اشترك
or-add = أو أضف
by-address = بالعنوان
subscribe-feed = الخلاصة، لقارئات الخلاصات والنشرات البريدية:
subscribe-apps = للمواقع والتطبيقات:
every-week = كل الأسابيع
previous-day = → اليوم السابق
next-day = اليوم التالي ←
previous-week = → الأسبوع السابق
next-week = الأسبوع التالي ←
country-every-day = { $country }: كل أيامه في هذا الدليل
coming-up = الأيام القادمة
no-more-days = لا أيام أخرى لـ{ $country } في { $range }.
earlier = أيام سابقة

## البريد الإلكتروني.
greeting = عزيزي/عزيزتي { $name }،
greeting-friend = صديقنا العزيز،
email-receive-daily = تصلك النسخة اليومية من { $title } على { $email }.
email-receive-weekly = تصلك النسخة الأسبوعية من { $title } على { $email }.
unsubscribe = إلغاء الاشتراك
unsubscribe-one-click = بنقرة واحدة.
unsubscribe-one-click-colon = إلغاء الاشتراك بنقرة واحدة:
unsubscribe-colon = إلغاء الاشتراك: { $url }
unsubscribe-write-to = لإلغاء الاشتراك، راسل
unsubscribe-write-subject = لإلغاء الاشتراك، راسل { $address } بالموضوع "unsubscribe { $token }".
subject-weekly = هذا الأسبوع: { $range }
