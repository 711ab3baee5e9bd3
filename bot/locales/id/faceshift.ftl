# FaceShift texts, Indonesian. HTML markup is allowed; { $args } are escaped by the bot.

start =
    Hai, { $name }! Aku mengedit wajah di foto.

    Kirim foto yang ada wajahnya, lalu pilih mau diapakan:
    • <b>Lebih tua</b> atau <b>Lebih muda</b>: lihat wajah di usia lain
    • <b>Ubah gender</b>: lihat wajah sebagai gender lainnya
    • <b>Tukar wajah</b>: pasang wajah dari foto kedua ke foto ini
    • <b>Deteksi gender</b>: aku bilang apa yang kulihat dan menandai wajahnya

    /help menjelaskan lebih lanjut, /privacy menjelaskan apa yang terjadi pada fotomu.

help-private =
    <b>Cara memakai FaceShift</b>

    1. Kirim foto (atau file gambar) dengan wajah yang terlihat jelas.
    2. Tekan salah satu tombol di bawah balasanku: Lebih tua, Lebih muda, Ubah gender, Tukar wajah, atau Deteksi gender.
    3. Tunggu beberapa detik (tukar wajah butuh satu atau dua menit). Hasilnya dikirim sebagai balasan untuk fotomu.

    Setiap edit memakai satu permintaan dari jatah harianmu; /quota menunjukkan sisanya.
    /cancel menghentikan yang sudah kamu mulai, /privacy menjelaskan apa yang terjadi pada fotomu.
    /language mengganti bahasa yang kupakai denganmu.

help-group =
    <b>Memakai FaceShift di grup</b>

    Di grup aku hanya melihat perintah, balasan untuk pesanku, dan pesan yang menyebut aku. Jadi:
    • balas foto dengan /face untuk membuka menu, atau langsung dengan /older, /younger, /gender, /detect, atau /swap;
    • atau kirim foto dengan salah satu perintah itu (atau @namaku) di keterangannya.
    /swap dipakai pada foto yang akan mendapat wajah baru; lalu balas pesanku dengan foto wajah yang ingin dipakai.
    Hanya orang yang meminta yang bisa menekan tombol di bawah foto.
    Admin grup bisa memilih bahasa grup dengan /language.

error-generic = Maaf, ada yang salah di pihakku. Coba lagi dalam semenit, ya.

cmd-start = Mulai: apa yang bisa dilakukan bot ini
cmd-help = Cara memakai bot
cmd-face = Balas foto: tampilkan menu
cmd-older = Balas foto: buat wajah lebih tua
cmd-younger = Balas foto: buat wajah lebih muda
cmd-gender = Balas foto: ubah gender
cmd-swap = Balas foto: pasang wajah lain
cmd-detect = Balas foto: deteksi gender
cmd-quota = Sisa jatah harianmu
cmd-cancel = Batalkan yang sudah kamu mulai
cmd-privacy = Apa yang terjadi pada fotomu
cmd-language = Pilih bahasa

## The menu
menu-prompt = Mau diapakan wajah ini?
menu-older = Wajahnya mau terlihat umur berapa?
menu-younger = Wajahnya mau terlihat semuda apa?
menu-gender = Ubah wajah menjadi…
btn-older = 👴 Lebih tua
btn-younger = 👶 Lebih muda
btn-swap-gender = 🔄 Ubah gender
btn-swap-faces = 🎭 Tukar wajah
btn-detect = 🔍 Deteksi gender
btn-age = { $age } tahun
btn-back = ⬅️ Kembali
btn-cancel = ✖️ Batal
btn-to-female = 👩 Perempuan
btn-to-male = 👨 Laki-laki
not-yours = Tombol ini milik orang yang bertanya soal foto ini. Kirim fotomu sendiri untuk mencoba!
not-yours-chat = Tombol ini milik { $who }: hanya admin di sana yang bisa menekannya. Kirim fotomu sendiri untuk mencoba!
menu-gone = Menu ini sudah kedaluwarsa. Kirim fotonya lagi, ya.
op-unavailable = Fitur itu sedang tidak tersedia.
no-photo = Balas foto dengan perintah ini, atau kirim foto dengan perintah ini sebagai keterangannya.

## Face swap
swap-prompt-private = Sekarang kirim foto dengan <b>wajah yang ingin dipakai</b>. Aku akan memasang wajah itu ke foto di atas (tubuh, rambut, dan latar foto di atas tetap sama). Aku menunggu { $minutes } { $minutes ->
   *[other] menit
  }.
swap-prompt-group = { $name }, balas <b>pesan ini</b> dengan foto <b>wajah yang ingin dipakai</b>. Aku akan memasang wajah itu ke foto di atas. Aku menunggu { $minutes } { $minutes ->
   *[other] menit
  }.
swap-cancelled = Tukar wajah dibatalkan.
swap-expired = Tukar wajah dibatalkan: tidak ada foto wajah yang masuk dalam { $minutes } { $minutes ->
   *[other] menit
  }. Tekan Tukar wajah lagi untuk mencoba ulang.
swap-album-group = Di grup aku hanya melihat foto album yang punya keterangan. Balas /swap ke foto yang akan mendapat wajah baru, lalu balas pesanku dengan foto wajahnya.
swap-album-count = Untuk tukar wajah lewat album, kirim tepat dua foto dengan keterangan /swap: foto pertama memberi wajah, foto kedua menerimanya.
cancel-nothing = Tidak ada yang perlu dibatalkan.
cancel-done = Dibatalkan.
cancel-running = Fotomu sudah diproses editor wajah dan tidak bisa dihentikan sekarang. Hasilnya segera datang.

## Jobs
op-older = Membuat wajah lebih tua ({ $age })
op-younger = Membuat wajah lebih muda ({ $age })
op-swap_gender = Mengubah gender
op-swap_faces = Menukar wajah
op-detect_gender = Mendeteksi gender
stage-queued = ⏳ { $operation }: menunggu giliran…
stage-queued-place = ⏳ { $operation }: antrean { $place }…
stage-queued-place-wait = ⏳ { $operation }: antrean { $place }, sekitar { $wait }…
queue-ordinal = { $ordinal ->
   *[other] ke-{ $place }
}
queue-wait-seconds = { $seconds } detik
queue-wait-minutes = { $minutes } menit
stage-preparing = ⏳ { $operation }: menyiapkan foto…
stage-sent = ⏳ { $operation }: editor wajah sedang mengerjakannya…
stage-sent-swap = ⏳ { $operation }: editor wajah sedang mengerjakannya. Tukar wajah butuh satu atau dua menit…
busy = Aku masih mengerjakan fotomu yang terakhir. Satu per satu, ya: sebentar lagi selesai.
duplicate = Sedang dikerjakan!
duplicate-done = Sudah selesai: hasilnya ada di atas. Pilih opsi lain, atau kirim fotonya lagi.
banned = Maaf, kamu tidak bisa memakai bot ini.
out-of-quota = Kamu sudah memakai semua { $limit } edit gratis hari ini. Jatahnya kembali pukul { $reset } ({ $zone }). Admin juga bisa memberimu tambahan.

## Results
done-older = Ini kamu di usia { $age } tahun.
done-younger = Ini kamu di usia { $age } tahun.
done-swap_gender = Ini wajahnya sebagai { $to ->
    [female] perempuan
   *[male] laki-laki
  }.
done-swap_gender-detected = Aku melihat { $gender ->
    [female] perempuan
   *[male] laki-laki
  }, jadi ini wajahnya sebagai { $to ->
    [female] perempuan
   *[male] laki-laki
  }.
done-swap_faces = Ini foto tadi dengan wajah dari fotomu yang lain.
done-detect_gender = Aku melihat <b>{ $gender ->
    [female] perempuan
   *[male] laki-laki
  }</b> (yakin { $confidence }%). Jenggot: { $beard ->
    [yes] ada
   *[no] tidak ada
  }. Wajahnya sudah ditandai.
quota-left = Sisa hari ini: { $left } edit gratis{ $credits ->
    [0] {""}
   *[other] {""}, plus { $credits } kredit
  }.

## Failures
fail-no_face = Aku tidak menemukan wajah. Coba foto yang wajahnya terlihat jelas dan berukuran minimal 64x64 piksel.
fail-face_too_small = Wajahnya terlalu kecil. Coba foto yang diambil lebih dekat, dengan wajah minimal 64x64 piksel.
fail-poor_quality = Wajahnya sulit terlihat (buram, gelap, tertutup, atau tidak menghadap kamera). Coba foto yang tajam dan terang dengan wajah menghadap kamera.
fail-bad_format = Aku tidak bisa membaca gambar itu. Kirim sebagai foto biasa (JPEG atau PNG).
fail-too_large = Gambar itu terlalu besar untuk editor wajah. Kirim sebagai foto biasa, bukan sebagai file.
fail-rejected = Editor wajah menolak foto ini karena aturan kontennya. Coba foto lain.
fail-unusable_photo = Editor wajah tidak bisa memakai foto ini. Coba foto lain dengan wajah yang jelas dan menghadap depan.
fail-operator = Editor wajah sedang tidak tersedia untuk sementara. Coba lagi nanti; admin sudah diberi tahu.
fail-rate_limited = Editor wajah sedang sibuk. Coba lagi dalam semenit.
fail-transient = Editor wajah sempat bermasalah. Coba lagi dalam semenit.
fail-timeout = Editor wajah terlalu lama. Coba lagi dalam beberapa menit.
fail-photo_unavailable = Aku tidak bisa mengunduh foto itu dari Telegram (bot tidak bisa mengunduh file di atas 20 MB). Kirim sebagai foto atau sebagai file yang lebih kecil.
fail-interrupted = Permintaanmu terhenti karena bot dimulai ulang, dan tidak dikenai biaya. Coba lagi, ya.
fail-cancelled = Dibatalkan.
fail-not_an_image = File itu bukan gambar yang bisa kubaca. Kirim foto atau file gambar (JPEG, PNG, WebP, HEIC, BMP, atau GIF).
fail-unsupported_format = Aku tidak bisa membaca format gambar itu. Kirim JPEG, PNG, WebP, HEIC, BMP, atau GIF.
fail-corrupt = File gambar itu rusak atau tidak lengkap. Kirim lagi, ya.
fail-empty = File itu kosong. Kirim fotonya lagi, ya.
fail-too_small = Gambar itu terlalu kecil: sisi terpendeknya harus minimal { $min } piksel agar wajah muat. Kirim foto yang lebih besar.
fail-too_large_pixels = Resolusi gambar itu terlalu besar. Kirim foto biasa saja.
fail-too_many_bytes = Gambar itu terlalu besar. Kirim sebagai foto biasa, bukan sebagai file.
fail-bad_aspect_ratio = Gambar itu terlalu panjang dan sempit. Kirim foto biasa.
fail-undeliverable = Hasilmu sudah siap, tapi Telegram tidak mau menerimanya dariku, jadi aku menghapusnya. Coba lagi, ya.
fail-undelivered = Hasilmu sudah siap, tapi Telegram terus gagal menerimanya dariku, jadi aku menghapusnya. Coba lagi nanti, ya.
not-free = Ini tidak dikenai biaya.
file-not-image = File itu bukan gambar. Kirim foto atau file gambar (JPEG, PNG, WebP, HEIC, BMP, atau GIF).
file-too-big = File itu melebihi batas 20 MB dari Telegram untuk bot. Kirim sebagai foto atau sebagai file yang lebih kecil.

## Account
quota-status = Hari ini kamu masih punya <b>{ $left }</b> dari { $limit } edit gratis{ $credits ->
    [0] {""}
   *[other] {""}, plus <b>{ $credits }</b> kredit (tidak kedaluwarsa)
  }. Edit gratis kembali pukul { $reset } ({ $zone }).
privacy =
    <b>Apa yang terjadi pada fotomu</b>

    • Saat kamu menekan tombol, fotomu dikirim ke layanan edit wajah yang mengerjakannya: { $vendors }.
    • Selama proses berjalan, foto disimpan di server kami paling lama { $minutes } { $minutes ->
   *[other] menit
  } agar layanan bisa mengambilnya, lalu dihapus. { $hosting }
    • { $results }
    • Kami menyimpan id Telegram, nama, bahasa, dan jumlah edit yang sudah kamu pakai, untuk mengatur jatah harianmu.
privacy-hosting-builtin = Tautan yang dipakai layanan itu acak dan tidak berlaku lagi saat proses selesai.
privacy-hosting-s3 = Tautan yang dipakai layanan itu acak dan kedaluwarsa dalam { $minutes } { $minutes ->
   *[other] menit
  }.
privacy-hosting-acedata = Untuk tukar wajah dan edit lewat Ace Data Cloud, foto diunggah ke penyimpanan Ace Data Cloud, yang menyimpan salinan publiknya selama 7 hari.
privacy-hosting-none = {""}
admin-alert = ⚠️ Perhatian operator: { $text }

## /language
btn-language-auto = 🌐 Otomatis (dari Telegram)
language-prompt-private = Bahasamu: <b>{ $language }</b>. Pilih bahasa lain:
language-prompt-private-auto = Bahasamu: <b>{ $language }</b> (otomatis). Pilih bahasa lain:
language-prompt-group = Bahasa grup ini: <b>{ $language }</b>. Pilih bahasa lain:
language-prompt-group-auto = Grup ini belum punya bahasa sendiri: aku menjawab setiap orang dalam bahasanya. Pilih satu untuk grup ini:
language-set-private = Selesai. Bahasamu: <b>{ $language }</b>.
language-set-private-auto = Selesai. Bahasamu: <b>{ $language }</b> (otomatis).
language-set-group = Selesai. Bahasa grup ini: <b>{ $language }</b>.
language-set-group-auto = Selesai. Grup ini tidak punya bahasa sendiri lagi: aku menjawab setiap orang dalam bahasanya.
language-admins-only = Hanya admin grup ini yang bisa mengubah bahasanya.
language-not-admin = Hanya admin grup ini yang bisa memilih bahasanya. Untuk memilih bahasamu sendiri, kirim /language kepadaku di chat pribadi.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = Aku tidak kenal perintah itu. /help menunjukkan apa yang bisa kulakukan.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Jatahmu atau jatah orang lain: /quota siapa
cmd-grant = Beri kredit: /grant siapa n
cmd-setlimit = Atur batas harian: /setlimit siapa n|default
cmd-resetquota = Kembalikan edit hari ini: /resetquota siapa
cmd-ban = Blokir: /ban siapa [alasan]
cmd-unban = Buka blokir: /unban siapa
cmd-stats = Statistik: /stats [hari]
cmd-history = Catatan seseorang: /history siapa
cmd-admin = Dasbor: grafik, orang, vendor
admin-who = &lt;siapa&gt; adalah id angka, @username yang pernah kulihat, atau balas pesan orang itu dengan perintahnya.
admin-usage-grant = Cara pakai: /grant &lt;siapa&gt; &lt;n&gt; (n boleh negatif untuk menarik kredit).
    { admin-who }
admin-usage-setlimit = Cara pakai: /setlimit &lt;siapa&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Cara pakai: /quota [siapa]
    { admin-who }
admin-usage-resetquota = Cara pakai: /resetquota &lt;siapa&gt;
    { admin-who }
admin-usage-ban = Cara pakai: /ban &lt;siapa&gt; [alasan]
    { admin-who }
admin-usage-unban = Cara pakai: /unban &lt;siapa&gt;
    { admin-who }
admin-usage-history = Cara pakai: /history &lt;siapa&gt;
    { admin-who }
admin-usage-stats = Cara pakai: /stats [hari], misalnya /stats 7 (1 sampai 366; bawaannya 1).
admin-unknown-user = Aku belum pernah melihat { $who }. Pakai id angkanya, atau balas salah satu pesannya.
admin-hidden-user = Pesan itu diteruskan dari akun yang menyembunyikan dirinya ({ $name }): aku tidak bisa tahu siapa dia, dan orang yang meneruskannya bukan yang dimaksud. Pakai id angka atau @username saja.
admin-bad-number = { $value } di luar rentang: pakai bilangan bulat dari { $min } sampai { $max }.
admin-repeated = Sudah dilakukan: perintah ini sampai dua kali.
admin-granted = { $amount } kredit diberikan ke { $who }. Sekarang dia punya { $credits } kredit.
admin-taken = { $amount } kredit ditarik dari { $who }. Sekarang dia punya { $credits } kredit.
admin-limit-set = Batas harian { $who } sekarang { $limit }. Sisa hari ini: { $left }.
admin-limit-default = Batas harian { $who } kembali ke bawaan ({ $limit }). Sisa hari ini: { $left }.
admin-reset-done = { $amount } edit hari ini dikembalikan ke { $who }. Sisa hari ini: { $left } dari { $limit }.
admin-banned = { $who } diblokir: permintaan barunya ditolak dengan sopan dan tidak dikenai biaya. Proses yang sudah berjalan tetap diselesaikan.
admin-unbanned = { $who } tidak diblokir lagi.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Hari ini ({ $day }): { $used } dari { $limit } edit gratis terpakai, { $held } ditahan proses yang berjalan, sisa { $left } ({ $source ->
    [admin] batas diatur admin
   *[default] batas bawaan
  }).
    Kredit: { $credits } ({ $credits_held } ditahan proses yang berjalan).{ $bought ->
    [0] {""}
   *[other] {" "}Kredit yang dibeli: { $bought } ({ $bought_held } ditahan proses yang berjalan).
  }
admin-quota-banned = Diblokir: { $reason }
admin-quota-jobs = Proses terakhir:
admin-quota-no-jobs = Belum ada proses.
admin-quota-job = • { $when } { $operation }: { $outcome } (biaya { $cost })
admin-history-title = <b>Catatan { $who }</b>, { $count } entri terakhir, terbaru di atas:
admin-history-empty = Belum ada catatan untuk { $who }.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}gratis
    [credits] {" "}kredit
    [bought] {" "}kredit dibeli
   *[other] {""}
  }
admin-history-job = , proses { $job }
admin-history-admin = , oleh admin { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [1] Hari terakhir
   *[other] { $days } hari terakhir
  }</b>: { $jobs } proses, { $rate }% berhasil.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate }% berhasil
admin-stats-latency = Waktu di vendor:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } proses)
admin-stats-top = Pengguna teratas:
admin-stats-user = • { $who }: { $jobs } proses, { $charged } ditagih
admin-stats-credits = Kredit diberikan: { $granted } (ditarik: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Buka dasbor
admin-app-open = Dasbor: proses, uang, orang, dan vendor dalam sekali lihat. Tindakanmu di sana masuk ke catatan atas namamu, sama seperti perintah.
admin-app-needs-url = Dasbor butuh PUBLIC_URL: alamat https tempat Telegram bisa menjangkau server web bot ini.
admin-app-private-only = Telegram hanya membuka dasbor dari chat pribadi: kirim /admin kepadaku di sana.
admin-app-refused = Telegram menolak tombol dasbor untuk { $url }. Alamatnya harus https yang bisa dijangkau Telegram: periksa PUBLIC_URL.
## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Beli kredit dengan Telegram Stars
cmd-paysupport = Bantuan soal pembelian
cmd-terms = Syarat penjualan
cmd-refund = Kembalikan dana pembelian: /refund id-pembayaran
btn-get-more = ⭐ Tambah kredit
btn-pack = { $credits } kredit seharga { $stars } ⭐
out-of-quota-buy = Kamu sudah memakai semua { $limit } edit gratis hari ini. Jatahnya kembali pukul { $reset } ({ $zone }), atau beli kredit tambahan sekarang:
quota-debt = Dana sebuah pembelian dikembalikan setelah kreditnya terpakai: kamu berutang { $debt } kredit. Kredit tidak bisa dipakai sampai saldonya kembali di atas nol (edit gratis harian tetap bisa dipakai).
buy-packs = <b>Kredit</b> tidak pernah kedaluwarsa dan dipakai setelah edit gratis harianmu habis (satu kredit per edit). Bayar dengan Telegram Stars:
buy-offer-gone = Penawaran itu sudah berubah. Ini penawaran yang berlaku sekarang.
buy-sent-private = Aku sudah mengirim tagihannya di chat pribadi kita.
buy-start-private = { $name }, aku belum bisa mengirim pesan pribadi kepadamu. Buka { $link }, tekan Mulai, lalu beli di sana.
buy-closed = Kredit sedang tidak dijual.
invoice-title = { $credits } kredit FaceShift
invoice-description = { $credits } edit foto yang tidak pernah kedaluwarsa, dipakai setelah edit gratis harianmu.
invoice-label = { $credits } kredit
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Kredit sedang tidak dijual. Kamu tidak dikenai biaya.
checkout-unknown = Tagihan ini tidak berlaku. Kirim /buy untuk tagihan baru. Kamu tidak dikenai biaya.
checkout-banned = Maaf, kamu tidak bisa memakai bot ini. Kamu tidak dikenai biaya.
checkout-not-yours = Tagihan ini dibuat untuk orang lain. Kirim /buy untuk mendapatkan tagihanmu sendiri. Kamu tidak dikenai biaya.
checkout-price = Tagihan ini sudah usang. Kirim /buy untuk tagihan baru. Kamu tidak dikenai biaya.
checkout-paid = Tagihan ini sudah dibayar. Kirim /buy untuk membeli lagi. Kamu tidak dikenai biaya.
checkout-error = Ada yang salah di pihakku. Coba lagi dalam semenit, ya. Kamu tidak dikenai biaya.
paid-credited = ✅ Terima kasih! { $credits } kredit sudah ditambahkan untuk { $stars } ⭐.
    ID pembayaran: <code>{ $charge }</code> (simpan baik-baik: /paysupport kalau ada masalah).
paid-balance = Sekarang kamu punya { $credits } kredit.
paid-unmatched = Aku menerima pembayaranmu sebesar { $stars } ⭐, tapi tidak bisa mencocokkannya dengan pesanan mana pun, jadi belum ada kredit yang ditambahkan. Admin sudah diberi tahu dan akan membereskannya.
    ID pembayaran: <code>{ $charge }</code>
refund-person = ↩️ Pembayaranmu sebesar { $stars } ⭐ sudah dikembalikan (id <code>{ $charge }</code>). { $credits } kredit ditarik kembali.
paysupport =
    <b>Bantuan soal pembelian</b>

    Kredit dijual dengan Telegram Stars; syaratnya ada di /terms. Kalau ada masalah dengan pembelian (kredit tidak masuk, kamu ditagih dua kali, edit yang sudah kamu bayar gagal), tulis <b>/paysupport</b> diikuti apa yang terjadi, dalam satu pesan: admin akan menerimanya bersama daftar di bawah dan menjawab di sini. Jika dana dikembalikan, Stars-nya kembali kepadamu dan kreditnya ditarik.
paysupport-purchases = Pembelianmu, terbaru di atas:
paysupport-none = Kamu belum pernah membeli apa pun.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } kredit, { $status ->
    [credited] sudah masuk
    [refunded] dikembalikan
   *[other] sedang diperiksa
  }, id <code>{ $charge }</code>
paysupport-sent = Terima kasih: admin sudah menerima pesanmu dan daftar pembelianmu. Mereka akan menjawab di sini.
paysupport-no-admins = Maaf, saat ini tidak ada admin yang bisa dihubungi. Coba lagi nanti, ya.
terms-default =
    <b>Syarat penjualan</b>

    • Kredit dibeli dengan Telegram Stars. Satu kredit membayar satu edit foto (beberapa edit lebih mahal; bot akan memberi tahu).
    • Kredit tidak pernah kedaluwarsa. Kredit dipakai setelah edit gratis harianmu. Edit yang gagal tidak dikenai biaya.
    • Pengembalian dana: minta lewat /paysupport. Jika dana dikembalikan, Stars-nya kembali kepadamu dan kreditnya ditarik; kredit yang sudah terpakai bisa membuat saldomu negatif.
    • Kredit tidak bisa dipindahkan ke orang lain atau ditukar dengan uang.
    • Pembayaran diproses oleh Telegram; bot tidak pernah melihat kartumu.
admin-paysupport = 💬 Permintaan bantuan dari { $who }: { $text }
admin-unmatched = ⚠️ Ada pembayaran yang tidak cocok dengan pesanan mana pun: { $stars } ⭐ dari { $who }, payload { $payload }, id <code>{ $charge }</code>. Belum ada kredit yang ditambahkan: kembalikan dananya dengan /refund, atau berikan kreditnya dengan /grant.
admin-refund-usage = Cara pakai: /refund &lt;id pembayaran&gt;, atau balas /refund ke pesan yang menunjukkan id-nya (struk, /paysupport, /history, permintaan bantuan).
admin-refund-which = Pesan itu menunjukkan beberapa pembayaran; pakai /refund dengan salah satu dari: { $charges }
admin-refund-unknown = Aku tidak punya pembayaran dengan id { $charge }.
admin-refund-failed = Telegram menolak pengembalian dana { $charge }: { $detail }
admin-refund-done = { $stars } ⭐ dikembalikan ke { $who }, pembayaran <code>{ $charge }</code>; { $credits } kredit ditarik kembali.
admin-refund-already = Pembayaran { $stars } ⭐ dari { $who }, <code>{ $charge }</code>, sudah pernah dikembalikan; { $credits } kredit sudah ditarik kembali.
admin-refund-balance = Kredit yang dibelinya sekarang: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (utang { $debt } kredit)
  }.
admin-stats-money = ⭐ Stars diterima: { $received } ({ $payments } pembayaran), dikembalikan: { $refunded } ({ $refunds } pengembalian). Kredit terjual: { $sold } (ditarik kembali: { $taken }), kredit beli yang terpakai: { $spent }.
admin-history-purchases = Pembelian:
## Which face (photos with several faces, or none found)
faces-pick = Wajah yang mana? Ada { $count } wajah; nomor 1 yang terbesar.
faces-pick-target = Wajah mana yang mau diganti dengan wajah baru? Ada { $count } wajah; nomor 1 yang terbesar.
faces-pick-source = Wajah mana yang mau dipakai? Ada { $count } wajah di foto ini; nomor 1 yang terbesar.
faces-none = Aku tidak menemukan wajah (yang cukup besar untuk diedit) di foto ini. Kadang editor menemukan wajah yang terlewat olehku: mau coba saja? Biaya hanya dikenakan kalau berhasil.
faces-none-source = Aku tidak menemukan wajah (yang cukup besar) untuk dipakai di foto ini. Kadang editor menemukan wajah yang terlewat olehku: mau coba saja? Biaya hanya dikenakan kalau berhasil.
faces-cancelled = Dibatalkan.
btn-face-everyone = Semua ({ $count } wajah, biaya { $cost })
btn-try-anyway = Coba saja
done-face = Wajah { $number }.
done-face-everyone = Semua wajah: { $count }.

## Results worth sharing
btn-every-age = 🎞 Ketiganya · { $cost } { $cost ->
   *[other] kredit
  }
btn-before-after = ↔️ Sebelum / sesudah
btn-full-quality = 📎 Kualitas penuh
result-expired = Hasil ini sudah kedaluwarsa. Kirim fotonya lagi untuk membuat yang baru.
label-before = Sebelum
label-after = Sesudah
done-every-age = Ini kamu di usia { $ages } tahun.
every-age-partial = Yang tidak berhasil dibuat: { $ages }. Kamu tidak ditagih untuk itu.
privacy-results-kept = Hasilnya disimpan di server kami selama { $minutes } { $minutes ->
   *[other] menit
  } setelah dikirim (untuk "Sebelum / sesudah" dan "Kualitas penuh"), lalu dihapus.
privacy-results-none = Hasilnya dikirim ke kamu dan tidak disimpan setelah terkirim.
