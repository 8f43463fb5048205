# Etiquetas en español. Un proyecto puede cambiar cualquiera en locales/es.ftl (mismo id).

## Fechas: los nombres de días y meses vienen de los datos de la configuración regional.
date-long = { $weekday }, { $day } de { $month } de { $year }
date-range-days = { $first }–{ $last } de { $month } de { $year }
date-range-months = { $first } de { $first-month } – { $last } de { $last-month } de { $year }
date-range-years = { $first } de { $first-month } de { $first-year } – { $last } de { $last-month } de { $last-year }

## Domingos del año litúrgico.
sunday-advent = { $n }.º domingo de Adviento
sunday-christmas-day = Natividad del Señor
sunday-christmas = { $n }.º domingo de Navidad
sunday-epiphany = Epifanía del Señor
sunday-after-epiphany = { $n }.º domingo después de Epifanía
sunday-lent = { $n }.º domingo de Cuaresma
sunday-palm = Domingo de Ramos
sunday-easter = Domingo de Pascua
sunday-eastertide = { $n }.º domingo de Pascua
sunday-pentecost = Pentecostés
sunday-trinity = Santísima Trinidad
sunday-after-trinity = { $n }.º domingo después de Trinidad

## Datos del país.
fact-persecution = Persecución
fact-watch-list = Lista de vigilancia
fact-population = Población
fact-christians = Cristianos
persecution-extreme = Extrema
persecution-very-high = Muy alta
persecution-high = Alta
watch-list-rank = N.º { $rank } en la { $list } { $year }
population-billion = { $number } mil millones
population-million = { $number } millones
as-of = { $value } ({ $year })
percent = { $number } %
story-pseudonym = { $pseudonym } es un seudónimo.
story-composite = { $pseudonym } es un seudónimo; la historia reúne varios testimonios.

## La guía del día.
please-pray = Oremos
give-thanks = Demos gracias
read = Lectura: { $scripture }
sources = Fuentes:
source = Fuente: { $title }
reviewed = Revisado el { $date }.
day-of = día { $day } de { $days }
quote = «{ $quote }» — { $pseudonym }
quote-text = «{ $quote }» ({ $pseudonym })
private-page = Privado: esta guía incluye puntos que no deben publicarse. No la reenvíe ni la publique.
private-fragment = Privado: esta guía incluye puntos que no deben publicarse.
private-text = PRIVADO: incluye puntos que no deben publicarse. No lo reenvíe.

withdrawn = Retirada
withdrawn-text = La guía de este día ha sido retirada. Ore por la iglesia en todo lugar donde los creyentes pagan un precio por su fe.

## La hoja semanal y el inserto del boletín.
week-of = Semana del { $range }
pray-this-week = Oremos esta semana
church-notes = Avisos de nuestra iglesia
church-notes-text = AVISOS DE NUESTRA IGLESIA
sheet-footer = Los seudónimos protegen a las personas de estas historias. Fuentes y guías completas: una página por día en la guía diaria.
private-sheet = Privado: incluye puntos que no deben publicarse. No lo copie ni lo publique.
private-bulletin = Privado: no publicar.
bulletin-insert = inserto del boletín
bulletin-footer-link = Una página al día para orar: { $url }
bulletin-footer = Un punto al día de la hoja semanal de oración; la guía diaria tiene más.

## Calendario y canal.
calendar-pray-for = Oremos por { $country }
calendar-private = Privado: incluye puntos que no deben publicarse.
feed-private = (privado)

## El sitio.
nav-weeks = Semanas
nav-countries = Países
nav-subscribe = Suscribirse
nav-calendar = Calendario
nav-feed = Canal
site-footer = { $title }: guías del { $range }. Los seudónimos protegen a las personas de estas historias.
private-site = Privado: este sitio incluye puntos que no deben publicarse. No lo publique.
today = Hoy
todays-page = La página de hoy
this-week = Esta semana
weeks-page = La página de la semana
print = imprima
print-colon = Imprimir:
or = o
and = y
weekly-sheet = la hoja semanal
bulletin-insert-link = el inserto del boletín
one-page = (una página)
two-to-a-sheet = (dos por hoja, para cortar)
subscribe-heading = Ore con nosotros desde su calendario o lector de noticias
subscribe-calendar = Calendario, el país y los puntos de cada día:
subscribe = suscribirse
or-add = o añada
by-address = por dirección
subscribe-feed = Canal, para lectores de noticias y boletines:
subscribe-apps = Para sitios web y aplicaciones:
every-week = Todas las semanas
previous-day = ← Día anterior
next-day = Día siguiente →
previous-week = ← Semana anterior
next-week = Semana siguiente →
country-every-day = { $country }: todos sus días en esta guía
coming-up = Próximamente
no-more-days = No hay más días para { $country } en { $range }.
earlier = Anteriores

## Correos.
greeting = Estimado/a { $name }:
greeting-friend = Querido amigo, querida amiga:
email-receive-daily = Recibe la guía diaria de { $title } en { $email }.
email-receive-weekly = Recibe la guía semanal de { $title } en { $email }.
unsubscribe = Darse de baja
unsubscribe-one-click = con un clic.
unsubscribe-one-click-colon = Darse de baja con un clic:
unsubscribe-colon = Darse de baja: { $url }
unsubscribe-write-to = Para darse de baja, escriba a
unsubscribe-write-subject = Para darse de baja, escriba a { $address } con el asunto "unsubscribe { $token }".
subject-weekly = Esta semana: { $range }
