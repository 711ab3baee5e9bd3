# FaceShift texts, Hindi. HTML markup is allowed; { $args } are escaped by the bot.

start =
    नमस्ते { $name }! मैं फ़ोटो में चेहरे एडिट करता हूँ।

    चेहरे वाली फ़ोटो भेजें और चुनें कि क्या करना है:
    • <b>ज़्यादा उम्र</b> या <b>कम उम्र</b>: चेहरे को किसी और उम्र में देखें
    • <b>जेंडर बदलें</b>: चेहरे को दूसरे जेंडर में देखें
    • <b>फ़ेस स्वैप</b>: दूसरी फ़ोटो का चेहरा इस फ़ोटो पर लगाएँ
    • <b>जेंडर पहचानें</b>: मैं बताऊँगा कि मुझे क्या दिखता है और चेहरे पर निशान लगाऊँगा

    /help ज़्यादा जानकारी देता है, /privacy बताता है कि आपकी फ़ोटो के साथ क्या होता है।

help-private =
    <b>FaceShift कैसे इस्तेमाल करें</b>

    1. ऐसी फ़ोटो (या इमेज फ़ाइल) भेजें जिसमें चेहरा साफ़ दिख रहा हो।
    2. मेरे जवाब के नीचे कोई बटन दबाएँ: ज़्यादा उम्र, कम उम्र, जेंडर बदलें, फ़ेस स्वैप या जेंडर पहचानें।
    3. कुछ सेकंड रुकें (फ़ेस स्वैप में एक-दो मिनट लगते हैं)। नतीजा आपकी फ़ोटो के जवाब में आएगा।

    हर एडिट आपके रोज़ के कोटे से एक अनुरोध लेता है; /quota बताता है कि कितना बचा है।
    /cancel आपका शुरू किया काम रोक देता है, /privacy बताता है कि आपकी फ़ोटो के साथ क्या होता है।
    /language से आप वह भाषा बदल सकते हैं जिसमें मैं आपसे बात करता हूँ।

help-group =
    <b>ग्रुप में FaceShift</b>

    ग्रुप में मुझे सिर्फ़ कमांड, मेरे मैसेज के जवाब और वे मैसेज दिखते हैं जिनमें मेरा ज़िक्र हो। इसलिए:
    • मेन्यू के लिए किसी फ़ोटो का जवाब /face से दें, या सीधे /older, /younger, /gender, /detect या /swap से;
    • या फ़ोटो पोस्ट करें और उसके कैप्शन में इनमें से कोई कमांड (या मेरा @नाम) लिखें।
    /swap उस फ़ोटो के जवाब में दें जिसे नया चेहरा मिलना है; फिर मेरे मैसेज का जवाब उस चेहरे की फ़ोटो से दें जिसे लगाना है।
    फ़ोटो के नीचे के बटन सिर्फ़ वही दबा सकता है जिसने पूछा था।
    ग्रुप के एडमिन /language से ग्रुप की भाषा चुन सकते हैं।

error-generic = माफ़ कीजिए, मेरी तरफ़ से कुछ गड़बड़ हो गई। कृपया एक मिनट बाद फिर कोशिश करें।

cmd-start = शुरू करें: यह बॉट क्या करता है
cmd-help = बॉट कैसे इस्तेमाल करें
cmd-face = फ़ोटो के जवाब में: मेन्यू दिखाएँ
cmd-older = फ़ोटो के जवाब में: चेहरे की उम्र बढ़ाएँ
cmd-younger = फ़ोटो के जवाब में: चेहरे की उम्र घटाएँ
cmd-gender = फ़ोटो के जवाब में: जेंडर बदलें
cmd-swap = फ़ोटो के जवाब में: दूसरा चेहरा लगाएँ
cmd-detect = फ़ोटो के जवाब में: जेंडर पहचानें
cmd-quota = आपके रोज़ के कोटे में कितना बचा है
cmd-cancel = शुरू किया काम रद्द करें
cmd-privacy = आपकी फ़ोटो के साथ क्या होता है
cmd-language = भाषा चुनें

## The menu
menu-prompt = इस चेहरे के साथ क्या करूँ?
menu-older = चेहरा कितनी उम्र का दिखे?
menu-younger = चेहरा कितना जवान दिखे?
menu-gender = चेहरा किस जेंडर का हो?
btn-older = 👴 ज़्यादा उम्र
btn-younger = 👶 कम उम्र
btn-swap-gender = 🔄 जेंडर बदलें
btn-swap-faces = 🎭 फ़ेस स्वैप
btn-detect = 🔍 जेंडर पहचानें
btn-age = { $age } साल
btn-back = ⬅️ वापस
btn-cancel = ✖️ रद्द करें
btn-to-female = 👩 महिला
btn-to-male = 👨 पुरुष
not-yours = ये बटन उसके लिए हैं जिसने इस फ़ोटो के बारे में पूछा था। आज़माने के लिए अपनी फ़ोटो भेजें!
not-yours-chat = ये बटन { $who } के हैं: इन्हें सिर्फ़ उसके एडमिन दबा सकते हैं। आज़माने के लिए अपनी फ़ोटो भेजें!
menu-gone = यह मेन्यू बहुत पुराना हो गया है। कृपया फ़ोटो फिर से भेजें।
op-unavailable = यह अभी उपलब्ध नहीं है।
no-photo = इस कमांड से किसी फ़ोटो का जवाब दें, या कैप्शन में यह कमांड लिखकर फ़ोटो भेजें।

## Face swap
swap-prompt-private = अब <b>जो चेहरा लगाना है</b> उसकी फ़ोटो भेजें। मैं वह चेहरा ऊपर वाली फ़ोटो पर लगा दूँगा (ऊपर वाली फ़ोटो का शरीर, बाल और बैकग्राउंड वैसे ही रहेंगे)। मैं { $minutes } { $minutes ->
   *[other] मिनट
  } इंतज़ार करूँगा।
swap-prompt-group = { $name }, <b>इस मैसेज</b> का जवाब <b>जो चेहरा लगाना है</b> उसकी फ़ोटो से दें। मैं वह चेहरा ऊपर वाली फ़ोटो पर लगा दूँगा। मैं { $minutes } { $minutes ->
   *[other] मिनट
  } इंतज़ार करूँगा।
swap-cancelled = फ़ेस स्वैप रद्द कर दिया गया।
swap-expired = फ़ेस स्वैप रद्द कर दिया गया: { $minutes } { $minutes ->
   *[other] मिनट
  } में चेहरे वाली कोई फ़ोटो नहीं आई। फिर से कोशिश करने के लिए फ़ेस स्वैप दोबारा दबाएँ।
swap-album-group = ग्रुप में मुझे एल्बम की सिर्फ़ वही फ़ोटो दिखती है जिस पर कैप्शन हो। जिस फ़ोटो को नया चेहरा मिलना है उसका जवाब /swap से दें, फिर मेरे मैसेज का जवाब चेहरे वाली फ़ोटो से दें।
swap-album-count = एल्बम से फ़ेस स्वैप के लिए /swap कैप्शन के साथ ठीक दो फ़ोटो भेजें: पहली फ़ोटो चेहरा देती है, दूसरी उसे लेती है।
cancel-nothing = रद्द करने के लिए कुछ नहीं है।
cancel-done = रद्द कर दिया।
cancel-running = आपकी फ़ोटो फ़ेस एडिटर के पास पहुँच चुकी है और अब रोकी नहीं जा सकती। नतीजा जल्द आएगा।

## Jobs
op-older = चेहरे की उम्र बढ़ाई जा रही है ({ $age })
op-younger = चेहरे की उम्र घटाई जा रही है ({ $age })
op-swap_gender = जेंडर बदला जा रहा है
op-swap_faces = चेहरे बदले जा रहे हैं
op-detect_gender = जेंडर पहचाना जा रहा है
stage-queued = ⏳ { $operation }: बारी का इंतज़ार…
stage-queued-place = ⏳ { $operation }: कतार में { $place } स्थान पर…
stage-queued-place-wait = ⏳ { $operation }: कतार में { $place } स्थान पर, लगभग { $wait }…
queue-ordinal = { $ordinal ->
    [one] { $place }ले
    [two] { $place }रे
    [few] { $place }थे
    [many] { $place }ठे
   *[other] { $place }वें
}
queue-wait-seconds = { $seconds } सेकंड
queue-wait-minutes = { $minutes } मिनट
stage-preparing = ⏳ { $operation }: फ़ोटो तैयार हो रही है…
stage-sent = ⏳ { $operation }: फ़ेस एडिटर इस पर काम कर रहा है…
stage-sent-swap = ⏳ { $operation }: फ़ेस एडिटर इस पर काम कर रहा है। फ़ेस स्वैप में एक-दो मिनट लगते हैं…
busy = मैं अभी आपकी पिछली फ़ोटो पर काम कर रहा हूँ। कृपया एक बार में एक: बस पूरा होने ही वाला है।
duplicate = इस पर काम चल रहा है!
duplicate-done = यह हो चुका है: नतीजा ऊपर है। कोई दूसरा विकल्प चुनें, या फ़ोटो फिर से भेजें।
banned = माफ़ कीजिए, आप इस बॉट का इस्तेमाल नहीं कर सकते।
out-of-quota = आपने आज के सभी { $limit } मुफ़्त एडिट इस्तेमाल कर लिए हैं। ये { $reset } बजे ({ $zone }) फिर मिलेंगे। कोई एडमिन भी आपको और एडिट दे सकता है।

## Results
done-older = यह रहे आप { $age } साल की उम्र में।
done-younger = यह रहे आप { $age } साल की उम्र में।
done-swap_gender = यह रहा चेहरा { $to ->
    [female] महिला
   *[male] पुरुष
  } के रूप में।
done-swap_gender-detected = मुझे { $gender ->
    [female] एक महिला दिखी
   *[male] एक पुरुष दिखा
  }, इसलिए यह रहा चेहरा { $to ->
    [female] महिला
   *[male] पुरुष
  } के रूप में।
done-swap_faces = यह रही यह फ़ोटो, आपकी दूसरी फ़ोटो के चेहरे के साथ।
done-detect_gender = मुझे लगता है कि यह <b>{ $gender ->
    [female] महिला
   *[male] पुरुष
  }</b> है ({ $confidence }% भरोसा)। दाढ़ी: { $beard ->
    [yes] हाँ
   *[no] नहीं
  }। चेहरे पर निशान लगा दिया है।
quota-left = आज बचे: { $left } मुफ़्त एडिट{ $credits ->
    [0] {""}
   *[other] {""}, साथ में { $credits } क्रेडिट
  }।

## Failures
fail-no_face = मुझे कोई चेहरा नहीं मिला। ऐसी फ़ोटो आज़माएँ जिसमें चेहरा साफ़ दिखे और कम से कम 64x64 पिक्सेल का हो।
fail-face_too_small = चेहरा बहुत छोटा है। पास से ली गई ऐसी फ़ोटो आज़माएँ जिसमें चेहरा कम से कम 64x64 पिक्सेल का हो।
fail-poor_quality = चेहरा ठीक से नहीं दिख रहा (धुंधला, अँधेरे में, ढका हुआ या दूसरी ओर मुड़ा हुआ)। ऐसी साफ़, अच्छी रोशनी वाली फ़ोटो आज़माएँ जिसमें चेहरा कैमरे की ओर हो।
fail-bad_format = मैं वह इमेज नहीं पढ़ पाया। उसे सामान्य फ़ोटो की तरह भेजें (JPEG या PNG)।
fail-too_large = वह इमेज फ़ेस एडिटर के लिए बहुत बड़ी है। उसे फ़ाइल की जगह सामान्य फ़ोटो की तरह भेजें।
fail-rejected = फ़ेस एडिटर ने अपने कंटेंट नियमों के तहत यह फ़ोटो अस्वीकार कर दी। कोई दूसरी फ़ोटो आज़माएँ।
fail-unusable_photo = फ़ेस एडिटर इस फ़ोटो का इस्तेमाल नहीं कर सका। कोई दूसरी फ़ोटो आज़माएँ जिसमें चेहरा साफ़ और सामने से दिखे।
fail-operator = फ़ेस एडिटर अभी कुछ समय के लिए उपलब्ध नहीं है। कृपया बाद में फिर कोशिश करें; एडमिन को बता दिया गया है।
fail-rate_limited = फ़ेस एडिटर अभी व्यस्त है। कृपया एक मिनट बाद फिर कोशिश करें।
fail-transient = फ़ेस एडिटर में थोड़ी गड़बड़ हुई। कृपया एक मिनट बाद फिर कोशिश करें।
fail-timeout = फ़ेस एडिटर ने बहुत ज़्यादा समय लिया। कृपया कुछ मिनट बाद फिर कोशिश करें।
fail-photo_unavailable = मैं वह फ़ोटो Telegram से डाउनलोड नहीं कर पाया (बॉट 20 MB से बड़ी फ़ाइलें डाउनलोड नहीं कर सकते)। उसे फ़ोटो की तरह या छोटी फ़ाइल में भेजें।
fail-interrupted = बॉट के रीस्टार्ट होने से आपका अनुरोध बीच में रुक गया और इसमें आपका कुछ ख़र्च नहीं हुआ। कृपया फिर कोशिश करें।
fail-cancelled = रद्द कर दिया।
fail-not_an_image = यह फ़ाइल ऐसी इमेज नहीं है जिसे मैं पढ़ सकूँ। फ़ोटो या इमेज फ़ाइल भेजें (JPEG, PNG, WebP, HEIC, BMP या GIF)।
fail-unsupported_format = मैं यह इमेज फ़ॉर्मैट नहीं पढ़ सकता। JPEG, PNG, WebP, HEIC, BMP या GIF भेजें।
fail-corrupt = यह इमेज फ़ाइल ख़राब या अधूरी है। कृपया इसे फिर से भेजें।
fail-empty = यह फ़ाइल ख़ाली है। कृपया फ़ोटो फिर से भेजें।
fail-too_small = यह इमेज बहुत छोटी है: चेहरा आ सके, इसके लिए छोटी साइड कम से कम { $min } पिक्सेल की होनी चाहिए। बड़ी फ़ोटो भेजें।
fail-too_large_pixels = इस इमेज में पिक्सेल बहुत ज़्यादा हैं। इसकी जगह सामान्य फ़ोटो भेजें।
fail-too_many_bytes = यह इमेज बहुत बड़ी है। इसे फ़ाइल की जगह सामान्य फ़ोटो की तरह भेजें।
fail-bad_aspect_ratio = यह इमेज बहुत लंबी और पतली है। सामान्य फ़ोटो भेजें।
fail-undeliverable = आपका नतीजा तैयार था, लेकिन Telegram ने उसे मुझसे स्वीकार नहीं किया, इसलिए मैंने उसे हटा दिया। कृपया फिर कोशिश करें।
fail-undelivered = आपका नतीजा तैयार था, लेकिन Telegram उसे मुझसे बार-बार लेने में नाकाम रहा, इसलिए मैंने उसे हटा दिया। कृपया बाद में फिर कोशिश करें।
not-free = इसमें आपका कुछ ख़र्च नहीं हुआ।
file-not-image = यह फ़ाइल इमेज नहीं है। फ़ोटो या इमेज फ़ाइल भेजें (JPEG, PNG, WebP, HEIC, BMP या GIF)।
file-too-big = यह फ़ाइल बॉट्स के लिए Telegram की 20 MB की सीमा से बड़ी है। इसे फ़ोटो की तरह या छोटी फ़ाइल में भेजें।

## Account
quota-status = आज आपके { $limit } में से <b>{ $left }</b> मुफ़्त एडिट { $left ->
    [one] बचा है
   *[other] बचे हैं
  }{ $credits ->
    [0] {""}
   *[other] {""}, साथ में <b>{ $credits }</b> क्रेडिट (इनकी मियाद ख़त्म नहीं होती)
  }। मुफ़्त एडिट { $reset } बजे ({ $zone }) फिर मिलेंगे।
privacy =
    <b>आपकी फ़ोटो के साथ क्या होता है</b>

    • जब आप कोई बटन दबाते हैं, तो आपकी फ़ोटो उस फ़ेस-एडिटिंग सेवा को जाती है जो वह काम करती है: { $vendors }।
    • काम चलने के दौरान फ़ोटो हमारे सर्वर पर ज़्यादा से ज़्यादा { $minutes } { $minutes ->
   *[other] मिनट
  } रखी जाती है ताकि सेवा उसे ले सके, फिर हटा दी जाती है। { $hosting }
    • { $results }
    • आपका रोज़ का कोटा चलाने के लिए हम आपकी Telegram id, नाम, भाषा और आपने कितने एडिट इस्तेमाल किए, यह रखते हैं।
privacy-hosting-builtin = सेवा जो लिंक इस्तेमाल करती है वह रैंडम होता है और काम पूरा होते ही बंद हो जाता है।
privacy-hosting-s3 = सेवा जो लिंक इस्तेमाल करती है वह रैंडम होता है और { $minutes } { $minutes ->
   *[other] मिनट
  } के भीतर एक्सपायर हो जाता है।
privacy-hosting-acedata = फ़ेस स्वैप और Ace Data Cloud वाले एडिट के लिए फ़ोटो Ace Data Cloud के स्टोरेज पर अपलोड होती है, जो 7 दिन तक उसकी एक सार्वजनिक कॉपी रखता है।
privacy-hosting-none = {""}
admin-alert = ⚠️ ऑपरेटर ध्यान दें: { $text }

## /language
btn-language-auto = 🌐 अपने-आप (Telegram से)
language-prompt-private = आपकी भाषा: <b>{ $language }</b>। कोई दूसरी चुनें:
language-prompt-private-auto = आपकी भाषा: <b>{ $language }</b> (अपने-आप)। कोई दूसरी चुनें:
language-prompt-group = इस ग्रुप की भाषा: <b>{ $language }</b>। कोई दूसरी चुनें:
language-prompt-group-auto = इस ग्रुप की अपनी कोई भाषा नहीं है: मैं हर किसी को उसकी अपनी भाषा में जवाब देता हूँ। ग्रुप के लिए एक भाषा चुनें:
language-set-private = हो गया। आपकी भाषा: <b>{ $language }</b>।
language-set-private-auto = हो गया। आपकी भाषा: <b>{ $language }</b> (अपने-आप)।
language-set-group = हो गया। इस ग्रुप की भाषा: <b>{ $language }</b>।
language-set-group-auto = हो गया। अब इस ग्रुप की अपनी कोई भाषा नहीं है: मैं हर किसी को उसकी अपनी भाषा में जवाब देता हूँ।
language-admins-only = इस ग्रुप की भाषा सिर्फ़ इसके एडमिन बदल सकते हैं।
language-not-admin = इस ग्रुप की भाषा सिर्फ़ इसके एडमिन चुन सकते हैं। अपनी भाषा चुनने के लिए मुझे निजी चैट में /language भेजें।

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = मैं यह कमांड नहीं जानता। /help बताता है कि मैं क्या कर सकता हूँ।

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = आपका या किसी और का कोटा: /quota कौन
cmd-grant = क्रेडिट दें: /grant कौन n
cmd-setlimit = दैनिक सीमा तय करें: /setlimit कौन n|default
cmd-resetquota = आज के एडिट लौटाएँ: /resetquota कौन
cmd-ban = बैन करें: /ban कौन [वजह]
cmd-unban = बैन हटाएँ: /unban कौन
cmd-stats = आँकड़े: /stats [दिन]
cmd-history = किसी का खाता: /history कौन
cmd-admin = डैशबोर्ड: चार्ट, लोग, वेंडर
admin-who = &lt;कौन&gt; एक संख्या वाली id है, या कोई @username जो मैंने देखा हो; या कमांड के साथ उस व्यक्ति के मैसेज का जवाब दें।
admin-usage-grant = इस्तेमाल: /grant &lt;कौन&gt; &lt;n&gt; (क्रेडिट वापस लेने के लिए n नेगेटिव हो सकता है)।
    { admin-who }
admin-usage-setlimit = इस्तेमाल: /setlimit &lt;कौन&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = इस्तेमाल: /quota [कौन]
    { admin-who }
admin-usage-resetquota = इस्तेमाल: /resetquota &lt;कौन&gt;
    { admin-who }
admin-usage-ban = इस्तेमाल: /ban &lt;कौन&gt; [वजह]
    { admin-who }
admin-usage-unban = इस्तेमाल: /unban &lt;कौन&gt;
    { admin-who }
admin-usage-history = इस्तेमाल: /history &lt;कौन&gt;
    { admin-who }
admin-usage-stats = इस्तेमाल: /stats [दिन], जैसे /stats 7 (1 से 366; डिफ़ॉल्ट 1)।
admin-unknown-user = मैंने अभी तक { $who } को नहीं देखा। उनकी संख्या वाली id इस्तेमाल करें, या उनके किसी मैसेज का जवाब दें।
admin-hidden-user = यह मैसेज ऐसे अकाउंट से फ़ॉरवर्ड किया गया है जो अपनी पहचान छिपाता है ({ $name }): मैं नहीं बता सकता कि वह कौन है, और फ़ॉरवर्ड करने वाले व्यक्ति की बात नहीं हो रही। इसके बजाय संख्या वाली id या @username इस्तेमाल करें।
admin-bad-number = { $value } सीमा से बाहर है: { $min } से { $max } तक की कोई पूर्ण संख्या इस्तेमाल करें।
admin-repeated = यह हो चुका है: यह कमांड मुझे दो बार मिली।
admin-granted = { $who } को { $amount } क्रेडिट दिए गए। अब उनके पास { $credits } क्रेडिट हैं।
admin-taken = { $who } से { $amount } क्रेडिट वापस लिए गए। अब उनके पास { $credits } क्रेडिट हैं।
admin-limit-set = { $who } की दैनिक सीमा अब { $limit } है। आज बचे: { $left }।
admin-limit-default = { $who } की दैनिक सीमा फिर से डिफ़ॉल्ट ({ $limit }) है। आज बचे: { $left }।
admin-reset-done = { $who } को आज के { $amount } एडिट लौटा दिए गए। आज बचे: { $limit } में से { $left }।
admin-banned = { $who } को बैन कर दिया गया: नए अनुरोध विनम्रता से मना कर दिए जाएँगे और उनका कोई ख़र्च नहीं होगा। पहले से चल रहा काम पूरा होगा।
admin-unbanned = { $who } अब बैन नहीं हैं।
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = आज ({ $day }): { $limit } में से { $used } मुफ़्त एडिट इस्तेमाल हुए, { $held } चल रहे कामों के लिए रोके गए, { $left } बचे ({ $source ->
    [admin] सीमा एडमिन ने तय की
   *[default] डिफ़ॉल्ट सीमा
  })।
    क्रेडिट: { $credits } ({ $credits_held } चल रहे कामों के लिए रोके गए)।{ $bought ->
    [0] {""}
   *[other] {" "}ख़रीदे गए क्रेडिट: { $bought } ({ $bought_held } चल रहे कामों के लिए रोके गए)।
  }
admin-quota-banned = बैन: { $reason }
admin-quota-jobs = पिछले काम:
admin-quota-no-jobs = अभी तक कोई काम नहीं।
admin-quota-job = • { $when } { $operation }: { $outcome } (लागत { $cost })
admin-history-title = <b>{ $who } का खाता</b>, आख़िरी { $count } एंट्री, नई पहले:
admin-history-empty = { $who } के खाते में अभी कुछ नहीं है।
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}मुफ़्त
    [credits] {" "}क्रेडिट
    [bought] {" "}ख़रीदे गए क्रेडिट
   *[other] {""}
  }
admin-history-job = , काम { $job }
admin-history-admin = , एडमिन { $admin } द्वारा
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [1] पिछला एक दिन
   *[other] पिछले { $days } दिन
  }</b>: { $jobs } काम, { $rate }% सफल।
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate }% सफल
admin-stats-latency = वेंडर का समय:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } काम)
admin-stats-top = सबसे सक्रिय यूज़र:
admin-stats-user = • { $who }: { $jobs } काम, { $charged } चार्ज हुए
admin-stats-credits = दिए गए क्रेडिट: { $granted } (वापस लिए: { $taken })।

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 डैशबोर्ड खोलें
admin-app-open = डैशबोर्ड: काम, पैसा, लोग और वेंडर एक नज़र में। वहाँ की गई कार्रवाइयाँ कमांड की तरह ही आपके नाम से खाते में दर्ज होती हैं।
admin-app-needs-url = डैशबोर्ड के लिए PUBLIC_URL चाहिए: वह https पता जिस पर Telegram इस बॉट के वेब सर्वर तक पहुँच सके।
admin-app-private-only = Telegram डैशबोर्ड सिर्फ़ निजी चैट से खोलता है: वहाँ मुझे /admin भेजें।
admin-app-refused = Telegram ने { $url } के लिए डैशबोर्ड बटन अस्वीकार कर दिया। यह ऐसा https पता होना चाहिए जिस तक Telegram पहुँच सके: PUBLIC_URL जाँचें।
## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Telegram Stars से क्रेडिट ख़रीदें
cmd-paysupport = ख़रीदारी में मदद
cmd-terms = बिक्री की शर्तें
cmd-refund = ख़रीदारी का रिफ़ंड: /refund पेमेंट-id
btn-get-more = ⭐ और पाएँ
btn-pack = { $stars } ⭐ में { $credits } क्रेडिट
out-of-quota-buy = आपने आज के सभी { $limit } मुफ़्त एडिट इस्तेमाल कर लिए हैं। ये { $reset } बजे ({ $zone }) फिर मिलेंगे, या अभी और क्रेडिट ख़रीदें:
quota-debt = एक ख़रीदारी का रिफ़ंड उसके क्रेडिट इस्तेमाल हो जाने के बाद हुआ: आप पर { $debt } क्रेडिट बकाया हैं। बैलेंस फिर से शून्य से ऊपर आने तक क्रेडिट इस्तेमाल नहीं हो सकते (रोज़ के मुफ़्त एडिट चलते रहेंगे)।
buy-packs = <b>क्रेडिट</b> की मियाद कभी ख़त्म नहीं होती और ये आपके रोज़ के मुफ़्त एडिट के बाद इस्तेमाल होते हैं (हर एडिट पर एक क्रेडिट)। Telegram Stars से पेमेंट करें:
buy-offer-gone = वह ऑफ़र बदल गया है। ये रहे मौजूदा ऑफ़र।
buy-sent-private = मैंने बिल आपको हमारी निजी चैट में भेज दिया है।
buy-start-private = { $name }, मैं अभी आपको निजी मैसेज नहीं भेज सकता। { $link } खोलें, Start दबाएँ और वहीं ख़रीदें।
buy-closed = अभी क्रेडिट बिक्री के लिए उपलब्ध नहीं हैं।
invoice-title = FaceShift के { $credits } क्रेडिट
invoice-description = फ़ोटो के { $credits } एडिट जिनकी मियाद कभी ख़त्म नहीं होती; ये रोज़ के मुफ़्त एडिट के बाद इस्तेमाल होते हैं।
invoice-label = { $credits } क्रेडिट
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = अभी क्रेडिट बिक्री के लिए उपलब्ध नहीं हैं। आपसे कोई शुल्क नहीं लिया गया।
checkout-unknown = यह बिल मान्य नहीं है। नए बिल के लिए /buy भेजें। आपसे कोई शुल्क नहीं लिया गया।
checkout-banned = माफ़ कीजिए, आप इस बॉट का इस्तेमाल नहीं कर सकते। आपसे कोई शुल्क नहीं लिया गया।
checkout-not-yours = यह बिल किसी और के लिए बना था। अपना बिल पाने के लिए /buy भेजें। आपसे कोई शुल्क नहीं लिया गया।
checkout-price = यह बिल पुराना हो गया है। नए बिल के लिए /buy भेजें। आपसे कोई शुल्क नहीं लिया गया।
checkout-paid = इस बिल का पेमेंट पहले ही हो चुका है। और ख़रीदने के लिए /buy भेजें। आपसे कोई शुल्क नहीं लिया गया।
checkout-error = मेरी तरफ़ से कुछ गड़बड़ हो गई। कृपया एक मिनट बाद फिर कोशिश करें। आपसे कोई शुल्क नहीं लिया गया।
paid-credited = ✅ धन्यवाद! { $stars } ⭐ के बदले { $credits } क्रेडिट जोड़ दिए गए।
    पेमेंट id: <code>{ $charge }</code> (इसे संभालकर रखें: कोई गड़बड़ हो तो /paysupport)।
paid-balance = अब आपका बैलेंस: { $credits } क्रेडिट।
paid-unmatched = मुझे आपका { $stars } ⭐ का पेमेंट मिल गया, लेकिन मैं उसे किसी ऑर्डर से नहीं मिला पाया, इसलिए कोई क्रेडिट नहीं जोड़ा गया। एडमिन को बता दिया गया है और वे इसे सुलझा देंगे।
    पेमेंट id: <code>{ $charge }</code>
refund-person = ↩️ आपका { $stars } ⭐ का पेमेंट रिफ़ंड कर दिया गया (id <code>{ $charge }</code>)। { $credits } क्रेडिट वापस ले लिए गए।
paysupport =
    <b>ख़रीदारी में मदद</b>

    क्रेडिट Telegram Stars में बिकते हैं; शर्तें /terms में हैं। अगर किसी ख़रीदारी में गड़बड़ हुई (क्रेडिट नहीं आए, आपसे दो बार पैसे कटे, जिस एडिट के लिए आपने पेमेंट किया वह नाकाम रहा), तो एक ही मैसेज में <b>/paysupport</b> लिखें और उसके बाद बताएँ कि क्या हुआ: एडमिन को यह नीचे दी गई सूची के साथ मिलेगा और वे यहीं जवाब देंगे। रिफ़ंड में Stars वापस मिलते हैं और क्रेडिट वापस ले लिए जाते हैं।
paysupport-purchases = आपकी ख़रीदारियाँ, नई पहले:
paysupport-none = आपने अभी तक कुछ नहीं ख़रीदा है।
purchase-line = • { $when }: { $stars } ⭐ → { $credits } क्रेडिट, { $status ->
    [credited] जोड़े गए
    [refunded] रिफ़ंड हुआ
   *[other] जाँच चल रही है
  }, id <code>{ $charge }</code>
paysupport-sent = धन्यवाद: एडमिन को आपका मैसेज और आपकी ख़रीदारियों की सूची मिल गई है। वे यहीं जवाब देंगे।
paysupport-no-admins = माफ़ कीजिए, अभी किसी एडमिन से संपर्क नहीं हो पा रहा। कृपया बाद में फिर कोशिश करें।
terms-default =
    <b>बिक्री की शर्तें</b>

    • क्रेडिट Telegram Stars से ख़रीदे जाते हैं। एक क्रेडिट से एक फ़ोटो एडिट होता है (कुछ एडिट ज़्यादा क्रेडिट लेते हैं; बॉट यह बता देता है)।
    • क्रेडिट की मियाद कभी ख़त्म नहीं होती। ये आपके रोज़ के मुफ़्त एडिट के बाद इस्तेमाल होते हैं। नाकाम एडिट का कोई ख़र्च नहीं होता।
    • रिफ़ंड: /paysupport से माँगें। रिफ़ंड में Stars वापस मिलते हैं और क्रेडिट वापस ले लिए जाते हैं; अगर क्रेडिट पहले ही इस्तेमाल हो चुके हों, तो बैलेंस नेगेटिव हो सकता है।
    • क्रेडिट किसी और को ट्रांसफ़र नहीं किए जा सकते, न ही पैसे में बदले जा सकते हैं।
    • पेमेंट Telegram संभालता है; बॉट आपका कार्ड कभी नहीं देखता।
admin-paysupport = 💬 { $who } से सहायता अनुरोध: { $text }
admin-unmatched = ⚠️ एक पेमेंट का किसी ऑर्डर से मिलान नहीं हुआ: { $who } से { $stars } ⭐, payload { $payload }, id <code>{ $charge }</code>। कुछ भी नहीं जोड़ा गया: इसे /refund करें, या /grant से क्रेडिट दें।
admin-refund-usage = इस्तेमाल: /refund &lt;पेमेंट id&gt;, या जिस मैसेज में id दिख रही हो उसका जवाब /refund से दें (रसीद, /paysupport, /history, सहायता अनुरोध)।
admin-refund-which = उस मैसेज में कई पेमेंट हैं; /refund के साथ इनमें से कोई एक इस्तेमाल करें: { $charges }
admin-refund-unknown = मेरे पास { $charge } id वाला कोई पेमेंट नहीं है।
admin-refund-failed = Telegram ने { $charge } का रिफ़ंड अस्वीकार कर दिया: { $detail }
admin-refund-done = { $who } को { $stars } ⭐ रिफ़ंड कर दिए गए, पेमेंट <code>{ $charge }</code>; { $credits } क्रेडिट वापस लिए गए।
admin-refund-already = { $who } का { $stars } ⭐ का पेमेंट <code>{ $charge }</code> पहले ही रिफ़ंड हो चुका था; { $credits } क्रेडिट वापस लिए गए थे।
admin-refund-balance = अब उनके ख़रीदे हुए क्रेडिट: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} ({ $debt } क्रेडिट का बकाया)
  }।
admin-stats-money = ⭐ मिले Stars: { $received } ({ $payments } पेमेंट), रिफ़ंड: { $refunded } ({ $refunds } रिफ़ंड)। बिके क्रेडिट: { $sold } (वापस लिए: { $taken }), ख़र्च हुए ख़रीदे क्रेडिट: { $spent }।
admin-history-purchases = ख़रीदारियाँ:
## Which face (photos with several faces, or none found)
faces-pick = कौन-सा चेहरा? { $count } { $count ->
    [1] चेहरा मिला
   *[other] चेहरे मिले
  }; 1 सबसे बड़ा है।
faces-pick-target = नया चेहरा किस चेहरे पर लगाना है? { $count } { $count ->
    [1] चेहरा मिला
   *[other] चेहरे मिले
  }; 1 सबसे बड़ा है।
faces-pick-source = कौन-सा चेहरा इस्तेमाल करना है? इस फ़ोटो में { $count } { $count ->
    [1] चेहरा मिला
   *[other] चेहरे मिले
  }; 1 सबसे बड़ा है।
faces-none = मुझे इस फ़ोटो में (एडिट करने लायक बड़ा) कोई चेहरा नहीं मिला। एडिटर कभी-कभी वह चेहरा ढूँढ लेते हैं जो मुझसे छूट जाता है: फिर भी आज़माएँ? ख़र्च तभी होगा जब यह काम करे।
faces-none-source = मुझे इस फ़ोटो में इस्तेमाल करने लायक (काफ़ी बड़ा) कोई चेहरा नहीं मिला। एडिटर कभी-कभी वह चेहरा ढूँढ लेते हैं जो मुझसे छूट जाता है: फिर भी आज़माएँ? ख़र्च तभी होगा जब यह काम करे।
faces-cancelled = रद्द कर दिया गया।
btn-face-everyone = सभी ({ $count } चेहरे, लागत { $cost })
btn-try-anyway = फिर भी आज़माएँ
done-face = चेहरा { $number }।
done-face-everyone = सभी चेहरे: { $count }।

## Results worth sharing
btn-every-age = 🎞 तीनों एक साथ · { $cost } { $cost ->
   *[other] क्रेडिट
  }
btn-before-after = ↔️ पहले / बाद में
btn-full-quality = 📎 पूरी क्वालिटी
result-expired = इस नतीजे की अवधि खत्म हो गई है। नया बनाने के लिए फ़ोटो फिर से भेजें।
label-before = पहले
label-after = बाद में
done-every-age = यह रहे आप { $ages } साल की उम्र में।
every-age-partial = ये नहीं बन पाए: { $ages }। इनके लिए आपसे कुछ नहीं लिया गया।
privacy-results-kept = नतीजा भेजे जाने के बाद { $minutes } { $minutes ->
   *[other] मिनट
  } तक हमारे सर्वर पर रखा जाता है ("पहले / बाद में" और "पूरी क्वालिटी" के लिए), फिर हटा दिया जाता है।
privacy-results-none = नतीजा आपको भेजा जाता है और पहुँचाने के बाद रखा नहीं जाता।
