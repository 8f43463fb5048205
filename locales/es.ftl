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
fact-population = Población
fact-christians = Cristianos
persecution-extreme = Extrema
persecution-very-high = Muy alta
persecution-high = Alta
fact-main-religion = Religión mayoritaria
fact-pressure = Presión
watch-list = { $list } { $year }
world-watch-list = Lista Mundial de la Persecución
map-of = Mapa de ubicación: { $country }
watch-list-rank = N.º { $rank }
watch-list-rank-score = N.º { $rank } (puntuación { $score })
watch-list-rank-level = N.º { $rank } ({ $level })
watch-list-rank-score-level = N.º { $rank } (puntuación { $score }, { $level })
watch-list-outside = fuera de los { $top } primeros
level-extreme = extrema
level-very-high = muy alta
level-high = alta
christians-share-and-number = { $percent }, { $number }
list-separator = { ", " }
population-billion = { $number } mil millones
population-million = { $count ->
    [one] { $number } millón
   *[other] { $number } millones
}
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
week-of = Semana { $span }
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
calendar-announced = Anunciado: este día todavía puede cambiar antes de publicarse.
calendar-pinned = ★ un día reservado para este país o tema
feed-private = (privado)

## El sitio.
nav-weeks = Semanas
nav-countries = Países
nav-subscribe = Suscribirse
nav-calendar = Calendario
nav-feed = Canal
alerts-title = Alertas urgentes de oración
site-footer = { $title }: guías { $span }. Los seudónimos protegen a las personas de estas historias.
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
no-more-days = No hay más días para { $country } { $span }.
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
unsubscribe-reply = Para dejar de recibir estos correos, responda a este y díganoslo.
subject-weekly = Esta semana: { $range }

## Las páginas de suscripción de `serve` y sus correos.
language-name = Español
web-subscribe-title = Suscribirse
web-subscribe-intro = Una guía breve para orar por los cristianos que sufren presión por su fe, por correo: cada día o una vez por semana.
web-email = Correo electrónico
web-name = Nombre
web-name-note = (opcional, para el saludo)
web-how-often = Frecuencia
web-daily = Cada día
web-weekly = Una vez por semana
web-format = Formato del correo
web-format-html = Con formato
web-format-text = Texto sin formato
web-language = Idioma
web-hour = Llega a las
web-timezone = Zona horaria
web-leave-empty = Deje esto vacío
web-subscribe-button = Suscribirse
web-subscribe-note = Le enviamos un enlace para confirmar; no se envía nada hasta que lo siga. Cada correo tiene un enlace para darse de baja.
web-confirm-title = Confirmar
web-confirm-heading = Confirme su suscripción
web-confirm-text = Pulse el botón para empezar a recibir { $title }.
web-confirm-button = Sí, suscribirme
web-unsubscribe-question = ¿Dejar de enviar { $title } a { $email }?
web-change-instead = O cambie la frecuencia y la hora de llegada
web-preferences-title = Preferencias
web-preferences-heading = Sus preferencias
web-saved = Guardado.
web-not-subscribed = suscripción cancelada
web-saving-resubscribes = (al guardar se suscribe de nuevo)
web-save = Guardar
web-export = Enviarme mis datos
web-erase = Borrar mis datos
web-check-inbox = Revise su bandeja de entrada
web-check-inbox-text = Si la dirección puede recibir la guía, le llegará un correo con un enlace para confirmar. No se envía nada hasta que lo siga.
web-try-later = Inténtelo de nuevo más tarde
web-too-many = Ha habido muchas suscripciones desde su red en la última hora.
web-mail-failed = No se pudo enviar el correo en este momento. Inténtelo de nuevo en unos minutos.
web-subscribed = Suscripción confirmada
web-subscribed-daily = { $email } recibirá la guía diaria.
web-subscribed-weekly = { $email } recibirá la guía semanal.
web-change-preferences = Cambiar sus preferencias
web-link-expired = Este enlace ha caducado o ya se usó
web-link-expired-text = Suscríbase de nuevo para recibir un enlace nuevo.
web-error = Algo salió mal
web-error-text = Inténtelo de nuevo en unos minutos.
web-unknown-link = Este enlace no es válido
web-unknown-link-text = Use el enlace de su correo más reciente.
web-unsubscribed = Suscripción cancelada
web-unsubscribed-text = Esta dirección ya no recibirá guías.
web-unsubscribed-again = { $email } ya no recibirá guías. ¿Cambió de idea? Puede suscribirse de nuevo cuando quiera.
web-sign-up-again = Suscribirse de nuevo
web-form-expired = Este formulario ha caducado
web-form-expired-text = Abra de nuevo el enlace de preferencias de su correo más reciente.
web-erased = Sus datos se han borrado
web-erased-text = Su dirección y su nombre se han borrado; no se le volverá a enviar la guía.
web-export-sent = En camino
web-export-sent-text = Un correo con todo lo que guardamos sobre usted va de camino a su dirección.
web-export-failed = No se pudo enviar el correo en este momento.
web-problem-email = «{ $value }» no es una dirección de correo.
web-problem-email-unmailable = No se puede enviar correo a «{ $value }»: use una dirección sin comillas y con un dominio en lugar de una dirección IP, como nombre@example.org.
web-problem-name-long = El nombre tiene más de 100 caracteres.
web-problem-name-line = El nombre debe ir en una sola línea.
web-problem-cadence = «{ $value }» no es diario ni semanal.
web-problem-format = «{ $value }» no es con formato ni texto sin formato.
web-problem-timezone = «{ $value }» no es una zona horaria: use un nombre como Europe/Madrid.
web-problem-hour = «{ $value }» no es una hora: use de 0 a 23.
web-problem-language = «{ $value }» no es uno de los idiomas ofrecidos.
web-too-many-address = Esta dirección se inscribió varias veces en la última hora. Busque el correo en su bandeja de entrada o inténtelo más tarde.
web-signup-not-saved = No se pudo guardar su inscripción; nada cambió y no se envió ningún correo. Inténtelo de nuevo en unos minutos.
web-unsubscribe-not-saved = No se pudo guardar su baja; nada cambió. Inténtelo de nuevo en unos minutos.
web-preferences-not-saved = No se pudieron guardar sus cambios; nada cambió. Inténtelo de nuevo en unos minutos.
web-erase-not-saved = No se pudieron borrar sus datos en este momento; nada cambió. Inténtelo de nuevo en unos minutos.
web-erased-later-text = Su dirección y su nombre se han borrado; no se le volverá a enviar la guía. Las copias antiguas que quedan en el archivo de la base de datos se eliminan en cuanto ningún otro programa lo esté leyendo.
web-erase-heading = ¿Borrar sus datos?
web-erase-question = Esto borra { $email } y su nombre para siempre y detiene la guía. No se puede deshacer.
web-erase-button = Sí, borrar mis datos
web-erase-keep = No, mantener mi suscripción
web-form-old-text = Se abrió hace más de un día. Abra de nuevo sus preferencias para obtener un formulario nuevo.
web-form-fresh = Abrir de nuevo mis preferencias
signup-subject-confirm = Confirme, por favor: { $title }
signup-subject-already = Ya recibe { $title }
signup-subject-export = Sus datos: { $title }
signup-confirm = Confirme, por favor, que desea recibir { $title }:
signup-confirm-hours = El enlace es válido durante { $hours } horas. Si no lo pidió, ignore este correo: no se le enviará nada.
signup-already = Alguien (quizá usted) pidió suscribir esta dirección a { $title }. Ya recibe la guía. Para cambiar la frecuencia o la hora de llegada, o para darse de baja, use este enlace:
signup-export = Nos preguntó qué guardamos sobre usted para { $title }. Esto es todo:
export-address = Dirección
export-subscribed = Suscripción activa
export-yes = sí
export-no = no
export-history = Correos enviados ({ $count }):
export-change = Cámbielo o bórrelo aquí:
web-pow-needs-js = Esta iglesia ha activado una comprobación contra las suscripciones automáticas que necesita JavaScript: permita JavaScript en esta página para suscribirse.
web-pow-refused = Faltaba la comprobación del formulario contra las suscripciones automáticas, caducó o ya se usó. Envíe el formulario de nuevo.
web-pow-working = Comprobando…

## `prayer-guide import`: listas separadas por " | " (véase en.ftl).
import-prayer-headings = Oremos por | Oremos | Motivos de oración | Peticiones de oración | Pedidos de oración | Cómo orar | Ore por | Oren por | Por favor ore | Por favor oren
import-praise-headings = Motivos de gratitud | Motivos de alabanza | Demos gracias | Alabemos a Dios | Gratitud | Acción de gracias
import-prayer-verbs = Oremos | Ore | Oren | Pidamos | Pida a Dios | Pidan a Dios | Intercedamos | Clamemos
import-praise-verbs = Demos gracias | Demos gracias a Dios | Alabemos | Agradezcamos | Damos gracias | Den gracias | Alaben a Dios

## El año litúrgico: Cristo Rey, fiestas entre semana y el año ortodoxo (`church_year = "orthodox"`).
sunday-christ-the-king = Jesucristo, Rey del Universo
feast-ash-wednesday = Miércoles de Ceniza
feast-maundy-thursday = Jueves Santo
feast-good-friday = Viernes Santo
feast-ascension = Ascensión del Señor
feast-transfiguration = Transfiguración del Señor
feast-all-saints = Todos los Santos
orthodox-zacchaeus = Domingo de Zaqueo
orthodox-publican-pharisee = Domingo del Publicano y el Fariseo
orthodox-prodigal-son = Domingo del Hijo Pródigo
orthodox-last-judgment = Domingo del Juicio Final (de Carnaval)
orthodox-forgiveness = Domingo del Perdón (de Quesos)
orthodox-clean-monday = Lunes Limpio
orthodox-orthodoxy = Domingo de la Ortodoxia
orthodox-gregory-palamas = Domingo de San Gregorio Palamás
orthodox-holy-cross = Domingo de la Santa Cruz
orthodox-john-climacus = Domingo de San Juan Clímaco
orthodox-mary-of-egypt = Domingo de Santa María Egipcíaca
orthodox-palm = Domingo de Ramos
orthodox-holy-thursday = Santo y Gran Jueves
orthodox-holy-friday = Santo y Gran Viernes
orthodox-pascha = Santa Pascua
orthodox-thomas = Domingo de Tomás
orthodox-myrrh-bearers = Domingo de las Miróforas
orthodox-paralytic = Domingo del Paralítico
orthodox-samaritan-woman = Domingo de la Samaritana
orthodox-blind-man = Domingo del Ciego
orthodox-ascension = Ascensión del Señor
orthodox-first-council = Domingo de los Padres del Primer Concilio
orthodox-pentecost = Pentecostés
orthodox-all-saints = Domingo de Todos los Santos
orthodox-after-pentecost = { $n }.º domingo después de Pentecostés
orthodox-nativity-fast = { $n }.º domingo después de Pentecostés (Ayuno de la Natividad)
orthodox-forefathers = Domingo de los Santos Antepasados
orthodox-before-nativity = Domingo antes de la Natividad
orthodox-nativity = Natividad de Cristo
orthodox-after-nativity = Domingo después de la Natividad
orthodox-before-theophany = Domingo antes de la Teofanía
orthodox-theophany = Teofanía
orthodox-after-theophany = Domingo después de la Teofanía

## Número 25: términos y números.
population-myriad = { $number }
date-span-days = del { $first } al { $last } de { $month } de { $year }
date-span-months = del { $first } de { $first-month } al { $last } de { $last-month } de { $year }
date-span-years = del { $first } de { $first-month } de { $first-year } al { $last } de { $last-month } de { $last-year }
label-value = { $label }: { $value }

# El sitio como aplicación, y «Oraré».
nav-today = Hoy
app-install = Instalar la aplicación
pray-button = Oraré
pray-done = Orará por este día
pray-offline = No se contó: no hay conexión. Inténtelo de nuevo cuando esté conectado.
remind-button = Recordármelo cada día
remind-hour = a las
remind-done = Recibirá un recordatorio cada día a esta hora.
remind-off = Quitar el recordatorio diario
remind-stopped = El recordatorio diario está desactivado.
remind-denied = Las notificaciones están bloqueadas para este sitio: permítalas en la configuración del navegador para recibir un recordatorio.
remind-failed = No se pudo activar el recordatorio. Inténtelo de nuevo más tarde.
pray-invitation = Pulse el botón para decir que orará por este día. Solo se guarda el número de personas: ni nombre, ni dirección, ni cuenta.
pray-count = { $count ->
    [0] Nadie ha dicho todavía que orará.
    [one] { $number } persona oró.
   *[other] { $number } personas oraron.
}
pray-thanks = Gracias por orar
pray-counted = Está contado entre quienes oran por este día.
pray-already = Ya lo había dicho para este día: se cuenta una sola vez.
pray-too-many = Se han contado muchas oraciones desde su red en la última hora.
pray-not-saved = No se pudo contar su oración; nada ha cambiado. Inténtelo de nuevo en unos minutos.
pray-unknown-day = Aquí no hay guía de ese día con la que orar.
