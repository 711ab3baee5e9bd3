# FaceShift texts, Turkish. HTML markup is allowed; { $args } are escaped by the bot.

start =
    Merhaba { $name }! Fotoğraflardaki yüzleri düzenliyorum.

    Bana yüz içeren bir fotoğraf gönderin ve ne yapılacağını seçin:
    • <b>Yaşlandır</b> veya <b>Gençleştir</b>: yüzü başka bir yaşta görün
    • <b>Cinsiyet değiştir</b>: yüzü diğer cinsiyette görün
    • <b>Yüz takası</b>: ikinci bir fotoğraftaki yüzü bu fotoğrafa yerleştirin
    • <b>Cinsiyet tespiti</b>: ne gördüğümü söyler, yüzü işaretlerim

    /help daha fazlasını anlatır, /privacy fotoğraflarınıza ne olduğunu açıklar.

help-private =
    <b>FaceShift nasıl kullanılır</b>

    1. Yüzün net göründüğü bir fotoğraf (veya görsel dosyası) gönderin.
    2. Yanıtımın altındaki düğmelerden birine basın: Yaşlandır, Gençleştir, Cinsiyet değiştir, Yüz takası veya Cinsiyet tespiti.
    3. Birkaç saniye bekleyin (yüz takası bir iki dakika sürer). Sonuç, fotoğrafınıza yanıt olarak gelir.

    Her düzenleme günlük hakkınızdan bir istek kullanır; /quota ne kadar kaldığını gösterir.
    /cancel başlattığınız işlemi durdurur, /privacy fotoğraflarınıza ne olduğunu açıklar.
    /language sizinle konuştuğum dili değiştirir.

help-group =
    <b>Grupta FaceShift kullanımı</b>

    Gruplarda yalnızca komutları, mesajlarıma verilen yanıtları ve benden bahseden mesajları görürüm. Bu yüzden:
    • menü için bir fotoğrafa /face ile yanıt verin ya da doğrudan /older, /younger, /gender, /detect veya /swap ile;
    • ya da açıklamasında bu komutlardan biri (veya @adım) olan bir fotoğraf paylaşın.
    /swap, yeni yüzü alacak fotoğrafa verilir; ardından kullanılacak yüzün fotoğrafıyla mesajıma yanıt verin.
    Bir fotoğrafın altındaki düğmelere yalnızca isteyen kişi basabilir.
    Grubun yöneticileri /language ile grubun dilini seçebilir.

error-generic = Üzgünüm, benim tarafımda bir şeyler ters gitti. Lütfen bir dakika sonra tekrar deneyin.

cmd-start = Başlat: bu bot ne yapar
cmd-help = Bot nasıl kullanılır
cmd-face = Bir fotoğrafa yanıt: menüyü göster
cmd-older = Bir fotoğrafa yanıt: yüzü yaşlandır
cmd-younger = Bir fotoğrafa yanıt: yüzü gençleştir
cmd-gender = Bir fotoğrafa yanıt: cinsiyeti değiştir
cmd-swap = Bir fotoğrafa yanıt: başka bir yüz koy
cmd-detect = Bir fotoğrafa yanıt: cinsiyeti tespit et
cmd-quota = Günlük hakkınızdan ne kaldı
cmd-cancel = Başlattığınız işlemi iptal et
cmd-privacy = Fotoğraflarınıza ne oluyor
cmd-language = Dili seç

## The menu
menu-prompt = Bu yüzle ne yapayım?
menu-older = Yüz kaç yaşında görünsün?
menu-younger = Yüz ne kadar genç görünsün?
menu-gender = Yüz hangi cinsiyette olsun?
btn-older = 👴 Yaşlandır
btn-younger = 👶 Gençleştir
btn-swap-gender = 🔄 Cinsiyet değiştir
btn-swap-faces = 🎭 Yüz takası
btn-detect = 🔍 Cinsiyet tespiti
btn-age = { $age } yaş
btn-back = ⬅️ Geri
btn-cancel = ✖️ İptal
btn-to-female = 👩 Kadın
btn-to-male = 👨 Erkek
not-yours = Bu düğmeler bu fotoğrafı soran kişiye ait. Denemek için kendi fotoğrafınızı gönderin!
not-yours-chat = Bu düğmeler { $who } sohbetine ait: onlara yalnızca oranın yöneticileri basabilir. Denemek için kendi fotoğrafınızı gönderin!
menu-gone = Bu menünün süresi doldu. Lütfen fotoğrafı tekrar gönderin.
op-unavailable = Bu şu anda kullanılamıyor.
no-photo = Bu komutla bir fotoğrafa yanıt verin ya da açıklamasına bu komutu yazdığınız bir fotoğraf gönderin.

## Face swap
swap-prompt-private = Şimdi <b>kullanılacak yüzün</b> olduğu fotoğrafı gönderin. O yüzü yukarıdaki fotoğrafa yerleştireceğim (yukarıdaki fotoğrafta vücut, saç ve arka plan aynı kalır). { $minutes } { $minutes ->
   *[other] dakika
  } bekliyorum.
swap-prompt-group = { $name }, <b>bu mesaja</b> <b>kullanılacak yüzün</b> fotoğrafıyla yanıt verin. O yüzü yukarıdaki fotoğrafa yerleştireceğim. { $minutes } { $minutes ->
   *[other] dakika
  } bekliyorum.
swap-cancelled = Yüz takası iptal edildi.
swap-expired = Yüz takası iptal edildi: { $minutes } { $minutes ->
   *[other] dakika
  } içinde yüz fotoğrafı gelmedi. Tekrar denemek için Yüz takası düğmesine yeniden basın.
swap-album-group = Grupta albümün yalnızca açıklaması olan fotoğrafını görürüm. Yeni yüzü alacak fotoğrafa /swap ile yanıt verin, ardından yüz fotoğrafıyla mesajıma yanıt verin.
swap-album-count = Albümle yüz takası için açıklaması /swap olan tam iki fotoğraf gönderin: ilki yüzü verir, ikincisi yüzü alır.
cancel-nothing = İptal edilecek bir şey yok.
cancel-done = İptal edildi.
cancel-running = Fotoğrafınız zaten yüz düzenleyicide ve şu anda durdurulamıyor. Sonuç birazdan gelecek.

## Jobs
op-older = Yüz yaşlandırılıyor ({ $age })
op-younger = Yüz gençleştiriliyor ({ $age })
op-swap_gender = Cinsiyet değiştiriliyor
op-swap_faces = Yüzler takas ediliyor
op-detect_gender = Cinsiyet tespit ediliyor
stage-queued = ⏳ { $operation }: boş bir sıra bekleniyor…
stage-queued-place = ⏳ { $operation }: sırada { $place }…
stage-queued-place-wait = ⏳ { $operation }: sırada { $place }, yaklaşık { $wait }…
queue-ordinal = { $ordinal ->
   *[other] { $place }. kişisiniz
}
queue-wait-seconds = { $seconds } sn
queue-wait-minutes = { $minutes } dk
stage-preparing = ⏳ { $operation }: fotoğraf hazırlanıyor…
stage-sent = ⏳ { $operation }: yüz düzenleyici üzerinde çalışıyor…
stage-sent-swap = ⏳ { $operation }: yüz düzenleyici üzerinde çalışıyor. Yüz takası bir iki dakika sürer…
busy = Hâlâ son fotoğrafınız üzerinde çalışıyorum. Lütfen tek tek: birazdan biter.
duplicate = Zaten üzerinde çalışıyorum!
duplicate-done = Zaten yapıldı: sonuç yukarıda. Başka bir seçenek seçin ya da fotoğrafı tekrar gönderin.
banned = Üzgünüm, bu botu kullanamazsınız.
out-of-quota = Bugünkü { $limit } ücretsiz düzenleme hakkınızın hepsini kullandınız. Haklarınız saat { $reset } ({ $zone }) itibarıyla yenilenir. Bir yönetici size ek hak da verebilir.

## Results
done-older = İşte { $age } yaşındaki hâliniz.
done-younger = İşte { $age } yaşındaki hâliniz.
done-swap_gender = İşte yüzün { $to ->
    [female] kadın
   *[male] erkek
  } hâli.
done-swap_gender-detected = Bir { $gender ->
    [female] kadın
   *[male] erkek
  } gördüm, bu yüzden işte yüzün { $to ->
    [female] kadın
   *[male] erkek
  } hâli.
done-swap_faces = İşte bu fotoğraf, diğer fotoğrafınızdaki yüzle.
done-detect_gender = Bir <b>{ $gender ->
    [female] kadın
   *[male] erkek
  }</b> görüyorum (%{ $confidence } eminim). Sakal: { $beard ->
    [yes] var
   *[no] yok
  }. Yüz işaretlendi.
quota-left = Bugün kalan: { $left } ücretsiz düzenleme{ $credits ->
    [0] {""}
   *[other] {""}, ayrıca { $credits } kredi
  }.

## Failures
fail-no_face = Yüz bulamadım. Yüzün net göründüğü ve en az 64x64 piksel olduğu bir fotoğraf deneyin.
fail-face_too_small = Yüz çok küçük. Yüzün en az 64x64 piksel olduğu, daha yakından çekilmiş bir fotoğraf deneyin.
fail-poor_quality = Yüz zor görünüyor (bulanık, karanlık, kapalı ya da başka yöne dönük). Yüzün kameraya baktığı, net ve iyi aydınlatılmış bir fotoğraf deneyin.
fail-bad_format = Bu görseli okuyamadım. Normal bir fotoğraf olarak gönderin (JPEG veya PNG).
fail-too_large = Bu görsel yüz düzenleyici için çok büyük. Dosya yerine normal bir fotoğraf olarak gönderin.
fail-rejected = Yüz düzenleyici bu fotoğrafı içerik kuralları nedeniyle reddetti. Başka bir fotoğraf deneyin.
fail-unusable_photo = Yüz düzenleyici bu fotoğrafı kullanamadı. Yüzün net ve karşıdan göründüğü başka bir fotoğraf deneyin.
fail-operator = Yüz düzenleyici geçici olarak kullanılamıyor. Lütfen daha sonra tekrar deneyin; yöneticilere haber verildi.
fail-rate_limited = Yüz düzenleyici şu anda meşgul. Lütfen bir dakika sonra tekrar deneyin.
fail-transient = Yüz düzenleyicide küçük bir aksaklık oldu. Lütfen bir dakika sonra tekrar deneyin.
fail-timeout = Yüz düzenleyici çok uzun sürdü. Lütfen birkaç dakika sonra tekrar deneyin.
fail-photo_unavailable = Bu fotoğrafı Telegram'dan indiremedim (botlar 20 MB'tan büyük dosyaları indiremez). Fotoğraf olarak ya da daha küçük bir dosya olarak gönderin.
fail-interrupted = İsteğiniz botun yeniden başlatılması nedeniyle yarıda kaldı ve sizden ücret alınmadı. Lütfen tekrar deneyin.
fail-cancelled = İptal edildi.
fail-not_an_image = Bu dosya okuyabileceğim bir görsel değil. Bir fotoğraf ya da görsel dosyası gönderin (JPEG, PNG, WebP, HEIC, BMP veya GIF).
fail-unsupported_format = Bu görsel biçimini okuyamıyorum. JPEG, PNG, WebP, HEIC, BMP veya GIF gönderin.
fail-corrupt = Bu görsel dosyası bozuk ya da eksik. Lütfen tekrar gönderin.
fail-empty = Bu dosya boş. Lütfen fotoğrafı tekrar gönderin.
fail-too_small = Bu görsel çok küçük: bir yüzün sığması için kısa kenarı en az { $min } piksel olmalı. Daha büyük bir fotoğraf gönderin.
fail-too_large_pixels = Bu görselin piksel boyutu çok büyük. Bunun yerine normal bir fotoğraf gönderin.
fail-too_many_bytes = Bu görsel çok büyük. Dosya yerine normal bir fotoğraf olarak gönderin.
fail-bad_aspect_ratio = Bu görsel çok uzun ve dar. Normal bir fotoğraf gönderin.
fail-undeliverable = Sonucunuz hazırdı ama Telegram onu benden kabul etmedi, bu yüzden sildim. Lütfen tekrar deneyin.
fail-undelivered = Sonucunuz hazırdı ama Telegram onu benden bir türlü teslim alamadı, bu yüzden sildim. Lütfen daha sonra tekrar deneyin.
not-free = Sizden ücret alınmadı.
file-not-image = Bu dosya bir görsel değil. Bir fotoğraf ya da görsel dosyası gönderin (JPEG, PNG, WebP, HEIC, BMP veya GIF).
file-too-big = Bu dosya, Telegram'ın botlar için koyduğu 20 MB sınırını aşıyor. Fotoğraf olarak ya da daha küçük bir dosya olarak gönderin.

## Account
quota-status = Bugün { $limit } ücretsiz düzenlemeden <b>{ $left }</b> tanesi kaldı{ $credits ->
    [0] {""}
   *[other] {""}, ayrıca <b>{ $credits }</b> krediniz var (süresi dolmaz)
  }. Ücretsiz düzenlemeler saat { $reset } ({ $zone }) itibarıyla yenilenir.
privacy =
    <b>Fotoğraflarınıza ne oluyor</b>

    • Bir düğmeye bastığınızda fotoğrafınız o işi yapan yüz düzenleme hizmetine gider: { $vendors }.
    • İşlem sürerken fotoğraf, hizmetin alabilmesi için sunucumuzda en fazla { $minutes } { $minutes ->
   *[other] dakika
  } tutulur, sonra silinir. { $hosting }
    • { $results }
    • Günlük hakkınızı takip etmek için Telegram id'nizi, adınızı, dilinizi ve kaç düzenleme kullandığınızı saklarız.
privacy-hosting-builtin = Hizmetin kullandığı bağlantı rastgeledir ve iş bitince geçersiz olur.
privacy-hosting-s3 = Hizmetin kullandığı bağlantı rastgeledir ve en geç { $minutes } { $minutes ->
   *[other] dakika
  } içinde geçersiz olur.
privacy-hosting-acedata = Yüz takaslarında ve Ace Data Cloud düzenlemelerinde fotoğraf Ace Data Cloud depolama alanına yüklenir; orada 7 gün boyunca herkese açık bir kopyası tutulur.
privacy-hosting-none = {""}
admin-alert = ⚠️ Operatörün dikkatine: { $text }

## /language
btn-language-auto = 🌐 Otomatik (Telegram'daki gibi)
language-prompt-private = Diliniz: <b>{ $language }</b>. Başka bir dil seçin:
language-prompt-private-auto = Diliniz: <b>{ $language }</b> (otomatik). Başka bir dil seçin:
language-prompt-group = Bu grubun dili: <b>{ $language }</b>. Başka bir dil seçin:
language-prompt-group-auto = Bu grubun kendi dili yok: herkese kendi dilinde cevap veriyorum. Grup için bir dil seçin:
language-set-private = Tamam. Diliniz: <b>{ $language }</b>.
language-set-private-auto = Tamam. Diliniz: <b>{ $language }</b> (otomatik).
language-set-group = Tamam. Bu grubun dili: <b>{ $language }</b>.
language-set-group-auto = Tamam. Bu grubun artık kendi dili yok: herkese kendi dilinde cevap veriyorum.
language-admins-only = Bu grubun dilini yalnızca yöneticileri değiştirebilir.
language-not-admin = Bu grubun dilini yalnızca yöneticileri seçebilir. Kendi dilinizi seçmek için bana özel sohbette /language gönderin.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = Bu komutu bilmiyorum. /help neler yapabildiğimi gösterir.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Sizin ya da birinin hakkı: /quota kim
cmd-grant = Kredi ver: /grant kim n
cmd-setlimit = Günlük sınırı ayarla: /setlimit kim n|default
cmd-resetquota = Bugünkü düzenlemeleri geri ver: /resetquota kim
cmd-ban = Engelle: /ban kim [sebep]
cmd-unban = Engeli kaldır: /unban kim
cmd-stats = İstatistikler: /stats [gün]
cmd-history = Birinin hesap dökümü: /history kim
cmd-admin = Panel: grafikler, kişiler, sağlayıcılar
admin-who = &lt;kim&gt;: sayısal bir id ya da daha önce gördüğüm bir @username olabilir; isterseniz komutla kişinin mesajına yanıt verin.
admin-usage-grant = Kullanım: /grant &lt;kim&gt; &lt;n&gt; (kredi geri almak için n negatif olabilir).
    { admin-who }
admin-usage-setlimit = Kullanım: /setlimit &lt;kim&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Kullanım: /quota [kim]
    { admin-who }
admin-usage-resetquota = Kullanım: /resetquota &lt;kim&gt;
    { admin-who }
admin-usage-ban = Kullanım: /ban &lt;kim&gt; [sebep]
    { admin-who }
admin-usage-unban = Kullanım: /unban &lt;kim&gt;
    { admin-who }
admin-usage-history = Kullanım: /history &lt;kim&gt;
    { admin-who }
admin-usage-stats = Kullanım: /stats [gün], örneğin /stats 7 (1 ile 366 arası; varsayılan 1).
admin-unknown-user = { $who } kişisini henüz görmedim. Sayısal id'sini kullanın ya da mesajlarından birine yanıt verin.
admin-hidden-user = Bu mesaj kendini gizleyen bir hesaptan iletilmiş ({ $name }): kim olduğunu bilemiyorum, mesajı ileten kişi de kastedilen kişi değil. Bunun yerine sayısal id'yi veya @username'i kullanın.
admin-bad-number = { $value } aralık dışında: { $min } ile { $max } arasında bir tam sayı kullanın.
admin-repeated = Zaten yapıldı: bu komut bana iki kez ulaştı.
admin-granted = { $who } kişisine { $amount } kredi verildi. Şu anki kredisi: { $credits }.
admin-taken = { $who } kişisinden { $amount } kredi geri alındı. Şu anki kredisi: { $credits }.
admin-limit-set = { $who } için günlük sınır artık { $limit }. Bugün kalan: { $left }.
admin-limit-default = { $who } için günlük sınır varsayılana döndü ({ $limit }). Bugün kalan: { $left }.
admin-reset-done = { $who } kişisine bugünkü düzenlemelerden { $amount } tanesi geri verildi. Bugün kalan: { $left } / { $limit }.
admin-banned = { $who } engellendi: yeni istekleri kibarca reddedilir ve ücret alınmaz. Zaten çalışan bir iş tamamlanır.
admin-unbanned = { $who } kişisinin engeli kaldırıldı.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Bugün ({ $day }): { $limit } ücretsiz düzenlemeden { $used } tanesi kullanıldı, { $held } tanesi çalışan işler için ayrıldı, { $left } tanesi kaldı ({ $source ->
    [admin] sınırı bir yönetici belirledi
   *[default] varsayılan sınır
  }).
    Kredi: { $credits } (çalışan işler için ayrılan: { $credits_held }).{ $bought ->
    [0] {""}
   *[other] {" "}Satın alınan kredi: { $bought } (çalışan işler için ayrılan: { $bought_held }).
  }
admin-quota-banned = Engelli: { $reason }
admin-quota-jobs = Son işler:
admin-quota-no-jobs = Henüz iş yok.
admin-quota-job = • { $when } { $operation }: { $outcome } (maliyet { $cost })
admin-history-title = <b>Hesap dökümü: { $who }</b>, son { $count } kayıt, en yenisi önce:
admin-history-empty = { $who } için hesap dökümü henüz boş.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}ücretsiz
    [credits] {" "}kredi
    [bought] {" "}satın alınan kredi
   *[other] {""}
  }
admin-history-job = , iş { $job }
admin-history-admin = , yönetici { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [one] Son gün
   *[other] Son { $days } gün
  }</b>: { $jobs } iş, %{ $rate } başarılı.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), %{ $rate } başarılı
admin-stats-latency = Sağlayıcı süreleri:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } iş)
admin-stats-top = En aktif kullanıcılar:
admin-stats-user = • { $who }: { $jobs } iş, { $charged } ücretlendirildi
admin-stats-credits = Verilen kredi: { $granted } (geri alınan: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Paneli aç
admin-app-open = Panel: işler, para, kişiler ve sağlayıcılar tek bakışta. Orada yaptığınız işlemler, komutlarda olduğu gibi sizin adınıza hesap dökümüne yazılır.
admin-app-needs-url = Panel için PUBLIC_URL gerekir: Telegram'ın bu botun web sunucusuna ulaşabildiği https adresi.
admin-app-private-only = Telegram paneli yalnızca özel sohbetten açar: bana orada /admin gönderin.
admin-app-refused = Telegram, { $url } için panel düğmesini reddetti. Adres, Telegram'ın ulaşabildiği bir https adresi olmalı: PUBLIC_URL ayarını kontrol edin.
## Which face (photos with several faces, or none found)
faces-pick = Hangi yüz? { $count } yüz bulundu; 1 en büyüğü.
faces-pick-target = Yeni yüz hangi yüzün yerine konsun? { $count } yüz bulundu; 1 en büyüğü.
faces-pick-source = Hangi yüz kullanılsın? Bu fotoğrafta { $count } yüz bulundu; 1 en büyüğü.
faces-none = Bu fotoğrafta (düzenlemeye yetecek kadar büyük) bir yüz bulamadım. Düzenleyiciler bazen benim kaçırdığım bir yüzü bulur: yine de denensin mi? Yalnızca işe yararsa ücret alınır.
faces-none-source = Bu fotoğrafta kullanılabilecek (yeterince büyük) bir yüz bulamadım. Düzenleyiciler bazen benim kaçırdığım bir yüzü bulur: yine de denensin mi? Yalnızca işe yararsa ücret alınır.
faces-cancelled = İptal edildi.
btn-face-everyone = Hepsi ({ $count } yüz, ücreti { $cost })
btn-try-anyway = Yine de dene
done-face = Yüz { $number }.
done-face-everyone = Tüm yüzler: { $count }.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Telegram Stars ile kredi satın al
cmd-paysupport = Satın alma ile ilgili yardım
cmd-terms = Satış koşulları
cmd-refund = Satın alımı iade et: /refund ödeme-id
btn-get-more = ⭐ Daha fazla al
btn-pack = { $credits } kredi – { $stars } ⭐
out-of-quota-buy = Bugünkü { $limit } ücretsiz düzenleme hakkınızın hepsini kullandınız. Haklarınız saat { $reset } ({ $zone }) itibarıyla yenilenir; isterseniz şimdi daha fazla kredi alabilirsiniz:
quota-debt = Bir satın alım, kredileri kullanıldıktan sonra iade edildi: { $debt } kredi borcunuz var. Bakiye yeniden sıfırın üzerine çıkana kadar krediler kullanılamaz (günlük ücretsiz düzenlemeler çalışmaya devam eder).
buy-packs = <b>Kredilerin</b> süresi hiç dolmaz ve günlük ücretsiz düzenlemelerinizden sonra kullanılır (düzenleme başına bir kredi). Telegram Stars ile ödeyin:
buy-offer-gone = Bu teklif değişti. Güncel teklifler şunlar.
buy-sent-private = Faturayı size özel sohbetimizden gönderdim.
buy-start-private = { $name }, size henüz özelden yazamıyorum. { $link } bağlantısını açın, Başlat'a basın ve satın alma işlemini orada yapın.
buy-closed = Krediler şu anda satışta değil.
invoice-title = { $credits } FaceShift kredisi
invoice-description = Süresi hiç dolmayan { $credits } fotoğraf düzenlemesi; günlük ücretsiz düzenlemelerinizden sonra kullanılır.
invoice-label = { $credits } kredi
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Krediler şu anda satışta değil. Sizden ücret alınmadı.
checkout-unknown = Bu fatura geçerli değil. Yenisi için /buy gönderin. Sizden ücret alınmadı.
checkout-banned = Üzgünüm, bu botu kullanamazsınız. Sizden ücret alınmadı.
checkout-not-yours = Bu fatura başka biri için oluşturuldu. Kendi faturanız için /buy gönderin. Sizden ücret alınmadı.
checkout-price = Bu fatura artık güncel değil. Yenisi için /buy gönderin. Sizden ücret alınmadı.
checkout-paid = Bu fatura zaten ödendi. Daha fazla almak için /buy gönderin. Sizden ücret alınmadı.
checkout-error = Benim tarafımda bir şeyler ters gitti. Lütfen bir dakika sonra tekrar deneyin. Sizden ücret alınmadı.
paid-credited = ✅ Teşekkürler! { $stars } ⭐ karşılığında { $credits } kredi eklendi.
    Ödeme id'si: <code>{ $charge }</code> (saklayın: bir sorun olursa /paysupport).
paid-balance = Şu anda { $credits } krediniz var.
paid-unmatched = { $stars } ⭐ tutarındaki ödemenizi aldım ama bir siparişle eşleştiremedim, bu yüzden kredi eklenmedi. Yöneticilere haber verildi, sorunu çözecekler.
    Ödeme id'si: <code>{ $charge }</code>
refund-person = ↩️ { $stars } ⭐ tutarındaki ödemeniz iade edildi (id <code>{ $charge }</code>). { $credits } kredi geri alındı.
paysupport =
    <b>Satın alma ile ilgili yardım</b>

    Krediler Telegram Stars karşılığında satılır; koşullar için /terms komutuna bakın. Bir satın alımda sorun olduysa (krediler gelmediyse, sizden iki kez ücret alındıysa, ücretini ödediğiniz bir düzenleme başarısız olduysa) tek bir mesajda <b>/paysupport</b> yazıp ardından ne olduğunu anlatın: yöneticiler mesajınızı aşağıdaki listeyle birlikte alır ve buradan yanıt verir. İadede Stars size geri verilir ve krediler geri alınır.
paysupport-purchases = Satın alımlarınız, en yenisi önce:
paysupport-none = Henüz hiçbir şey satın almadınız.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } kredi, { $status ->
    [credited] eklendi
    [refunded] iade edildi
   *[other] kontrol ediliyor
  }, id <code>{ $charge }</code>
paysupport-sent = Teşekkürler: yöneticiler mesajınızı ve satın alımlarınızı aldı. Buradan yanıt verecekler.
paysupport-no-admins = Üzgünüm, şu anda hiçbir yöneticiye ulaşılamıyor. Lütfen daha sonra tekrar deneyin.
terms-default =
    <b>Satış koşulları</b>

    • Krediler Telegram Stars ile satın alınır. Bir kredi, bir fotoğraf düzenlemesinin bedelini karşılar (bazı düzenlemeler daha fazla tutar; bot bunu belirtir).
    • Kredilerin süresi hiç dolmaz. Günlük ücretsiz düzenlemelerinizden sonra kullanılırlar. Başarısız olan bir düzenlemeden ücret alınmaz.
    • İadeler: /paysupport ile isteyin. İadede Stars size geri verilir ve krediler geri alınır; krediler zaten kullanıldıysa bakiye eksiye düşebilir.
    • Krediler başkasına devredilemez ve paraya çevrilemez.
    • Ödemeleri Telegram yürütür; bot kartınızı hiçbir zaman görmez.
admin-paysupport = 💬 { $who } kişisinden destek talebi: { $text }
admin-unmatched = ⚠️ Bir ödeme hiçbir siparişle eşleşmedi: { $who } kişisinden { $stars } ⭐, payload { $payload }, id <code>{ $charge }</code>. Hiçbir şey eklenmedi: /refund ile iade edin ya da kredileri /grant ile verin.
admin-refund-usage = Kullanım: /refund &lt;ödeme id&gt; ya da id'yi gösteren bir mesaja (makbuz, /paysupport, /history, destek talebi) /refund ile yanıt verin.
admin-refund-which = Bu mesajda birden fazla ödeme var; /refund komutunu şunlardan biriyle kullanın: { $charges }
admin-refund-unknown = Elimde { $charge } id'li bir ödeme yok.
admin-refund-failed = Telegram, { $charge } ödemesinin iadesini reddetti: { $detail }
admin-refund-done = { $who } kişisine { $stars } ⭐ iade edildi, ödeme <code>{ $charge }</code>; { $credits } kredi geri alındı.
admin-refund-already = { $who } kişisinin { $stars } ⭐ tutarındaki ödemesi (<code>{ $charge }</code>) zaten iade edilmişti; { $credits } kredi geri alınmıştı.
admin-refund-balance = Satın alınmış kredisi şimdi: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (borç: { $debt } kredi)
  }.
admin-stats-money = ⭐ Alınan Stars: { $received } ({ $payments } ödeme), iade edilen: { $refunded } ({ $refunds } iade). Satılan kredi: { $sold } (geri alınan: { $taken }), harcanan satın alınmış kredi: { $spent }.
admin-history-purchases = Satın alımlar:

## Results worth sharing
btn-every-age = 🎞 Üçü birden · { $cost } { $cost ->
   *[other] kredi
  }
btn-before-after = ↔️ Önce / sonra
btn-full-quality = 📎 Tam kalite
result-expired = Bu sonucun süresi doldu. Yenisini yapmak için fotoğrafı tekrar gönderin.
label-before = Önce
label-after = Sonra
done-every-age = İşte { $ages } yaşında haliniz.
every-age-partial = Yapılamayanlar: { $ages }. Bunlar için ücret alınmadı.
privacy-results-kept = Sonuç, gönderildikten sonra { $minutes } { $minutes ->
   *[other] dakika
  } sunucumuzda tutulur ("Önce / sonra" ve "Tam kalite" için), sonra silinir.
privacy-results-none = Sonuç size gönderilir ve teslimden sonra saklanmaz.
