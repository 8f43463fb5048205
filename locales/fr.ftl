# Libellés en français. Un projet peut remplacer n’importe lequel dans locales/fr.ftl (même id).

## Dates : les noms des jours et des mois viennent des données de localisation.
date-long = { $weekday } { $day } { $month } { $year }
date-range-days = { $first }–{ $last } { $month } { $year }
date-range-months = { $first } { $first-month } – { $last } { $last-month } { $year }
date-range-years = { $first } { $first-month } { $first-year } – { $last } { $last-month } { $last-year }

## Dimanches de l’année liturgique.
sunday-advent = { $n ->
    [1] 1er
   *[other] { $n }e
} dimanche de l’Avent
sunday-christmas-day = Noël
sunday-christmas = { $n ->
    [1] 1er
   *[other] { $n }e
} dimanche après Noël
sunday-epiphany = Épiphanie
sunday-after-epiphany = { $n ->
    [1] 1er
   *[other] { $n }e
} dimanche après l’Épiphanie
sunday-lent = { $n ->
    [1] 1er
   *[other] { $n }e
} dimanche de Carême
sunday-palm = Dimanche des Rameaux
sunday-easter = Dimanche de Pâques
sunday-eastertide = { $n }e dimanche de Pâques
sunday-pentecost = Pentecôte
sunday-trinity = Dimanche de la Trinité
sunday-after-trinity = { $n ->
    [1] 1er
   *[other] { $n }e
} dimanche après la Trinité

## Données sur le pays.
fact-persecution = Persécution
fact-watch-list = Index
fact-population = Population
fact-christians = Chrétiens
persecution-extreme = Extrême
persecution-very-high = Très forte
persecution-high = Forte
watch-list-rank = No { $rank } de l’{ $list } { $year }
population-billion = { $number } milliards
population-million = { $number } millions
as-of = { $value } ({ $year })
percent = { $number } %
story-pseudonym = { $pseudonym } est un pseudonyme.
story-composite = { $pseudonym } est un pseudonyme ; le récit réunit plusieurs témoignages.

## Le guide du jour.
please-pray = Prions
give-thanks = Rendons grâce
read = Lire : { $scripture }
sources = Sources :
source = Source : { $title }
reviewed = Revu le { $date }.
day-of = jour { $day } sur { $days }
quote = « { $quote } » — { $pseudonym }
quote-text = « { $quote } » ({ $pseudonym })
private-page = Privé : ce guide contient des sujets à ne pas publier. Ne le transférez pas et ne le publiez pas.
private-fragment = Privé : ce guide contient des sujets à ne pas publier.
private-text = PRIVÉ : contient des sujets à ne pas publier. Ne pas transférer.

withdrawn = Retiré
withdrawn-text = Le guide de ce jour a été retiré. Priez pour l’Église partout où des croyants paient le prix de leur foi.

## La feuille de la semaine et l’encart du bulletin.
week-of = Semaine du { $range }
pray-this-week = Prions cette semaine
church-notes = Annonces de notre Église
church-notes-text = ANNONCES DE NOTRE ÉGLISE
sheet-footer = Des pseudonymes protègent les personnes de ces récits. Sources et guides complets : une page par jour dans le guide quotidien.
private-sheet = Privé : contient des sujets à ne pas publier. Ne pas copier ni publier.
private-bulletin = Privé : à ne pas publier.
bulletin-insert = encart du bulletin
bulletin-footer-link = Une page par jour pour prier : { $url }
bulletin-footer = Un sujet par jour tiré de la feuille de prière de la semaine ; le guide quotidien en dit plus.

## Calendrier et flux.
calendar-pray-for = Prions pour { $country }
calendar-private = Privé : contient des sujets à ne pas publier.
feed-private = (privé)

## Le site.
nav-weeks = Semaines
nav-countries = Pays
nav-subscribe = S’abonner
nav-calendar = Calendrier
nav-feed = Flux
site-footer = { $title } : guides du { $range }. Des pseudonymes protègent les personnes de ces récits.
private-site = Privé : ce site contient des sujets à ne pas publier. Ne le publiez pas.
today = Aujourd’hui
todays-page = La page du jour
this-week = Cette semaine
weeks-page = La page de la semaine
print = imprimer
print-colon = Imprimer :
or = ou
and = et
weekly-sheet = la feuille de la semaine
bulletin-insert-link = l’encart du bulletin
one-page = (une page)
two-to-a-sheet = (deux par feuille, à découper)
subscribe-heading = Priez avec nous dans votre agenda ou votre lecteur de flux
subscribe-calendar = Agenda, le pays et les sujets de chaque jour :
subscribe = s’abonner
or-add = ou ajoutez
by-address = par son adresse
subscribe-feed = Flux, pour les lecteurs de flux et les lettres d’information :
subscribe-apps = Pour les sites web et les applications :
every-week = Toutes les semaines
previous-day = ← Jour précédent
next-day = Jour suivant →
previous-week = ← Semaine précédente
next-week = Semaine suivante →
country-every-day = { $country } : tous ses jours dans ce guide
coming-up = À venir
no-more-days = Plus aucun jour pour { $country } du { $range }.
earlier = Précédemment

## Courriels.
greeting = Cher ami, chère amie { $name },
greeting-friend = Cher ami, chère amie,
email-receive-daily = Vous recevez le guide quotidien de { $title } à l’adresse { $email }.
email-receive-weekly = Vous recevez le guide hebdomadaire de { $title } à l’adresse { $email }.
unsubscribe = Se désabonner
unsubscribe-one-click = en un clic.
unsubscribe-one-click-colon = Se désabonner en un clic :
unsubscribe-colon = Se désabonner : { $url }
unsubscribe-write-to = Pour vous désabonner, écrivez à
unsubscribe-write-subject = Pour vous désabonner, écrivez à { $address } avec l’objet "unsubscribe { $token }".
subject-weekly = Cette semaine : { $range }
