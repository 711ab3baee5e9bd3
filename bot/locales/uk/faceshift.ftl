# FaceShift texts, Ukrainian. HTML markup is allowed; { $args } are escaped by the bot.

start =
    Привіт, { $name }! Я змінюю обличчя на фото.

    Надішліть фото з обличчям і виберіть, що зробити:
    • <b>Старше</b> або <b>Молодше</b>: обличчя в іншому віці
    • <b>Змінити стать</b>: обличчя іншої статі
    • <b>Обмін обличчями</b>: перенести обличчя з другого фото на це
    • <b>Визначити стать</b>: скажу, що бачу, і позначу обличчя

    /help розповість більше, /privacy пояснить, що відбувається з вашими фото.

help-private =
    <b>Як користуватися FaceShift</b>

    1. Надішліть фото (або файл зображення), на якому добре видно обличчя.
    2. Натисніть кнопку під моєю відповіддю: Старше, Молодше, Змінити стать, Обмін обличчями або Визначити стать.
    3. Зачекайте кілька секунд (обмін обличчями триває хвилину-дві). Результат прийде відповіддю на ваше фото.

    Кожна обробка витрачає один запит із денного ліміту; /quota покаже, скільки залишилося.
    /cancel скасує розпочате, /privacy пояснить, що відбувається з вашими фото.
    /language змінить мову, якою я з вами говорю.

help-group =
    <b>FaceShift у групі</b>

    У групах я бачу лише команди, відповіді на мої повідомлення та повідомлення, де мене згадали. Тому:
    • дайте відповідь на фото командою /face, щоб відкрити меню, або одразу /older, /younger, /gender, /detect чи /swap;
    • або надішліть фото з однією з цих команд (чи моїм @іменем) у підписі.
    /swap — відповіддю на фото, яке має отримати нове обличчя; потім у відповідь на моє повідомлення надішліть фото з потрібним обличчям.
    Натискати кнопки під фото може лише той, хто запитав.
    Адміністратори групи можуть вибрати її мову командою /language.

error-generic = Вибачте, у мене щось зламалося. Спробуйте ще раз за хвилину.

cmd-start = Початок: що вміє бот
cmd-help = Як користуватися ботом
cmd-face = Відповіддю на фото: показати меню
cmd-older = Відповіддю на фото: зробити обличчя старшим
cmd-younger = Відповіддю на фото: зробити обличчя молодшим
cmd-gender = Відповіддю на фото: змінити стать
cmd-swap = Відповіддю на фото: поставити інше обличчя
cmd-detect = Відповіддю на фото: визначити стать
cmd-quota = Скільки обробок залишилося
cmd-cancel = Скасувати розпочате
cmd-privacy = Що відбувається з вашими фото
cmd-language = Вибрати мову

## The menu
menu-prompt = Що зробити з цим обличчям?
menu-older = На скільки років має виглядати обличчя?
menu-younger = Наскільки молодим має виглядати обличчя?
menu-gender = Зробити обличчя…
btn-older = 👴 Старше
btn-younger = 👶 Молодше
btn-swap-gender = 🔄 Змінити стать
btn-swap-faces = 🎭 Обмін обличчями
btn-detect = 🔍 Визначити стать
btn-age = { $age } { $age ->
    [one] рік
    [few] роки
    [many] років
   *[other] року
  }
btn-back = ⬅️ Назад
btn-cancel = ✖️ Скасувати
btn-to-female = 👩 Жіночим
btn-to-male = 👨 Чоловічим
not-yours = Ці кнопки може натискати лише той, хто запитав про це фото. Надішліть своє фото, щоб спробувати!
menu-gone = Це меню застаріло. Надішліть фото ще раз, будь ласка.
op-unavailable = Зараз це недоступно.
no-photo = Дайте відповідь цією командою на фото або надішліть фото з командою в підписі.

## Face swap
swap-prompt-private = Тепер надішліть фото з <b>обличчям, яке треба поставити</b>. Я перенесу це обличчя на фото вище (на фото вище залишаться тіло, зачіска й фон). Чекаю { $minutes } { $minutes ->
    [one] хвилину
    [few] хвилини
    [many] хвилин
   *[other] хвилини
  }.
swap-prompt-group = { $name }, у відповідь на <b>це повідомлення</b> надішліть фото з <b>обличчям, яке треба поставити</b>. Я перенесу це обличчя на фото вище. Чекаю { $minutes } { $minutes ->
    [one] хвилину
    [few] хвилини
    [many] хвилин
   *[other] хвилини
  }.
swap-cancelled = Обмін обличчями скасовано.
swap-expired = Обмін обличчями скасовано: фото з обличчям не надійшло за { $minutes } { $minutes ->
    [one] хвилину
    [few] хвилини
    [many] хвилин
   *[other] хвилини
  }. Натисніть «Обмін обличчями» ще раз, щоб спробувати знову.
swap-album-group = У групі я бачу лише те фото з альбому, яке має підпис. Дайте відповідь командою /swap на фото, яке має отримати нове обличчя, а потім у відповідь на моє повідомлення надішліть фото з обличчям.
swap-album-count = Щоб обмінятися обличчями через альбом, надішліть рівно два фото з підписом /swap: перше дає обличчя, друге його отримує.
cancel-nothing = Немає чого скасовувати.
cancel-done = Скасовано.
cancel-running = Ваше фото вже обробляє редактор облич, і зупинити це зараз не можна. Результат скоро прийде.

## Jobs
op-older = Роблю обличчя старшим ({ $age })
op-younger = Роблю обличчя молодшим ({ $age })
op-swap_gender = Змінюю стать
op-swap_faces = Міняю обличчя
op-detect_gender = Визначаю стать
stage-queued = ⏳ { $operation }: чекаю на вільне місце…
stage-preparing = ⏳ { $operation }: готую фото…
stage-sent = ⏳ { $operation }: редактор облич працює…
stage-sent-swap = ⏳ { $operation }: редактор облич працює. Обмін обличчями триває хвилину-дві…
busy = Я ще працюю над вашим попереднім фото. По одному, будь ласка: скоро буде готово.
duplicate = Уже роблю!
duplicate-done = Уже готово: результат вище. Виберіть іншу дію або надішліть фото ще раз.
banned = Вибачте, ви не можете користуватися цим ботом.
out-of-quota = Ви використали всі безкоштовні обробки на сьогодні ({ $limit }). Вони повернуться о { $reset } ({ $zone }). Адміністратор також може додати вам ще.

## Results
done-older = Ось ви у { $age } { $age ->
    [one] рік
    [few] роки
    [many] років
   *[other] року
  }.
done-younger = Ось ви у { $age } { $age ->
    [one] рік
    [few] роки
    [many] років
   *[other] року
  }.
done-swap_gender = Ось обличчя в { $to ->
    [female] жіночому
   *[male] чоловічому
  } образі.
done-swap_gender-detected = Я бачу { $gender ->
    [female] жінку
   *[male] чоловіка
  }, тож ось обличчя в { $to ->
    [female] жіночому
   *[male] чоловічому
  } образі.
done-swap_faces = Ось це фото з обличчям з вашого іншого фото.
done-detect_gender = Я бачу <b>{ $gender ->
    [female] жінку
   *[male] чоловіка
  }</b> (впевненість { $confidence }%). Борода: { $beard ->
    [yes] є
   *[no] немає
  }. Обличчя позначено.
quota-left = Залишилося сьогодні безкоштовних обробок: { $left }{ $credits ->
    [0] {""}
   *[other] {""}, а також кредитів: { $credits }
  }.

## Failures
fail-no_face = Обличчя не знайдено. Спробуйте фото, де обличчя добре видно і воно має щонайменше 64x64 пікселі.
fail-face_too_small = Обличчя замале. Спробуйте фото ближче, де обличчя має щонайменше 64x64 пікселі.
fail-poor_quality = Обличчя погано видно (розмите, темне, закрите чи відвернуте). Спробуйте чітке, добре освітлене фото, де обличчя дивиться в камеру.
fail-bad_format = Не вдалося прочитати це зображення. Надішліть його як звичайне фото (JPEG або PNG).
fail-too_large = Зображення завелике для редактора облич. Надішліть його як звичайне фото, а не файлом.
fail-rejected = Редактор облич відхилив це фото за своїми правилами щодо вмісту. Спробуйте інше фото.
fail-unusable_photo = Редактор облич не зміг використати це фото. Спробуйте інше, де обличчя чітко видно анфас.
fail-operator = Редактор облич тимчасово недоступний. Спробуйте пізніше; адміністраторів уже повідомлено.
fail-rate_limited = Редактор облич зараз зайнятий. Спробуйте ще раз за хвилину.
fail-transient = У редакторі облич стався збій. Спробуйте ще раз за хвилину.
fail-timeout = Редактор облич не встиг. Спробуйте ще раз за кілька хвилин.
fail-photo_unavailable = Не вдалося завантажити це фото з Telegram (боти не можуть завантажувати файли понад 20 МБ). Надішліть його як фото або меншим файлом.
fail-interrupted = Ваш запит перервався через перезапуск бота і нічого не коштував. Спробуйте ще раз.
fail-cancelled = Скасовано.
fail-not_an_image = Я не можу прочитати цей файл як зображення. Надішліть фото або файл зображення (JPEG, PNG, WebP, HEIC, BMP чи GIF).
fail-unsupported_format = Я не вмію читати цей формат зображення. Надішліть JPEG, PNG, WebP, HEIC, BMP чи GIF.
fail-corrupt = Файл зображення пошкоджений або неповний. Надішліть його ще раз.
fail-empty = Файл порожній. Надішліть фото ще раз.
fail-too_small = Зображення замале: щоб умістилося обличчя, коротша сторона має бути щонайменше { $min } пкс. Надішліть фото більшого розміру.
fail-too_large_pixels = Зображення має забагато пікселів. Надішліть звичайне фото.
fail-too_many_bytes = Зображення завелике. Надішліть його як звичайне фото, а не файлом.
fail-bad_aspect_ratio = Зображення задовге й вузьке. Надішліть звичайне фото.
fail-undeliverable = Результат був готовий, але Telegram не прийняв його від мене, тож я його видалив. Спробуйте ще раз.
fail-undelivered = Результат був готовий, але Telegram так і не зміг його прийняти, тож я його видалив. Спробуйте пізніше.
not-free = Це нічого не коштувало.
file-not-image = Цей файл не є зображенням. Надішліть фото або файл зображення (JPEG, PNG, WebP, HEIC, BMP чи GIF).
file-too-big = Файл більший за 20 МБ — це обмеження Telegram для ботів. Надішліть його як фото або меншим файлом.

## Account
quota-status = Сьогодні у вас залишилося <b>{ $left }</b> з { $limit } { $limit ->
    [one] безкоштовної обробки
   *[other] безкоштовних обробок
  }{ $credits ->
    [0] {""}
   *[other] {""}, а також <b>{ $credits }</b> { $credits ->
        [one] кредит (він не згоряє)
        [few] кредити (вони не згоряють)
       *[other] кредитів (вони не згоряють)
    }
  }. Безкоштовні обробки повернуться о { $reset } ({ $zone }).
privacy =
    <b>Що відбувається з вашими фото</b>

    • Коли ви натискаєте кнопку, фото надходить до сервісу, який виконує цю обробку: { $vendors }.
    • Поки триває обробка, фото зберігається на нашому сервері щонайбільше { $minutes } { $minutes ->
    [one] хвилину
    [few] хвилини
    [many] хвилин
   *[other] хвилини
  }, щоб сервіс міг його забрати, а потім видаляється. { $hosting }
    • Результат надсилається вам і після доставки не зберігається.
    • Ми зберігаємо ваш Telegram id, ім’я, мову і кількість використаних обробок, щоб вести ваш денний ліміт.
privacy-hosting-builtin = Посилання для сервісу випадкове і перестає працювати, щойно обробка завершиться.
privacy-hosting-s3 = Посилання для сервісу випадкове і діє не довше { $minutes } { $minutes ->
    [one] хвилини
    [few] хвилин
    [many] хвилин
   *[other] хвилини
  }.
privacy-hosting-acedata = Для обміну обличчями та обробок в Ace Data Cloud фото завантажується у сховище Ace Data Cloud, яке зберігає публічну копію 7 днів.
privacy-hosting-none = {""}
admin-alert = ⚠️ Увага оператору: { $text }

## /language
btn-language-auto = 🌐 Автоматично (як у Telegram)
language-prompt-private = Ваша мова: <b>{ $language }</b>. Виберіть іншу:
language-prompt-private-auto = Ваша мова: <b>{ $language }</b> (автоматично). Виберіть іншу:
language-prompt-group = Мова цієї групи: <b>{ $language }</b>. Виберіть іншу:
language-prompt-group-auto = У цієї групи немає своєї мови: я відповідаю кожному його мовою. Виберіть мову для групи:
language-set-private = Готово. Ваша мова: <b>{ $language }</b>.
language-set-private-auto = Готово. Ваша мова: <b>{ $language }</b> (автоматично).
language-set-group = Готово. Мова цієї групи: <b>{ $language }</b>.
language-set-group-auto = Готово. Тепер у групи немає своєї мови: я відповідаю кожному його мовою.
language-admins-only = Змінювати мову групи можуть лише її адміністратори.
language-not-admin = Вибирати мову групи можуть лише її адміністратори. Щоб вибрати свою, надішліть мені /language в особистому чаті.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = Я не знаю такої команди. /help покаже, що я вмію.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Ваш ліміт або чийсь: /quota хто
cmd-grant = Нарахувати кредити: /grant хто n
cmd-setlimit = Денний ліміт: /setlimit хто n|default
cmd-resetquota = Повернути сьогоднішні обробки: /resetquota хто
cmd-ban = Заблокувати: /ban хто [причина]
cmd-unban = Розблокувати: /unban хто
cmd-stats = Статистика: /stats [днів]
cmd-history = Журнал людини: /history хто
cmd-admin = Панель: графіки, люди, сервіси
admin-who = &lt;хто&gt; — числовий id, @username, який я вже бачив, або дайте відповідь цією командою на повідомлення людини.
admin-usage-grant = Використання: /grant &lt;хто&gt; &lt;n&gt; (від’ємне n забирає кредити).
    { admin-who }
admin-usage-setlimit = Використання: /setlimit &lt;хто&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Використання: /quota [хто]
    { admin-who }
admin-usage-resetquota = Використання: /resetquota &lt;хто&gt;
    { admin-who }
admin-usage-ban = Використання: /ban &lt;хто&gt; [причина]
    { admin-who }
admin-usage-unban = Використання: /unban &lt;хто&gt;
    { admin-who }
admin-usage-history = Використання: /history &lt;хто&gt;
    { admin-who }
admin-usage-stats = Використання: /stats [днів], наприклад /stats 7 (від 1 до 366; за замовчуванням 1).
admin-unknown-user = Я ще не бачив { $who }. Вкажіть числовий id або дайте відповідь на одне з повідомлень цієї людини.
admin-bad-number = { $value } поза межами: потрібне ціле число від { $min } до { $max }.
admin-repeated = Уже зроблено: ця команда надійшла до мене двічі.
admin-granted = Для { $who } нараховано кредитів: { $amount }. Тепер кредитів: { $credits }.
admin-taken = У { $who } забрано кредитів: { $amount }. Тепер кредитів: { $credits }.
admin-limit-set = Денний ліміт для { $who } тепер { $limit }. Залишилося сьогодні: { $left }.
admin-limit-default = Денний ліміт для { $who } знову стандартний ({ $limit }). Залишилося сьогодні: { $left }.
admin-reset-done = Для { $who } повернуто сьогоднішніх обробок: { $amount }. Залишилося сьогодні: { $left } з { $limit }.
admin-banned = { $who } заблоковано: нові запити отримують ввічливу відмову і нічого не коштують. Обробка, що вже триває, завершиться.
admin-unbanned = { $who } більше не заблоковано.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Сьогодні ({ $day }): використано { $used } з { $limit } безкоштовних, { $held } зайнято поточними обробками, залишилося { $left } ({ $source ->
    [admin] ліміт задав адміністратор
   *[default] стандартний ліміт
  }).
    Кредити: { $credits } (зайнято поточними обробками: { $credits_held }).{ $bought ->
    [0] {""}
   *[other] {" "}Куплені кредити: { $bought } (зайнято поточними обробками: { $bought_held }).
  }
admin-quota-banned = Заблоковано: { $reason }
admin-quota-jobs = Останні обробки:
admin-quota-no-jobs = Обробок ще не було.
admin-quota-job = • { $when } { $operation }: { $outcome } (вартість { $cost })
admin-history-title = <b>Журнал: { $who }</b>, останні записи ({ $count }), нові згори:
admin-history-empty = У журналі поки нічого немає для { $who }.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}безкоштовних
    [credits] {" "}кредитів
    [bought] {" "}куплених кредитів
   *[other] {""}
  }
admin-history-job = , обробка { $job }
admin-history-admin = , адмін { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>За { $days ->
    [1] останній день
    [one] останній { $days } день
    [few] останні { $days } дні
    [many] останні { $days } днів
   *[other] останні { $days } дня
  }</b>: обробок: { $jobs }, успішних { $rate }%.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), успішних { $rate }%
admin-stats-latency = Час у сервісів:
admin-stats-vendor = • { $vendor }: p50 { $p50 } мс, p95 { $p95 } мс (обробок: { $calls })
admin-stats-top = Найактивніші:
admin-stats-user = • { $who }: обробок: { $jobs }, списано { $charged }
admin-stats-credits = Нараховано кредитів: { $granted } (забрано: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Відкрити панель
admin-app-open = Панель: обробки, гроші, люди й сервіси в одному місці. Дії в ній записуються в журнал від вашого імені, як і команди.
admin-app-needs-url = Для панелі потрібен PUBLIC_URL: https-адреса, за якою Telegram може дістатися до вебсервера бота.
admin-app-private-only = Telegram відкриває панель лише з особистого чату: надішліть мені /admin туди.
admin-app-refused = Telegram не прийняв кнопку панелі для { $url }. Потрібна https-адреса, доступна для Telegram: перевірте PUBLIC_URL.
## Which face (English until translated)
faces-pick = Which face? { $count } faces found; 1 is the largest.
faces-pick-target = Which face should receive the new face? { $count } faces found; 1 is the largest.
faces-pick-source = Which face should be used? { $count } faces found in this photo; 1 is the largest.
faces-none = I found no face (big enough to edit) in this photo. Editors sometimes find a face I miss: try anyway? Nothing is charged unless it works.
faces-none-source = I found no face (big enough) in this photo to use. Editors sometimes find a face I miss: try anyway? Nothing is charged unless it works.
faces-cancelled = Cancelled.
btn-face-everyone = Everyone ({ $count } faces, costs { $cost })
btn-try-anyway = Try anyway
done-face = Face { $number }.
done-face-everyone = All { $count } faces.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Купити кредити за Telegram Stars
cmd-paysupport = Допомога з покупкою
cmd-terms = Умови продажу
cmd-refund = Повернути оплату: /refund id-платежу
btn-get-more = ⭐ Отримати ще
btn-pack = { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  } за { $stars } ⭐
out-of-quota-buy = Ви використали всі безкоштовні обробки на сьогодні ({ $limit }). Вони повернуться о { $reset } ({ $zone }), а кредити можна купити вже зараз:
quota-debt = Покупку повернули вже після того, як її кредити було витрачено: ви винні { $debt } { $debt ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  }. Кредити не можна витрачати, доки баланс знову не стане більшим за нуль (безкоштовні обробки на день працюють і далі).
buy-packs = <b>Кредити</b> не згоряють і витрачаються після безкоштовних обробок дня (один кредит за обробку). Оплата в Telegram Stars:
buy-offer-gone = Ця пропозиція змінилася. Ось актуальні.
buy-sent-private = Я надіслав вам рахунок у наш особистий чат.
buy-start-private = { $name }, я поки не можу написати вам в особисті. Відкрийте { $link }, натисніть «Почати» і купіть там.
buy-closed = Зараз кредити не продаються.
invoice-title = { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  } FaceShift
invoice-description = { $credits } { $credits ->
    [one] обробка
    [few] обробки
    [many] обробок
   *[other] обробки
  } фото без терміну дії. Кредити витрачаються після безкоштовних обробок дня.
invoice-label = { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  }
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Зараз кредити не продаються. Нічого не списано.
checkout-unknown = Цей рахунок недійсний. Надішліть /buy, щоб отримати новий. Нічого не списано.
checkout-banned = Вибачте, ви не можете користуватися цим ботом. Нічого не списано.
checkout-not-yours = Цей рахунок виставлено іншій людині. Надішліть /buy, щоб отримати свій. Нічого не списано.
checkout-price = Цей рахунок застарів. Надішліть /buy, щоб отримати новий. Нічого не списано.
checkout-paid = Цей рахунок уже оплачено. Надішліть /buy, щоб купити ще. Нічого не списано.
checkout-error = У мене щось зламалося. Спробуйте ще раз за хвилину. Нічого не списано.
paid-credited = ✅ Дякую! Нараховано { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  } за { $stars } ⭐.
    Номер платежу: <code>{ $charge }</code> (збережіть його: /paysupport, якщо щось не так).
paid-balance = Тепер у вас { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  }.
paid-unmatched = Я отримав ваш платіж на { $stars } ⭐, але не зміг зіставити його із замовленням, тому кредити не нараховано. Адміністраторів уже повідомлено, вони все владнають.
    Номер платежу: <code>{ $charge }</code>
refund-person = ↩️ Ваш платіж на { $stars } ⭐ повернуто (номер <code>{ $charge }</code>). Списано { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  }.
paysupport =
    <b>Допомога з покупкою</b>

    Кредити продаються за Telegram Stars; умови — у /terms. Якщо з покупкою щось не так (кредити не надійшли, оплату списали двічі, оплачена обробка не вдалася), напишіть <b>/paysupport</b> і в тому самому повідомленні опишіть, що сталося: адміністратори отримають його разом зі списком нижче й дадуть відповідь тут. У разі повернення зірки повертаються, а кредити списуються.
paysupport-purchases = Ваші покупки, нові згори:
paysupport-none = Ви ще нічого не купували.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } { $credits ->
    [one] кредит
    [few] кредити
    [many] кредитів
   *[other] кредиту
  }, { $status ->
    [credited] нараховано
    [refunded] повернуто
   *[other] перевіряється
  }, номер <code>{ $charge }</code>
paysupport-sent = Дякую: адміністратори отримали ваше повідомлення і список покупок. Відповідь прийде сюди.
paysupport-no-admins = Вибачте, зараз не вдається зв’язатися з жодним адміністратором. Спробуйте пізніше.
terms-default =
    <b>Умови продажу</b>

    • Кредити купуються за Telegram Stars. Один кредит оплачує одну обробку фото (деякі обробки коштують більше — бот про це скаже).
    • Кредити не згоряють. Вони витрачаються після безкоштовних обробок дня. Невдала обробка нічого не коштує.
    • Повернення: напишіть /paysupport. У разі повернення зірки повертаються, а кредити списуються; якщо їх уже витрачено, баланс може стати від’ємним.
    • Кредити не можна передати іншій людині чи обміняти на гроші.
    • Платежі проводить Telegram; бот не бачить вашої картки.
admin-paysupport = 💬 Звернення від { $who }: { $text }
admin-unmatched = ⚠️ Платіж без замовлення: { $stars } ⭐ від { $who }, payload { $payload }, номер <code>{ $charge }</code>. Нічого не нараховано: поверніть його через /refund або видайте кредити через /grant.
admin-refund-usage = Використання: /refund &lt;номер платежу&gt; або дайте відповідь командою /refund на повідомлення з номером (чек, /paysupport, /history, звернення).
admin-refund-which = У цьому повідомленні кілька платежів; вкажіть у /refund один із номерів: { $charges }
admin-refund-unknown = Платежу з номером { $charge } у мене немає.
admin-refund-failed = Telegram відмовив у поверненні { $charge }: { $detail }
admin-refund-done = Повернуто { $stars } ⭐ для { $who }, платіж <code>{ $charge }</code>; списано кредитів: { $credits }.
admin-refund-already = Платіж на { $stars } ⭐ від { $who }, <code>{ $charge }</code>, уже було повернуто; списано кредитів: { $credits }.
admin-refund-balance = Куплених кредитів тепер: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (борг у кредитах: { $debt })
  }.
admin-stats-money = ⭐ Отримано зірок: { $received } (платежів: { $payments }), повернуто: { $refunded } (повернень: { $refunds }). Продано кредитів: { $sold } (списано поверненнями: { $taken }), витрачено куплених: { $spent }.
admin-history-purchases = Покупки:
