# Rótulos em português. Um projeto pode substituir qualquer um em locales/pt.ftl (mesmo id).

## Datas: os nomes dos dias e dos meses vêm dos dados de localidade.
date-long = { $weekday }, { $day } de { $month } de { $year }
date-range-days = { $first }–{ $last } de { $month } de { $year }
date-range-months = { $first } de { $first-month } – { $last } de { $last-month } de { $year }
date-range-years = { $first } de { $first-month } de { $first-year } – { $last } de { $last-month } de { $last-year }

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
fact-watch-list = Lista de observação
fact-population = População
fact-christians = Cristãos
persecution-extreme = Extrema
persecution-very-high = Muito alta
persecution-high = Alta
watch-list-rank = N.º { $rank } na { $list } { $year }
population-billion = { $number } bilhões
population-million = { $number } milhões
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
week-of = Semana de { $range }
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
feed-private = (privado)

## O site.
nav-weeks = Semanas
nav-countries = Países
nav-subscribe = Assinar
nav-calendar = Calendário
nav-feed = Feed
site-footer = { $title }: guias de { $range }. Pseudônimos protegem as pessoas destas histórias.
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
no-more-days = Não há mais dias para { $country } em { $range }.
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
subject-weekly = Esta semana: { $range }
