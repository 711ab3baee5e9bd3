# FaceShift texts, Arabic. HTML markup is allowed; { $args } are escaped by the bot.

start =
    مرحبًا { $name }! أنا أعدّل الوجوه في الصور.

    أرسل لي صورة فيها وجه واختر ما تريد:
    • <b>أكبر سنًا</b> أو <b>أصغر سنًا</b>: شاهد الوجه في عمر آخر
    • <b>تبديل الجنس</b>: شاهد الوجه بالجنس الآخر
    • <b>تبديل الوجوه</b>: ضع الوجه من صورة ثانية على هذه الصورة
    • <b>تحديد الجنس</b>: أخبرك بما أراه وأضع علامة على الوجه

    الأمر /help يشرح المزيد، والأمر /privacy يوضّح ما يحدث لصورك.

help-private =
    <b>طريقة استخدام FaceShift</b>

    1. أرسل صورة (أو ملف صورة) يظهر فيها الوجه بوضوح.
    2. اضغط زرًا تحت ردّي: أكبر سنًا، أصغر سنًا، تبديل الجنس، تبديل الوجوه أو تحديد الجنس.
    3. انتظر بضع ثوانٍ (تبديل الوجوه يستغرق دقيقة أو دقيقتين). تصلك النتيجة ردًّا على صورتك.

    كل تعديل يستهلك طلبًا واحدًا من حصتك اليومية؛ /quota يعرض ما تبقّى.
    الأمر /cancel يوقف ما بدأته، والأمر /privacy يوضّح ما يحدث لصورك.
    والأمر /language يغيّر اللغة التي أحدّثك بها.

help-group =
    <b>استخدام FaceShift في مجموعة</b>

    في المجموعات لا أرى إلا الأوامر والردود على رسائلي والرسائل التي تذكرني. لذلك:
    • ردّ على صورة بالأمر /face لتظهر القائمة، أو مباشرةً بأحد الأوامر /older أو /younger أو /gender أو /detect أو /swap؛
    • أو انشر صورة وضع في تعليقها أحد هذه الأوامر (أو @اسمي).
    الأمر /swap يكون ردًّا على الصورة التي ستحصل على وجه جديد؛ ثم ردّ على رسالتي بصورة الوجه المطلوب.
    لا يستطيع الضغط على الأزرار تحت الصورة إلا من طلبها.
    يستطيع مشرفو المجموعة اختيار لغتها بالأمر /language.

error-generic = عذرًا، حدث خطأ من جهتي. حاول مرة أخرى بعد دقيقة.

cmd-start = البداية: ما الذي يفعله هذا البوت
cmd-help = طريقة استخدام البوت
cmd-face = ردًّا على صورة: عرض القائمة
cmd-older = ردًّا على صورة: جعل الوجه أكبر سنًا
cmd-younger = ردًّا على صورة: جعل الوجه أصغر سنًا
cmd-gender = ردًّا على صورة: تبديل الجنس
cmd-swap = ردًّا على صورة: وضع وجه آخر عليها
cmd-detect = ردًّا على صورة: تحديد الجنس
cmd-quota = ما تبقّى من حصتك اليومية
cmd-cancel = إلغاء ما بدأته
cmd-privacy = ماذا يحدث لصورك
cmd-language = اختيار اللغة

## The menu
menu-prompt = ماذا أفعل بهذا الوجه؟
menu-older = إلى أي عمر تريد تكبير الوجه؟
menu-younger = إلى أي عمر تريد تصغير الوجه؟
menu-gender = حوّل الوجه إلى…
btn-older = 👴 أكبر سنًا
btn-younger = 👶 أصغر سنًا
btn-swap-gender = 🔄 تبديل الجنس
btn-swap-faces = 🎭 تبديل الوجوه
btn-detect = 🔍 تحديد الجنس
btn-age = { $age ->
    [one] عام واحد
    [two] عامان
    [few] { $age } أعوام
    [many] { $age } عامًا
   *[other] { $age } عام
  }
btn-back = ⬅️ رجوع
btn-cancel = ✖️ إلغاء
btn-to-female = 👩 امرأة
btn-to-male = 👨 رجل
not-yours = هذه الأزرار لمن سأل عن هذه الصورة. أرسل صورتك لتجرّب بنفسك!
not-yours-chat = هذه الأزرار تخصّ { $who }: لا يضغطها إلا مشرفوه. أرسل صورتك لتجرّب بنفسك!
menu-gone = انتهت صلاحية هذه القائمة. أرسل الصورة مرة أخرى من فضلك.
op-unavailable = هذا غير متاح الآن.
no-photo = ردّ على صورة بهذا الأمر، أو أرسل صورة وضع الأمر في تعليقها.

## Face swap
swap-prompt-private = الآن أرسل لي صورة <b>الوجه المطلوب</b>. سأضع هذا الوجه على الصورة أعلاه (تحتفظ الصورة أعلاه بالجسم والشعر والخلفية). سأنتظر { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
  }.
swap-prompt-group = { $name }، ردّ على <b>هذه الرسالة</b> بصورة <b>الوجه المطلوب</b>. سأضع هذا الوجه على الصورة أعلاه. سأنتظر { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
  }.
swap-cancelled = أُلغي تبديل الوجوه.
swap-expired = أُلغي تبديل الوجوه: لم تصل صورة الوجه خلال { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
  }. اضغط «تبديل الوجوه» مرة أخرى لتعيد المحاولة.
swap-album-group = في المجموعة لا أرى من الألبوم إلا الصورة التي لها تعليق. ردّ بالأمر /swap على الصورة التي ستحصل على الوجه الجديد، ثم ردّ على رسالتي بصورة الوجه.
swap-album-count = لتبديل الوجوه عبر ألبوم، أرسل صورتين فقط مع التعليق /swap: الأولى تعطي الوجه، والثانية تستقبله.
cancel-nothing = لا يوجد ما يمكن إلغاؤه.
cancel-done = تم الإلغاء.
cancel-running = صورتك الآن لدى محرّر الوجوه ولا يمكن إيقافها. ستصلك النتيجة قريبًا.

## Jobs
op-older = تكبير عمر الوجه ({ $age })
op-younger = تصغير عمر الوجه ({ $age })
op-swap_gender = تبديل الجنس
op-swap_faces = تبديل الوجوه
op-detect_gender = تحديد الجنس
stage-queued = ⏳ { $operation }: بانتظار دورك…
stage-queued-place = ⏳ { $operation }: دورك { $place } في الطابور…
stage-queued-place-wait = ⏳ { $operation }: دورك { $place } في الطابور، بعد نحو { $wait }…
queue-ordinal = { $ordinal ->
   *[other] رقم { $place }
}
queue-wait-seconds = { $seconds } { $seconds ->
    [few] ثوانٍ
   *[other] ثانية
}
queue-wait-minutes = { $minutes } { $minutes ->
    [few] دقائق
   *[other] دقيقة
}
stage-preparing = ⏳ { $operation }: جارٍ تجهيز الصورة…
stage-sent = ⏳ { $operation }: محرّر الوجوه يعمل عليها…
stage-sent-swap = ⏳ { $operation }: محرّر الوجوه يعمل عليها. تبديل الوجوه يستغرق دقيقة أو دقيقتين…
busy = ما زلت أعمل على صورتك السابقة. صورة واحدة في كل مرة من فضلك: ستنتهي قريبًا.
duplicate = أعمل عليها بالفعل!
duplicate-done = تم ذلك بالفعل: النتيجة في الأعلى. اختر خيارًا آخر، أو أرسل الصورة مرة أخرى.
banned = عذرًا، لا يمكنك استخدام هذا البوت.
out-of-quota = استخدمت كل تعديلاتك المجانية لهذا اليوم ({ $limit }). تتجدّد في الساعة { $reset } ({ $zone }). ويمكن للمشرف أيضًا أن يمنحك المزيد.

## Results
done-older = هكذا تبدو في سن { $age }.
done-younger = هكذا تبدو في سن { $age }.
done-swap_gender = إليك الوجه بملامح { $to ->
    [female] امرأة
   *[male] رجل
  }.
done-swap_gender-detected = رأيت { $gender ->
    [female] امرأة
   *[male] رجلًا
  }، لذا إليك الوجه بملامح { $to ->
    [female] امرأة
   *[male] رجل
  }.
done-swap_faces = إليك هذه الصورة بالوجه الذي في صورتك الأخرى.
done-detect_gender = أرى <b>{ $gender ->
    [female] امرأة
   *[male] رجلًا
  }</b> (بثقة { $confidence }%). اللحية: { $beard ->
    [yes] نعم
   *[no] لا
  }. وضعت علامة على الوجه.
quota-left = المتبقي اليوم من التعديلات المجانية: { $left }{ $credits ->
    [0] {""}
   *[other] {""}، ورصيدك: { $credits }
  }.

## Failures
fail-no_face = لم أجد وجهًا. جرّب صورة يظهر فيها الوجه بوضوح ولا يقل حجمه عن 64x64 بكسل.
fail-face_too_small = الوجه صغير جدًا. جرّب صورة أقرب لا يقل فيها الوجه عن 64x64 بكسل.
fail-poor_quality = يصعب رؤية الوجه (ضبابي أو مظلم أو مغطّى أو غير مواجه للكاميرا). جرّب صورة واضحة وجيدة الإضاءة والوجه فيها ينظر إلى الكاميرا.
fail-bad_format = لم أستطع قراءة هذه الصورة. أرسلها كصورة عادية (JPEG أو PNG).
fail-too_large = هذه الصورة كبيرة جدًا على محرّر الوجوه. أرسلها كصورة عادية بدلًا من ملف.
fail-rejected = رفض محرّر الوجوه هذه الصورة بموجب قواعد المحتوى لديه. جرّب صورة أخرى.
fail-unusable_photo = لم يستطع محرّر الوجوه استخدام هذه الصورة. جرّب صورة أخرى فيها وجه واضح من الأمام.
fail-operator = محرّر الوجوه غير متاح مؤقتًا. حاول مرة أخرى لاحقًا؛ وقد أُبلغ المشرفون.
fail-rate_limited = محرّر الوجوه مشغول الآن. حاول مرة أخرى بعد دقيقة.
fail-transient = تعثّر محرّر الوجوه قليلًا. حاول مرة أخرى بعد دقيقة.
fail-timeout = استغرق محرّر الوجوه وقتًا طويلًا. حاول مرة أخرى بعد بضع دقائق.
fail-photo_unavailable = لم أستطع تنزيل هذه الصورة من Telegram (لا تستطيع البوتات تنزيل ملفات أكبر من 20 ميغابايت). أرسلها كصورة أو كملف أصغر.
fail-interrupted = انقطع طلبك بسبب إعادة تشغيل البوت ولم يُحتسب عليك شيء. حاول مرة أخرى من فضلك.
fail-cancelled = تم الإلغاء.
fail-not_an_image = هذا الملف ليس صورة أستطيع قراءتها. أرسل صورة أو ملف صورة (JPEG أو PNG أو WebP أو HEIC أو BMP أو GIF).
fail-unsupported_format = لا أستطيع قراءة صيغة الصورة هذه. أرسل JPEG أو PNG أو WebP أو HEIC أو BMP أو GIF.
fail-corrupt = ملف الصورة هذا تالف أو غير مكتمل. أرسله مرة أخرى من فضلك.
fail-empty = هذا الملف فارغ. أرسل الصورة مرة أخرى من فضلك.
fail-too_small = هذه الصورة صغيرة جدًا: يجب ألا يقل ضلعها الأقصر عن { $min } بكسل ليتّسع لوجه. أرسل صورة أكبر.
fail-too_large_pixels = أبعاد هذه الصورة بالبكسل كبيرة جدًا. أرسل صورة عادية بدلًا منها.
fail-too_many_bytes = حجم هذه الصورة كبير جدًا. أرسلها كصورة عادية بدلًا من ملف.
fail-bad_aspect_ratio = هذه الصورة طويلة وضيّقة جدًا. أرسل صورة عادية.
fail-undeliverable = كانت نتيجتك جاهزة، لكن Telegram رفض استلامها مني، لذا حذفتها. حاول مرة أخرى من فضلك.
fail-undelivered = كانت نتيجتك جاهزة، لكن Telegram فشل مرارًا في استلامها مني، لذا حذفتها. حاول مرة أخرى لاحقًا من فضلك.
not-free = لم يُحتسب عليك شيء.
file-not-image = هذا الملف ليس صورة. أرسل صورة أو ملف صورة (JPEG أو PNG أو WebP أو HEIC أو BMP أو GIF).
file-too-big = هذا الملف يتجاوز حد Telegram للبوتات وهو 20 ميغابايت. أرسله كصورة أو كملف أصغر.

## Account
quota-status = المتبقي لك اليوم من التعديلات المجانية: <b>{ $left }</b> من { $limit }{ $credits ->
    [0] {""}
   *[other] {""}، ورصيدك <b>{ $credits }</b> (لا تنتهي صلاحيته)
  }. تتجدّد التعديلات المجانية في الساعة { $reset } ({ $zone }).
privacy =
    <b>ماذا يحدث لصورك</b>

    • عندما تضغط زرًا، تذهب صورتك إلى خدمة تعديل الوجوه التي تنفّذ هذه المهمة: { $vendors }.
    • أثناء تنفيذ المهمة، تُحفظ الصورة على خادمنا { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
  } على الأكثر لتتمكّن الخدمة من جلبها، ثم تُحذف. { $hosting }
    • { $results }
    • نحتفظ بمعرّف Telegram الخاص بك واسمك ولغتك وعدد التعديلات التي استخدمتها، لإدارة حصتك اليومية.
privacy-hosting-builtin = الرابط الذي تستخدمه الخدمة عشوائي ويتوقف عن العمل عند انتهاء المهمة.
privacy-hosting-s3 = الرابط الذي تستخدمه الخدمة عشوائي وتنتهي صلاحيته خلال { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
  }.
privacy-hosting-acedata = في تبديل الوجوه وتعديلات Ace Data Cloud، تُرفع الصورة إلى مساحة تخزين Ace Data Cloud، التي تحتفظ بنسخة عامة منها لمدة 7 أيام.
privacy-hosting-none = {""}
admin-alert = ⚠️ تنبيه للمشغّل: { $text }

## /language
btn-language-auto = 🌐 تلقائي (من Telegram)
language-prompt-private = لغتك: <b>{ $language }</b>. اختر لغة أخرى:
language-prompt-private-auto = لغتك: <b>{ $language }</b> (تلقائيًا). اختر لغة أخرى:
language-prompt-group = لغة هذه المجموعة: <b>{ $language }</b>. اختر لغة أخرى:
language-prompt-group-auto = ليس لهذه المجموعة لغة خاصة بها: أردّ على كل شخص بلغته. اختر لغة للمجموعة:
language-set-private = تم. لغتك: <b>{ $language }</b>.
language-set-private-auto = تم. لغتك: <b>{ $language }</b> (تلقائيًا).
language-set-group = تم. لغة هذه المجموعة: <b>{ $language }</b>.
language-set-group-auto = تم. لم يعد لهذه المجموعة لغة خاصة بها: أردّ على كل شخص بلغته.
language-admins-only = لا يغيّر لغة هذه المجموعة إلا مشرفوها.
language-not-admin = لا يختار لغة هذه المجموعة إلا مشرفوها. لاختيار لغتك أنت، أرسل لي /language في محادثة خاصة.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = لا أعرف هذا الأمر. /help يعرض ما يمكنني فعله.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = حصتك أو حصة شخص آخر: /quota المستخدم
cmd-grant = منح رصيد: /grant المستخدم n
cmd-setlimit = تعيين الحد اليومي: /setlimit المستخدم n|default
cmd-resetquota = إعادة تعديلات اليوم: /resetquota المستخدم
cmd-ban = حظر: /ban المستخدم [السبب]
cmd-unban = رفع الحظر: /unban المستخدم
cmd-stats = الإحصاءات: /stats [الأيام]
cmd-history = سجل حساب شخص: /history المستخدم
cmd-admin = لوحة التحكم: رسوم بيانية، أشخاص، مزوّدون
admin-who = &lt;المستخدم&gt; معرّف رقمي، أو @username رأيته من قبل، أو ردّ بالأمر على رسالة الشخص.
admin-usage-grant = الاستخدام: /grant &lt;المستخدم&gt; &lt;n&gt; (يمكن أن تكون n سالبة لسحب الرصيد).
    { admin-who }
admin-usage-setlimit = الاستخدام: /setlimit &lt;المستخدم&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = الاستخدام: /quota [المستخدم]
    { admin-who }
admin-usage-resetquota = الاستخدام: /resetquota &lt;المستخدم&gt;
    { admin-who }
admin-usage-ban = الاستخدام: /ban &lt;المستخدم&gt; [السبب]
    { admin-who }
admin-usage-unban = الاستخدام: /unban &lt;المستخدم&gt;
    { admin-who }
admin-usage-history = الاستخدام: /history &lt;المستخدم&gt;
    { admin-who }
admin-usage-stats = الاستخدام: /stats [الأيام]، مثلًا /stats 7 (من 1 إلى 366؛ الافتراضي 1).
admin-unknown-user = لم أرَ { $who } بعد. استخدم معرّفه الرقمي، أو ردّ على إحدى رسائله.
admin-hidden-user = هذه الرسالة أُعيد توجيهها من حساب يُخفي هويته ({ $name }): لا أستطيع معرفة صاحبه، ومن أعاد توجيهها ليس المقصود. استخدم المعرّف الرقمي أو @username بدلًا من ذلك.
admin-bad-number = { $value } خارج النطاق: استخدم عددًا صحيحًا من { $min } إلى { $max }.
admin-repeated = تم ذلك بالفعل: وصلني هذا الأمر مرتين.
admin-granted = أُضيف إلى رصيد { $who }: { $amount }. رصيده الآن: { $credits }.
admin-taken = سُحب من رصيد { $who }: { $amount }. رصيده الآن: { $credits }.
admin-limit-set = الحد اليومي لـ { $who } أصبح { $limit }. المتبقي اليوم: { $left }.
admin-limit-default = عاد الحد اليومي لـ { $who } إلى الافتراضي ({ $limit }). المتبقي اليوم: { $left }.
admin-reset-done = أُعيد إلى { $who } من تعديلات اليوم: { $amount }. المتبقي اليوم: { $left } من { $limit }.
admin-banned = حُظر { $who }: طلباته الجديدة تُرفض بلطف ولا يُحتسب عليه شيء. المهمة الجارية بالفعل ستكتمل.
admin-unbanned = رُفع الحظر عن { $who }.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = اليوم ({ $day }): المستهلَك من التعديلات المجانية { $used } من { $limit }، والمحجوز لمهام جارية { $held }، والمتبقي { $left } ({ $source ->
    [admin] حدّ عيّنه مشرف
   *[default] الحد الافتراضي
  }).
    الرصيد: { $credits } (المحجوز منه لمهام جارية: { $credits_held }).{ $bought ->
    [0] {""}
   *[other] {" "}الرصيد المشترى: { $bought } (المحجوز منه لمهام جارية: { $bought_held }).
  }
admin-quota-banned = محظور: { $reason }
admin-quota-jobs = آخر المهام:
admin-quota-no-jobs = لا توجد مهام بعد.
admin-quota-job = • { $when } { $operation }: { $outcome } (التكلفة { $cost })
admin-history-title = <b>سجل حساب { $who }</b>، آخر القيود ({ $count })، الأحدث أولًا:
admin-history-empty = لا يوجد شيء في سجل حساب { $who } بعد.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}مجانية
    [credits] {" "}رصيد
    [bought] {" "}رصيد مشترى
   *[other] {""}
  }
admin-history-job = ، المهمة { $job }
admin-history-admin = ، بواسطة المشرف { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [one] آخر يوم
    [two] آخر يومين
    [few] آخر { $days } أيام
    [many] آخر { $days } يومًا
   *[other] آخر { $days } يوم
  }</b>: المهام { $jobs }، نجح منها { $rate }%.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes })، نجح منها { $rate }%
admin-stats-latency = زمن المزوّدين:
admin-stats-vendor = • { $vendor }: المدة p50 { $p50 } ms، p95 { $p95 } ms (المهام: { $calls })
admin-stats-top = أكثر المستخدمين نشاطًا:
admin-stats-user = • { $who }: المهام { $jobs }، المحتسَب { $charged }
admin-stats-credits = الرصيد الممنوح: { $granted } (المسحوب: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 فتح لوحة التحكم
admin-app-open = لوحة التحكم: المهام والمال والأشخاص والمزوّدون في لمحة واحدة. ما تفعله فيها يُسجَّل باسمك في سجل الحساب، تمامًا كالأوامر.
admin-app-needs-url = تحتاج لوحة التحكم إلى PUBLIC_URL: عنوان https الذي يصل عبره Telegram إلى خادم الويب لهذا البوت.
admin-app-private-only = لا يفتح Telegram لوحة التحكم إلا من محادثة خاصة: أرسل لي /admin هناك.
admin-app-refused = رفض Telegram زر لوحة التحكم للعنوان { $url }. يجب أن يكون عنوان https يستطيع Telegram الوصول إليه: تحقّق من PUBLIC_URL.
## Which face (photos with several faces, or none found)
faces-pick = أيّ وجه؟ وُجد { $count } من الوجوه؛ الرقم 1 هو الأكبر.
faces-pick-target = أيّ وجه يأخذ الوجه الجديد؟ وُجد { $count } من الوجوه؛ الرقم 1 هو الأكبر.
faces-pick-source = أيّ وجه نستخدم؟ وُجد في هذه الصورة { $count } من الوجوه؛ الرقم 1 هو الأكبر.
faces-none = لم أجد في هذه الصورة وجهًا كبيرًا بما يكفي للتعديل. قد يجد المحرّر وجهًا فاتني: أتريد المحاولة على أي حال؟ لا يُحتسب شيء إلا إذا نجح.
faces-none-source = لم أجد في هذه الصورة وجهًا كبيرًا بما يكفي لاستخدامه. قد يجد المحرّر وجهًا فاتني: أتريد المحاولة على أي حال؟ لا يُحتسب شيء إلا إذا نجح.
faces-cancelled = أُلغي.
btn-face-everyone = الجميع ({ $count } وجوه، التكلفة { $cost })
btn-try-anyway = حاول على أي حال
done-face = الوجه { $number }.
done-face-everyone = كل الوجوه: { $count }.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = شراء رصيد بنجوم Telegram
cmd-paysupport = المساعدة في عملية شراء
cmd-terms = شروط البيع
cmd-refund = استرداد مبلغ عملية شراء: /refund معرّف-الدفع
btn-get-more = ⭐ احصل على المزيد
btn-pack = رصيد { $credits } مقابل { $stars } ⭐
out-of-quota-buy = استخدمت كل تعديلاتك المجانية لهذا اليوم ({ $limit }). تتجدّد في الساعة { $reset } ({ $zone })، أو اشترِ رصيدًا الآن:
quota-debt = استُردّ مبلغ عملية شراء بعد أن استُخدم رصيدها: عليك دَين من الرصيد قدره { $debt }. لا يمكن استخدام الرصيد حتى يعود فوق الصفر (التعديلات المجانية اليومية ما زالت تعمل).
buy-packs = <b>الرصيد</b> لا تنتهي صلاحيته أبدًا، ويُستخدم بعد تعديلاتك المجانية اليومية (وحدة رصيد واحدة لكل تعديل). ادفع بنجوم Telegram:
buy-offer-gone = تغيّر هذا العرض. إليك العروض الحالية.
buy-sent-private = أرسلت لك الفاتورة في محادثتنا الخاصة.
buy-start-private = { $name }، لا أستطيع مراسلتك في محادثة خاصة بعد. افتح { $link }، واضغط «ابدأ»، واشترِ من هناك.
buy-closed = الرصيد غير معروض للبيع الآن.
invoice-title = رصيد FaceShift: { $credits }
invoice-description = تعديلات صور عددها { $credits }، لا تنتهي صلاحيتها، وتُستخدم بعد تعديلاتك المجانية اليومية.
invoice-label = رصيد { $credits }
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = الرصيد غير معروض للبيع الآن. لم يُخصم منك شيء.
checkout-unknown = هذه الفاتورة غير صالحة. أرسل /buy لتحصل على فاتورة جديدة. لم يُخصم منك شيء.
checkout-banned = عذرًا، لا يمكنك استخدام هذا البوت. لم يُخصم منك شيء.
checkout-not-yours = هذه الفاتورة صادرة لشخص آخر. أرسل /buy لتحصل على فاتورتك. لم يُخصم منك شيء.
checkout-price = انتهت صلاحية هذه الفاتورة. أرسل /buy لتحصل على فاتورة جديدة. لم يُخصم منك شيء.
checkout-paid = هذه الفاتورة مدفوعة بالفعل. أرسل /buy لتشتري المزيد. لم يُخصم منك شيء.
checkout-error = حدث خطأ من جهتي. حاول مرة أخرى بعد دقيقة. لم يُخصم منك شيء.
paid-credited = ✅ شكرًا لك! أُضيف إلى رصيدك { $credits } مقابل { $stars } ⭐.
    معرّف الدفع: <code>{ $charge }</code> (احتفظ به: إن حدثت أي مشكلة فاستخدم /paysupport).
paid-balance = رصيدك الآن: { $credits }.
paid-unmatched = وصلتني دفعتك البالغة { $stars } ⭐، لكني لم أستطع ربطها بأي طلب، لذا لم يُضف شيء إلى رصيدك. أُبلغ المشرفون وسيعالجون الأمر.
    معرّف الدفع: <code>{ $charge }</code>
refund-person = ↩️ استُردّت دفعتك البالغة { $stars } ⭐ (المعرّف <code>{ $charge }</code>). سُحب من رصيدك: { $credits }.
paysupport =
    <b>المساعدة في عملية شراء</b>

    يُباع الرصيد مقابل نجوم Telegram، والشروط في /terms. إذا حدثت مشكلة في عملية شراء (لم يصل الرصيد، أو دفعت مرتين، أو فشل تعديل دفعت ثمنه)، فاكتب <b>/paysupport</b> ثم ما حدث، في رسالة واحدة: تصل إلى المشرفين مع القائمة أدناه ويردّون عليك هنا. عند الاسترداد تعود إليك النجوم ويُسحب الرصيد.
paysupport-purchases = مشترياتك، الأحدث أولًا:
paysupport-none = لم تشترِ شيئًا بعد.
purchase-line = • { $when }: { $stars } ⭐ ← رصيد { $credits }، { $status ->
    [credited] أُضيف
    [refunded] مُسترَد
   *[other] قيد المراجعة
  }، المعرّف <code>{ $charge }</code>
paysupport-sent = شكرًا لك: وصلت رسالتك وقائمة مشترياتك إلى المشرفين. سيردّون عليك هنا.
paysupport-no-admins = عذرًا، لا يمكن الوصول إلى أي مشرف الآن. حاول مرة أخرى لاحقًا.
terms-default =
    <b>شروط البيع</b>

    • يُشترى الرصيد بنجوم Telegram. كل وحدة رصيد تدفع ثمن تعديل واحد لصورة (بعض التعديلات تكلّف أكثر، ويخبرك البوت بذلك).
    • لا تنتهي صلاحية الرصيد أبدًا، ويُستخدم بعد تعديلاتك المجانية اليومية. التعديل الذي يفشل لا يُحتسب عليك.
    • الاسترداد: اطلبه عبر /paysupport. عند الاسترداد تعود إليك النجوم ويُسحب الرصيد؛ وإن كان الرصيد قد استُخدم فقد يصبح رصيدك سالبًا.
    • لا يمكن تحويل الرصيد إلى شخص آخر ولا استبداله بمال.
    • يتولّى Telegram معالجة المدفوعات؛ ولا يرى البوت بطاقتك أبدًا.
admin-paysupport = 💬 طلب دعم من { $who }: { $text }
admin-unmatched = ⚠️ دفعة لا تطابق أي طلب: { $stars } ⭐ من { $who }، payload { $payload }، المعرّف <code>{ $charge }</code>. لم يُضف شيء إلى الرصيد: استردّها بالأمر /refund، أو امنح الرصيد بالأمر /grant.
admin-refund-usage = الاستخدام: /refund &lt;معرّف الدفع&gt;، أو ردّ بالأمر /refund على رسالة تعرض المعرّف (إيصال، /paysupport، /history، طلب دعم).
admin-refund-which = تعرض تلك الرسالة عدة دفعات؛ استخدم /refund مع أحد هذه المعرّفات: { $charges }
admin-refund-unknown = لا توجد لديّ دفعة بالمعرّف { $charge }.
admin-refund-failed = رفض Telegram استرداد { $charge }: { $detail }
admin-refund-done = استُردّ { $stars } ⭐ إلى { $who }، الدفعة <code>{ $charge }</code>؛ وسُحب من رصيده: { $credits }.
admin-refund-already = الدفعة البالغة { $stars } ⭐ من { $who }، <code>{ $charge }</code>، استُردّت من قبل؛ وسُحب من رصيده: { $credits }.
admin-refund-balance = رصيده المشترى الآن: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (عليه دَين قدره { $debt })
  }.
admin-stats-money = ⭐ النجوم المستلمة: { $received } (الدفعات: { $payments })، المستردّة: { $refunded } (عمليات الاسترداد: { $refunds }). الرصيد المُباع: { $sold } (المسحوب: { $taken })، والمستهلَك من الرصيد المشترى: { $spent }.
admin-history-purchases = المشتريات:

## Results worth sharing
btn-every-age = 🎞 الثلاثة معًا · { $cost ->
    [one] رصيد واحد
    [two] رصيدان
    [few] { $cost } أرصدة
   *[other] { $cost } رصيد
  }
btn-before-after = ↔️ قبل / بعد
btn-full-quality = 📎 الجودة الكاملة
result-expired = انتهت صلاحية هذه النتيجة. أرسل الصورة مرة أخرى لعمل نتيجة جديدة.
label-before = قبل
label-after = بعد
done-every-age = ها أنت في عمر { $ages } سنة.
every-age-partial = تعذّر عمل: { $ages }. لم نخصم منك شيئًا مقابلها.
privacy-results-kept = تُحفظ النتيجة على خادمنا { $minutes ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $minutes } دقائق
   *[other] { $minutes } دقيقة
  } بعد إرسالها (لزرّي "قبل / بعد" و"الجودة الكاملة")، ثم تُحذف.
privacy-results-none = تُرسل النتيجة إليك ولا نحتفظ بها بعد التسليم.
