# Rótulos em português. Um projeto pode substituir qualquer um em locales/pt.ftl (mesmo id).

## Datas: os nomes dos dias e dos meses vêm dos dados de localidade.
date-long = { $weekday }, { $day ->
    [1] 1º
   *[other] { $day }
} de { $month } de { $year }
date-range-days = { $first ->
    [1] 1º
   *[other] { $first }
}–{ $last } de { $month } de { $year }
date-range-months = { $first ->
    [1] 1º
   *[other] { $first }
} de { $first-month } – { $last ->
    [1] 1º
   *[other] { $last }
} de { $last-month } de { $year }
date-range-years = { $first ->
    [1] 1º
   *[other] { $first }
} de { $first-month } de { $first-year } – { $last ->
    [1] 1º
   *[other] { $last }
} de { $last-month } de { $last-year }

## Domingos do ano litúrgico.
sunday-advent = { $n }.º Domingo do Advento
sunday-christmas-day = Natal do Senhor
sunday-christmas = { $n }.º Domingo do Natal
sunday-epiphany = Epifania do Senhor
sunday-after-epiphany = { $n }.º Domingo depois da Epifania
sunday-lent = { $n }.º Domingo da Quaresma
sunday-palm = Domingo de Ramos
sunday-easter = Domingo de Páscoa
sunday-eastertide = { $n }.º Domingo da Páscoa
sunday-pentecost = Pentecostes
sunday-trinity = Domingo da Santíssima Trindade
sunday-after-trinity = { $n }.º Domingo depois da Trindade

## Dados do país.
fact-persecution = Perseguição
fact-population = População
fact-christians = Cristãos
persecution-extreme = Extrema
persecution-very-high = Muito alta
persecution-high = Alta
fact-main-religion = Religião principal
fact-pressure = Fontes de perseguição
watch-list = { $list } { $year }
world-watch-list = Lista Mundial da Perseguição
map-of = Mapa de localização: { $country }
watch-list-rank = N.º { $rank }
watch-list-rank-score = N.º { $rank } (pontuação { $score })
watch-list-rank-level = N.º { $rank } ({ $level })
watch-list-rank-score-level = N.º { $rank } (pontuação { $score }, { $level })
watch-list-outside = fora dos { $top } primeiros
level-extreme = extrema
level-very-high = muito alta
level-high = alta
christians-share-and-number = { $percent }, { $number }
list-separator = { ", " }
population-billion = { $count ->
    [one] { $number } bilhão
   *[other] { $number } bilhões
}
population-million = { $count ->
    [one] { $number } milhão
   *[other] { $number } milhões
}
as-of = { $value } ({ $year })
percent = { $number }%
story-pseudonym = { $pseudonym } é um pseudônimo.
story-composite = { $pseudonym } é um pseudônimo; a história reúne vários relatos.

## O guia do dia.
please-pray = Ore por
give-thanks = Agradeça
read = Leitura: { $scripture }
sources = Fontes:
source = Fonte: { $title }
reviewed = Revisado em { $date }.
day-of = dia { $day } de { $days }
quote = “{ $quote }” — { $pseudonym }
quote-text = "{ $quote }" ({ $pseudonym })
private-page = Privado: este guia inclui pontos que não devem ser publicados. Não o encaminhe nem publique.
private-fragment = Privado: este guia inclui pontos que não devem ser publicados.
private-text = PRIVADO: inclui pontos que não devem ser publicados. Não encaminhe.

withdrawn = Retirado
withdrawn-text = O guia deste dia foi retirado. Ore pela igreja em todo lugar onde os cristãos pagam um preço por sua fé.

## A folha semanal e o encarte do boletim.
week-of = Semana { $span }
pray-this-week = Ore esta semana
church-notes = Avisos da nossa igreja
church-notes-text = AVISOS DA NOSSA IGREJA
sheet-footer = Pseudônimos protegem as pessoas destas histórias. Fontes e guias completos: uma página por dia no guia diário.
private-sheet = Privado: inclui pontos que não devem ser publicados. Não copie nem publique.
private-bulletin = Privado: não publicar.
bulletin-insert = encarte do boletim
bulletin-footer-link = Uma página por dia para orar: { $url }
bulletin-footer = Um ponto por dia da folha semanal de oração; o guia diário traz mais.

## Calendário e feed.
calendar-pray-for = Ore por { $country }
calendar-private = Privado: inclui pontos que não devem ser publicados.
calendar-announced = Anunciado: este dia ainda pode mudar antes de ser publicado.
calendar-pinned = ★ um dia reservado para este país ou tema
feed-private = (privado)

## O site.
nav-weeks = Semanas
nav-countries = Países
nav-subscribe = Assinar
nav-calendar = Calendário
nav-feed = Feed
alerts-title = Alertas urgentes de oração
site-footer = { $title }: guias { $span }. Pseudônimos protegem as pessoas destas histórias.
private-site = Privado: este site inclui pontos que não devem ser publicados. Não o publique.
today = Hoje
todays-page = A página de hoje
this-week = Esta semana
weeks-page = A página da semana
print = imprima
print-colon = Imprimir:
or = ou
and = e
weekly-sheet = a folha semanal
bulletin-insert-link = o encarte do boletim
one-page = (uma página)
two-to-a-sheet = (duas por folha, para cortar)
subscribe-heading = Ore conosco pelo seu calendário ou leitor de feeds
subscribe-calendar = Calendário, o país e os pontos de cada dia:
subscribe = assinar
or-add = ou adicione
by-address = pelo endereço
subscribe-feed = Feed, para leitores de feeds e boletins:
subscribe-apps = Para sites e aplicativos:
every-week = Todas as semanas
previous-day = ← Dia anterior
next-day = Próximo dia →
previous-week = ← Semana anterior
next-week = Próxima semana →
country-every-day = { $country }: todos os dias neste guia
coming-up = Em breve
no-more-days = Não há mais dias para { $country } { $span }.
earlier = Anteriores

## E-mails.
greeting = Prezado(a) { $name },
greeting-friend = Prezado(a) amigo(a),
email-receive-daily = Você recebe o guia diário de { $title } em { $email }.
email-receive-weekly = Você recebe o guia semanal de { $title } em { $email }.
unsubscribe = Cancelar a assinatura
unsubscribe-one-click = com um clique.
unsubscribe-one-click-colon = Cancelar a assinatura com um clique:
unsubscribe-colon = Cancelar a assinatura: { $url }
unsubscribe-write-to = Para cancelar a assinatura, escreva para
unsubscribe-write-subject = Para cancelar a assinatura, escreva para { $address } com o assunto "unsubscribe { $token }".
unsubscribe-reply = Para deixar de receber estes e-mails, responda a este e nos avise.
subject-weekly = Esta semana: { $range }

## As páginas de assinatura de `serve` e seus e-mails.
language-name = Português
web-subscribe-title = Assinar
web-subscribe-intro = Um guia curto para orar pelos cristãos que sofrem pressão por causa da fé, por e-mail: todos os dias ou uma vez por semana.
web-email = Endereço de e-mail
web-name = Nome
web-name-note = (opcional, para a saudação)
web-how-often = Frequência
web-daily = Todos os dias
web-weekly = Uma vez por semana
web-format = Formato do e-mail
web-format-html = Formatado
web-format-text = Texto simples
web-language = Idioma
web-hour = Chega às
web-timezone = Fuso horário
web-leave-empty = Deixe em branco
web-subscribe-button = Assinar
web-subscribe-note = Enviamos um link para confirmar; nada é enviado até você segui-lo. Todo e-mail tem um link para sair.
web-confirm-title = Confirmar
web-confirm-heading = Confirme sua assinatura
web-confirm-text = Pressione o botão para começar a receber { $title }.
web-confirm-button = Sim, quero assinar
web-unsubscribe-question = Parar de enviar { $title } para { $email }?
web-change-instead = Ou altere a frequência e o horário de chegada
web-preferences-title = Preferências
web-preferences-heading = Suas preferências
web-saved = Salvo.
web-not-subscribed = assinatura cancelada
web-saving-resubscribes = (salvar assina de novo)
web-save = Salvar
web-export = Enviar meus dados por e-mail
web-erase = Apagar meus dados
web-check-inbox = Confira sua caixa de entrada
web-check-inbox-text = Se o endereço puder receber o guia, um e-mail com um link de confirmação está a caminho. Nada é enviado até você segui-lo.
web-try-later = Tente novamente mais tarde
web-too-many = Houve muitas assinaturas da sua rede na última hora.
web-mail-failed = Não foi possível enviar o e-mail agora. Tente de novo em alguns minutos.
web-subscribed = Assinatura feita
web-subscribed-daily = { $email } receberá o guia diário.
web-subscribed-weekly = { $email } receberá o guia semanal.
web-change-preferences = Alterar suas preferências
web-link-expired = Este link expirou ou já foi usado
web-link-expired-text = Assine de novo para receber um novo link.
web-error = Algo deu errado
web-error-text = Tente novamente em alguns minutos.
web-unknown-link = Este link não é válido
web-unknown-link-text = Use o link do seu e-mail mais recente.
web-unsubscribed = Assinatura cancelada
web-unsubscribed-text = Este endereço não receberá mais guias.
web-unsubscribed-again = { $email } não receberá mais guias. Mudou de ideia? Você pode assinar de novo a qualquer momento.
web-sign-up-again = Assinar de novo
web-form-expired = Este formulário expirou
web-form-expired-text = Abra de novo o link de preferências do seu e-mail mais recente.
web-erased = Seus dados foram apagados
web-erased-text = Seu endereço e seu nome foram apagados; o guia não será mais enviado a você.
web-export-sent = A caminho
web-export-sent-text = Um e-mail com tudo o que guardamos sobre você está a caminho do seu endereço.
web-export-failed = Não foi possível enviar o e-mail agora.
web-problem-email = “{ $value }” não é um endereço de e-mail.
web-problem-email-unmailable = Não é possível enviar e-mail para “{ $value }”: use um endereço sem aspas e com um domínio em vez de um endereço IP, como nome@example.org.
web-problem-name-long = O nome tem mais de 100 caracteres.
web-problem-name-line = O nome deve estar em uma só linha.
web-problem-cadence = “{ $value }” não é diário nem semanal.
web-problem-format = “{ $value }” não é formatado nem texto simples.
web-problem-timezone = “{ $value }” não é um fuso horário: use um nome como America/Sao_Paulo.
web-problem-hour = “{ $value }” não é uma hora: use de 0 a 23.
web-problem-language = “{ $value }” não é um dos idiomas oferecidos.
web-too-many-address = Este endereço foi inscrito várias vezes na última hora. Procure o e-mail na caixa de entrada ou tente mais tarde.
web-signup-not-saved = Não foi possível salvar sua inscrição; nada mudou e nenhum e-mail foi enviado. Tente de novo em alguns minutos.
web-unsubscribe-not-saved = Não foi possível salvar seu cancelamento; nada mudou. Tente de novo em alguns minutos.
web-preferences-not-saved = Não foi possível salvar suas alterações; nada mudou. Tente de novo em alguns minutos.
web-erase-not-saved = Não foi possível apagar seus dados agora; nada mudou. Tente de novo em alguns minutos.
web-erased-later-text = Seu endereço e seu nome foram apagados; o guia não será mais enviado a você. As cópias antigas que restam no arquivo do banco de dados são removidas assim que nenhum outro programa o estiver lendo.
web-erase-heading = Apagar seus dados?
web-erase-question = Isto apaga { $email } e seu nome para sempre e interrompe o guia. Não pode ser desfeito.
web-erase-button = Sim, apagar meus dados
web-erase-keep = Não, manter minha inscrição
web-form-old-text = Foi aberto há mais de um dia. Abra suas preferências de novo para obter um formulário novo.
web-form-fresh = Abrir minhas preferências de novo
signup-subject-confirm = Confirme, por favor: { $title }
signup-subject-already = Você já recebe { $title }
signup-subject-export = Seus dados: { $title }
signup-confirm = Confirme, por favor, que deseja receber { $title }:
signup-confirm-hours = O link vale por { $hours } horas. Se você não pediu isto, ignore este e-mail: nada lhe será enviado.
signup-already = Alguém (talvez você) pediu para inscrever este endereço em { $title }. Ele já recebe o guia. Para mudar a frequência ou o horário de chegada, ou para sair, use este link:
signup-export = Você perguntou o que guardamos sobre você para { $title }. É tudo isto:
export-address = Endereço
export-subscribed = Assinatura ativa
export-yes = sim
export-no = não
export-history = E-mails enviados a você ({ $count }):
export-change = Altere ou apague aqui:
web-pow-needs-js = Esta igreja ativou uma verificação contra inscrições automáticas que precisa de JavaScript: permita JavaScript nesta página para se inscrever.
web-pow-refused = A verificação do formulário contra inscrições automáticas faltou, expirou ou já foi usada. Envie o formulário novamente.
web-pow-working = Verificando…

## `prayer-guide import`: listas separadas por " | " (veja en.ftl).
import-prayer-headings = Orem por | Ore por | Oremos por | Motivos de oração | Pedidos de oração | Como orar | Por favor, ore | Interceda por | Vamos orar
import-praise-headings = Motivos de louvor | Motivos de gratidão | Louvemos a Deus | Agradeçamos a Deus | Ação de graças | Dê graças
import-prayer-verbs = Ore | Orem | Oremos | Peça a Deus | Peçam a Deus | Interceda | Intercedam | Clame a Deus
import-praise-verbs = Louve a Deus | Louvem a Deus | Louvemos | Agradeça a Deus | Agradeçam a Deus | Agradeçamos | Dê graças | Demos graças

## O ano litúrgico: Cristo Rei, festas durante a semana e o ano ortodoxo (`church_year = "orthodox"`).
sunday-christ-the-king = Cristo Rei
feast-ash-wednesday = Quarta-feira de Cinzas
feast-maundy-thursday = Quinta-feira Santa
feast-good-friday = Sexta-feira Santa
feast-ascension = Ascensão do Senhor
feast-transfiguration = Transfiguração do Senhor
feast-all-saints = Todos os Santos
orthodox-zacchaeus = Domingo de Zaqueu
orthodox-publican-pharisee = Domingo do Publicano e do Fariseu
orthodox-prodigal-son = Domingo do Filho Pródigo
orthodox-last-judgment = Domingo do Juízo Final (da Carne)
orthodox-forgiveness = Domingo do Perdão (dos Laticínios)
orthodox-clean-monday = Segunda-feira Pura
orthodox-orthodoxy = Domingo da Ortodoxia
orthodox-gregory-palamas = Domingo de São Gregório Palamas
orthodox-holy-cross = Domingo da Santa Cruz
orthodox-john-climacus = Domingo de São João Clímaco
orthodox-mary-of-egypt = Domingo de Santa Maria Egipcíaca
orthodox-palm = Domingo de Ramos
orthodox-holy-thursday = Santa e Grande Quinta-feira
orthodox-holy-friday = Santa e Grande Sexta-feira
orthodox-pascha = Santa Páscoa
orthodox-thomas = Domingo de Tomé
orthodox-myrrh-bearers = Domingo das Miróforas
orthodox-paralytic = Domingo do Paralítico
orthodox-samaritan-woman = Domingo da Samaritana
orthodox-blind-man = Domingo do Cego
orthodox-ascension = Ascensão do Senhor
orthodox-first-council = Domingo dos Pais do Primeiro Concílio
orthodox-pentecost = Pentecostes
orthodox-all-saints = Domingo de Todos os Santos
orthodox-after-pentecost = { $n }.º Domingo depois de Pentecostes
orthodox-nativity-fast = { $n }.º Domingo depois de Pentecostes (Jejum da Natividade)
orthodox-forefathers = Domingo dos Santos Antepassados
orthodox-before-nativity = Domingo antes da Natividade
orthodox-nativity = Natividade de Cristo
orthodox-after-nativity = Domingo depois da Natividade
orthodox-before-theophany = Domingo antes da Teofania
orthodox-theophany = Teofania
orthodox-after-theophany = Domingo depois da Teofania

## Issue 25: termos e números.
population-myriad = { $number }
date-span-days = de { $first ->
    [1] 1º
   *[other] { $first }
} a { $last } de { $month } de { $year }
date-span-months = de { $first ->
    [1] 1º
   *[other] { $first }
} de { $first-month } a { $last ->
    [1] 1º
   *[other] { $last }
} de { $last-month } de { $year }
date-span-years = de { $first ->
    [1] 1º
   *[other] { $first }
} de { $first-month } de { $first-year } a { $last ->
    [1] 1º
   *[other] { $last }
} de { $last-month } de { $last-year }
label-value = { $label }: { $value }

# O site como aplicativo, e «Vou orar».
nav-today = Hoje
app-install = Instalar o aplicativo
pray-button = Vou orar
pray-done = Você vai orar por este dia
pray-offline = Não contado: você está sem conexão. Tente novamente quando estiver conectado.
remind-button = Lembrar-me todos os dias
remind-hour = às
remind-done = Você receberá um lembrete todos os dias a esta hora.
remind-off = Parar o lembrete diário
remind-stopped = O lembrete diário está desligado.
remind-denied = As notificações estão bloqueadas para este site: permita-as nas configurações do navegador para receber um lembrete.
remind-failed = Não foi possível ativar o lembrete. Tente novamente mais tarde.
pray-invitation = Toque no botão para dizer que vai orar por este dia. Só se guarda o número de pessoas: nem nome, nem endereço, nem conta.
pray-count = { $count ->
    [0] Ninguém disse ainda que vai orar.
    [one] { $number } pessoa orou.
   *[other] { $number } pessoas oraram.
}
pray-thanks = Obrigado por orar
pray-counted = Você está contado entre os que oram por este dia.
pray-already = Você já tinha dito isso para este dia: conta uma vez só.
pray-too-many = Muitas orações foram contadas da sua rede na última hora.
pray-not-saved = Não foi possível contar sua oração; nada mudou. Tente novamente em alguns minutos.
pray-unknown-day = Aqui não há guia desse dia para orar.
