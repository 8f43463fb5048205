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
fact-population = السكان
fact-christians = المسيحيون
persecution-extreme = شديد جدًا
persecution-very-high = مرتفع جدًا
persecution-high = مرتفع
fact-main-religion = الديانة الرئيسية
fact-pressure = مصادر الاضطهاد
watch-list = { $list } { $year }
world-watch-list = قائمة المراقبة العالمية
map-of = خريطة موقع { $country }
watch-list-rank = رقم { $rank }
watch-list-rank-score = رقم { $rank } (الدرجة { $score })
watch-list-rank-level = رقم { $rank } ({ $level })
watch-list-rank-score-level = رقم { $rank } (الدرجة { $score }، { $level })
watch-list-outside = خارج أول { $top } دولة
level-extreme = شديد جدًا
level-very-high = مرتفع جدًا
level-high = مرتفع
christians-share-and-number = { $percent }، { $number }
list-separator = { "، " }
population-billion = { $count ->
    [few] { $number } مليارات
   *[other] { $number } مليار
}
population-million = { $count ->
    [few] { $number } ملايين
   *[other] { $number } مليون
}
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
calendar-announced = مُعلَن: قد يتغيّر هذا اليوم قبل نشره.
calendar-pinned = ★ يوم مخصّص لهذا البلد أو الموضوع
feed-private = (خاص)

## الموقع.
nav-weeks = الأسابيع
nav-countries = البلدان
nav-subscribe = اشترك
nav-calendar = التقويم
nav-feed = الخلاصة
alerts-title = تنبيهات صلاة عاجلة
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
unsubscribe-reply = لإيقاف هذه الرسائل، ردّ على هذه الرسالة وأخبرنا بذلك.
subject-weekly = هذا الأسبوع: { $range }

## صفحات الاشتراك في `serve` ورسائلها.
language-name = العربية
web-subscribe-title = اشترك
web-subscribe-intro = دليل قصير للصلاة من أجل المسيحيين الذين يتعرضون للضغط بسبب إيمانهم، بالبريد الإلكتروني: كل يوم أو مرة في الأسبوع.
web-email = البريد الإلكتروني
web-name = الاسم
web-name-note = (اختياري، للتحية)
web-how-often = كم مرة
web-daily = كل يوم
web-weekly = مرة في الأسبوع
web-format = شكل الرسالة
web-format-html = منسّق
web-format-text = نص عادي
web-language = اللغة
web-hour = يصل في الساعة
web-timezone = المنطقة الزمنية
web-leave-empty = اترك هذا الحقل فارغًا
web-subscribe-button = اشترك
web-subscribe-note = نرسل إليك رابطًا للتأكيد، ولا يُرسل شيء قبل أن تتبعه. في كل رسالة رابط لإلغاء الاشتراك.
web-confirm-title = تأكيد
web-confirm-heading = أكّد اشتراكك
web-confirm-text = اضغط الزر لتبدأ في تلقي { $title }.
web-confirm-button = نعم، اشتركني
web-unsubscribe-question = هل نتوقف عن إرسال { $title } إلى { $email }؟
web-change-instead = أو غيّر عدد المرات وموعد الوصول
web-preferences-title = التفضيلات
web-preferences-heading = تفضيلاتك
web-saved = تم الحفظ.
web-not-subscribed = الاشتراك ملغى
web-saving-resubscribes = (الحفظ يعيد اشتراكك)
web-save = حفظ
web-export = أرسل إليّ بياناتي
web-erase = امسح بياناتي
web-check-inbox = تفقّد بريدك الوارد
web-check-inbox-text = إن كان العنوان يستطيع تلقي الدليل، فرسالة فيها رابط للتأكيد في طريقها إليك. لا يُرسل شيء قبل أن تتبعه.
web-try-later = يُرجى المحاولة لاحقًا
web-too-many = وصلت طلبات اشتراك كثيرة من شبكتك في الساعة الأخيرة.
web-mail-failed = تعذّر إرسال الرسالة الآن. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
web-subscribed = تم الاشتراك
web-subscribed-daily = سيتلقى { $email } الدليل اليومي.
web-subscribed-weekly = سيتلقى { $email } الدليل الأسبوعي.
web-change-preferences = غيّر تفضيلاتك
web-link-expired = انتهت صلاحية هذا الرابط أو استُخدم من قبل
web-link-expired-text = اشترك مرة أخرى لتتلقى رابطًا جديدًا.
web-error = حدث خطأ ما
web-error-text = يُرجى المحاولة بعد بضع دقائق.
web-unknown-link = هذا الرابط غير صالح
web-unknown-link-text = استخدم الرابط الموجود في أحدث رسالة وصلتك.
web-unsubscribed = تم إلغاء اشتراكك
web-unsubscribed-text = لن يتلقى هذا العنوان أي أدلة بعد الآن.
web-unsubscribed-again = لن يتلقى { $email } أي أدلة بعد الآن. غيّرت رأيك؟ يمكنك الاشتراك من جديد في أي وقت.
web-sign-up-again = اشترك من جديد
web-form-expired = انتهت صلاحية هذا النموذج
web-form-expired-text = افتح رابط التفضيلات من أحدث رسالة وصلتك مرة أخرى.
web-erased = تم مسح بياناتك
web-erased-text = حُذف عنوانك واسمك، ولن يُرسل إليك الدليل مرة أخرى.
web-export-sent = في الطريق
web-export-sent-text = رسالة فيها كل ما نحفظه عنك في طريقها إلى عنوانك.
web-export-failed = تعذّر إرسال الرسالة الآن.
web-problem-email = «{ $value }» ليس عنوان بريد إلكتروني.
web-problem-email-unmailable = لا يمكن إرسال بريد إلى «{ $value }»: استخدم عنوانًا بلا علامات اقتباس وبنطاق لا بعنوان IP، مثل name@example.org.
web-problem-name-long = الاسم أطول من 100 حرف.
web-problem-name-line = يجب أن يكون الاسم في سطر واحد.
web-problem-cadence = «{ $value }» ليس يوميًا ولا أسبوعيًا.
web-problem-format = «{ $value }» ليس منسّقًا ولا نصًا عاديًا.
web-problem-timezone = «{ $value }» ليس منطقة زمنية: استخدم اسمًا مثل Asia/Amman.
web-problem-hour = «{ $value }» ليس ساعة: استخدم من 0 إلى 23.
web-problem-language = «{ $value }» ليست من اللغات المتاحة.
web-too-many-address = سُجّل هذا العنوان عدة مرات خلال الساعة الماضية. ابحث عن الرسالة في صندوق الوارد، أو حاول لاحقًا.
web-signup-not-saved = تعذّر حفظ اشتراكك الآن؛ لم يتغير شيء ولم تُرسل أي رسالة. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
web-unsubscribe-not-saved = تعذّر حفظ إلغاء اشتراكك؛ لم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
web-preferences-not-saved = تعذّر حفظ تغييراتك؛ لم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
web-erase-not-saved = تعذّر مسح بياناتك الآن؛ لم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
web-erased-later-text = حُذف عنوانك واسمك، ولن يُرسل إليك الدليل مرة أخرى. تُمحى النسخ القديمة المتبقية في ملف قاعدة البيانات حالما لا يقرؤه أي برنامج آخر.
web-erase-heading = هل تريد مسح بياناتك؟
web-erase-question = يحذف هذا { $email } واسمك نهائيًا ويوقف الدليل. لا يمكن التراجع عنه.
web-erase-button = نعم، امسح بياناتي
web-erase-keep = لا، أبقِ اشتراكي
web-form-old-text = فُتح قبل أكثر من يوم. افتح تفضيلاتك مرة أخرى لتحصل على نموذج جديد.
web-form-fresh = افتح تفضيلاتي مرة أخرى
signup-subject-confirm = يُرجى التأكيد: { $title }
signup-subject-already = أنت تتلقى { $title } بالفعل
signup-subject-export = بياناتك: { $title }
signup-confirm = يُرجى تأكيد رغبتك في تلقي { $title }:
signup-confirm-hours = الرابط صالح لمدة { $hours } ساعة. إن لم تطلب ذلك فتجاهل هذه الرسالة: لن يُرسل إليك شيء.
signup-already = طلب أحدهم (ربما أنت) اشتراك هذا العنوان في { $title }. هذا العنوان يتلقى الدليل بالفعل. لتغيير عدد المرات أو موعد الوصول، أو لإلغاء الاشتراك، استخدم هذا الرابط:
signup-export = طلبت معرفة ما نحفظه عنك في { $title }. هذا كل شيء:
export-address = العنوان
export-subscribed = مشترك
export-yes = نعم
export-no = لا
export-history = الرسائل المرسلة إليك ({ $count }):
export-change = غيّرها أو امسحها من هنا:
web-pow-needs-js = فعّلت هذه الكنيسة فحصًا ضد الاشتراكات الآلية يحتاج إلى JavaScript: يُرجى السماح بـ JavaScript في هذه الصفحة للاشتراك.
web-pow-refused = فحص النموذج ضد الاشتراكات الآلية مفقود أو منتهي الصلاحية أو استُخدم من قبل. يُرجى إرسال النموذج مرة أخرى.
web-pow-working = جارٍ التحقق…

## `prayer-guide import`: قوائم مفصولة بـ " | " (انظر en.ftl).
import-prayer-headings = صلوا من أجل | طلبات الصلاة | نقاط للصلاة | موضوعات الصلاة | كيف نصلي | لنصل من أجل
import-praise-headings = الشكر والتسبيح | نشكر الله | لنشكر الله | موضوعات الشكر
import-prayer-verbs = صلوا | لنصل | نصلي | اطلبوا من الله | اطلبوا من الرب | تشفعوا
import-praise-verbs = اشكروا الله | لنشكر الله | نشكر الله | سبحوا الله | احمدوا الله | نسبح الله

## السنة الطقسية: أحد المسيح الملك، الأعياد في أيام الأسبوع، والسنة الأرثوذكسية (`church_year = "orthodox"`).
sunday-christ-the-king = أحد المسيح الملك
feast-ash-wednesday = أربعاء الرماد
feast-maundy-thursday = خميس العهد
feast-good-friday = الجمعة العظيمة
feast-ascension = عيد الصعود
feast-transfiguration = عيد التجلّي
feast-all-saints = عيد جميع القديسين
orthodox-zacchaeus = أحد زكّا
orthodox-publican-pharisee = أحد الفرّيسي والعشّار
orthodox-prodigal-son = أحد الابن الشاطر
orthodox-last-judgment = أحد الدينونة (مرفع اللحم)
orthodox-forgiveness = أحد الغفران (مرفع الجبن)
orthodox-clean-monday = الاثنين النظيف
orthodox-orthodoxy = أحد الأرثوذكسية
orthodox-gregory-palamas = أحد القديس غريغوريوس بالاماس
orthodox-holy-cross = أحد السجود للصليب
orthodox-john-climacus = أحد القديس يوحنا السلّمي
orthodox-mary-of-egypt = أحد القديسة مريم المصرية
orthodox-palm = أحد الشعانين
orthodox-holy-thursday = الخميس العظيم المقدّس
orthodox-holy-friday = الجمعة العظيمة المقدّسة
orthodox-pascha = الفصح المجيد
orthodox-thomas = أحد توما
orthodox-myrrh-bearers = أحد حاملات الطيب
orthodox-paralytic = أحد المخلّع
orthodox-samaritan-woman = أحد السامريّة
orthodox-blind-man = أحد الأعمى
orthodox-ascension = عيد الصعود الإلهي
orthodox-first-council = أحد آباء المجمع المسكوني الأول
orthodox-pentecost = العنصرة
orthodox-all-saints = أحد جميع القديسين
orthodox-after-pentecost = الأحد { $n } بعد العنصرة
orthodox-nativity-fast = الأحد { $n } بعد العنصرة (صوم الميلاد)
orthodox-forefathers = أحد الأجداد
orthodox-before-nativity = الأحد الذي قبل الميلاد
orthodox-nativity = عيد الميلاد المجيد
orthodox-after-nativity = الأحد الذي بعد الميلاد
orthodox-before-theophany = الأحد الذي قبل الظهور الإلهي
orthodox-theophany = عيد الظهور الإلهي
orthodox-after-theophany = الأحد الذي بعد الظهور الإلهي

## المسألة 25: المصطلحات والأرقام.
population-myriad = { $number }
date-span-days = { $first }–{ $last } { $month } { $year }
date-span-months = { $first } { $first-month } – { $last } { $last-month } { $year }
date-span-years = { $first } { $first-month } { $first-year } – { $last } { $last-month } { $last-year }
label-value = { $label }: { $value }

# الموقع تطبيقًا، و«سأصلّي».
nav-today = اليوم
app-install = ثبّت التطبيق
pray-button = سأصلّي
pray-done = ستصلّي من أجل هذا اليوم
pray-offline = لم يُحسب: أنت غير متصل. يُرجى المحاولة مرة أخرى عند الاتصال.
remind-button = ذكّرني يوميًا
remind-hour = في الساعة
remind-done = ستصلك رسالة تذكير كل يوم في هذه الساعة.
remind-off = أوقف التذكير اليومي
remind-stopped = التذكير اليومي متوقف.
remind-denied = الإشعارات محظورة لهذا الموقع: اسمح بها في إعدادات المتصفح لتصلك رسالة التذكير.
remind-failed = تعذّر إعداد التذكير. يُرجى المحاولة مرة أخرى لاحقًا.
pray-invitation = اضغط الزر لتقول إنك ستصلّي من أجل هذا اليوم. لا يُحفظ إلا عدد الأشخاص: لا اسم ولا عنوان ولا حساب.
pray-count = { $count ->
    [zero] لم يقل أحد بعد إنه سيصلّي.
    [one] صلّى شخص واحد.
    [two] صلّى شخصان.
    [few] صلّى { $number } أشخاص.
    [many] صلّى { $number } شخصًا.
   *[other] صلّى { $number } شخص.
}
pray-thanks = شكرًا لصلاتك
pray-counted = أنت محسوب بين من يصلّون من أجل هذا اليوم.
pray-already = سبق أن قلت ذلك لهذا اليوم: يُحسب مرة واحدة.
pray-too-many = حُسبت صلوات كثيرة من شبكتك في الساعة الأخيرة.
pray-not-saved = تعذّر حساب صلاتك؛ لم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
pray-unknown-day = لا يوجد هنا دليل لذلك اليوم للصلاة به.
