# FaceShift texts, German. HTML markup is allowed; { $args } are escaped by the bot.

start =
    Hallo { $name }! Ich bearbeite Gesichter auf Fotos.

    Schick mir ein Foto mit einem Gesicht und wähle, was passieren soll:
    • <b>Älter</b> oder <b>Jünger</b>: das Gesicht in einem anderen Alter sehen
    • <b>Geschlecht tauschen</b>: das Gesicht im anderen Geschlecht sehen
    • <b>Gesichter tauschen</b>: das Gesicht von einem zweiten Foto auf dieses setzen
    • <b>Geschlecht erkennen</b>: Ich sage dir, was ich sehe, und markiere das Gesicht

    /help erklärt mehr, /privacy sagt dir, was mit deinen Fotos passiert.

help-private =
    <b>So nutzt du FaceShift</b>

    1. Schick ein Foto (oder eine Bilddatei), auf dem ein Gesicht gut zu sehen ist.
    2. Tippe auf einen Button unter meiner Antwort: Älter, Jünger, Geschlecht tauschen, Gesichter tauschen oder Geschlecht erkennen.
    3. Warte ein paar Sekunden (ein Gesichtertausch dauert ein bis zwei Minuten). Das Ergebnis kommt als Antwort auf dein Foto.

    Jede Bearbeitung verbraucht eine Anfrage aus deinem Tageskontingent; /quota zeigt, was noch übrig ist.
    /cancel bricht ab, was du gestartet hast, /privacy sagt dir, was mit deinen Fotos passiert.
    /language ändert die Sprache, in der ich mit dir spreche.

help-group =
    <b>FaceShift in Gruppen</b>

    In Gruppen sehe ich nur Befehle, Antworten auf meine Nachrichten und Nachrichten, in denen ich erwähnt werde. Also:
    • antworte auf ein Foto mit /face für das Menü oder direkt mit /older, /younger, /gender, /detect oder /swap;
    • oder poste ein Foto mit einem dieser Befehle (oder meinem @Namen) in der Bildunterschrift.
    /swap gehört an das Foto, das ein neues Gesicht bekommen soll; antworte danach auf meine Nachricht mit dem Foto des Gesichts, das verwendet werden soll.
    Nur wer gefragt hat, kann die Buttons unter einem Foto drücken.
    Die Admins der Gruppe können mit /language ihre Sprache wählen.

error-generic = Entschuldige, bei mir ist etwas schiefgelaufen. Versuch es bitte in einer Minute noch einmal.

cmd-start = Start: was dieser Bot kann
cmd-help = So nutzt du den Bot
cmd-face = Antwort auf ein Foto: Menü zeigen
cmd-older = Antwort auf ein Foto: Gesicht älter machen
cmd-younger = Antwort auf ein Foto: Gesicht jünger machen
cmd-gender = Antwort auf ein Foto: Geschlecht tauschen
cmd-swap = Antwort auf ein Foto: anderes Gesicht einsetzen
cmd-detect = Antwort auf ein Foto: Geschlecht erkennen
cmd-quota = Was von deinem Tageskontingent übrig ist
cmd-cancel = Abbrechen, was du gestartet hast
cmd-privacy = Was mit deinen Fotos passiert
cmd-language = Sprache wählen

## The menu
menu-prompt = Was soll ich mit diesem Gesicht machen?
menu-older = Wie alt soll das Gesicht aussehen?
menu-younger = Wie jung soll das Gesicht aussehen?
menu-gender = Welches Geschlecht soll das Gesicht haben?
btn-older = 👴 Älter
btn-younger = 👶 Jünger
btn-swap-gender = 🔄 Geschlecht tauschen
btn-swap-faces = 🎭 Gesichter tauschen
btn-detect = 🔍 Geschlecht erkennen
btn-age = { $age } Jahre
btn-back = ⬅️ Zurück
btn-cancel = ✖️ Abbrechen
btn-to-female = 👩 Weiblich
btn-to-male = 👨 Männlich
not-yours = Diese Buttons gehören der Person, die nach diesem Foto gefragt hat. Schick dein eigenes Foto, um es auszuprobieren!
not-yours-chat = Diese Buttons gehören zu { $who }: Nur die Admins dort können darauf tippen. Schick dein eigenes Foto, um es auszuprobieren!
menu-gone = Dieses Menü ist zu alt. Schick das Foto bitte noch einmal.
op-unavailable = Das ist gerade nicht verfügbar.
no-photo = Antworte mit diesem Befehl auf ein Foto oder schick ein Foto mit dem Befehl als Bildunterschrift.

## Face swap
swap-prompt-private = Schick mir jetzt das Foto mit dem <b>Gesicht, das verwendet werden soll</b>. Ich setze dieses Gesicht auf das Foto oben (Körper, Haare und Hintergrund des Fotos oben bleiben erhalten). Ich warte { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
  }.
swap-prompt-group = { $name }, antworte auf <b>diese Nachricht</b> mit dem Foto des <b>Gesichts, das verwendet werden soll</b>. Ich setze dieses Gesicht auf das Foto oben. Ich warte { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
  }.
swap-cancelled = Gesichtertausch abgebrochen.
swap-expired = Gesichtertausch abgebrochen: Innerhalb von { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
  } kam kein Foto mit dem Gesicht. Tippe noch einmal auf Gesichter tauschen, um es erneut zu versuchen.
swap-album-group = In Gruppen sehe ich nur das Albumfoto mit der Bildunterschrift. Antworte mit /swap auf das Foto, das das neue Gesicht bekommen soll, und antworte dann auf meine Nachricht mit dem Foto des Gesichts.
swap-album-count = Für einen Gesichtertausch per Album schick genau zwei Fotos mit der Bildunterschrift /swap: Das erste liefert das Gesicht, das zweite bekommt es.
cancel-nothing = Es gibt nichts abzubrechen.
cancel-done = Abgebrochen.
cancel-running = Dein Foto ist schon beim Gesichtseditor und lässt sich jetzt nicht mehr stoppen. Das Ergebnis kommt gleich.

## Jobs
op-older = Gesicht wird älter gemacht ({ $age })
op-younger = Gesicht wird jünger gemacht ({ $age })
op-swap_gender = Geschlecht wird getauscht
op-swap_faces = Gesichter werden getauscht
op-detect_gender = Geschlecht wird erkannt
stage-queued = ⏳ { $operation }: warte auf einen freien Platz…
stage-queued-place = ⏳ { $operation }: Platz { $place } in der Warteschlange…
stage-queued-place-wait = ⏳ { $operation }: Platz { $place } in der Warteschlange, noch etwa { $wait }…
queue-ordinal = { $ordinal ->
   *[other] { $place }
}
queue-wait-seconds = { $seconds } Sek.
queue-wait-minutes = { $minutes } Min.
stage-preparing = ⏳ { $operation }: bereite das Foto vor…
stage-sent = ⏳ { $operation }: Der Gesichtseditor arbeitet daran…
stage-sent-swap = ⏳ { $operation }: Der Gesichtseditor arbeitet daran. Ein Gesichtertausch dauert ein bis zwei Minuten…
busy = Ich arbeite noch an deinem letzten Foto. Eins nach dem anderen, bitte: Es ist gleich fertig.
duplicate = Bin schon dran!
duplicate-done = Schon erledigt: Das Ergebnis steht oben. Wähle eine andere Option oder schick das Foto noch einmal.
banned = Entschuldige, du kannst diesen Bot nicht nutzen.
out-of-quota = Du hast heute alle kostenlosen Bearbeitungen ({ $limit }) verbraucht. Sie kommen um { $reset } ({ $zone }) zurück. Ein Admin kann dir auch mehr geben.

## Results
done-older = So siehst du mit { $age } Jahren aus.
done-younger = So siehst du mit { $age } Jahren aus.
done-swap_gender = Hier ist das Gesicht als { $to ->
    [female] Frau
   *[male] Mann
  }.
done-swap_gender-detected = Ich sehe { $gender ->
    [female] eine Frau
   *[male] einen Mann
  }, also hier das Gesicht als { $to ->
    [female] Frau
   *[male] Mann
  }.
done-swap_faces = Hier ist dieses Foto mit dem Gesicht von deinem anderen Foto.
done-detect_gender = Ich sehe <b>{ $gender ->
    [female] eine Frau
   *[male] einen Mann
  }</b> (zu { $confidence } % sicher). Bart: { $beard ->
    [yes] ja
   *[no] nein
  }. Das Gesicht ist markiert.
quota-left = Heute noch frei: { $left } { $left ->
    [one] Bearbeitung
   *[other] Bearbeitungen
  }{ $credits ->
    [0] {""}
    [one] {""}, dazu { $credits } Credit
   *[other] {""}, dazu { $credits } Credits
  }.

## Failures
fail-no_face = Ich konnte kein Gesicht finden. Versuch ein Foto, auf dem das Gesicht gut zu sehen und mindestens 64x64 Pixel groß ist.
fail-face_too_small = Das Gesicht ist zu klein. Versuch ein näher aufgenommenes Foto, auf dem das Gesicht mindestens 64x64 Pixel groß ist.
fail-poor_quality = Das Gesicht ist schwer zu erkennen (unscharf, dunkel, verdeckt oder abgewandt). Versuch ein scharfes, gut beleuchtetes Foto, auf dem das Gesicht in die Kamera schaut.
fail-bad_format = Ich konnte das Bild nicht lesen. Schick es als normales Foto (JPEG oder PNG).
fail-too_large = Das Bild ist zu groß für den Gesichtseditor. Schick es als normales Foto statt als Datei.
fail-rejected = Der Gesichtseditor hat dieses Foto wegen seiner Inhaltsregeln abgelehnt. Versuch ein anderes Foto.
fail-unusable_photo = Der Gesichtseditor konnte dieses Foto nicht verwenden. Versuch ein anderes mit einem deutlich sichtbaren Gesicht von vorn.
fail-operator = Der Gesichtseditor ist vorübergehend nicht verfügbar. Versuch es bitte später noch einmal; die Admins wissen Bescheid.
fail-rate_limited = Der Gesichtseditor ist gerade ausgelastet. Versuch es bitte in einer Minute noch einmal.
fail-transient = Der Gesichtseditor hatte einen kurzen Aussetzer. Versuch es bitte in einer Minute noch einmal.
fail-timeout = Der Gesichtseditor hat zu lange gebraucht. Versuch es bitte in ein paar Minuten noch einmal.
fail-photo_unavailable = Ich konnte das Foto nicht von Telegram herunterladen (Bots können keine Dateien über 20 MB herunterladen). Schick es als Foto oder als kleinere Datei.
fail-interrupted = Deine Anfrage wurde durch einen Neustart des Bots unterbrochen und hat nichts gekostet. Versuch es bitte noch einmal.
fail-cancelled = Abgebrochen.
fail-not_an_image = Diese Datei ist kein Bild, das ich lesen kann. Schick ein Foto oder eine Bilddatei (JPEG, PNG, WebP, HEIC, BMP oder GIF).
fail-unsupported_format = Dieses Bildformat kann ich nicht lesen. Schick ein JPEG, PNG, WebP, HEIC, BMP oder GIF.
fail-corrupt = Die Bilddatei ist beschädigt oder unvollständig. Schick sie bitte noch einmal.
fail-empty = Die Datei ist leer. Schick das Foto bitte noch einmal.
fail-too_small = Das Bild ist zu klein: Die kürzere Seite braucht mindestens { $min } Pixel, damit ein Gesicht draufpasst. Schick ein größeres Foto.
fail-too_large_pixels = Das Bild hat viel zu viele Pixel. Schick stattdessen ein normales Foto.
fail-too_many_bytes = Das Bild ist zu groß. Schick es als normales Foto statt als Datei.
fail-bad_aspect_ratio = Das Bild ist zu lang und schmal. Schick ein normales Foto.
fail-undeliverable = Dein Ergebnis war fertig, aber Telegram hat es von mir nicht angenommen, deshalb habe ich es gelöscht. Versuch es bitte noch einmal.
fail-undelivered = Dein Ergebnis war fertig, aber die Übergabe an Telegram ist immer wieder fehlgeschlagen, deshalb habe ich es gelöscht. Versuch es bitte später noch einmal.
not-free = Es hat nichts gekostet.
file-not-image = Diese Datei ist kein Bild. Schick ein Foto oder eine Bilddatei (JPEG, PNG, WebP, HEIC, BMP oder GIF).
file-too-big = Die Datei ist größer als das 20-MB-Limit, das Telegram für Bots setzt. Schick sie als Foto oder als kleinere Datei.

## Account
quota-status = Du hast heute noch <b>{ $left }</b> von { $limit } kostenlosen Bearbeitungen{ $credits ->
    [0] {""}
   *[other] {""}, dazu <b>{ $credits }</b> { $credits ->
        [one] Credit (verfällt nicht)
       *[other] Credits (sie verfallen nicht)
    }
  }. Die kostenlosen Bearbeitungen kommen um { $reset } ({ $zone }) zurück.
privacy =
    <b>Was mit deinen Fotos passiert</b>

    • Wenn du auf einen Button tippst, geht dein Foto an den Dienst, der diese Bearbeitung macht: { $vendors }.
    • Während der Bearbeitung liegt das Foto höchstens { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
  } auf unserem Server, damit der Dienst es abholen kann, und wird dann gelöscht. { $hosting }
    • { $results }
    • Wir speichern deine Telegram-ID, deinen Namen, deine Sprache und wie viele Bearbeitungen du genutzt hast, um dein Tageskontingent zu verwalten.
privacy-hosting-builtin = Der Link, den der Dienst nutzt, ist zufällig und funktioniert nicht mehr, sobald die Bearbeitung fertig ist.
privacy-hosting-s3 = Der Link, den der Dienst nutzt, ist zufällig und läuft innerhalb von { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
  } ab.
privacy-hosting-acedata = Beim Gesichtertausch und bei Bearbeitungen über Ace Data Cloud wird das Foto in den Speicher von Ace Data Cloud hochgeladen, der 7 Tage lang eine öffentliche Kopie aufbewahrt.
privacy-hosting-none = {""}
admin-alert = ⚠️ Achtung, Betreiber: { $text }

## /language
btn-language-auto = 🌐 Automatisch (wie in Telegram)
language-prompt-private = Deine Sprache: <b>{ $language }</b>. Wähle eine andere:
language-prompt-private-auto = Deine Sprache: <b>{ $language }</b> (automatisch). Wähle eine andere:
language-prompt-group = Sprache dieser Gruppe: <b>{ $language }</b>. Wähle eine andere:
language-prompt-group-auto = Diese Gruppe hat keine eigene Sprache: Ich antworte allen in ihrer eigenen. Wähle eine für die Gruppe:
language-set-private = Erledigt. Deine Sprache: <b>{ $language }</b>.
language-set-private-auto = Erledigt. Deine Sprache: <b>{ $language }</b> (automatisch).
language-set-group = Erledigt. Sprache dieser Gruppe: <b>{ $language }</b>.
language-set-group-auto = Erledigt. Diese Gruppe hat jetzt keine eigene Sprache mehr: Ich antworte allen in ihrer eigenen.
language-admins-only = Nur die Admins dieser Gruppe können ihre Sprache ändern.
language-not-admin = Nur die Admins dieser Gruppe können ihre Sprache wählen. Für deine eigene schick mir /language im privaten Chat.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = Diesen Befehl kenne ich nicht. /help zeigt, was ich kann.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Dein Kontingent oder das einer Person: /quota wer
cmd-grant = Credits vergeben: /grant wer n
cmd-setlimit = Tageslimit setzen: /setlimit wer n|default
cmd-resetquota = Heutige Bearbeitungen zurückgeben: /resetquota wer
cmd-ban = Sperren: /ban wer [Grund]
cmd-unban = Entsperren: /unban wer
cmd-stats = Statistik: /stats [Tage]
cmd-history = Buchungen einer Person: /history wer
cmd-admin = Das Dashboard: Diagramme, Personen, Anbieter
admin-who = &lt;wer&gt; ist eine numerische ID, ein @username, den ich schon gesehen habe, oder du antwortest mit dem Befehl auf eine Nachricht der Person.
admin-usage-grant = Verwendung: /grant &lt;wer&gt; &lt;n&gt; (n darf negativ sein, um Credits zurückzunehmen).
    { admin-who }
admin-usage-setlimit = Verwendung: /setlimit &lt;wer&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Verwendung: /quota [wer]
    { admin-who }
admin-usage-resetquota = Verwendung: /resetquota &lt;wer&gt;
    { admin-who }
admin-usage-ban = Verwendung: /ban &lt;wer&gt; [Grund]
    { admin-who }
admin-usage-unban = Verwendung: /unban &lt;wer&gt;
    { admin-who }
admin-usage-history = Verwendung: /history &lt;wer&gt;
    { admin-who }
admin-usage-stats = Verwendung: /stats [Tage], zum Beispiel /stats 7 (1 bis 366; Standard ist 1).
admin-unknown-user = { $who } habe ich noch nicht gesehen. Nimm die numerische ID oder antworte auf eine Nachricht der Person.
admin-hidden-user = Diese Nachricht wurde von einem verborgenen Konto weitergeleitet ({ $name }): Ich kann nicht sagen, wer das ist, und wer sie weitergeleitet hat, ist nicht gemeint. Nimm stattdessen die numerische ID oder den @username.
admin-bad-number = { $value } liegt außerhalb des Bereichs: Nimm eine ganze Zahl von { $min } bis { $max }.
admin-repeated = Schon erledigt: Dieser Befehl kam doppelt bei mir an.
admin-granted = Credits an { $who } vergeben: { $amount }. Stand jetzt: { $credits }.
admin-taken = Credits von { $who } zurückgenommen: { $amount }. Stand jetzt: { $credits }.
admin-limit-set = Das Tageslimit von { $who } ist jetzt { $limit }. Heute übrig: { $left }.
admin-limit-default = Das Tageslimit von { $who } ist wieder der Standard ({ $limit }). Heute übrig: { $left }.
admin-reset-done = Heutige Bearbeitungen an { $who } zurückgegeben: { $amount }. Heute übrig: { $left } von { $limit }.
admin-banned = { $who } ist gesperrt: Neue Anfragen werden höflich abgelehnt und kosten nichts. Ein bereits laufender Auftrag wird noch fertig.
admin-unbanned = { $who } ist nicht mehr gesperrt.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Heute ({ $day }): { $used } von { $limit } kostenlosen Bearbeitungen genutzt, { $held } durch laufende Aufträge reserviert, { $left } übrig ({ $source ->
    [admin] Limit von einem Admin gesetzt
   *[default] Standardlimit
  }).
    Credits: { $credits } ({ $credits_held } durch laufende Aufträge reserviert).{ $bought ->
    [0] {""}
   *[other] {" "}Gekaufte Credits: { $bought } ({ $bought_held } durch laufende Aufträge reserviert).
  }
admin-quota-banned = Gesperrt: { $reason }
admin-quota-jobs = Letzte Aufträge:
admin-quota-no-jobs = Noch keine Aufträge.
admin-quota-job = • { $when } { $operation }: { $outcome } (Kosten { $cost })
admin-history-title = <b>Buchungen von { $who }</b>, letzte Einträge ({ $count }), neueste zuerst:
admin-history-empty = Für { $who } gibt es noch keine Buchungen.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}kostenlos
    [credits] {" "}Credits
    [bought] {" "}gekaufte Credits
   *[other] {""}
  }
admin-history-job = , Auftrag { $job }
admin-history-admin = , von Admin { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [one] Der letzte Tag
   *[other] Die letzten { $days } Tage
  }</b>: { $jobs } Aufträge, { $rate } % erfolgreich.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate } % erfolgreich
admin-stats-latency = Zeit bei den Anbietern:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } Aufträge)
admin-stats-top = Aktivste Nutzer:
admin-stats-user = • { $who }: { $jobs } Aufträge, { $charged } berechnet
admin-stats-credits = Vergebene Credits: { $granted } (zurückgenommen: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Dashboard öffnen
admin-app-open = Das Dashboard: Aufträge, Geld, Personen und Anbieter auf einen Blick. Was du dort tust, wird wie bei den Befehlen in deinem Namen in den Buchungen vermerkt.
admin-app-needs-url = Das Dashboard braucht PUBLIC_URL: die https-Adresse, unter der Telegram den Webserver dieses Bots erreicht.
admin-app-private-only = Telegram öffnet das Dashboard nur aus einem privaten Chat: Schick mir dort /admin.
admin-app-refused = Telegram hat den Dashboard-Button für { $url } abgelehnt. Es muss eine https-Adresse sein, die Telegram erreichen kann: Prüf PUBLIC_URL.
## Which face (photos with several faces, or none found)
faces-pick = Welches Gesicht? { $count } { $count ->
    [one] Gesicht
   *[other] Gesichter
  } gefunden; 1 ist das größte.
faces-pick-target = Welches Gesicht soll das neue Gesicht bekommen? { $count } { $count ->
    [one] Gesicht
   *[other] Gesichter
  } gefunden; 1 ist das größte.
faces-pick-source = Welches Gesicht soll verwendet werden? { $count } { $count ->
    [one] Gesicht
   *[other] Gesichter
  } auf diesem Foto gefunden; 1 ist das größte.
faces-none = Ich habe auf diesem Foto kein Gesicht gefunden, das groß genug zum Bearbeiten ist. Editoren finden manchmal ein Gesicht, das ich übersehe: Trotzdem versuchen? Berechnet wird nur, wenn es klappt.
faces-none-source = Ich habe auf diesem Foto kein Gesicht gefunden, das groß genug zum Verwenden ist. Editoren finden manchmal ein Gesicht, das ich übersehe: Trotzdem versuchen? Berechnet wird nur, wenn es klappt.
faces-cancelled = Abgebrochen.
btn-face-everyone = Alle ({ $count } { $count ->
    [one] Gesicht
   *[other] Gesichter
  }, kostet { $cost })
btn-try-anyway = Trotzdem versuchen
done-face = Gesicht { $number }.
done-face-everyone = Alle Gesichter: { $count }.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Credits mit Telegram Stars kaufen
cmd-paysupport = Hilfe bei einem Kauf
cmd-terms = Verkaufsbedingungen
cmd-refund = Kauf erstatten: /refund Zahlungs-ID
btn-get-more = ⭐ Mehr holen
btn-pack = { $credits } { $credits ->
    [one] Credit
   *[other] Credits
  } für { $stars } ⭐
out-of-quota-buy = Du hast heute alle kostenlosen Bearbeitungen ({ $limit }) verbraucht. Sie kommen um { $reset } ({ $zone }) zurück – oder hol dir jetzt mehr Credits:
quota-debt = Ein Kauf wurde erstattet, nachdem seine Credits schon verbraucht waren: Du schuldest { $debt } { $debt ->
    [one] Credit
   *[other] Credits
  }. Credits lassen sich erst wieder nutzen, wenn dein Stand über null liegt (die kostenlosen Bearbeitungen pro Tag funktionieren weiter).
buy-packs = <b>Credits</b> verfallen nie und werden nach deinen kostenlosen Bearbeitungen des Tages verbraucht (ein Credit pro Bearbeitung). Bezahlt wird mit Telegram Stars:
buy-offer-gone = Das Angebot hat sich geändert. Hier sind die aktuellen.
buy-sent-private = Ich habe dir die Rechnung in unseren privaten Chat geschickt.
buy-start-private = { $name }, ich kann dir noch nicht privat schreiben. Öffne { $link }, tippe auf Starten und kauf dort.
buy-closed = Credits sind gerade nicht im Verkauf.
invoice-title = { $credits } { $credits ->
    [one] FaceShift-Credit
   *[other] FaceShift-Credits
  }
invoice-description = { $credits } { $credits ->
    [one] Foto-Bearbeitung, die nie verfällt
   *[other] Foto-Bearbeitungen, die nie verfallen
  }, verbraucht nach deinen kostenlosen Bearbeitungen des Tages.
invoice-label = { $credits } { $credits ->
    [one] Credit
   *[other] Credits
  }
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Credits sind gerade nicht im Verkauf. Es wurde nichts abgebucht.
checkout-unknown = Diese Rechnung ist ungültig. Schick /buy für eine neue. Es wurde nichts abgebucht.
checkout-banned = Entschuldige, du kannst diesen Bot nicht nutzen. Es wurde nichts abgebucht.
checkout-not-yours = Diese Rechnung ist für jemand anderen. Schick /buy, um deine eigene zu bekommen. Es wurde nichts abgebucht.
checkout-price = Diese Rechnung ist veraltet. Schick /buy für eine neue. Es wurde nichts abgebucht.
checkout-paid = Diese Rechnung ist schon bezahlt. Schick /buy, um mehr zu kaufen. Es wurde nichts abgebucht.
checkout-error = Bei mir ist etwas schiefgelaufen. Versuch es bitte in einer Minute noch einmal. Es wurde nichts abgebucht.
paid-credited = ✅ Danke! Du hast { $credits } { $credits ->
    [one] Credit
   *[other] Credits
  } für { $stars } ⭐ bekommen.
    Zahlungs-ID: <code>{ $charge }</code> (heb sie auf: /paysupport, falls etwas nicht stimmt).
paid-balance = Du hast jetzt { $credits } { $credits ->
    [one] Credit
   *[other] Credits
  }.
paid-unmatched = Ich habe deine Zahlung über { $stars } ⭐ erhalten, konnte sie aber keiner Bestellung zuordnen, deshalb wurden keine Credits gutgeschrieben. Die Admins wissen Bescheid und kümmern sich darum.
    Zahlungs-ID: <code>{ $charge }</code>
refund-person = ↩️ Deine Zahlung über { $stars } ⭐ wurde erstattet (ID <code>{ $charge }</code>). Zurückgenommene Credits: { $credits }.
paysupport =
    <b>Hilfe bei einem Kauf</b>

    Credits werden gegen Telegram Stars verkauft; die Bedingungen findest du unter /terms. Wenn bei einem Kauf etwas schiefging (keine Credits angekommen, doppelt bezahlt, eine bezahlte Bearbeitung fehlgeschlagen), schreib <b>/paysupport</b> und dahinter in derselben Nachricht, was passiert ist: Die Admins bekommen sie zusammen mit der Liste unten und antworten hier. Bei einer Erstattung bekommst du die Stars zurück, und die Credits werden zurückgenommen.
paysupport-purchases = Deine Käufe, neueste zuerst:
paysupport-none = Du hast noch nichts gekauft.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } { $credits ->
    [one] Credit
   *[other] Credits
  }, { $status ->
    [credited] gutgeschrieben
    [refunded] erstattet
   *[other] wird geprüft
  }, ID <code>{ $charge }</code>
paysupport-sent = Danke: Die Admins haben deine Nachricht und deine Käufe. Sie antworten hier.
paysupport-no-admins = Entschuldige, gerade ist kein Admin erreichbar. Versuch es bitte später noch einmal.
terms-default =
    <b>Verkaufsbedingungen</b>

    • Credits werden mit Telegram Stars gekauft. Ein Credit bezahlt eine Foto-Bearbeitung (manche Bearbeitungen kosten mehr; der Bot sagt es dir).
    • Credits verfallen nie. Sie werden nach deinen kostenlosen Bearbeitungen des Tages verbraucht. Eine fehlgeschlagene Bearbeitung kostet nichts.
    • Erstattungen: Frag über /paysupport. Bei einer Erstattung bekommst du die Stars zurück, und die Credits werden zurückgenommen; wurden sie schon verbraucht, kann dein Stand negativ werden.
    • Credits können nicht übertragen oder in Geld umgetauscht werden.
    • Zahlungen wickelt Telegram ab; der Bot sieht deine Karte nie.
admin-paysupport = 💬 Support-Anfrage von { $who }: { $text }
admin-unmatched = ⚠️ Eine Zahlung passt zu keiner Bestellung: { $stars } ⭐ von { $who }, Payload { $payload }, ID <code>{ $charge }</code>. Nichts wurde gutgeschrieben: Erstatte sie mit /refund oder vergib die Credits mit /grant.
admin-refund-usage = Verwendung: /refund &lt;Zahlungs-ID&gt;, oder antworte mit /refund auf eine Nachricht, die die ID zeigt (eine Quittung, /paysupport, /history, eine Support-Anfrage).
admin-refund-which = Diese Nachricht zeigt mehrere Zahlungen; nimm /refund mit einer davon: { $charges }
admin-refund-unknown = Ich habe keine Zahlung mit der ID { $charge }.
admin-refund-failed = Telegram hat die Erstattung von { $charge } abgelehnt: { $detail }
admin-refund-done = { $stars } ⭐ an { $who } erstattet, Zahlung <code>{ $charge }</code>; zurückgenommene Credits: { $credits }.
admin-refund-already = Die Zahlung über { $stars } ⭐ von { $who }, <code>{ $charge }</code>, wurde schon erstattet; zurückgenommene Credits: { $credits }.
admin-refund-balance = Gekaufte Credits jetzt: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (Schulden in Credits: { $debt })
  }.
admin-stats-money = ⭐ Erhaltene Stars: { $received } (Zahlungen: { $payments }), erstattet: { $refunded } (Erstattungen: { $refunds }). Verkaufte Credits: { $sold } (zurückgenommen: { $taken }), verbrauchte gekaufte Credits: { $spent }.
admin-history-purchases = Käufe:

## Results worth sharing
btn-every-age = 🎞 Alle drei · { $cost } { $cost ->
    [one] Guthaben
   *[other] Guthaben
  }
btn-before-after = ↔️ Vorher / nachher
btn-full-quality = 📎 Volle Qualität
result-expired = Dieses Ergebnis ist abgelaufen. Schick das Foto noch einmal, um ein neues zu machen.
label-before = Vorher
label-after = Nachher
done-every-age = Hier bist du mit { $ages } Jahren.
every-age-partial = Nicht gelungen: { $ages }. Dafür wurde nichts berechnet.
privacy-results-kept = Das Ergebnis bleibt nach dem Senden { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
  } auf unserem Server (für „Vorher / nachher“ und „Volle Qualität“) und wird dann gelöscht.
privacy-results-none = Das Ergebnis wird dir geschickt und nach der Zustellung nicht aufbewahrt.
