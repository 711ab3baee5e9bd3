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

help-group =
    <b>Using FaceShift in a group</b>

    In groups I only see commands, replies to my messages and messages that mention me. So:
    • reply to a photo with /face for the menu, or directly with /older, /younger, /gender, /detect or /swap;
    • or post a photo with one of those commands (or my @name) in its caption.
    Only the person who asked can press the buttons under their photo.

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
not-yours = These buttons belong to whoever sent the photo. Send your own photo to try!
menu-gone = This menu is too old. Send the photo again, please.
op-unavailable = That is not available right now.
no-photo = Reply to a photo with this command, or send a photo with the command as its caption.

## Face swap
swap-prompt-private = Now send me the photo with the <b>face to use</b>. I will put that face onto the photo above (the photo above keeps its body, hair and background). This waits { $minutes } minutes.
swap-prompt-group = { $name }, reply to <b>this message</b> with the photo of the <b>face to use</b>. I will put that face onto the photo above. This waits { $minutes } minutes.
swap-cancelled = Face swap cancelled.
swap-expired = Face swap cancelled: no face photo came within { $minutes } minutes. Press Swap faces again to retry.
swap-album-count = For a face swap by album, send exactly two photos with the caption /swap: the first gives the face, the second receives it.
cancel-nothing = There is nothing to cancel.
cancel-done = Cancelled.

## Jobs
op-older = Making the face older ({ $age })
op-younger = Making the face younger ({ $age })
op-swap_gender = Swapping the gender
op-swap_faces = Swapping the faces
op-detect_gender = Detecting the gender
stage-queued = ⏳ { $operation }: waiting for a free slot…
stage-preparing = ⏳ { $operation }: preparing the photo…
stage-sent = ⏳ { $operation }: the face editor is working on it…
stage-sent-swap = ⏳ { $operation }: the face editor is working on it. A face swap takes a minute or two…
stage-receiving = ⏳ { $operation }: receiving the result…
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
done-swap_faces = Here is the face from your second photo on the first one.
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
fail-not_an_image = That file is not an image I can read. Send a photo, or an image file (JPEG, PNG, WebP, HEIC, BMP or GIF).
fail-unsupported_format = I can't read that image format. Send a JPEG, PNG, WebP, HEIC, BMP or GIF.
fail-corrupt = That image file is damaged or incomplete. Please send it again.
fail-empty = That file is empty. Please send the photo again.
fail-too_small = That image is too small: it needs at least { $min } pixels on its shorter side so a face fits. Send a larger photo.
fail-too_large_pixels = That image is far too large in pixels. Send a normal photo instead.
fail-too_many_bytes = That image is too large. Send it as a normal photo instead of a file.
fail-bad_aspect_ratio = That image is too long and thin. Send a normal photo.
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
    • While a job runs, the photo is kept on our server for at most { $minutes } minutes so the service can fetch it, then deleted. { $hosting }
    • The result is sent to you and not kept after delivery.
    • We keep your Telegram id, name, language and how many edits you used, to run your daily allowance.
privacy-hosting-builtin = The link the service uses is random and stops working when the job ends.
privacy-hosting-s3 = The link the service uses is random and expires within { $minutes } minutes.
privacy-hosting-acedata = For face swaps and Ace Data Cloud edits, the photo is uploaded to Ace Data Cloud's storage, which keeps a public copy for 7 days.
privacy-hosting-none = {""}
admin-alert = ⚠️ Operator attention: { $text }
