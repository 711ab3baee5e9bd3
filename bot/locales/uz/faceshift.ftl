# FaceShift texts, Uzbek. HTML markup is allowed; { $args } are escaped by the bot.

start =
    Salom, { $name }! Men suratlardagi yuzlarni tahrirlayman.

    Yuz tushgan surat yuboring va nima qilishni tanlang:
    • <b>Qariroq</b> yoki <b>Yoshroq</b>: yuzni boshqa yoshda koʻring
    • <b>Jinsni almashtirish</b>: yuzni boshqa jinsda koʻring
    • <b>Yuz almashtirish</b>: ikkinchi suratdagi yuzni shu suratga qoʻying
    • <b>Jinsni aniqlash</b>: nimani koʻrganimni aytaman va yuzni belgilab beraman

    /help batafsil tushuntiradi, /privacy suratlaringiz bilan nima boʻlishini aytadi.

help-private =
    <b>FaceShift bilan qanday ishlash kerak</b>

    1. Yuz aniq koʻrinadigan surat (yoki rasm fayli) yuboring.
    2. Javobim ostidagi tugmalardan birini bosing: Qariroq, Yoshroq, Jinsni almashtirish, Yuz almashtirish yoki Jinsni aniqlash.
    3. Bir necha soniya kuting (yuz almashtirish bir-ikki daqiqa davom etadi). Natija suratingizga javob sifatida keladi.

    Har bir tahrir kunlik limitingizdan bitta soʻrovni sarflaydi; /quota qancha qolganini koʻrsatadi.
    /cancel boshlagan ishingizni toʻxtatadi, /privacy suratlaringiz bilan nima boʻlishini aytadi.
    /language siz bilan gaplashadigan tilimni oʻzgartiradi.

help-group =
    <b>Guruhda FaceShift</b>

    Guruhlarda men faqat buyruqlarni, xabarlarimga javoblarni va meni tilga olgan xabarlarni koʻraman. Shuning uchun:
    • menyu uchun suratga /face bilan javob bering yoki toʻgʻridan-toʻgʻri /older, /younger, /gender, /detect yoki /swap bilan;
    • yoki izohida shu buyruqlardan biri (yoki mening @nomim) boʻlgan surat joylang.
    /swap yangi yuz olishi kerak boʻlgan suratga javob sifatida yuboriladi; keyin xabarimga kerakli yuz tushgan surat bilan javob bering.
    Surat ostidagi tugmalarni faqat soʻragan odam bosa oladi.
    Guruh adminlari /language orqali guruh tilini tanlay oladi.

error-generic = Kechirasiz, menda nimadir buzildi. Bir daqiqadan soʻng qayta urinib koʻring.

cmd-start = Boshlash: bu bot nima qiladi
cmd-help = Botdan qanday foydalanish
cmd-face = Suratga javob: menyuni koʻrsatish
cmd-older = Suratga javob: yuzni qariroq qilish
cmd-younger = Suratga javob: yuzni yoshroq qilish
cmd-gender = Suratga javob: jinsni almashtirish
cmd-swap = Suratga javob: boshqa yuzni qoʻyish
cmd-detect = Suratga javob: jinsni aniqlash
cmd-quota = Kunlik limitingizdan qancha qoldi
cmd-cancel = Boshlagan ishni bekor qilish
cmd-privacy = Suratlaringiz bilan nima boʻladi
cmd-language = Tilni tanlash

## The menu
menu-prompt = Bu yuz bilan nima qilay?
menu-older = Yuz necha yoshda koʻrinsin?
menu-younger = Yuz qanchalik yosh koʻrinsin?
menu-gender = Yuz qaysi jinsda boʻlsin?
btn-older = 👴 Qariroq
btn-younger = 👶 Yoshroq
btn-swap-gender = 🔄 Jinsni almashtirish
btn-swap-faces = 🎭 Yuz almashtirish
btn-detect = 🔍 Jinsni aniqlash
btn-age = { $age } yosh
btn-back = ⬅️ Orqaga
btn-cancel = ✖️ Bekor qilish
btn-to-female = 👩 Ayol
btn-to-male = 👨 Erkak
not-yours = Bu tugmalar shu surat haqida soʻragan odamga tegishli. Sinab koʻrish uchun oʻz suratingizni yuboring!
not-yours-chat = Bu tugmalar { $who } chatiga tegishli: ularni faqat uning adminlari bosa oladi. Sinab koʻrish uchun oʻz suratingizni yuboring!
menu-gone = Bu menyu eskirib qoldi. Iltimos, suratni qayta yuboring.
op-unavailable = Bu hozir mavjud emas.
no-photo = Bu buyruq bilan suratga javob bering yoki buyruqni izohga yozib surat yuboring.

## Face swap
swap-prompt-private = Endi <b>qoʻyiladigan yuz</b> tushgan suratni yuboring. Men bu yuzni yuqoridagi suratga qoʻyaman (yuqoridagi suratda tana, soch va fon oʻzgarmaydi). { $minutes } { $minutes ->
   *[other] daqiqa
  } kutaman.
swap-prompt-group = { $name }, <b>shu xabarga</b> <b>qoʻyiladigan yuz</b> tushgan surat bilan javob bering. Men bu yuzni yuqoridagi suratga qoʻyaman. { $minutes } { $minutes ->
   *[other] daqiqa
  } kutaman.
swap-cancelled = Yuz almashtirish bekor qilindi.
swap-expired = Yuz almashtirish bekor qilindi: { $minutes } { $minutes ->
   *[other] daqiqa
  } ichida yuz surati kelmadi. Qayta urinish uchun yana Yuz almashtirish tugmasini bosing.
swap-album-group = Guruhda men albomdagi faqat izohi bor suratni koʻraman. Yangi yuz olishi kerak boʻlgan suratga /swap bilan javob bering, keyin xabarimga yuz surati bilan javob bering.
swap-album-count = Albom orqali yuz almashtirish uchun /swap izohi bilan aynan ikkita surat yuboring: birinchisi yuzni beradi, ikkinchisi uni oladi.
cancel-nothing = Bekor qiladigan hech narsa yoʻq.
cancel-done = Bekor qilindi.
cancel-running = Suratingiz allaqachon yuz muharririda va uni hozir toʻxtatib boʻlmaydi. Natija tez orada keladi.

## Jobs
op-older = Yuz qariroq qilinmoqda ({ $age })
op-younger = Yuz yoshroq qilinmoqda ({ $age })
op-swap_gender = Jins almashtirilmoqda
op-swap_faces = Yuzlar almashtirilmoqda
op-detect_gender = Jins aniqlanmoqda
stage-queued = ⏳ { $operation }: navbat kutilmoqda…
stage-queued-place = ⏳ { $operation }: navbatda { $place }…
stage-queued-place-wait = ⏳ { $operation }: navbatda { $place }, taxminan { $wait }…
queue-ordinal = { $ordinal ->
   *[other] { $place }-oʻrinda
}
queue-wait-seconds = { $seconds } soniya
queue-wait-minutes = { $minutes } daqiqa
stage-preparing = ⏳ { $operation }: surat tayyorlanmoqda…
stage-sent = ⏳ { $operation }: yuz muharriri ishlamoqda…
stage-sent-swap = ⏳ { $operation }: yuz muharriri ishlamoqda. Yuz almashtirish bir-ikki daqiqa davom etadi…
busy = Hali oldingi suratingiz ustida ishlayapman. Iltimos, bittadan: tez orada tayyor boʻladi.
duplicate = Allaqachon ishlayapman!
duplicate-done = Allaqachon tayyor: natija yuqorida. Boshqa amalni tanlang yoki suratni qayta yuboring.
banned = Kechirasiz, siz bu botdan foydalana olmaysiz.
out-of-quota = Bugungi barcha bepul tahrirlaringizni ({ $limit }) ishlatib boʻldingiz. Ular soat { $reset } da ({ $zone }) qaytadi. Admin sizga qoʻshimcha tahrir ham berishi mumkin.

## Results
done-older = Mana siz { $age } yoshda.
done-younger = Mana siz { $age } yoshda.
done-swap_gender = Mana yuz { $to ->
    [female] ayol
   *[male] erkak
  } qiyofasida.
done-swap_gender-detected = Men { $gender ->
    [female] ayolni
   *[male] erkakni
  } koʻrdim, shuning uchun mana yuz { $to ->
    [female] ayol
   *[male] erkak
  } qiyofasida.
done-swap_faces = Mana shu surat, boshqa suratingizdagi yuz bilan.
done-detect_gender = Men <b>{ $gender ->
    [female] ayolni
   *[male] erkakni
  }</b> koʻryapman ({ $confidence }% ishonch bilan). Soqol: { $beard ->
    [yes] bor
   *[no] yoʻq
  }. Yuz belgilandi.
quota-left = Bugun qoldi: { $left } ta bepul tahrir{ $credits ->
    [0] {""}
   *[other] {""}, yana { $credits } kredit
  }.

## Failures
fail-no_face = Yuz topilmadi. Yuz aniq koʻrinadigan va kamida 64x64 piksel boʻlgan suratni sinab koʻring.
fail-face_too_small = Yuz juda kichik. Yaqinroqdan olingan, yuz kamida 64x64 piksel boʻlgan suratni sinab koʻring.
fail-poor_quality = Yuz yaxshi koʻrinmayapti (xira, qorongʻi, yopilgan yoki boshqa tomonga qaragan). Yuz kameraga qarab turgan, aniq va yorugʻ suratni sinab koʻring.
fail-bad_format = Bu rasmni oʻqiy olmadim. Uni oddiy surat sifatida yuboring (JPEG yoki PNG).
fail-too_large = Bu rasm yuz muharriri uchun juda katta. Uni fayl emas, oddiy surat sifatida yuboring.
fail-rejected = Yuz muharriri bu suratni oʻz kontent qoidalariga koʻra rad etdi. Boshqa surat yuboring.
fail-unusable_photo = Yuz muharriri bu suratdan foydalana olmadi. Yuz aniq va old tomondan koʻrinadigan boshqa suratni sinab koʻring.
fail-operator = Yuz muharriri vaqtincha ishlamayapti. Keyinroq qayta urinib koʻring; adminlarga xabar berildi.
fail-rate_limited = Yuz muharriri hozir band. Bir daqiqadan soʻng qayta urinib koʻring.
fail-transient = Yuz muharririda qisqa nosozlik yuz berdi. Bir daqiqadan soʻng qayta urinib koʻring.
fail-timeout = Yuz muharriri juda uzoq ishladi. Bir necha daqiqadan soʻng qayta urinib koʻring.
fail-photo_unavailable = Bu suratni Telegramdan yuklab ololmadim (botlar 20 MB dan katta fayllarni yuklab ololmaydi). Uni surat sifatida yoki kichikroq fayl qilib yuboring.
fail-interrupted = Soʻrovingiz bot qayta ishga tushgani sababli uzilib qoldi va hech narsa sarflanmadi. Qayta urinib koʻring.
fail-cancelled = Bekor qilindi.
fail-not_an_image = Bu fayl men oʻqiy oladigan rasm emas. Surat yoki rasm fayli yuboring (JPEG, PNG, WebP, HEIC, BMP yoki GIF).
fail-unsupported_format = Bu rasm formatini oʻqiy olmayman. JPEG, PNG, WebP, HEIC, BMP yoki GIF yuboring.
fail-corrupt = Bu rasm fayli buzilgan yoki toʻliq emas. Iltimos, qayta yuboring.
fail-empty = Bu fayl boʻsh. Iltimos, suratni qayta yuboring.
fail-too_small = Bu rasm juda kichik: yuz sigʻishi uchun qisqa tomoni kamida { $min } piksel boʻlishi kerak. Kattaroq surat yuboring.
fail-too_large_pixels = Bu rasmning piksellari haddan tashqari koʻp. Oʻrniga oddiy surat yuboring.
fail-too_many_bytes = Bu rasm juda katta. Uni fayl emas, oddiy surat sifatida yuboring.
fail-bad_aspect_ratio = Bu rasm juda uzun va ensiz. Oddiy surat yuboring.
fail-undeliverable = Natijangiz tayyor edi, lekin Telegram uni mendan qabul qilmadi, shuning uchun uni oʻchirib tashladim. Qayta urinib koʻring.
fail-undelivered = Natijangiz tayyor edi, lekin Telegram bir necha urinishda ham uni mendan qabul qila olmadi, shuning uchun uni oʻchirib tashladim. Keyinroq qayta urinib koʻring.
not-free = Hech narsa sarflanmadi.
file-not-image = Bu fayl rasm emas. Surat yoki rasm fayli yuboring (JPEG, PNG, WebP, HEIC, BMP yoki GIF).
file-too-big = Bu fayl Telegram botlar uchun belgilagan 20 MB chegarasidan katta. Uni surat sifatida yoki kichikroq fayl qilib yuboring.

## Account
quota-status = Bugun { $limit } ta bepul tahrirdan <b>{ $left }</b> tasi qoldi{ $credits ->
    [0] {""}
   *[other] {""}, yana <b>{ $credits }</b> kreditingiz bor (muddati tugamaydi)
  }. Bepul tahrirlar soat { $reset } da ({ $zone }) qaytadi.
privacy =
    <b>Suratlaringiz bilan nima boʻladi</b>

    • Tugmani bosganingizda suratingiz shu ishni bajaradigan yuz tahrirlash xizmatiga yuboriladi: { $vendors }.
    • Ish davom etayotganda surat xizmat uni olib keta olishi uchun serverimizda koʻpi bilan { $minutes } { $minutes ->
   *[other] daqiqa
  } saqlanadi, keyin oʻchiriladi. { $hosting }
    • { $results }
    • Kunlik limitingizni yuritish uchun Telegram id, ismingiz, tilingiz va qancha tahrir ishlatganingizni saqlaymiz.
privacy-hosting-builtin = Xizmat ishlatadigan havola tasodifiy boʻlib, ish tugagach ishlamay qoladi.
privacy-hosting-s3 = Xizmat ishlatadigan havola tasodifiy boʻlib, { $minutes } { $minutes ->
   *[other] daqiqa
  } ichida amal qilishdan toʻxtaydi.
privacy-hosting-acedata = Yuz almashtirish va Ace Data Cloud tahrirlari uchun surat Ace Data Cloud xotirasiga yuklanadi, u yerda suratning ochiq nusxasi 7 kun saqlanadi.
privacy-hosting-none = {""}
admin-alert = ⚠️ Operator diqqatiga: { $text }

## /language
btn-language-auto = 🌐 Avtomatik (Telegramdagidek)
language-prompt-private = Tilingiz: <b>{ $language }</b>. Boshqasini tanlang:
language-prompt-private-auto = Tilingiz: <b>{ $language }</b> (avtomatik). Boshqasini tanlang:
language-prompt-group = Bu guruh tili: <b>{ $language }</b>. Boshqasini tanlang:
language-prompt-group-auto = Bu guruhning oʻz tili yoʻq: har kimga oʻz tilida javob beraman. Guruh uchun til tanlang:
language-set-private = Tayyor. Tilingiz: <b>{ $language }</b>.
language-set-private-auto = Tayyor. Tilingiz: <b>{ $language }</b> (avtomatik).
language-set-group = Tayyor. Bu guruh tili: <b>{ $language }</b>.
language-set-group-auto = Tayyor. Endi bu guruhning oʻz tili yoʻq: har kimga oʻz tilida javob beraman.
language-admins-only = Guruh tilini faqat uning adminlari oʻzgartira oladi.
language-not-admin = Guruh tilini faqat uning adminlari tanlay oladi. Oʻz tilingizni tanlash uchun menga shaxsiy chatda /language yuboring.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = Bu buyruqni bilmayman. /help nimalar qila olishimni koʻrsatadi.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Sizning yoki boshqa kishining limiti: /quota kim
cmd-grant = Kredit berish: /grant kim n
cmd-setlimit = Kunlik limitni belgilash: /setlimit kim n|default
cmd-resetquota = Bugungi tahrirlarni qaytarish: /resetquota kim
cmd-ban = Bloklash: /ban kim [sabab]
cmd-unban = Blokdan chiqarish: /unban kim
cmd-stats = Statistika: /stats [kun]
cmd-history = Kishining hisob daftari: /history kim
cmd-admin = Panel: grafiklar, odamlar, provayderlar
admin-who = &lt;kim&gt; — raqamli id yoki men koʻrgan @username; yoki shu kishining xabariga buyruq bilan javob bering.
admin-usage-grant = Foydalanish: /grant &lt;kim&gt; &lt;n&gt; (kreditni qaytarib olish uchun n manfiy boʻlishi mumkin).
    { admin-who }
admin-usage-setlimit = Foydalanish: /setlimit &lt;kim&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Foydalanish: /quota [kim]
    { admin-who }
admin-usage-resetquota = Foydalanish: /resetquota &lt;kim&gt;
    { admin-who }
admin-usage-ban = Foydalanish: /ban &lt;kim&gt; [sabab]
    { admin-who }
admin-usage-unban = Foydalanish: /unban &lt;kim&gt;
    { admin-who }
admin-usage-history = Foydalanish: /history &lt;kim&gt;
    { admin-who }
admin-usage-stats = Foydalanish: /stats [kun], masalan /stats 7 (1–366; standart qiymat 1).
admin-unknown-user = Bu foydalanuvchini hali koʻrmaganman: { $who }. Uning raqamli identifikatorini yozing yoki xabarlaridan biriga javob bering.
admin-hidden-user = Bu xabar oʻzini yashiradigan hisobdan uzatilgan ({ $name }): kimligini bilolmayman, uni uzatgan kishi esa nazarda tutilgan odam emas. Uning oʻrniga raqamli id yoki @username yozing.
admin-bad-number = { $value } ruxsat etilgan oraliqdan tashqarida: { $min }–{ $max } oraligʻidagi butun sonni kiriting.
admin-repeated = Allaqachon bajarilgan: bu buyruq menga ikki marta keldi.
admin-granted = { $amount } kredit berildi (oluvchi: { $who }). Endi kreditlari: { $credits }.
admin-taken = { $amount } kredit qaytarib olindi ({ $who }). Endi kreditlari: { $credits }.
admin-limit-set = { $who }: kunlik limit endi { $limit }. Bugun qoldi: { $left }.
admin-limit-default = { $who }: kunlik limit yana standart ({ $limit }). Bugun qoldi: { $left }.
admin-reset-done = { $who }: bugungi tahrirlardan { $amount } tasi qaytarildi. Bugun qoldi: { $left } / { $limit }.
admin-banned = { $who } bloklandi: yangi soʻrovlari muloyimlik bilan rad etiladi va hech narsa sarflanmaydi. Allaqachon boshlangan ish oxiriga yetadi.
admin-unbanned = { $who } endi bloklanmagan.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Bugun ({ $day }): { $limit } ta bepul tahrirdan { $used } tasi ishlatildi, { $held } tasi ishlayotgan ishlar uchun band, { $left } tasi qoldi ({ $source ->
    [admin] limitni admin belgilagan
   *[default] standart limit
  }).
    Kreditlar: { $credits } (ishlayotgan ishlar uchun band: { $credits_held }).{ $bought ->
    [0] {""}
   *[other] {" "}Sotib olingan kreditlar: { $bought } (ishlayotgan ishlar uchun band: { $bought_held }).
  }
admin-quota-banned = Bloklangan: { $reason }
admin-quota-jobs = Oxirgi ishlar:
admin-quota-no-jobs = Hali ishlar yoʻq.
admin-quota-job = • { $when } { $operation }: { $outcome } (narxi { $cost })
admin-history-title = <b>Hisob daftari: { $who }</b>, oxirgi { $count } ta yozuv, yangilari yuqorida:
admin-history-empty = Hisob daftarida { $who } uchun hali hech narsa yoʻq.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}bepul
    [credits] {" "}kredit
    [bought] {" "}sotib olingan kredit
   *[other] {""}
  }
admin-history-job = , ish { $job }
admin-history-admin = , admin { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [one] Oxirgi kun
   *[other] Oxirgi { $days } kun
  }</b>: { $jobs } ta ish, { $rate }% muvaffaqiyatli.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate }% muvaffaqiyatli
admin-stats-latency = Provayderlar vaqti:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } ta ish)
admin-stats-top = Eng faol foydalanuvchilar:
admin-stats-user = • { $who }: { $jobs } ta ish, { $charged } ta hisobdan yechildi
admin-stats-credits = Berilgan kreditlar: { $granted } (qaytarib olingan: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Panelni ochish
admin-app-open = Panel: ishlar, pul, odamlar va provayderlar bir qarashda. U yerdagi amallaringiz ham buyruqlar kabi sizning nomingizdan hisob daftariga yoziladi.
admin-app-needs-url = Panel uchun PUBLIC_URL kerak: Telegram bu botning veb-serveriga ulana oladigan https manzil.
admin-app-private-only = Telegram panelni faqat shaxsiy chatdan ochadi: menga oʻsha yerda /admin yuboring.
admin-app-refused = Telegram { $url } uchun panel tugmasini rad etdi. Manzil Telegram ulana oladigan https manzil boʻlishi kerak: PUBLIC_URL ni tekshiring.
## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Telegram Stars evaziga kredit sotib olish
cmd-paysupport = Xarid boʻyicha yordam
cmd-terms = Sotuv shartlari
cmd-refund = Xarid pulini qaytarish: /refund toʻlov-id
btn-get-more = ⭐ Yana olish
btn-pack = { $stars } ⭐ evaziga { $credits } kredit
out-of-quota-buy = Bugungi barcha bepul tahrirlaringizni ({ $limit }) ishlatib boʻldingiz. Ular soat { $reset } da ({ $zone }) qaytadi, yoki hozir kredit sotib oling:
quota-debt = Bir xarid uchun pul uning kreditlari ishlatilganidan keyin qaytarildi: { $debt } kredit qarzingiz bor. Balans yana noldan oshmaguncha kreditlardan foydalanib boʻlmaydi (kunlik bepul tahrirlar ishlayveradi).
buy-packs = <b>Kreditlar</b> hech qachon eskirmaydi va kunlik bepul tahrirlaringizdan keyin ishlatiladi (har bir tahrirga bitta kredit). Telegram Stars bilan toʻlang:
buy-offer-gone = Bu taklif oʻzgardi. Mana amaldagi takliflar.
buy-sent-private = Toʻlov hisobini sizga shaxsiy chatimizda yubordim.
buy-start-private = { $name }, hozircha sizga shaxsiy xabar yoza olmayman. { $link } ni oching, Start tugmasini bosing va oʻsha yerda sotib oling.
buy-closed = Hozir kreditlar sotilmayapti.
invoice-title = { $credits } ta FaceShift krediti
invoice-description = Hech qachon eskirmaydigan { $credits } ta surat tahriri; kunlik bepul tahrirlaringizdan keyin ishlatiladi.
invoice-label = { $credits } kredit
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Hozir kreditlar sotilmayapti. Hisobingizdan hech narsa yechilmadi.
checkout-unknown = Bu toʻlov hisobi yaroqsiz. Yangisini olish uchun /buy yuboring. Hisobingizdan hech narsa yechilmadi.
checkout-banned = Kechirasiz, siz bu botdan foydalana olmaysiz. Hisobingizdan hech narsa yechilmadi.
checkout-not-yours = Bu toʻlov hisobi boshqa odam uchun yaratilgan. Oʻzingiznikini olish uchun /buy yuboring. Hisobingizdan hech narsa yechilmadi.
checkout-price = Bu toʻlov hisobi eskirgan. Yangisini olish uchun /buy yuboring. Hisobingizdan hech narsa yechilmadi.
checkout-paid = Bu toʻlov hisobi allaqachon toʻlangan. Yana sotib olish uchun /buy yuboring. Hisobingizdan hech narsa yechilmadi.
checkout-error = Menda nimadir buzildi. Bir daqiqadan soʻng qayta urinib koʻring. Hisobingizdan hech narsa yechilmadi.
paid-credited = ✅ Rahmat! { $stars } ⭐ evaziga { $credits } kredit qoʻshildi.
    Toʻlov identifikatori: <code>{ $charge }</code> (saqlab qoʻying: biror muammo boʻlsa, /paysupport).
paid-balance = Endi sizda { $credits } kredit bor.
paid-unmatched = { $stars } ⭐ miqdoridagi toʻlovingizni oldim, lekin uni biror buyurtmaga bogʻlay olmadim, shuning uchun kredit qoʻshilmadi. Adminlarga xabar berildi, ular buni hal qilishadi.
    Toʻlov identifikatori: <code>{ $charge }</code>
refund-person = ↩️ { $stars } ⭐ miqdoridagi toʻlovingiz qaytarildi (id <code>{ $charge }</code>). { $credits } kredit qaytarib olindi.
paysupport =
    <b>Xarid boʻyicha yordam</b>

    Kreditlar Telegram Stars evaziga sotiladi; shartlar /terms da. Agar xarid bilan muammo boʻlsa (kreditlar kelmadi, pul ikki marta yechildi, toʻlangan tahrir amalga oshmadi), bitta xabarda <b>/paysupport</b> deb yozing va ortidan nima boʻlganini yozing: adminlar uni quyidagi roʻyxat bilan birga oladi va shu yerda javob beradi. Pul qaytarilganda Stars sizga qaytadi, kreditlar esa qaytarib olinadi.
paysupport-purchases = Xaridlaringiz, yangilari yuqorida:
paysupport-none = Siz hali hech narsa sotib olmagansiz.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } kredit, { $status ->
    [credited] qoʻshildi
    [refunded] qaytarildi
   *[other] tekshirilmoqda
  }, id <code>{ $charge }</code>
paysupport-sent = Rahmat: xabaringiz va xaridlaringiz roʻyxati adminlarga yetib bordi. Ular shu yerda javob beradi.
paysupport-no-admins = Kechirasiz, hozir hech bir admin bilan bogʻlanib boʻlmayapti. Keyinroq qayta urinib koʻring.
terms-default =
    <b>Sotuv shartlari</b>

    • Kreditlar Telegram Stars evaziga sotib olinadi. Bitta kredit bitta surat tahririga yetadi (ayrim tahrirlar qimmatroq; bot buni aytadi).
    • Kreditlar hech qachon eskirmaydi. Ular kunlik bepul tahrirlaringizdan keyin ishlatiladi. Amalga oshmagan tahrir uchun hech narsa olinmaydi.
    • Pulni qaytarish: /paysupport orqali soʻrang. Pul qaytarilganda Stars sizga qaytadi, kreditlar esa qaytarib olinadi; agar kreditlar allaqachon ishlatilgan boʻlsa, balans manfiy boʻlib qolishi mumkin.
    • Kreditlarni boshqa kishiga oʻtkazib ham, pulga almashtirib ham boʻlmaydi.
    • Toʻlovlarni Telegram amalga oshiradi; bot kartangizni hech qachon koʻrmaydi.
admin-paysupport = 💬 Yordam soʻrovi ({ $who }): { $text }
admin-unmatched = ⚠️ Toʻlov hech bir buyurtmaga mos kelmadi: { $stars } ⭐, kimdan: { $who }, payload { $payload }, id <code>{ $charge }</code>. Hech narsa qoʻshilmadi: uni /refund bilan qaytaring yoki kreditlarni /grant bilan bering.
admin-refund-usage = Foydalanish: /refund &lt;toʻlov id&gt; yoki id koʻrsatilgan xabarga /refund bilan javob bering (chek, /paysupport, /history, yordam soʻrovi).
admin-refund-which = Bu xabarda bir nechta toʻlov bor; /refund ni ulardan biri bilan yuboring: { $charges }
admin-refund-unknown = Menda { $charge } identifikatorli toʻlov yoʻq.
admin-refund-failed = Telegram { $charge } toʻlovini qaytarishni rad etdi: { $detail }
admin-refund-done = { $stars } ⭐ qaytarildi (oluvchi: { $who }), toʻlov <code>{ $charge }</code>; { $credits } kredit qaytarib olindi.
admin-refund-already = { $stars } ⭐ lik toʻlov ({ $who }, <code>{ $charge }</code>) allaqachon qaytarilgan; { $credits } kredit qaytarib olingan.
admin-refund-balance = Uning sotib olingan kreditlari endi: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} ({ $debt } kredit qarz)
  }.
admin-stats-money = ⭐ Olingan Stars: { $received } ({ $payments } ta toʻlov), qaytarilgan: { $refunded } ({ $refunds } ta qaytarish). Sotilgan kreditlar: { $sold } (qaytarib olingan: { $taken }), sarflangan sotib olingan kreditlar: { $spent }.
admin-history-purchases = Xaridlar:
## Which face (photos with several faces, or none found)
faces-pick = Qaysi yuz? { $count } ta yuz topildi; 1 — eng kattasi.
faces-pick-target = Yangi yuz qaysi yuzga qoʻyilsin? { $count } ta yuz topildi; 1 — eng kattasi.
faces-pick-source = Qaysi yuz olinsin? Bu suratda { $count } ta yuz topildi; 1 — eng kattasi.
faces-none = Bu suratda (tahrir qilishga yetarlicha katta) yuz topmadim. Muharrirlar gohida men koʻrmagan yuzni topadi: baribir urinib koʻramizmi? Natija chiqmasa, hech narsa sarflanmaydi.
faces-none-source = Bu suratda olish mumkin boʻlgan (yetarlicha katta) yuz topmadim. Muharrirlar gohida men koʻrmagan yuzni topadi: baribir urinib koʻramizmi? Natija chiqmasa, hech narsa sarflanmaydi.
faces-cancelled = Bekor qilindi.
btn-face-everyone = Hammasi ({ $count } ta yuz, narxi { $cost })
btn-try-anyway = Baribir urinib koʻrish
done-face = { $number }-yuz.
done-face-everyone = Barcha yuzlar: { $count }.

## Results worth sharing
btn-every-age = 🎞 Uchalasi birga · { $cost } { $cost ->
   *[other] kredit
  }
btn-before-after = ↔️ Oldin / keyin
btn-full-quality = 📎 Toʻliq sifat
result-expired = Bu natijaning muddati tugagan. Yangisini qilish uchun suratni qayta yuboring.
label-before = Oldin
label-after = Keyin
done-every-age = Mana siz { $ages } yoshda.
every-age-partial = Bular chiqmadi: { $ages }. Ular uchun sizdan haq olinmadi.
privacy-results-kept = Natija yuborilgandan keyin serverimizda { $minutes } { $minutes ->
   *[other] daqiqa
  } saqlanadi ("Oldin / keyin" va "Toʻliq sifat" uchun), keyin oʻchiriladi.
privacy-results-none = Natija sizga yuboriladi va yetkazilgandan keyin saqlanmaydi.
