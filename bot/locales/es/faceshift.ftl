# FaceShift texts, Spanish. HTML markup is allowed; { $args } are escaped by the bot.

start =
    ¡Hola, { $name }! Edito caras en fotos.

    Envíame una foto con una cara y elige qué hacer:
    • <b>Mayor</b> o <b>Más joven</b>: ver la cara con otra edad
    • <b>Cambiar género</b>: ver la cara con el otro género
    • <b>Intercambiar caras</b>: poner la cara de una segunda foto en esta
    • <b>Detectar género</b>: te digo lo que veo y marco la cara

    /help explica más, /privacy cuenta qué pasa con tus fotos.

help-private =
    <b>Cómo usar FaceShift</b>

    1. Envía una foto (o un archivo de imagen) donde la cara se vea bien.
    2. Pulsa un botón bajo mi respuesta: Mayor, Más joven, Cambiar género, Intercambiar caras o Detectar género.
    3. Espera unos segundos (un intercambio de caras tarda uno o dos minutos). El resultado llega como respuesta a tu foto.

    Cada edición usa una solicitud de tu cupo diario; /quota muestra lo que te queda.
    /cancel detiene lo que empezaste, /privacy cuenta qué pasa con tus fotos.
    /language cambia el idioma en el que te hablo.

help-group =
    <b>Usar FaceShift en un grupo</b>

    En los grupos solo veo comandos, respuestas a mis mensajes y mensajes que me mencionan. Así que:
    • responde a una foto con /face para ver el menú, o directamente con /older, /younger, /gender, /detect o /swap;
    • o publica una foto con uno de esos comandos (o mi @nombre) en el pie de foto.
    /swap va en la foto que debe recibir una cara nueva; luego responde a mi mensaje con la foto de la cara que quieres usar.
    Solo quien lo pidió puede pulsar los botones bajo una foto.
    Los administradores del grupo pueden elegir su idioma con /language.

error-generic = Lo siento, algo falló por mi parte. Inténtalo de nuevo en un minuto.

cmd-start = Inicio: qué hace este bot
cmd-help = Cómo usar el bot
cmd-face = Responde a una foto: muestra el menú
cmd-older = Responde a una foto: envejece la cara
cmd-younger = Responde a una foto: rejuvenece la cara
cmd-gender = Responde a una foto: cambia el género
cmd-swap = Responde a una foto: pon otra cara
cmd-detect = Responde a una foto: detecta el género
cmd-quota = Lo que te queda de tu cupo diario
cmd-cancel = Cancela lo que empezaste
cmd-privacy = Qué pasa con tus fotos
cmd-language = Elegir el idioma

## The menu
menu-prompt = ¿Qué hago con esta cara?
menu-older = ¿Cuántos años debe aparentar la cara?
menu-younger = ¿Cuán joven debe verse la cara?
menu-gender = Convertir la cara en…
btn-older = 👴 Mayor
btn-younger = 👶 Más joven
btn-swap-gender = 🔄 Cambiar género
btn-swap-faces = 🎭 Intercambiar caras
btn-detect = 🔍 Detectar género
btn-age = { $age } años
btn-back = ⬅️ Atrás
btn-cancel = ✖️ Cancelar
btn-to-female = 👩 Mujer
btn-to-male = 👨 Hombre
not-yours = Estos botones son de quien preguntó por esta foto. ¡Envía tu propia foto para probar!
not-yours-chat = Estos botones son de { $who }: solo sus administradores pueden pulsarlos. ¡Envía tu propia foto para probar!
menu-gone = Este menú ya caducó. Envía la foto otra vez, por favor.
op-unavailable = Eso no está disponible ahora mismo.
no-photo = Responde a una foto con este comando, o envía una foto con el comando en el pie de foto.

## Face swap
swap-prompt-private = Ahora envíame la foto con la <b>cara que quieres usar</b>. Pondré esa cara en la foto de arriba (la foto de arriba conserva el cuerpo, el pelo y el fondo). Espero { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }.
swap-prompt-group = { $name }, responde a <b>este mensaje</b> con la foto de la <b>cara que quieres usar</b>. Pondré esa cara en la foto de arriba. Espero { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }.
swap-cancelled = Intercambio de caras cancelado.
swap-expired = Intercambio de caras cancelado: no llegó ninguna foto de cara en { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }. Pulsa Intercambiar caras otra vez para reintentar.
swap-album-group = En un grupo solo veo la foto del álbum que lleva el pie de foto. Responde /swap a la foto que debe recibir la cara nueva y luego responde a mi mensaje con la foto de la cara.
swap-album-count = Para intercambiar caras con un álbum, envía exactamente dos fotos con el pie de foto /swap: la primera da la cara y la segunda la recibe.
cancel-nothing = No hay nada que cancelar.
cancel-done = Cancelado.
cancel-running = Tu foto ya está en el editor de caras y no se puede detener ahora. El resultado llega pronto.

## Jobs
op-older = Envejeciendo la cara ({ $age })
op-younger = Rejuveneciendo la cara ({ $age })
op-swap_gender = Cambiando el género
op-swap_faces = Intercambiando las caras
op-detect_gender = Detectando el género
stage-queued = ⏳ { $operation }: esperando un hueco libre…
stage-queued-place = ⏳ { $operation }: { $place } en la cola…
stage-queued-place-wait = ⏳ { $operation }: { $place } en la cola, unos { $wait }…
queue-ordinal = { $ordinal ->
   *[other] { $place }.º
}
queue-wait-seconds = { $seconds } s
queue-wait-minutes = { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
}
stage-preparing = ⏳ { $operation }: preparando la foto…
stage-sent = ⏳ { $operation }: el editor de caras está en ello…
stage-sent-swap = ⏳ { $operation }: el editor de caras está en ello. Un intercambio de caras tarda uno o dos minutos…
busy = Todavía estoy con tu última foto. Una a la vez, por favor: enseguida termino.
duplicate = ¡Ya estoy en ello!
duplicate-done = Ya está hecho: el resultado está arriba. Elige otra opción o envía la foto otra vez.
banned = Lo siento, no puedes usar este bot.
out-of-quota = Ya usaste todas tus ediciones gratis de hoy ({ $limit }). Vuelven a las { $reset } ({ $zone }). Un administrador también puede darte más.

## Results
done-older = Así te verías con { $age } años.
done-younger = Así te verías con { $age } años.
done-swap_gender = Aquí tienes la cara como { $to ->
    [female] mujer
   *[male] hombre
  }.
done-swap_gender-detected = Veo a { $gender ->
    [female] una mujer
   *[male] un hombre
  }, así que aquí tienes la cara como { $to ->
    [female] mujer
   *[male] hombre
  }.
done-swap_faces = Aquí tienes esta foto con la cara de tu otra foto.
done-detect_gender = Veo a <b>{ $gender ->
    [female] una mujer
   *[male] un hombre
  }</b> (con un { $confidence }% de seguridad). Barba: { $beard ->
    [yes] sí
   *[no] no
  }. La cara está marcada.
quota-left = Ediciones gratis que te quedan hoy: { $left }{ $credits ->
    [0] {""}
    [one] {""}, más { $credits } crédito
   *[other] {""}, más { $credits } créditos
  }.

## Failures
fail-no_face = No encontré ninguna cara. Prueba con una foto donde la cara se vea bien y mida al menos 64x64 píxeles.
fail-face_too_small = La cara es demasiado pequeña. Prueba con una foto más cercana donde la cara mida al menos 64x64 píxeles.
fail-poor_quality = La cara se ve mal (borrosa, oscura, tapada o girada). Prueba con una foto nítida y bien iluminada, con la cara mirando a la cámara.
fail-bad_format = No pude leer esa imagen. Envíala como foto normal (JPEG o PNG).
fail-too_large = Esa imagen es demasiado grande para el editor de caras. Envíala como foto normal en lugar de como archivo.
fail-rejected = El editor de caras rechazó esta foto por sus normas de contenido. Prueba con otra foto.
fail-unusable_photo = El editor de caras no pudo usar esta foto. Prueba con otra donde la cara se vea clara y de frente.
fail-operator = El editor de caras no está disponible por ahora. Inténtalo más tarde; los administradores ya están avisados.
fail-rate_limited = El editor de caras está ocupado ahora mismo. Inténtalo de nuevo en un minuto.
fail-transient = El editor de caras tuvo un pequeño fallo. Inténtalo de nuevo en un minuto.
fail-timeout = El editor de caras tardó demasiado. Inténtalo de nuevo en unos minutos.
fail-photo_unavailable = No pude descargar esa foto de Telegram (los bots no pueden descargar archivos de más de 20 MB). Envíala como foto o como un archivo más pequeño.
fail-interrupted = Tu solicitud se interrumpió por un reinicio del bot y no te costó nada. Inténtalo de nuevo.
fail-cancelled = Cancelado.
fail-not_an_image = Ese archivo no es una imagen que yo pueda leer. Envía una foto o un archivo de imagen (JPEG, PNG, WebP, HEIC, BMP o GIF).
fail-unsupported_format = No puedo leer ese formato de imagen. Envía un JPEG, PNG, WebP, HEIC, BMP o GIF.
fail-corrupt = Ese archivo de imagen está dañado o incompleto. Envíalo de nuevo, por favor.
fail-empty = Ese archivo está vacío. Envía la foto de nuevo, por favor.
fail-too_small = Esa imagen es demasiado pequeña: necesita al menos { $min } píxeles en su lado más corto para que quepa una cara. Envía una foto más grande.
fail-too_large_pixels = Esa imagen tiene demasiados píxeles. Envía una foto normal.
fail-too_many_bytes = Esa imagen pesa demasiado. Envíala como foto normal en lugar de como archivo.
fail-bad_aspect_ratio = Esa imagen es demasiado larga y estrecha. Envía una foto normal.
fail-undeliverable = Tu resultado estaba listo, pero Telegram no me lo aceptó, así que lo borré. Inténtalo de nuevo.
fail-undelivered = Tu resultado estaba listo, pero Telegram falló una y otra vez al recibirlo, así que lo borré. Inténtalo de nuevo más tarde.
not-free = No te costó nada.
file-not-image = Ese archivo no es una imagen. Envía una foto o un archivo de imagen (JPEG, PNG, WebP, HEIC, BMP o GIF).
file-too-big = Ese archivo supera el límite de 20 MB que Telegram pone a los bots. Envíalo como foto o como un archivo más pequeño.

## Account
quota-status = Hoy te { $left ->
    [one] queda
   *[other] quedan
  } <b>{ $left }</b> de { $limit } ediciones gratis{ $credits ->
    [0] {""}
   *[other] {""}, más <b>{ $credits }</b> { $credits ->
        [one] crédito (no caduca)
       *[other] créditos (no caducan)
    }
  }. Las ediciones gratis vuelven a las { $reset } ({ $zone }).
privacy =
    <b>Qué pasa con tus fotos</b>

    • Cuando pulsas un botón, tu foto va al servicio de edición de caras que hace ese trabajo: { $vendors }.
    • Mientras se procesa, la foto se guarda en nuestro servidor como máximo { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  } para que el servicio pueda recogerla, y luego se borra. { $hosting }
    • { $results }
    • Guardamos tu id de Telegram, tu nombre, tu idioma y cuántas ediciones usaste, para llevar tu cupo diario.
privacy-hosting-builtin = El enlace que usa el servicio es aleatorio y deja de funcionar cuando termina el trabajo.
privacy-hosting-s3 = El enlace que usa el servicio es aleatorio y caduca en { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  } como máximo.
privacy-hosting-acedata = En los intercambios de caras y las ediciones con Ace Data Cloud, la foto se sube al almacenamiento de Ace Data Cloud, que guarda una copia pública durante 7 días.
privacy-hosting-none = {""}
admin-alert = ⚠️ Aviso para el operador: { $text }

## /language
btn-language-auto = 🌐 Automático (de Telegram)
language-prompt-private = Tu idioma: <b>{ $language }</b>. Elige otro:
language-prompt-private-auto = Tu idioma: <b>{ $language }</b> (automático). Elige otro:
language-prompt-group = Idioma de este grupo: <b>{ $language }</b>. Elige otro:
language-prompt-group-auto = Este grupo no tiene idioma propio: respondo a cada persona en el suyo. Elige uno para el grupo:
language-set-private = Listo. Tu idioma: <b>{ $language }</b>.
language-set-private-auto = Listo. Tu idioma: <b>{ $language }</b> (automático).
language-set-group = Listo. Idioma de este grupo: <b>{ $language }</b>.
language-set-group-auto = Listo. Este grupo ya no tiene idioma propio: respondo a cada persona en el suyo.
language-admins-only = Solo los administradores de este grupo pueden cambiar su idioma.
language-not-admin = Solo los administradores de este grupo pueden elegir su idioma. Para elegir el tuyo, envíame /language en un chat privado.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = No conozco ese comando. /help muestra lo que puedo hacer.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Tu cupo o el de otra persona: /quota quién
cmd-grant = Dar créditos: /grant quién n
cmd-setlimit = Fijar el límite diario: /setlimit quién n|default
cmd-resetquota = Devolver las ediciones de hoy: /resetquota quién
cmd-ban = Bloquear: /ban quién [motivo]
cmd-unban = Desbloquear: /unban quién
cmd-stats = Estadísticas: /stats [días]
cmd-history = Historial de alguien: /history quién
cmd-admin = El panel: gráficos, personas, proveedores
admin-who = &lt;quién&gt; es un id numérico, un @username que yo haya visto, o responde con el comando al mensaje de esa persona.
admin-usage-grant = Uso: /grant &lt;quién&gt; &lt;n&gt; (n puede ser negativo para quitar créditos).
    { admin-who }
admin-usage-setlimit = Uso: /setlimit &lt;quién&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Uso: /quota [quién]
    { admin-who }
admin-usage-resetquota = Uso: /resetquota &lt;quién&gt;
    { admin-who }
admin-usage-ban = Uso: /ban &lt;quién&gt; [motivo]
    { admin-who }
admin-usage-unban = Uso: /unban &lt;quién&gt;
    { admin-who }
admin-usage-history = Uso: /history &lt;quién&gt;
    { admin-who }
admin-usage-stats = Uso: /stats [días], por ejemplo /stats 7 (de 1 a 366; por defecto, 1).
admin-unknown-user = Todavía no he visto a { $who }. Usa su id numérico o responde a uno de sus mensajes.
admin-hidden-user = Ese mensaje se reenvió desde una cuenta que se oculta ({ $name }): no puedo saber quién es, y quien lo reenvió no es a quien te refieres. Usa el id numérico o el @username.
admin-bad-number = { $value } está fuera de rango: usa un número entero de { $min } a { $max }.
admin-repeated = Ya está hecho: este comando me llegó dos veces.
admin-granted = Créditos dados a { $who }: { $amount }. Ahora tiene { $credits }.
admin-taken = Créditos retirados a { $who }: { $amount }. Ahora tiene { $credits }.
admin-limit-set = El límite diario de { $who } ahora es { $limit }. Le quedan hoy: { $left }.
admin-limit-default = El límite diario de { $who } vuelve al valor por defecto ({ $limit }). Le quedan hoy: { $left }.
admin-reset-done = Ediciones de hoy devueltas a { $who }: { $amount }. Le quedan hoy: { $left } de { $limit }.
admin-banned = Se bloqueó a { $who }: sus nuevas solicitudes reciben un rechazo amable y no cuestan nada. Un trabajo que ya esté en curso terminará.
admin-unbanned = Se desbloqueó a { $who }.
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Hoy ({ $day }): { $used } de { $limit } ediciones gratis usadas, { $held } reservadas por trabajos en curso, { $left } disponibles ({ $source ->
    [admin] límite fijado por un administrador
   *[default] límite por defecto
  }).
    Créditos: { $credits } ({ $credits_held } reservados por trabajos en curso).{ $bought ->
    [0] {""}
   *[other] {" "}Créditos comprados: { $bought } ({ $bought_held } reservados por trabajos en curso).
  }
admin-quota-banned = Bloqueado: { $reason }
admin-quota-jobs = Últimos trabajos:
admin-quota-no-jobs = Aún no hay trabajos.
admin-quota-job = • { $when } { $operation }: { $outcome } (costo { $cost })
admin-history-title = <b>Historial de { $who }</b>, últimas entradas ({ $count }), las más recientes primero:
admin-history-empty = El historial de { $who } todavía está vacío.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}gratis
    [credits] {" "}créditos
    [bought] {" "}créditos comprados
   *[other] {""}
  }
admin-history-job = , trabajo { $job }
admin-history-admin = , por el administrador { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [one] El último día
   *[other] Los últimos { $days } días
  }</b>: { $jobs } trabajos, { $rate }% con éxito.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate }% con éxito
admin-stats-latency = Tiempo de los proveedores:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } trabajos)
admin-stats-top = Usuarios más activos:
admin-stats-user = • { $who }: { $jobs } trabajos, { $charged } cobrados
admin-stats-credits = Créditos dados: { $granted } (retirados: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Abrir el panel
admin-app-open = El panel: trabajos, dinero, personas y proveedores de un vistazo. Lo que hagas ahí queda en el historial a tu nombre, igual que con los comandos.
admin-app-needs-url = El panel necesita PUBLIC_URL: la dirección https en la que Telegram puede llegar al servidor web de este bot.
admin-app-private-only = Telegram solo abre el panel desde un chat privado: envíame /admin allí.
admin-app-refused = Telegram rechazó el botón del panel para { $url }. Tiene que ser una dirección https a la que Telegram pueda llegar: revisa PUBLIC_URL.
## Which face (photos with several faces, or none found)
faces-pick = ¿Qué cara? Encontré { $count } { $count ->
    [one] cara
   *[other] caras
  }; la 1 es la más grande.
faces-pick-target = ¿En qué cara pongo la nueva? Encontré { $count } { $count ->
    [one] cara
   *[other] caras
  }; la 1 es la más grande.
faces-pick-source = ¿Qué cara uso? Encontré { $count } { $count ->
    [one] cara
   *[other] caras
  } en esta foto; la 1 es la más grande.
faces-none = No encontré ninguna cara (lo bastante grande para editarla) en esta foto. A veces los editores encuentran una cara que se me escapa: ¿lo intentamos de todos modos? Solo se cobra si funciona.
faces-none-source = No encontré en esta foto ninguna cara (lo bastante grande) que usar. A veces los editores encuentran una cara que se me escapa: ¿lo intentamos de todos modos? Solo se cobra si funciona.
faces-cancelled = Cancelado.
btn-face-everyone = Todas ({ $count } { $count ->
    [one] cara
   *[other] caras
  }, cuesta { $cost })
btn-try-anyway = Intentar de todos modos
done-face = Cara { $number }.
done-face-everyone = Todas las caras: { $count }.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Comprar créditos con Estrellas de Telegram
cmd-paysupport = Ayuda con una compra
cmd-terms = Condiciones de venta
cmd-refund = Reembolsar una compra: /refund id-del-pago
btn-get-more = ⭐ Conseguir más
btn-pack = { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  } por { $stars } ⭐
out-of-quota-buy = Ya usaste todas tus ediciones gratis de hoy ({ $limit }). Vuelven a las { $reset } ({ $zone }), o consigue más créditos ahora:
quota-debt = Se reembolsó una compra después de que usaras sus créditos: debes { $debt } { $debt ->
    [one] crédito
   *[other] créditos
  }. No puedes usar créditos hasta que el saldo vuelva a estar por encima de cero (las ediciones gratis diarias siguen funcionando).
buy-packs = Los <b>créditos</b> no caducan y se usan después de tus ediciones gratis diarias (un crédito por edición). Paga con Estrellas de Telegram:
buy-offer-gone = Esa oferta cambió. Estas son las actuales.
buy-sent-private = Te envié la factura a nuestro chat privado.
buy-start-private = { $name }, todavía no puedo escribirte en privado. Abre { $link }, pulsa Iniciar y compra allí.
buy-closed = Ahora mismo no se venden créditos.
invoice-title = { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  } de FaceShift
invoice-description = { $credits } { $credits ->
    [one] edición
   *[other] ediciones
  } de fotos sin caducidad, que se usan después de tus ediciones gratis diarias.
invoice-label = { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  }
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Ahora mismo no se venden créditos. No se te cobró nada.
checkout-unknown = Esta factura no es válida. Envía /buy para recibir una nueva. No se te cobró nada.
checkout-banned = Lo siento, no puedes usar este bot. No se te cobró nada.
checkout-not-yours = Esta factura es para otra persona. Envía /buy para recibir la tuya. No se te cobró nada.
checkout-price = Esta factura está desactualizada. Envía /buy para recibir una nueva. No se te cobró nada.
checkout-paid = Esta factura ya está pagada. Envía /buy para comprar más. No se te cobró nada.
checkout-error = Algo falló por mi parte. Inténtalo de nuevo en un minuto. No se te cobró nada.
paid-credited = ✅ ¡Gracias! Te añadí { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  } por { $stars } ⭐.
    ID del pago: <code>{ $charge }</code> (guárdalo: /paysupport si algo sale mal).
paid-balance = Ahora tienes { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  }.
paid-unmatched = Recibí tu pago de { $stars } ⭐, pero no pude asociarlo a ningún pedido, así que no se añadieron créditos. Los administradores ya están avisados y lo resolverán.
    ID del pago: <code>{ $charge }</code>
refund-person = ↩️ Se reembolsó tu pago de { $stars } ⭐ (id <code>{ $charge }</code>). Créditos retirados: { $credits }.
paysupport =
    <b>Ayuda con una compra</b>

    Los créditos se venden por Estrellas de Telegram; /terms muestra las condiciones. Si una compra salió mal (no llegaron los créditos, se te cobró dos veces, falló una edición que pagaste), escribe <b>/paysupport</b> seguido de lo que pasó, en un solo mensaje: los administradores lo reciben junto con la lista de abajo y te responden aquí. Un reembolso te devuelve las estrellas y retira los créditos.
paysupport-purchases = Tus compras, las más recientes primero:
paysupport-none = Todavía no has comprado nada.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  }, { $status ->
    [credited] acreditado
    [refunded] reembolsado
   *[other] en revisión
  }, id <code>{ $charge }</code>
paysupport-sent = Gracias: los administradores ya tienen tu mensaje y tus compras. Te responderán aquí.
paysupport-no-admins = Lo siento, ahora mismo no puedo contactar con ningún administrador. Inténtalo más tarde.
terms-default =
    <b>Condiciones de venta</b>

    • Los créditos se compran con Estrellas de Telegram. Un crédito paga una edición de foto (algunas ediciones cuestan más; el bot te lo dice).
    • Los créditos no caducan. Se usan después de tus ediciones gratis diarias. Una edición que falla no cuesta nada.
    • Reembolsos: pídelos con /paysupport. Un reembolso devuelve las estrellas y retira los créditos; si ya se usaron, el saldo puede quedar en negativo.
    • Los créditos no se pueden transferir ni cambiar por dinero.
    • Los pagos los gestiona Telegram; el bot nunca ve tu tarjeta.
admin-paysupport = 💬 Solicitud de ayuda de { $who }: { $text }
admin-unmatched = ⚠️ Un pago no coincide con ningún pedido: { $stars } ⭐ de { $who }, payload { $payload }, id <code>{ $charge }</code>. No se acreditó nada: reembólsalo con /refund o da los créditos con /grant.
admin-refund-usage = Uso: /refund &lt;id del pago&gt;, o responde /refund a un mensaje que muestre el id (un recibo, /paysupport, /history, una solicitud de ayuda).
admin-refund-which = Ese mensaje muestra varios pagos; usa /refund con uno de estos: { $charges }
admin-refund-unknown = No tengo ningún pago con el id { $charge }.
admin-refund-failed = Telegram rechazó el reembolso de { $charge }: { $detail }
admin-refund-done = Reembolso hecho: { $stars } ⭐ a { $who }, pago <code>{ $charge }</code>; créditos retirados: { $credits }.
admin-refund-already = El pago de { $stars } ⭐ de { $who }, <code>{ $charge }</code>, ya estaba reembolsado; créditos retirados: { $credits }.
admin-refund-balance = Sus créditos comprados ahora: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (deuda en créditos: { $debt })
  }.
admin-stats-money = ⭐ Estrellas recibidas: { $received } (pagos: { $payments }), reembolsadas: { $refunded } (reembolsos: { $refunds }). Créditos vendidos: { $sold } (retirados: { $taken }), créditos comprados gastados: { $spent }.
admin-history-purchases = Compras:

## Results worth sharing
btn-every-age = 🎞 Las tres · { $cost } { $cost ->
    [one] crédito
   *[other] créditos
  }
btn-before-after = ↔️ Antes / después
btn-full-quality = 📎 Calidad completa
result-expired = Este resultado ha caducado. Envía la foto otra vez para hacer uno nuevo.
label-before = Antes
label-after = Después
done-every-age = Aquí estás con { $ages } años.
every-age-partial = No se pudieron hacer: { $ages }. No se te cobró por ellas.
privacy-results-kept = El resultado se guarda en nuestro servidor { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  } después de enviarlo (para «Antes / después» y «Calidad completa») y luego se borra.
privacy-results-none = El resultado se te envía y no se guarda después de la entrega.
