# FaceShift texts, English. HTML markup is allowed (parse mode HTML); { $args } are escaped by the bot.

start =
    Hi, { $name }! I edit faces in photos.

    Send me a photo with a face and pick what to do:
    • <b>Older</b> or <b>Younger</b>: see the face at another age
    • <b>Swap gender</b>: see the face as the other gender
    • <b>Swap faces</b>: put the face from a second photo onto this one
    • <b>Detect gender</b>: I tell you what I see and mark the face

    /help explains more, /privacy says what happens to your photos.

help-private =
    <b>How to use FaceShift</b>

    1. Send a photo (or an image file) with a clearly visible face.
    2. Press a button under my reply: Older, Younger, Swap gender, Swap faces or Detect gender.
    3. Wait a few seconds (a face swap takes a minute or two). The result comes back as a reply to your photo.

    Each edit uses one request from your daily allowance; /quota shows what is left.
    /cancel stops what you started, /privacy says what happens to your photos.
    /language changes the language I speak with you.

help-group =
    <b>Using FaceShift in a group</b>

    In groups I only see commands, replies to my messages and messages that mention me. So:
    • reply to a photo with /face for the menu, or directly with /older, /younger, /gender, /detect or /swap;
    • or post a photo with one of those commands (or my @name) in its caption.
    /swap goes on the photo that should get a new face; then reply to my message with the photo of the face to use.
    Only the person who asked can press the buttons under a photo.
    The group's admins can choose its language with /language.

error-generic = Sorry, something went wrong on my side. Please try again in a minute.

cmd-start = Start: what this bot does
cmd-help = How to use the bot
cmd-face = Reply to a photo: show the menu
cmd-older = Reply to a photo: make the face older
cmd-younger = Reply to a photo: make the face younger
cmd-gender = Reply to a photo: swap the gender
cmd-swap = Reply to a photo: put another face on it
cmd-detect = Reply to a photo: detect the gender
cmd-quota = What is left of your allowance
cmd-cancel = Cancel what you started
cmd-privacy = What happens to your photos
cmd-language = Choose the language

## The menu
menu-prompt = What should I do with this face?
menu-older = How old should the face look?
menu-younger = How young should the face look?
menu-gender = Turn the face into…
btn-older = 👴 Older
btn-younger = 👶 Younger
btn-swap-gender = 🔄 Swap gender
btn-swap-faces = 🎭 Swap faces
btn-detect = 🔍 Detect gender
btn-age = { $age } years
btn-back = ⬅️ Back
btn-cancel = ✖️ Cancel
btn-to-female = 👩 Female
btn-to-male = 👨 Male
not-yours = These buttons belong to the person who asked about this photo. Send your own photo to try!
not-yours-chat = These buttons belong to { $who }: only its admins can press them. Send your own photo to try!
menu-gone = This menu is too old. Send the photo again, please.
op-unavailable = That is not available right now.
no-photo = Reply to a photo with this command, or send a photo with the command as its caption.

## Face swap
swap-prompt-private = Now send me the photo with the <b>face to use</b>. I will put that face onto the photo above (the photo above keeps its body, hair and background). This waits { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
  }.
swap-prompt-group = { $name }, reply to <b>this message</b> with the photo of the <b>face to use</b>. I will put that face onto the photo above. This waits { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
  }.
swap-cancelled = Face swap cancelled.
swap-expired = Face swap cancelled: no face photo came within { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
  }. Press Swap faces again to retry.
swap-album-group = In a group I only see the album photo that has the caption. Reply /swap to the photo that should get the new face, then reply to my message with the face photo.
swap-album-count = For a face swap by album, send exactly two photos with the caption /swap: the first gives the face, the second receives it.
cancel-nothing = There is nothing to cancel.
cancel-done = Cancelled.
cancel-running = Your photo is already with the face editor and cannot be stopped now. The result comes soon.

## Jobs
op-older = Making the face older ({ $age })
op-younger = Making the face younger ({ $age })
op-swap_gender = Swapping the gender
op-swap_faces = Swapping the faces
op-detect_gender = Detecting the gender
stage-queued = ⏳ { $operation }: waiting for a free slot…
stage-queued-place = ⏳ { $operation }: { $place } in line…
stage-queued-place-wait = ⏳ { $operation }: { $place } in line, about { $wait }…
queue-ordinal = { $ordinal ->
    [one] { $place }st
    [two] { $place }nd
    [few] { $place }rd
   *[other] { $place }th
}
queue-wait-seconds = { $seconds } s
queue-wait-minutes = { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}
stage-preparing = ⏳ { $operation }: preparing the photo…
stage-sent = ⏳ { $operation }: the face editor is working on it…
stage-sent-swap = ⏳ { $operation }: the face editor is working on it. A face swap takes a minute or two…
busy = I am still working on your last photo. One at a time, please: it will be done soon.
duplicate = Already on it!
duplicate-done = Already done: the result is above. Pick another option, or send the photo again.
banned = Sorry, you cannot use this bot.
out-of-quota = You have used all { $limit } free edits for today. They come back at { $reset } ({ $zone }). An admin can also grant you more.

## Results
done-older = Here you are { $age } years old.
done-younger = Here you are { $age } years old.
done-swap_gender = Here is the face as { $to ->
    [female] a woman
   *[male] a man
  }.
done-swap_gender-detected = I saw a { $gender ->
    [female] woman
   *[male] man
  }, so here is the face as { $to ->
    [female] a woman
   *[male] a man
  }.
done-swap_faces = Here is this photo with the face from your other photo.
done-detect_gender = I see a <b>{ $gender ->
    [female] woman
   *[male] man
  }</b> ({ $confidence }% sure). Beard: { $beard ->
    [yes] yes
   *[no] no
  }. The face is marked.
quota-left = Left today: { $left } free edits{ $credits ->
    [0] {""}
   *[other] {""}, plus { $credits } credits
  }.

## Failures
fail-no_face = I couldn't find a face. Try a photo where the face is clearly visible and at least 64x64 pixels.
fail-face_too_small = The face is too small. Try a closer photo where the face is at least 64x64 pixels.
fail-poor_quality = The face is hard to see (blurry, dark, covered or turned away). Try a sharp, well-lit photo with the face looking at the camera.
fail-bad_format = I couldn't read that image. Send it as a normal photo (JPEG or PNG).
fail-too_large = That image is too large for the face editor. Send it as a normal photo instead of a file.
fail-rejected = The face editor refused this photo under its content rules. Try another photo.
fail-unusable_photo = The face editor couldn't use this photo. Try another one with a clear, frontal face.
fail-operator = The face editor is temporarily unavailable. Please try again later; the admins have been told.
fail-rate_limited = The face editor is busy right now. Please try again in a minute.
fail-transient = The face editor had a hiccup. Please try again in a minute.
fail-timeout = The face editor took too long. Please try again in a few minutes.
fail-photo_unavailable = I couldn't download that photo from Telegram (files over 20 MB cannot be downloaded by bots). Send it as a photo or a smaller file.
fail-interrupted = Your request was interrupted by a restart of the bot and did not cost anything. Please try again.
fail-cancelled = Cancelled.
fail-not_an_image = That file is not an image I can read. Send a photo, or an image file (JPEG, PNG, WebP, HEIC, BMP or GIF).
fail-unsupported_format = I can't read that image format. Send a JPEG, PNG, WebP, HEIC, BMP or GIF.
fail-corrupt = That image file is damaged or incomplete. Please send it again.
fail-empty = That file is empty. Please send the photo again.
fail-too_small = That image is too small: it needs at least { $min } pixels on its shorter side so a face fits. Send a larger photo.
fail-too_large_pixels = That image is far too large in pixels. Send a normal photo instead.
fail-too_many_bytes = That image is too large. Send it as a normal photo instead of a file.
fail-bad_aspect_ratio = That image is too long and thin. Send a normal photo.
fail-undeliverable = Your result was ready, but Telegram would not accept it from me, so I deleted it. Please try again.
fail-undelivered = Your result was ready, but Telegram kept failing to take it from me, so I deleted it. Please try again later.
not-free = It did not cost anything.
file-not-image = That file is not an image. Send a photo, or an image file (JPEG, PNG, WebP, HEIC, BMP or GIF).
file-too-big = That file is over Telegram's 20 MB limit for bots. Send it as a photo, or a smaller file.

## Account
quota-status = Today you have <b>{ $left }</b> of { $limit } free edits left{ $credits ->
    [0] {""}
   *[other] {""}, plus <b>{ $credits }</b> credits (they do not expire)
  }. The free edits come back at { $reset } ({ $zone }).
privacy =
    <b>What happens to your photos</b>

    • When you press a button, your photo goes to the face-editing service that does that job: { $vendors }.
    • While a job runs, the photo is kept on our server for at most { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
  } so the service can fetch it, then deleted. { $hosting }
    • { $results }
    • We keep your Telegram id, name, language and how many edits you used, to run your daily allowance.
privacy-hosting-builtin = The link the service uses is random and stops working when the job ends.
privacy-hosting-s3 = The link the service uses is random and expires within { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
  }.
privacy-hosting-acedata = For face swaps and Ace Data Cloud edits, the photo is uploaded to Ace Data Cloud's storage, which keeps a public copy for 7 days.
privacy-hosting-none = {""}
admin-alert = ⚠️ Operator attention: { $text }

## /language
btn-language-auto = 🌐 Automatic (from Telegram)
language-prompt-private = Your language: <b>{ $language }</b>. Choose another one:
language-prompt-private-auto = Your language: <b>{ $language }</b> (automatic). Choose another one:
language-prompt-group = This group's language: <b>{ $language }</b>. Choose another one:
language-prompt-group-auto = This group has no language of its own: I answer everyone in theirs. Choose one for the group:
language-set-private = Done. Your language: <b>{ $language }</b>.
language-set-private-auto = Done. Your language: <b>{ $language }</b> (automatic).
language-set-group = Done. This group's language: <b>{ $language }</b>.
language-set-group-auto = Done. This group has no language of its own now: I answer everyone in theirs.
language-admins-only = Only this group's admins can change its language.
language-not-admin = Only this group's admins can choose its language. For your own, send me /language in a private chat.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = I don't know that command. /help shows what I can do.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Your allowance, or someone's: /quota who
cmd-grant = Give credits: /grant who n
cmd-setlimit = Set a daily limit: /setlimit who n|default
cmd-resetquota = Give back today's edits: /resetquota who
cmd-ban = Ban: /ban who [reason]
cmd-unban = Unban: /unban who
cmd-stats = Statistics: /stats [days]
cmd-history = Someone's ledger: /history who
cmd-admin = The dashboard: charts, people, vendors
admin-who = &lt;who&gt; is a numeric id, an @username I have seen, or reply to the person's message with the command.
admin-usage-grant = Usage: /grant &lt;who&gt; &lt;n&gt; (n may be negative to take credits back).
    { admin-who }
admin-usage-setlimit = Usage: /setlimit &lt;who&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Usage: /quota [who]
    { admin-who }
admin-usage-resetquota = Usage: /resetquota &lt;who&gt;
    { admin-who }
admin-usage-ban = Usage: /ban &lt;who&gt; [reason]
    { admin-who }
admin-usage-unban = Usage: /unban &lt;who&gt;
    { admin-who }
admin-usage-history = Usage: /history &lt;who&gt;
    { admin-who }
admin-usage-stats = Usage: /stats [days], for example /stats 7 (1 to 366; the default is 1).
admin-unknown-user = I have not seen { $who } yet. Use their numeric id, or reply to one of their messages.
admin-hidden-user = That message was forwarded from an account that hides itself ({ $name }): I cannot tell who it is, and the one who forwarded it is not meant. Use the numeric id or @username instead.
admin-bad-number = { $value } is out of range: use a whole number from { $min } to { $max }.
admin-repeated = Already done: this command reached me twice.
admin-granted = Granted { $amount } credits to { $who }. They now have { $credits } credits.
admin-taken = Took { $amount } credits back from { $who }. They now have { $credits } credits.
admin-limit-set = The daily limit of { $who } is now { $limit }. Left today: { $left }.
admin-limit-default = The daily limit of { $who } is back to the default ({ $limit }). Left today: { $left }.
admin-reset-done = Gave back { $amount } of today's edits to { $who }. Left today: { $left } of { $limit }.
admin-banned = { $who } is banned: new requests get a polite refusal and cost nothing. A job already running finishes.
admin-unbanned = { $who } is no longer banned.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Today ({ $day }): { $used } of { $limit } free edits used, { $held } held by running jobs, { $left } left ({ $source ->
    [admin] limit set by an admin
   *[default] default limit
  }).
    Credits: { $credits } ({ $credits_held } held by running jobs).{ $bought ->
    [0] {""}
   *[other] {" "}Bought credits: { $bought } ({ $bought_held } held by running jobs).
  }
admin-quota-banned = Banned: { $reason }
admin-quota-jobs = Last jobs:
admin-quota-no-jobs = No jobs yet.
admin-quota-job = • { $when } { $operation }: { $outcome } (cost { $cost })
admin-history-title = <b>Ledger of { $who }</b>, last { $count } entries, newest first:
admin-history-empty = The ledger has nothing for { $who } yet.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}free
    [credits] {" "}credits
    [bought] {" "}bought credits
   *[other] {""}
  }
admin-history-job = , job { $job }
admin-history-admin = , by admin { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>The last { $days ->
    [one] day
   *[other] { $days } days
  }</b>: { $jobs } jobs, { $rate }% succeeded.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate }% succeeded
admin-stats-latency = Vendor time:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } jobs)
admin-stats-top = Top users:
admin-stats-user = • { $who }: { $jobs } jobs, { $charged } charged
admin-stats-credits = Credits granted: { $granted } (taken back: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Open the dashboard
admin-app-open = The dashboard: jobs, money, people and vendors at a glance. Actions there are written to the ledger in your name, as commands are.
admin-app-needs-url = The dashboard needs PUBLIC_URL: the https address at which Telegram can reach this bot's web server.
admin-app-private-only = Telegram opens the dashboard only from a private chat: send me /admin there.
admin-app-refused = Telegram refused the dashboard button for { $url }. It must be an https address Telegram can reach: check PUBLIC_URL.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Buy credits with Telegram Stars
cmd-paysupport = Help with a purchase
cmd-terms = Terms of sale
cmd-refund = Refund a purchase: /refund payment-id
btn-get-more = ⭐ Get more
btn-pack = { $credits } credits for { $stars } ⭐
out-of-quota-buy = You have used all { $limit } free edits for today. They come back at { $reset } ({ $zone }), or get more credits now:
quota-debt = A purchase was refunded after its credits were used: you owe { $debt } credits. Credits cannot be used until the balance is above zero again (the free daily edits still work).
buy-packs = <b>Credits</b> never expire and are used after your free daily edits (one credit per edit). Pay with Telegram Stars:
buy-offer-gone = That offer has changed. Here are the current ones.
buy-sent-private = I sent you the invoice in our private chat.
buy-start-private = { $name }, I cannot write to you privately yet. Open { $link }, press Start, and buy there.
buy-closed = Credits are not on sale right now.
invoice-title = { $credits } FaceShift credits
invoice-description = { $credits } photo edits that never expire, used after your free daily edits.
invoice-label = { $credits } credits
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Credits are not on sale right now. Nothing was charged.
checkout-unknown = This invoice is not valid. Send /buy for a new one. Nothing was charged.
checkout-banned = Sorry, you cannot use this bot. Nothing was charged.
checkout-not-yours = This invoice was made for someone else. Send /buy to get your own. Nothing was charged.
checkout-price = This invoice is out of date. Send /buy for a new one. Nothing was charged.
checkout-paid = This invoice is already paid. Send /buy to buy more. Nothing was charged.
checkout-error = Something went wrong on my side. Please try again in a minute. Nothing was charged.
paid-credited = ✅ Thank you! { $credits } credits were added for { $stars } ⭐.
    Payment id: <code>{ $charge }</code> (keep it: /paysupport if anything is wrong).
paid-balance = You now have { $credits } credits.
paid-unmatched = I received your payment of { $stars } ⭐ but could not match it to an order, so no credits were added. The admins have been told and will sort it out.
    Payment id: <code>{ $charge }</code>
refund-person = ↩️ Your payment of { $stars } ⭐ was refunded (id <code>{ $charge }</code>). { $credits } credits were taken back.
paysupport =
    <b>Help with a purchase</b>

    Credits are sold for Telegram Stars; /terms has the terms. If a purchase went wrong (no credits arrived, you were charged twice, an edit you paid for failed), write <b>/paysupport</b> followed by what happened, in one message: the admins get it with the list below and answer here. A refund gives the Stars back and takes the credits back.
paysupport-purchases = Your purchases, newest first:
paysupport-none = You have not bought anything yet.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } credits, { $status ->
    [credited] credited
    [refunded] refunded
   *[other] being checked
  }, id <code>{ $charge }</code>
paysupport-sent = Thank you: the admins have your message and your purchases. They will answer here.
paysupport-no-admins = Sorry, no admin can be reached right now. Please try again later.
terms-default =
    <b>Terms of sale</b>

    • Credits are bought with Telegram Stars. One credit pays for one photo edit (some edits cost more; the bot says so).
    • Credits never expire. They are used after your free daily edits. An edit that fails costs nothing.
    • Refunds: ask with /paysupport. A refund gives the Stars back and takes the credits back; credits already used may leave a negative balance.
    • Credits cannot be transferred or exchanged for money.
    • Payments are handled by Telegram; the bot never sees your card.
admin-paysupport = 💬 Support request from { $who }: { $text }
admin-unmatched = ⚠️ A payment matched no order: { $stars } ⭐ from { $who }, payload { $payload }, id <code>{ $charge }</code>. Nothing was credited: /refund it, or /grant the credits.
admin-refund-usage = Usage: /refund &lt;payment id&gt;, or reply /refund to a message that shows the id (a receipt, /paysupport, /history, a support request).
admin-refund-which = That message shows several payments; use /refund with one of: { $charges }
admin-refund-unknown = I have no payment with the id { $charge }.
admin-refund-failed = Telegram refused the refund of { $charge }: { $detail }
admin-refund-done = Refunded { $stars } ⭐ to { $who }, payment <code>{ $charge }</code>; { $credits } credits taken back.
admin-refund-already = The payment of { $stars } ⭐ by { $who }, <code>{ $charge }</code>, was already refunded; { $credits } credits were taken back.
admin-refund-balance = Their bought credits now: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (a debt of { $debt } credits)
  }.
admin-stats-money = ⭐ Stars received: { $received } ({ $payments } payments), refunded: { $refunded } ({ $refunds } refunds). Credits sold: { $sold } (taken back: { $taken }), bought credits spent: { $spent }.
admin-history-purchases = Purchases:
## Which face (photos with several faces, or none found)
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

## Results worth sharing
btn-every-age = 🎞 All three · { $cost } { $cost ->
    [one] credit
   *[other] credits
  }
btn-before-after = ↔️ Before / after
btn-full-quality = 📎 Full quality
result-expired = This result has expired. Send the photo again to make a new one.
label-before = Before
label-after = After
done-every-age = Here you are at { $ages } years.
every-age-partial = These could not be made: { $ages }. You were not charged for them.
privacy-results-kept = The result is kept on our server for { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
  } after it is sent (for "Before / after" and "Full quality"), then deleted.
privacy-results-none = The result is sent to you and not kept after delivery.
