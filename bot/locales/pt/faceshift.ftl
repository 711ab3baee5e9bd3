# FaceShift texts, Portuguese. HTML markup is allowed; { $args } are escaped by the bot.

start =
    Oi, { $name }! Eu edito rostos em fotos.

    Me envie uma foto com um rosto e escolha o que fazer:
    • <b>Mais velho</b> ou <b>Mais jovem</b>: veja o rosto em outra idade
    • <b>Trocar gênero</b>: veja o rosto no outro gênero
    • <b>Trocar rostos</b>: coloque o rosto de uma segunda foto nesta
    • <b>Detectar gênero</b>: eu digo o que vejo e marco o rosto

    /help explica mais, /privacy conta o que acontece com suas fotos.

help-private =
    <b>Como usar o FaceShift</b>

    1. Envie uma foto (ou um arquivo de imagem) com o rosto bem visível.
    2. Toque em um botão abaixo da minha resposta: Mais velho, Mais jovem, Trocar gênero, Trocar rostos ou Detectar gênero.
    3. Aguarde alguns segundos (a troca de rostos leva um ou dois minutos). O resultado chega como resposta à sua foto.

    Cada edição usa um pedido da sua cota diária; /quota mostra quanto resta.
    /cancel interrompe o que você começou, /privacy conta o que acontece com suas fotos.
    /language muda o idioma em que falo com você.

help-group =
    <b>Usando o FaceShift em grupos</b>

    Em grupos eu só vejo comandos, respostas às minhas mensagens e mensagens que me mencionam. Então:
    • responda a uma foto com /face para abrir o menu, ou direto com /older, /younger, /gender, /detect ou /swap;
    • ou publique uma foto com um desses comandos (ou meu @nome) na legenda.
    /swap vai na foto que deve ganhar um rosto novo; depois responda à minha mensagem com a foto do rosto que você quer usar.
    Só quem pediu pode tocar nos botões abaixo de uma foto.
    Os administradores do grupo podem escolher o idioma dele com /language.

error-generic = Desculpe, algo deu errado do meu lado. Tente de novo daqui a um minuto.

cmd-start = Início: o que este bot faz
cmd-help = Como usar o bot
cmd-face = Responda a uma foto: mostrar o menu
cmd-older = Responda a uma foto: envelhecer o rosto
cmd-younger = Responda a uma foto: rejuvenescer o rosto
cmd-gender = Responda a uma foto: trocar o gênero
cmd-swap = Responda a uma foto: colocar outro rosto
cmd-detect = Responda a uma foto: detectar o gênero
cmd-quota = Quanto resta da sua cota diária
cmd-cancel = Cancelar o que você começou
cmd-privacy = O que acontece com suas fotos
cmd-language = Escolher o idioma

## The menu
menu-prompt = O que eu faço com este rosto?
menu-older = Com que idade o rosto deve parecer?
menu-younger = Quão jovem o rosto deve parecer?
menu-gender = Transformar o rosto em…
btn-older = 👴 Mais velho
btn-younger = 👶 Mais jovem
btn-swap-gender = 🔄 Trocar gênero
btn-swap-faces = 🎭 Trocar rostos
btn-detect = 🔍 Detectar gênero
btn-age = { $age } anos
btn-back = ⬅️ Voltar
btn-cancel = ✖️ Cancelar
btn-to-female = 👩 Mulher
btn-to-male = 👨 Homem
not-yours = Estes botões são de quem perguntou sobre esta foto. Envie sua própria foto para experimentar!
not-yours-chat = Estes botões são de { $who }: só os administradores de lá podem tocar neles. Envie sua própria foto para experimentar!
menu-gone = Este menu expirou. Envie a foto de novo, por favor.
op-unavailable = Isso não está disponível agora.
no-photo = Responda a uma foto com este comando ou envie uma foto com o comando na legenda.

## Face swap
swap-prompt-private = Agora me envie a foto com o <b>rosto que você quer usar</b>. Vou colocar esse rosto na foto acima (a foto acima mantém o corpo, o cabelo e o fundo). Vou esperar { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }.
swap-prompt-group = { $name }, responda a <b>esta mensagem</b> com a foto do <b>rosto que você quer usar</b>. Vou colocar esse rosto na foto acima. Vou esperar { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }.
swap-cancelled = Troca de rostos cancelada.
swap-expired = Troca de rostos cancelada: nenhuma foto de rosto chegou em { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }. Toque em Trocar rostos de novo para tentar outra vez.
swap-album-group = Em grupos eu só vejo a foto do álbum que tem a legenda. Responda /swap à foto que deve ganhar o rosto novo e depois responda à minha mensagem com a foto do rosto.
swap-album-count = Para trocar rostos por álbum, envie exatamente duas fotos com a legenda /swap: a primeira dá o rosto, a segunda o recebe.
cancel-nothing = Não há nada para cancelar.
cancel-done = Cancelado.
cancel-running = Sua foto já está com o editor de rostos e não dá para parar agora. O resultado chega logo.

## Jobs
op-older = Envelhecendo o rosto ({ $age })
op-younger = Rejuvenescendo o rosto ({ $age })
op-swap_gender = Trocando o gênero
op-swap_faces = Trocando os rostos
op-detect_gender = Detectando o gênero
stage-queued = ⏳ { $operation }: aguardando uma vaga…
stage-queued-place = ⏳ { $operation }: { $place } na fila…
stage-queued-place-wait = ⏳ { $operation }: { $place } na fila, cerca de { $wait }…
queue-ordinal = { $ordinal ->
   *[other] { $place }º
}
queue-wait-seconds = { $seconds } s
queue-wait-minutes = { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
}
stage-preparing = ⏳ { $operation }: preparando a foto…
stage-sent = ⏳ { $operation }: o editor de rostos está trabalhando nisso…
stage-sent-swap = ⏳ { $operation }: o editor de rostos está trabalhando nisso. A troca de rostos leva um ou dois minutos…
busy = Ainda estou trabalhando na sua última foto. Uma de cada vez, por favor: já termino.
duplicate = Já estou nisso!
duplicate-done = Já está pronto: o resultado está acima. Escolha outra opção ou envie a foto de novo.
banned = Desculpe, você não pode usar este bot.
out-of-quota = Você já usou todas as suas edições grátis de hoje ({ $limit }). Elas voltam às { $reset } ({ $zone }). Um administrador também pode liberar mais para você.

## Results
done-older = Aqui está você com { $age } anos.
done-younger = Aqui está você com { $age } anos.
done-swap_gender = Aqui está o rosto como { $to ->
    [female] mulher
   *[male] homem
  }.
done-swap_gender-detected = Vi { $gender ->
    [female] uma mulher
   *[male] um homem
  }, então aqui está o rosto como { $to ->
    [female] mulher
   *[male] homem
  }.
done-swap_faces = Aqui está esta foto com o rosto da sua outra foto.
done-detect_gender = Vejo <b>{ $gender ->
    [female] uma mulher
   *[male] um homem
  }</b> ({ $confidence }% de certeza). Barba: { $beard ->
    [yes] sim
   *[no] não
  }. O rosto está marcado.
quota-left = Edições grátis restantes hoje: { $left }{ $credits ->
    [0] {""}
    [one] {""}, mais { $credits } crédito
   *[other] {""}, mais { $credits } créditos
  }.

## Failures
fail-no_face = Não encontrei nenhum rosto. Tente uma foto em que o rosto esteja bem visível e tenha pelo menos 64x64 pixels.
fail-face_too_small = O rosto está pequeno demais. Tente uma foto mais de perto, em que o rosto tenha pelo menos 64x64 pixels.
fail-poor_quality = O rosto está difícil de ver (borrado, escuro, coberto ou virado). Tente uma foto nítida e bem iluminada, com o rosto olhando para a câmera.
fail-bad_format = Não consegui ler essa imagem. Envie como uma foto normal (JPEG ou PNG).
fail-too_large = Essa imagem é grande demais para o editor de rostos. Envie como foto normal, não como arquivo.
fail-rejected = O editor de rostos recusou esta foto pelas regras de conteúdo dele. Tente outra foto.
fail-unusable_photo = O editor de rostos não conseguiu usar esta foto. Tente outra com o rosto nítido e de frente.
fail-operator = O editor de rostos está temporariamente indisponível. Tente de novo mais tarde; os administradores já foram avisados.
fail-rate_limited = O editor de rostos está ocupado agora. Tente de novo daqui a um minuto.
fail-transient = O editor de rostos teve uma falha rápida. Tente de novo daqui a um minuto.
fail-timeout = O editor de rostos demorou demais. Tente de novo daqui a alguns minutos.
fail-photo_unavailable = Não consegui baixar essa foto do Telegram (bots não podem baixar arquivos com mais de 20 MB). Envie como foto ou como um arquivo menor.
fail-interrupted = Seu pedido foi interrompido por uma reinicialização do bot e não custou nada. Tente de novo.
fail-cancelled = Cancelado.
fail-not_an_image = Esse arquivo não é uma imagem que eu consiga ler. Envie uma foto ou um arquivo de imagem (JPEG, PNG, WebP, HEIC, BMP ou GIF).
fail-unsupported_format = Não consigo ler esse formato de imagem. Envie um JPEG, PNG, WebP, HEIC, BMP ou GIF.
fail-corrupt = Esse arquivo de imagem está danificado ou incompleto. Envie de novo, por favor.
fail-empty = Esse arquivo está vazio. Envie a foto de novo, por favor.
fail-too_small = Essa imagem é pequena demais: ela precisa de pelo menos { $min } pixels no lado menor para caber um rosto. Envie uma foto maior.
fail-too_large_pixels = Essa imagem tem pixels demais. Envie uma foto normal.
fail-too_many_bytes = Essa imagem é grande demais. Envie como foto normal, não como arquivo.
fail-bad_aspect_ratio = Essa imagem é comprida e estreita demais. Envie uma foto normal.
fail-undeliverable = Seu resultado ficou pronto, mas o Telegram não o aceitou de mim, então eu o apaguei. Tente de novo.
fail-undelivered = Seu resultado ficou pronto, mas o Telegram falhou várias vezes ao recebê-lo de mim, então eu o apaguei. Tente de novo mais tarde.
not-free = Isso não custou nada.
file-not-image = Esse arquivo não é uma imagem. Envie uma foto ou um arquivo de imagem (JPEG, PNG, WebP, HEIC, BMP ou GIF).
file-too-big = Esse arquivo passa do limite de 20 MB do Telegram para bots. Envie como foto ou como um arquivo menor.

## Account
quota-status = Hoje você tem <b>{ $left }</b> de { $limit } edições grátis restantes{ $credits ->
    [0] {""}
   *[other] {""}, mais <b>{ $credits }</b> { $credits ->
        [one] crédito (ele não expira)
       *[other] créditos (eles não expiram)
    }
  }. As edições grátis voltam às { $reset } ({ $zone }).
privacy =
    <b>O que acontece com suas fotos</b>

    • Quando você toca em um botão, sua foto vai para o serviço de edição de rostos que faz esse trabalho: { $vendors }.
    • Enquanto o trabalho roda, a foto fica no nosso servidor por no máximo { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  } para o serviço buscá-la, e depois é apagada. { $hosting }
    • { $results }
    • Guardamos seu id do Telegram, nome, idioma e quantas edições você usou, para controlar sua cota diária.
privacy-hosting-builtin = O link que o serviço usa é aleatório e para de funcionar quando o trabalho termina.
privacy-hosting-s3 = O link que o serviço usa é aleatório e expira em até { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  }.
privacy-hosting-acedata = Nas trocas de rostos e nas edições feitas pela Ace Data Cloud, a foto é enviada ao armazenamento da Ace Data Cloud, que mantém uma cópia pública por 7 dias.
privacy-hosting-none = {""}
admin-alert = ⚠️ Atenção, operador: { $text }

## /language
btn-language-auto = 🌐 Automático (do Telegram)
language-prompt-private = Seu idioma: <b>{ $language }</b>. Escolha outro:
language-prompt-private-auto = Seu idioma: <b>{ $language }</b> (automático). Escolha outro:
language-prompt-group = Idioma deste grupo: <b>{ $language }</b>. Escolha outro:
language-prompt-group-auto = Este grupo não tem idioma próprio: respondo a cada pessoa no idioma dela. Escolha um para o grupo:
language-set-private = Pronto. Seu idioma: <b>{ $language }</b>.
language-set-private-auto = Pronto. Seu idioma: <b>{ $language }</b> (automático).
language-set-group = Pronto. Idioma deste grupo: <b>{ $language }</b>.
language-set-group-auto = Pronto. Este grupo não tem mais idioma próprio: respondo a cada pessoa no idioma dela.
language-admins-only = Só os administradores deste grupo podem mudar o idioma dele.
language-not-admin = Só os administradores deste grupo podem escolher o idioma dele. Para escolher o seu, me envie /language em um chat privado.

## Unknown commands (admin commands, for anyone who is not an admin, included)
unknown-command = Não conheço esse comando. /help mostra o que eu sei fazer.

## Admin commands (only the ids in ADMIN_IDS see these)
cmd-quota-admin = Sua cota ou a de alguém: /quota quem
cmd-grant = Dar créditos: /grant quem n
cmd-setlimit = Definir o limite diário: /setlimit quem n|default
cmd-resetquota = Devolver as edições de hoje: /resetquota quem
cmd-ban = Banir: /ban quem [motivo]
cmd-unban = Desbanir: /unban quem
cmd-stats = Estatísticas: /stats [dias]
cmd-history = Extrato de alguém: /history quem
cmd-admin = O painel: gráficos, pessoas, fornecedores
admin-who = &lt;quem&gt; é um id numérico, um @username que eu já vi, ou responda à mensagem da pessoa com o comando.
admin-usage-grant = Uso: /grant &lt;quem&gt; &lt;n&gt; (n pode ser negativo para retirar créditos).
    { admin-who }
admin-usage-setlimit = Uso: /setlimit &lt;quem&gt; &lt;n|default&gt;
    { admin-who }
admin-usage-quota = Uso: /quota [quem]
    { admin-who }
admin-usage-resetquota = Uso: /resetquota &lt;quem&gt;
    { admin-who }
admin-usage-ban = Uso: /ban &lt;quem&gt; [motivo]
    { admin-who }
admin-usage-unban = Uso: /unban &lt;quem&gt;
    { admin-who }
admin-usage-history = Uso: /history &lt;quem&gt;
    { admin-who }
admin-usage-stats = Uso: /stats [dias], por exemplo /stats 7 (de 1 a 366; o padrão é 1).
admin-unknown-user = Ainda não vi { $who }. Use o id numérico ou responda a uma das mensagens da pessoa.
admin-hidden-user = Essa mensagem foi encaminhada de uma conta oculta ({ $name }): não consigo saber quem é, e quem a encaminhou não é a pessoa em questão. Use o id numérico ou o @username.
admin-bad-number = { $value } está fora do intervalo: use um número inteiro de { $min } a { $max }.
admin-repeated = Já feito: este comando chegou duas vezes.
admin-granted = Créditos dados a { $who }: { $amount }. Saldo atual: { $credits }.
admin-taken = Créditos retirados de { $who }: { $amount }. Saldo atual: { $credits }.
admin-limit-set = O limite diário de { $who } agora é { $limit }. Restam hoje: { $left }.
admin-limit-default = O limite diário de { $who } voltou ao padrão ({ $limit }). Restam hoje: { $left }.
admin-reset-done = Edições de hoje devolvidas a { $who }: { $amount }. Restam hoje: { $left } de { $limit }.
admin-banned = { $who } foi banido(a): novos pedidos recebem uma recusa educada e não custam nada. Um trabalho que já esteja rodando vai até o fim.
admin-unbanned = { $who } não está mais banido(a).
admin-quota-title = <b>{ $who }</b>
admin-quota-balance = Hoje ({ $day }): { $used } de { $limit } edições grátis usadas, { $held } reservadas por trabalhos em andamento, { $left } restantes ({ $source ->
    [admin] limite definido por um administrador
   *[default] limite padrão
  }).
    Créditos: { $credits } ({ $credits_held } reservados por trabalhos em andamento).{ $bought ->
    [0] {""}
   *[other] {" "}Créditos comprados: { $bought } ({ $bought_held } reservados por trabalhos em andamento).
  }
admin-quota-banned = Banido(a): { $reason }
admin-quota-jobs = Últimos trabalhos:
admin-quota-no-jobs = Nenhum trabalho ainda.
admin-quota-job = • { $when } { $operation }: { $outcome } (custo { $cost })
admin-history-title = <b>Extrato de { $who }</b>, últimos registros ({ $count }), mais recentes primeiro:
admin-history-empty = O extrato de { $who } ainda está vazio.
admin-history-row = • { $when } { $kind } { $amount }{ $bucket ->
    [daily] {" "}grátis
    [credits] {" "}créditos
    [bought] {" "}créditos comprados
   *[other] {""}
  }
admin-history-job = , trabalho { $job }
admin-history-admin = , pelo admin { $admin }
admin-history-reason = : { $reason }
admin-stats-title = <b>{ $days ->
    [1] O último dia
   *[other] Os últimos { $days } dias
  }</b>: { $jobs } trabalhos, { $rate }% com sucesso.
admin-stats-operation = • { $operation }: { $jobs } ({ $outcomes }), { $rate }% com sucesso
admin-stats-latency = Tempo dos fornecedores:
admin-stats-vendor = • { $vendor }: p50 { $p50 } ms, p95 { $p95 } ms ({ $calls } trabalhos)
admin-stats-top = Usuários mais ativos:
admin-stats-user = • { $who }: { $jobs } trabalhos, { $charged } cobrados
admin-stats-credits = Créditos dados: { $granted } (retirados: { $taken }).

## /admin: the dashboard, a Mini App (a web page Telegram opens in the chat)
admin-app-button = 📊 Abrir o painel
admin-app-open = O painel: trabalhos, dinheiro, pessoas e fornecedores em um só lugar. O que você faz lá fica registrado no extrato em seu nome, como acontece com os comandos.
admin-app-needs-url = O painel precisa de PUBLIC_URL: o endereço https em que o Telegram consegue acessar o servidor web deste bot.
admin-app-private-only = O Telegram só abre o painel a partir de um chat privado: me envie /admin lá.
admin-app-refused = O Telegram recusou o botão do painel para { $url }. Precisa ser um endereço https que o Telegram consiga acessar: verifique PUBLIC_URL.
## Which face (photos with several faces, or none found)
faces-pick = Qual rosto? Encontrei { $count } { $count ->
    [one] rosto
   *[other] rostos
  }; o 1 é o maior.
faces-pick-target = Em qual rosto devo colocar o novo? Encontrei { $count } { $count ->
    [one] rosto
   *[other] rostos
  }; o 1 é o maior.
faces-pick-source = Qual rosto devo usar? Encontrei { $count } { $count ->
    [one] rosto
   *[other] rostos
  } nesta foto; o 1 é o maior.
faces-none = Não encontrei nenhum rosto (grande o bastante para editar) nesta foto. Às vezes os editores encontram um rosto que me escapou: tentar mesmo assim? Só é cobrado se der certo.
faces-none-source = Não encontrei nesta foto nenhum rosto (grande o bastante) para usar. Às vezes os editores encontram um rosto que me escapou: tentar mesmo assim? Só é cobrado se der certo.
faces-cancelled = Cancelado.
btn-face-everyone = Todos ({ $count } { $count ->
    [one] rosto
   *[other] rostos
  }, custa { $cost })
btn-try-anyway = Tentar mesmo assim
done-face = Rosto { $number }.
done-face-everyone = Todos os rostos: { $count }.

## Buying credits with Telegram Stars (only shown when STAR_PACKS is set)
cmd-buy = Comprar créditos com Estrelas do Telegram
cmd-paysupport = Ajuda com uma compra
cmd-terms = Termos de venda
cmd-refund = Reembolsar uma compra: /refund id-do-pagamento
btn-get-more = ⭐ Obter mais
btn-pack = { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  } por { $stars } ⭐
out-of-quota-buy = Você já usou todas as suas edições grátis de hoje ({ $limit }). Elas voltam às { $reset } ({ $zone }), ou compre mais créditos agora:
quota-debt = Uma compra foi reembolsada depois que os créditos dela foram usados: você deve { $debt } { $debt ->
    [one] crédito
   *[other] créditos
  }. Os créditos não podem ser usados até o saldo voltar a ficar acima de zero (as edições grátis diárias continuam funcionando).
buy-packs = Os <b>créditos</b> nunca expiram e são usados depois das suas edições grátis diárias (um crédito por edição). Pague com Estrelas do Telegram:
buy-offer-gone = Essa oferta mudou. Aqui estão as atuais.
buy-sent-private = Enviei a fatura para você no nosso chat privado.
buy-start-private = { $name }, ainda não consigo falar com você no privado. Abra { $link }, toque em Começar e compre lá.
buy-closed = Os créditos não estão à venda agora.
invoice-title = { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  } do FaceShift
invoice-description = { $credits } { $credits ->
    [one] edição de foto que nunca expira, usada
   *[other] edições de fotos que nunca expiram, usadas
  } depois das suas edições grátis diárias.
invoice-label = { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  }
# Pre-checkout refusals: plain text (Telegram shows them as they are).
checkout-closed = Os créditos não estão à venda agora. Nada foi cobrado.
checkout-unknown = Esta fatura não é válida. Envie /buy para receber uma nova. Nada foi cobrado.
checkout-banned = Desculpe, você não pode usar este bot. Nada foi cobrado.
checkout-not-yours = Esta fatura foi feita para outra pessoa. Envie /buy para receber a sua. Nada foi cobrado.
checkout-price = Esta fatura está desatualizada. Envie /buy para receber uma nova. Nada foi cobrado.
checkout-paid = Esta fatura já foi paga. Envie /buy para comprar mais. Nada foi cobrado.
checkout-error = Algo deu errado do meu lado. Tente de novo daqui a um minuto. Nada foi cobrado.
paid-credited = ✅ Obrigado! Adicionei { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  } por { $stars } ⭐.
    ID do pagamento: <code>{ $charge }</code> (guarde-o: /paysupport se algo der errado).
paid-balance = Agora você tem { $credits } { $credits ->
    [1] crédito
   *[other] créditos
  }.
paid-unmatched = Recebi seu pagamento de { $stars } ⭐, mas não consegui associá-lo a nenhum pedido, então nenhum crédito foi adicionado. Os administradores já foram avisados e vão resolver isso.
    ID do pagamento: <code>{ $charge }</code>
refund-person = ↩️ Seu pagamento de { $stars } ⭐ foi reembolsado (id <code>{ $charge }</code>). Créditos retirados: { $credits }.
paysupport =
    <b>Ajuda com uma compra</b>

    Os créditos são vendidos por Estrelas do Telegram; /terms mostra os termos. Se uma compra deu errado (os créditos não chegaram, você foi cobrado duas vezes, uma edição que você pagou falhou), escreva <b>/paysupport</b> seguido do que aconteceu, em uma só mensagem: os administradores recebem isso junto com a lista abaixo e respondem aqui. Um reembolso devolve as estrelas e retira os créditos.
paysupport-purchases = Suas compras, mais recentes primeiro:
paysupport-none = Você ainda não comprou nada.
purchase-line = • { $when }: { $stars } ⭐ → { $credits } { $credits ->
    [one] crédito
   *[other] créditos
  }, { $status ->
    [credited] creditado
    [refunded] reembolsado
   *[other] em verificação
  }, id <code>{ $charge }</code>
paysupport-sent = Obrigado: os administradores receberam sua mensagem e suas compras. Eles vão responder aqui.
paysupport-no-admins = Desculpe, nenhum administrador está disponível agora. Tente de novo mais tarde.
terms-default =
    <b>Termos de venda</b>

    • Os créditos são comprados com Estrelas do Telegram. Um crédito paga uma edição de foto (algumas edições custam mais; o bot avisa).
    • Os créditos nunca expiram. Eles são usados depois das suas edições grátis diárias. Uma edição que falha não custa nada.
    • Reembolsos: peça com /paysupport. Um reembolso devolve as estrelas e retira os créditos; créditos já usados podem deixar o saldo negativo.
    • Os créditos não podem ser transferidos nem trocados por dinheiro.
    • Os pagamentos são feitos pelo Telegram; o bot nunca vê o seu cartão.
admin-paysupport = 💬 Pedido de ajuda de { $who }: { $text }
admin-unmatched = ⚠️ Um pagamento não corresponde a nenhum pedido: { $stars } ⭐ de { $who }, payload { $payload }, id <code>{ $charge }</code>. Nada foi creditado: reembolse com /refund ou dê os créditos com /grant.
admin-refund-usage = Uso: /refund &lt;id do pagamento&gt;, ou responda /refund a uma mensagem que mostre o id (um recibo, /paysupport, /history, um pedido de ajuda).
admin-refund-which = Essa mensagem mostra vários pagamentos; use /refund com um destes: { $charges }
admin-refund-unknown = Não tenho nenhum pagamento com o id { $charge }.
admin-refund-failed = O Telegram recusou o reembolso de { $charge }: { $detail }
admin-refund-done = Reembolso feito: { $stars } ⭐ para { $who }, pagamento <code>{ $charge }</code>; créditos retirados: { $credits }.
admin-refund-already = O pagamento de { $stars } ⭐ de { $who }, <code>{ $charge }</code>, já tinha sido reembolsado; créditos retirados: { $credits }.
admin-refund-balance = Créditos comprados agora: { $bought }{ $debt ->
    [0] {""}
   *[other] {""} (dívida em créditos: { $debt })
  }.
admin-stats-money = ⭐ Estrelas recebidas: { $received } (pagamentos: { $payments }), reembolsadas: { $refunded } (reembolsos: { $refunds }). Créditos vendidos: { $sold } (retirados: { $taken }), créditos comprados gastos: { $spent }.
admin-history-purchases = Compras:

## Results worth sharing
btn-every-age = 🎞 As três · { $cost } { $cost ->
    [one] crédito
   *[other] créditos
  }
btn-before-after = ↔️ Antes / depois
btn-full-quality = 📎 Qualidade total
result-expired = Este resultado expirou. Envie a foto de novo para fazer um novo.
label-before = Antes
label-after = Depois
done-every-age = Aqui está você com { $ages } anos.
every-age-partial = Não foi possível fazer: { $ages }. Você não foi cobrado por elas.
privacy-results-kept = O resultado fica no nosso servidor por { $minutes } { $minutes ->
    [one] minuto
   *[other] minutos
  } depois de enviado (para "Antes / depois" e "Qualidade total") e depois é apagado.
privacy-results-none = O resultado é enviado a você e não é guardado após a entrega.
