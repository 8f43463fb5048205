# Libellés en français. Un projet peut remplacer n’importe lequel dans locales/fr.ftl (même id).

## Dates : les noms des jours et des mois viennent des données de localisation.
date-long = { $weekday } { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-range-days = { $first ->
    [1] 1er
   *[other] { $first }
}–{ $last } { $month } { $year }
date-range-months = { $first ->
    [1] 1er
   *[other] { $first }
} { $first-month } – { $last ->
    [1] 1er
   *[other] { $last }
} { $last-month } { $year }
date-range-years = { $first ->
    [1] 1er
   *[other] { $first }
} { $first-month } { $first-year } – { $last ->
    [1] 1er
   *[other] { $last }
} { $last-month } { $last-year }

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
fact-population = Population
fact-christians = Chrétiens
persecution-extreme = Extrême
persecution-very-high = Très forte
persecution-high = Forte
fact-main-religion = Religion principale
fact-pressure = Pressions
watch-list = { $list } { $year }
world-watch-list = Index mondial de persécution
map-of = Carte de localisation : { $country }
watch-list-rank = No { $rank }
watch-list-rank-score = No { $rank } (score { $score })
watch-list-rank-level = No { $rank } ({ $level })
watch-list-rank-score-level = No { $rank } (score { $score }, { $level })
watch-list-outside = hors des { $top } premiers pays
level-extreme = extrême
level-very-high = très forte
level-high = forte
christians-share-and-number = { $percent }, { $number }
list-separator = { ", " }
population-billion = { $count ->
    [one] { $number } milliard
   *[other] { $number } milliards
}
population-million = { $count ->
    [one] { $number } million
   *[other] { $number } millions
}
as-of = { $value } ({ $year })
percent = { $number } %
story-pseudonym = { $pseudonym } est un pseudonyme.
story-composite = { $pseudonym } est un pseudonyme ; le récit réunit plusieurs témoignages.

## Le guide du jour.
please-pray = Prions
give-thanks = Rendons grâce
read = Lire : { $scripture }
sources = Sources :
source = Source : { $title }
reviewed = Revu le { $date }.
day-of = jour { $day } sur { $days }
quote = « { $quote } » — { $pseudonym }
quote-text = « { $quote } » ({ $pseudonym })
private-page = Privé : ce guide contient des sujets à ne pas publier. Ne le transférez pas et ne le publiez pas.
private-fragment = Privé : ce guide contient des sujets à ne pas publier.
private-text = PRIVÉ : contient des sujets à ne pas publier. Ne pas transférer.

withdrawn = Retiré
withdrawn-text = Le guide de ce jour a été retiré. Priez pour l’Église partout où des croyants paient le prix de leur foi.

## La feuille de la semaine et l’encart du bulletin.
week-of = Semaine { $span }
pray-this-week = Prions cette semaine
church-notes = Annonces de notre Église
church-notes-text = ANNONCES DE NOTRE ÉGLISE
sheet-footer = Des pseudonymes protègent les personnes de ces récits. Sources et guides complets : une page par jour dans le guide quotidien.
private-sheet = Privé : contient des sujets à ne pas publier. Ne pas copier ni publier.
private-bulletin = Privé : à ne pas publier.
bulletin-insert = encart du bulletin
bulletin-footer-link = Une page par jour pour prier : { $url }
bulletin-footer = Un sujet par jour tiré de la feuille de prière de la semaine ; le guide quotidien en dit plus.

## Calendrier et flux.
calendar-pray-for = Prions pour { $country }
calendar-private = Privé : contient des sujets à ne pas publier.
calendar-announced = Annoncé : ce jour peut encore changer avant sa publication.
calendar-pinned = ★ un jour réservé à ce pays ou à ce thème
feed-private = (privé)

## Le site.
nav-weeks = Semaines
nav-countries = Pays
nav-subscribe = S’abonner
nav-calendar = Calendrier
nav-feed = Flux
alerts-title = Alertes de prière urgentes
site-footer = { $title } : guides { $span }. Des pseudonymes protègent les personnes de ces récits.
private-site = Privé : ce site contient des sujets à ne pas publier. Ne le publiez pas.
today = Aujourd’hui
todays-page = La page du jour
this-week = Cette semaine
weeks-page = La page de la semaine
print = imprimer
print-colon = Imprimer :
or = ou
and = et
weekly-sheet = la feuille de la semaine
bulletin-insert-link = l’encart du bulletin
one-page = (une page)
two-to-a-sheet = (deux par feuille, à découper)
subscribe-heading = Priez avec nous dans votre agenda ou votre lecteur de flux
subscribe-calendar = Agenda, le pays et les sujets de chaque jour :
subscribe = s’abonner
or-add = ou ajoutez
by-address = par son adresse
subscribe-feed = Flux, pour les lecteurs de flux et les lettres d’information :
subscribe-apps = Pour les sites web et les applications :
every-week = Toutes les semaines
previous-day = ← Jour précédent
next-day = Jour suivant →
previous-week = ← Semaine précédente
next-week = Semaine suivante →
country-every-day = { $country } : tous ses jours dans ce guide
coming-up = À venir
no-more-days = Plus aucun jour pour { $country } { $span }.
earlier = Précédemment

## Courriels.
greeting = Cher ami, chère amie { $name },
greeting-friend = Cher ami, chère amie,
email-receive-daily = Vous recevez le guide quotidien de { $title } à l’adresse { $email }.
email-receive-weekly = Vous recevez le guide hebdomadaire de { $title } à l’adresse { $email }.
unsubscribe = Se désabonner
unsubscribe-one-click = en un clic.
unsubscribe-one-click-colon = Se désabonner en un clic :
unsubscribe-colon = Se désabonner : { $url }
unsubscribe-write-to = Pour vous désabonner, écrivez à
unsubscribe-write-subject = Pour vous désabonner, écrivez à { $address } avec l’objet "unsubscribe { $token }".
unsubscribe-reply = Pour ne plus recevoir ces courriels, répondez à celui-ci en nous le disant.
subject-weekly = Cette semaine : { $range }

## Les pages d’abonnement de `serve` et leurs courriels.
language-name = Français
web-subscribe-title = S’abonner
web-subscribe-intro = Un court guide pour prier pour les chrétiens sous pression à cause de leur foi, par courriel : chaque jour ou une fois par semaine.
web-email = Adresse électronique
web-name = Nom
web-name-note = (facultatif, pour la salutation)
web-how-often = Fréquence
web-daily = Chaque jour
web-weekly = Une fois par semaine
web-format = Format du courriel
web-format-html = Mis en forme
web-format-text = Texte brut
web-language = Langue
web-hour = Arrive à
web-timezone = Fuseau horaire
web-leave-empty = Laissez ce champ vide
web-subscribe-button = S’abonner
web-subscribe-note = Nous vous envoyons un lien de confirmation ; rien n’est envoyé avant que vous l’ayez suivi. Chaque courriel contient un lien pour vous désabonner.
web-confirm-title = Confirmer
web-confirm-heading = Confirmez votre abonnement
web-confirm-text = Appuyez sur le bouton pour commencer à recevoir { $title }.
web-confirm-button = Oui, m’abonner
web-unsubscribe-question = Ne plus envoyer { $title } à { $email } ?
web-change-instead = Ou changez la fréquence et l’heure d’arrivée
web-preferences-title = Préférences
web-preferences-heading = Vos préférences
web-saved = Enregistré.
web-not-subscribed = abonnement arrêté
web-saving-resubscribes = (enregistrer vous réabonne)
web-save = Enregistrer
web-export = M’envoyer mes données
web-erase = Effacer mes données
web-check-inbox = Consultez votre boîte de réception
web-check-inbox-text = Si l’adresse peut recevoir le guide, un courriel avec un lien de confirmation est en route. Rien n’est envoyé avant que vous l’ayez suivi.
web-try-later = Veuillez réessayer plus tard
web-too-many = Il y a eu beaucoup d’inscriptions depuis votre réseau au cours de la dernière heure.
web-mail-failed = Le courriel n’a pas pu être envoyé pour l’instant. Veuillez réessayer dans quelques minutes.
web-subscribed = Abonnement confirmé
web-subscribed-daily = { $email } recevra le guide quotidien.
web-subscribed-weekly = { $email } recevra le guide hebdomadaire.
web-change-preferences = Modifier vos préférences
web-link-expired = Ce lien a expiré ou a déjà servi
web-link-expired-text = Inscrivez-vous de nouveau pour recevoir un nouveau lien.
web-error = Une erreur s’est produite
web-error-text = Veuillez réessayer dans quelques minutes.
web-unknown-link = Ce lien n’est pas valide
web-unknown-link-text = Utilisez le lien de votre courriel le plus récent.
web-unsubscribed = Désabonnement confirmé
web-unsubscribed-text = Cette adresse ne reçoit plus de guides.
web-unsubscribed-again = { $email } ne reçoit plus de guides. Vous avez changé d’avis ? Vous pouvez vous réabonner à tout moment.
web-sign-up-again = Se réabonner
web-form-expired = Ce formulaire a expiré
web-form-expired-text = Rouvrez le lien des préférences de votre courriel le plus récent.
web-erased = Vos données sont effacées
web-erased-text = Votre adresse et votre nom sont supprimés ; le guide ne vous sera plus envoyé.
web-export-sent = En route
web-export-sent-text = Un courriel avec tout ce que nous gardons sur vous est en route vers votre adresse.
web-export-failed = Le courriel n’a pas pu être envoyé pour l’instant.
web-problem-email = « { $value } » n’est pas une adresse électronique.
web-problem-email-unmailable = Impossible d’envoyer un courriel à « { $value } » : utilisez une adresse sans guillemets, avec un domaine plutôt qu’une adresse IP, comme nom@example.org.
web-problem-name-long = Le nom dépasse 100 caractères.
web-problem-name-line = Le nom doit tenir sur une ligne.
web-problem-cadence = « { $value } » n’est ni quotidien ni hebdomadaire.
web-problem-format = « { $value } » n’est ni mis en forme ni texte brut.
web-problem-timezone = « { $value } » n’est pas un fuseau horaire : utilisez un nom comme Europe/Paris.
web-problem-hour = « { $value } » n’est pas une heure : utilisez 0 à 23.
web-problem-language = « { $value } » ne fait pas partie des langues proposées.
web-too-many-address = Cette adresse a été inscrite plusieurs fois dans la dernière heure. Cherchez le courriel dans sa boîte de réception, ou réessayez plus tard.
web-signup-not-saved = Votre inscription n’a pas pu être enregistrée ; rien n’a changé et aucun courriel n’a été envoyé. Veuillez réessayer dans quelques minutes.
web-unsubscribe-not-saved = Votre désinscription n’a pas pu être enregistrée ; rien n’a changé. Veuillez réessayer dans quelques minutes.
web-preferences-not-saved = Vos modifications n’ont pas pu être enregistrées ; rien n’a changé. Veuillez réessayer dans quelques minutes.
web-erase-not-saved = Vos données n’ont pas pu être effacées pour l’instant ; rien n’a changé. Veuillez réessayer dans quelques minutes.
web-erased-later-text = Votre adresse et votre nom sont supprimés ; le guide ne vous sera plus envoyé. Les anciennes copies restées dans le fichier de la base de données sont effacées dès qu’aucun autre programme ne le lit.
web-erase-heading = Effacer vos données ?
web-erase-question = Ceci supprime { $email } et votre nom pour de bon, et arrête le guide. C’est irréversible.
web-erase-button = Oui, effacer mes données
web-erase-keep = Non, garder mon abonnement
web-form-old-text = Il a été ouvert il y a plus d’un jour. Rouvrez vos préférences pour obtenir un formulaire neuf.
web-form-fresh = Rouvrir mes préférences
signup-subject-confirm = Merci de confirmer : { $title }
signup-subject-already = Vous recevez déjà { $title }
signup-subject-export = Vos données : { $title }
signup-confirm = Merci de confirmer que vous souhaitez recevoir { $title } :
signup-confirm-hours = Le lien est valable { $hours } heures. Si vous n’avez rien demandé, ignorez ce courriel : rien ne vous sera envoyé.
signup-already = Quelqu’un (peut-être vous) a demandé d’abonner cette adresse à { $title }. Elle reçoit déjà le guide. Pour changer la fréquence ou l’heure d’arrivée, ou pour vous désabonner, utilisez ce lien :
signup-export = Vous avez demandé ce que nous gardons sur vous pour { $title }. Voici tout :
export-address = Adresse
export-subscribed = Abonnement actif
export-yes = oui
export-no = non
export-history = Courriels envoyés ({ $count }) :
export-change = Modifiez-les ou effacez-les ici :
web-pow-needs-js = Cette Église a activé une vérification contre les inscriptions automatiques qui nécessite JavaScript : veuillez autoriser JavaScript sur cette page pour vous inscrire.
web-pow-refused = La vérification du formulaire contre les inscriptions automatiques manquait, a expiré ou a déjà servi. Veuillez envoyer le formulaire à nouveau.
web-pow-working = Vérification…

## `prayer-guide import` : listes séparées par « | » (voir en.ftl).
import-prayer-headings = Prions pour | Sujets de prière | Priez pour | Comment prier | Prions | Intentions de prière | Priez avec nous
import-praise-headings = Rendons grâce | Louons Dieu | Sujets de louange | Actions de grâce | Sujets de reconnaissance | Louange
import-prayer-verbs = Prions | Priez | Demandons à Dieu | Demandez à Dieu | Demandons au Seigneur | Intercédons
import-praise-verbs = Rendons grâce | Rendez grâce | Louons Dieu | Louons le Seigneur | Louez Dieu | Remercions Dieu | Remerciez Dieu | Remercions le Seigneur

## L’année liturgique : le Christ Roi, les fêtes en semaine et l’année orthodoxe (`church_year = "orthodox"`).
sunday-christ-the-king = Christ Roi de l’univers
feast-ash-wednesday = Mercredi des Cendres
feast-maundy-thursday = Jeudi saint
feast-good-friday = Vendredi saint
feast-ascension = Ascension
feast-transfiguration = Transfiguration du Seigneur
feast-all-saints = Toussaint
orthodox-zacchaeus = Dimanche de Zachée
orthodox-publican-pharisee = Dimanche du Publicain et du Pharisien
orthodox-prodigal-son = Dimanche du Fils prodigue
orthodox-last-judgment = Dimanche du Jugement dernier (de l’abstinence de viande)
orthodox-forgiveness = Dimanche du Pardon (de l’abstinence de laitages)
orthodox-clean-monday = Lundi pur
orthodox-orthodoxy = Dimanche de l’Orthodoxie
orthodox-gregory-palamas = Dimanche de saint Grégoire Palamas
orthodox-holy-cross = Dimanche de la Vénération de la Croix
orthodox-john-climacus = Dimanche de saint Jean Climaque
orthodox-mary-of-egypt = Dimanche de sainte Marie l’Égyptienne
orthodox-palm = Dimanche des Rameaux
orthodox-holy-thursday = Grand et Saint Jeudi
orthodox-holy-friday = Grand et Saint Vendredi
orthodox-pascha = Sainte Pâque
orthodox-thomas = Dimanche de Thomas
orthodox-myrrh-bearers = Dimanche des Myrophores
orthodox-paralytic = Dimanche du Paralytique
orthodox-samaritan-woman = Dimanche de la Samaritaine
orthodox-blind-man = Dimanche de l’Aveugle-né
orthodox-ascension = Ascension du Seigneur
orthodox-first-council = Dimanche des Pères du premier concile
orthodox-pentecost = Pentecôte
orthodox-all-saints = Dimanche de Tous les Saints
orthodox-after-pentecost = { $n }e dimanche après la Pentecôte
orthodox-nativity-fast = { $n }e dimanche après la Pentecôte (jeûne de la Nativité)
orthodox-forefathers = Dimanche des saints Ancêtres
orthodox-before-nativity = Dimanche avant la Nativité
orthodox-nativity = Nativité du Christ
orthodox-after-nativity = Dimanche après la Nativité
orthodox-before-theophany = Dimanche avant la Théophanie
orthodox-theophany = Théophanie
orthodox-after-theophany = Dimanche après la Théophanie

## Ticket 25 : termes et nombres.
population-myriad = { $number }
date-span-days = du { $first ->
    [1] 1er
   *[other] { $first }
} au { $last } { $month } { $year }
date-span-months = du { $first ->
    [1] 1er
   *[other] { $first }
} { $first-month } au { $last ->
    [1] 1er
   *[other] { $last }
} { $last-month } { $year }
date-span-years = du { $first ->
    [1] 1er
   *[other] { $first }
} { $first-month } { $first-year } au { $last ->
    [1] 1er
   *[other] { $last }
} { $last-month } { $last-year }
label-value = { $label } : { $value }

# Le site comme application, et « Je prierai ».
nav-today = Aujourd’hui
app-install = Installer l’application
pray-button = Je prierai
pray-done = Vous prierez pour ce jour
pray-offline = Non compté, vous êtes hors ligne. Veuillez réessayer une fois connecté.
remind-button = Me le rappeler chaque jour
remind-hour = à
remind-done = Vous recevrez un rappel chaque jour à cette heure.
remind-off = Arrêter le rappel quotidien
remind-stopped = Le rappel quotidien est désactivé.
remind-denied = Les notifications sont bloquées pour ce site : autorisez-les dans les réglages du navigateur pour recevoir un rappel.
remind-failed = Le rappel n’a pas pu être activé. Veuillez réessayer plus tard.
pray-invitation = Appuyez sur le bouton pour dire que vous prierez pour ce jour. Seul le nombre de personnes est gardé, sans nom, adresse ni compte.
pray-count = { $count ->
    [0] Personne n’a encore dit qu’il prierait.
    [one] { $number } personne a prié.
   *[other] { $number } personnes ont prié.
}
pray-thanks = Merci de prier
pray-counted = Vous êtes compté parmi ceux qui prient pour ce jour.
pray-already = Vous l’aviez déjà dit pour ce jour ; ce n’est compté qu’une fois.
pray-too-many = Beaucoup de prières ont été comptées depuis votre réseau au cours de la dernière heure.
pray-not-saved = Votre prière n’a pas pu être comptée ; rien n’a changé. Veuillez réessayer dans quelques minutes.
pray-unknown-day = Il n’y a pas ici de guide de ce jour pour prier.
