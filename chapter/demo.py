"""The chapter's part of the demo (issue 17): the 2025 texts of the
published chapter with live figures in place of the typed ones, the
network partners by function, the team's employment periods (FTE per
funding body as published: 9 COCOM, 0.8 SPP-IS, 0.5 SPF in the support
teams; 19 different people in 2025), the evaluation of the conventions,
the training given, the quality objectives 2025-2029, and the 2026 targets
("90 personnes accompagnées … un taux de maintien en logement de 90 %").
Called by sampledata.demo.demo_generate; deterministic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from chapter.models import (
    ChapterText,
    ConventionEvaluation,
    EmploymentPeriod,
    NetworkPartner,
    QualityObjective,
    Target,
    Training,
)
from housing.models import Convention
from smes.accounts import user_create
from smes.roles import MANAGEMENT, SUPPORT

YEAR = 2025
H1, H2, END = dt.date(2025, 1, 1), dt.date(2025, 7, 1), dt.date(2025, 6, 30)
SINCE = dt.date(2020, 1, 1)

# Replacements of 2025 (pregnancy leave, maternity leave, unpaid leave, long illness): accounts without a login.
REPLACEMENTS = [
    ("m.lambert", "Manon", "Lambert", SUPPORT),
    ("a.peeters", "Arne", "Peeters", SUPPORT),
    ("n.haddad", "Nora", "Haddad", SUPPORT),
    ("c.wouters", "Charlotte", "Wouters", SUPPORT),
    ("l.martin", "Lucas", "Martin", SUPPORT),
    ("e.janssens", "Eva", "Janssens", SUPPORT),
    ("f.mertens", "Fatima", "Mertens", MANAGEMENT),
    ("d.renard", "Delphine", "Renard", SUPPORT),
]

# username, start, end, fte, function, team, funder
PERIODS = [
    ("accompagnement", SINCE, None, "1", "accompagnatrice psycho-sociale", "ACT", "COCOM"),
    ("s.vermeulen", SINCE, None, "1", "infirmière", "ACT", "COCOM"),
    ("k.benali", SINCE, None, "1", "éducateur spécialisé", "ACT", "COCOM"),
    ("j.claes", SINCE, None, "1", "assistante sociale", "ACT", "COCOM"),
    ("accompagnement2", SINCE, None, "1", "accompagnateur psycho-social", "ICM", "COCOM"),
    ("t.maes", SINCE, None, "1", "psychologue", "ICM", "COCOM"),
    ("i.dubois", SINCE, None, "1", "assistante sociale", "ICM", "COCOM"),
    ("m.lambert", SINCE, END, "1", "assistante sociale", "ACT", "COCOM"),
    ("a.peeters", H2, None, "1", "assistant social", "ACT", "COCOM"),
    ("n.haddad", SINCE, END, "1", "infirmière", "ICM", "COCOM"),
    ("c.wouters", H2, None, "1", "infirmière", "ICM", "COCOM"),
    ("p.goossens", SINCE, None, "0.8", "accompagnateur psycho-social", "ICM", "SPP_IS"),
    ("l.martin", dt.date(2023, 1, 1), END, "0.5", "accompagnateur TSI", "ICM", "SPF_TSI"),
    ("e.janssens", H2, None, "0.5", "accompagnatrice TSI", "ICM", "SPF_TSI"),
    ("logement", SINCE, None, "1", "responsable logement", "HOUSING", "COCOM"),
    ("gestion", SINCE, None, "0.5", "directeur administratif et financier", "MANAGEMENT", "COCOM"),
    ("f.mertens", SINCE, None, "0.5", "assistante de gestion", "MANAGEMENT", "COCOM"),
    ("direction", SINCE, None, "1", "directrice du Housing First", "DIRECTION", "COCOM"),
    ("d.renard", dt.date(2025, 3, 1), dt.date(2025, 6, 30), "0.1", "médecin", "ICM", "OTHER"),
]

NETWORK = {
    "PSY": ["SSM La Gerbe", "Projet Lama (psychiatre)", "Équipe mobile 107 Précarité", "Tela", "EMC",
            "Sanatia (Clinique et MSP)", "CHJT", "Nausicaa IHP", "Messidor IHP", "Le Bivouac", "La Maisonnée",
            "SSM Le Méridien", "SSM ULB Centre de guidance", "MSP Thuis"],
    "SOCIAL": ["DIOGENES", "Infirmiers de Rue", "Cosedi", "Services d'aide à domicile", "CSD / Service Social Juif",
               "Poverello", "Maison sociale d'Evere", "Clos Sainte-Thérèse", "Transit Rue", "L'Îlot",
               "New Samusocial", "Fondation Prince Laurent", "Lire et écrire", "Puerto", "Nativitas"],
    "MEDICAL": ["Maisons médicales", "Free Clinic", "Hôpitaux bruxellois", "Médecins généralistes privés",
                "Réseau Hépatite C", "Patients assistance", "Pharmacies", "SOS Médecin", "Médigarde", "Le CPVS",
                "Centre Athena", "La Fontaine"],
    "RELATIONAL": ["Article 27", "Hobo", "L'Autre Lieu", "Bij Ons", "Le Pianocktail", "Relink", "Espace 51",
                   "Avioth", "Le cocon de Sorocité", "Circée", "Le clos"],
    "FINANCIAL": ["CPAS des communes", "Administrateur·rice·s de biens", "Services de médiation de dettes",
                  "Mutuelles", "ONEM / Actiris", "DG Personnes Handicapées", "Banques", "Syndicats",
                  "Office des pensions", "SPF Finances"],
    "DRUGS": ["Infor-drogues", "Transit", "DUNE / Clip", "Modus Vivendi", "Ribeaucare", "La Pièce et Babel", "Capiti",
              "MASS", "Enaden", "I.CARE", "GATE", "La Trace", "Le Pilier", "Medibus", "Add Up", "Interstices"],
    "JUSTICE": ["Assistants de justice et agents de probation", "Services d'aide aux victimes", "Les Marronniers",
                "EOLIA et SILA", "Casa Legal", "Sireas", "Justice de Paix", "Cabestan", "BAJ et avocats",
                "Quartier des Libertés"],
}  # fmt: skip

T = {}
T[
    "introduction", "fr"
] = """La population sans-abri présente des problématiques multiples, complexes et imbriquées. L'absence de logement est un facteur qui cause et/ou aggrave ces problématiques.

L'objectif général du projet Housing First du Smes est d'améliorer l'accès à l'aide et aux soins, le bien-être et la sécurité de personnes sans-abri, n'ayant pas ou difficilement accès à un logement en raison de problématiques cumulées de sans-abrisme, santé mentale et assuétudes, sur le territoire de la région bruxelloise.

En 2025, **{moves.first_entries}** nouvelles personnes ont été relogées. {intake.followed_end} de plus sont accompagnées en vue d'une entrée en logement début 2026.

En tout, ce sont **{tenants.accompanied}** personnes qui ont été suivies durant l'année. Pour la première fois depuis la création du projet en 2013, nous assistons à un léger recul du nombre de personnes accompagnées, qui étaient 87 en 2024. Le taux de maintien en logement est également en recul : il passe de 90 % à {housing.retention_pct}. Cela reste au-delà des taux de maintien en logement habituels des dispositifs Housing First (80 %) mais est néanmoins un facteur à surveiller.

Plusieurs raisons viennent expliquer cette diminution :

- le manque de nouveaux logements mis à disposition du projet ;
- un nombre plus important de personnes ayant perdu un logement, notamment en raison de la fin des activités d'une AIS ;
- la crise politique qui touche Bruxelles et fragilise l'ensemble de ses acteurs.

Les résultats de l'année 2025 démontrent une fois encore que l'accès au logement durable doublé d'un accompagnement sur-mesure sort de manière permanente et structurelle les personnes sans-abri de la rue."""
T[
    "introduction", "nl"
] = """De daklozenpopulatie kampt met meervoudige, complexe en verweven problemen. Het ontbreken van een woning veroorzaakt en/of verergert die problemen.

In 2025 kregen **{moves.first_entries}** nieuwe personen een woning. Nog {intake.followed_end} personen worden begeleid met het oog op een intrek begin 2026.

In totaal werden **{tenants.accompanied}** personen gevolgd tijdens het jaar. Voor het eerst sinds de start van het project in 2013 daalt het aantal begeleide personen licht (87 in 2024). Ook het woonbehoud daalt: van 90 % naar {housing.retention_pct}. Dat blijft boven het gebruikelijke woonbehoud van Housing First-projecten (80 %), maar verdient aandacht.

De resultaten van 2025 tonen opnieuw aan dat duurzame huisvesting met begeleiding op maat daklozen blijvend en structureel van de straat haalt."""
T[
    "usagers", "fr"
] = """Le projet Housing First du Smes s'adresse à des personnes sans-abri vivant en rue ou en hébergement d'urgence (ETHOS 1 et 2), présentant un cumul de problématiques psycho-médico-sociales, notamment des problèmes de santé mentale et d'assuétudes.

{tenants.by_funding.COCOM} personnes sont financées par la Cocom, {tenants.by_funding.SPP_IS} par le SPP Intégration sociale et {tenants.by_funding.SPF_TSI} par le SPF Santé publique (trajets de soins pour internés).

Il y a actuellement {tenants.by_sex.M} hommes et {tenants.by_sex.F} femmes accompagnées, soit {tenants.by_sex_pct.F} de femmes. Elles et ils ont de {tenants.age.min} à {tenants.age.max} ans ; l'âge moyen est de {tenants.age.mean} ans. Le temps de rue cumulé avant l'entrée dans le projet est estimé à {tenants.street_years_mean} ans."""
T[
    "usagers", "nl"
] = """{tenants.by_funding.COCOM} personen worden gefinancierd door de GGC, {tenants.by_funding.SPP_IS} door de POD Maatschappelijke Integratie en {tenants.by_funding.SPF_TSI} door de FOD Volksgezondheid (zorgtrajecten voor geïnterneerden).

Momenteel worden {tenants.by_sex.M} mannen en {tenants.by_sex.F} vrouwen begeleid, of {tenants.by_sex_pct.F} vrouwen. De gemiddelde leeftijd is {tenants.age.mean} jaar."""
T["reseaux", "fr"] = (
    """L'équipe d'accompagnement a réalisé un travail conséquent de lien avec le réseau et d'élargissement de ce réseau en dehors des rencontres avec les locataires. Les {network.partners} partenaires de réseau de l'année, par fonction :"""
)
T["reseaux", "nl"] = (
    """Het begeleidingsteam werkte intensief samen met het netwerk. De {network.partners} netwerkpartners van het jaar, per functie:"""
)
T[
    "accompagnements", "fr"
] = """Il ressort des données 2025 que les équipes ont réalisé {contacts.by_kind.HOME} visites à domicile, {contacts.by_kind.EXTERNAL} accompagnements vers l'extérieur et {contacts.by_kind.CONCERTATION} réunions de concertation, soit {contacts.meetings_total} rencontres.

Le nombre de contacts téléphoniques ({contacts.phone}) est stable et reste conséquent. Ces échanges complètent les visites et permettent parfois de les espacer progressivement, tout en rassurant la personne et en maintenant le lien.

Considérer les trajets revient à ajouter {contacts.mean_travel_min} en moyenne à chaque rendez-vous. Une part de {contacts.missed_pct} des visites programmées n'a pu avoir lieu en raison de l'absence du ou de la locataire."""
T[
    "demenagements", "fr"
] = """Il est prévu dans la méthodologie Housing First qu'une personne puisse avoir besoin de plusieurs logements successifs pour arriver à se stabiliser. La perte d'un appartement n'est pas vue comme un échec mais comme une source d'apprentissage.

Notons que le temps de travail conséquent que cela représente dépasse largement les ressources du 1 ETP « responsable logement » financé."""
T["formation", "fr"] = (
    """La directrice et un accompagnateur psycho-social du projet sont formateur·rice·s certifié·e·s en Housing First par le Housing First Europe Hub. Deux modules sont proposés en partenariat avec le Housing First Belgium Lab ; ils ont été donnés {training.sessions} fois en 2025 (soit {training.days} jours de formation)."""
)
T["resultats", "fr"] = """- Adéquation du public avec l'ordonnance et avec le modèle Housing First.
- Expertise de l'équipe sur les questions de sans-abrisme, santé mentale, addictions et logement.
- Pertinence des institutions du réseau mises en lien autour des locataires.
- Mise en lien du projet avec les autres opérateurs Housing First bruxellois, belges et européens."""
T["limites", "fr"] = """## Le sous-financement de la fonction logement

Le temps de travail de la fonction logement est limité à {team.fte_by_team.HOUSING} ETP, quel que soit le nombre de logements. Or, cette fonction doit gérer les aspects locatifs de {tenants.accompanied} personnes et de {housing.dwellings_total} logements.

## Les difficultés d'accès aux logements

L'accès à des logements pérennes, de qualité et dispersés dans la ville reste le nœud du projet et ne pourra pas s'améliorer de manière conséquente sans un soutien direct des pouvoirs publics."""
T["conventions", "fr"] = """Chaque convention de collaboration est évaluée chaque année avec le partenaire."""
T["qualite", "fr"] = (
    """Afin de répondre aux normes de qualité des services, une démarche d'évaluation qualitative est mise en place grâce à un programme quinquennal, évalué chaque année. Pour son programme 2025-2029, le service a choisi les objectifs suivants :"""
)
T[
    "rh", "fr"
] = """{team.support_fte_by_funder.SPP_IS} ETP sont financés par le subside du SPP Intégration sociale, {team.support_fte_by_funder.SPF_TSI} ETP par le SPF Santé publique et {team.support_fte_by_funder.COCOM} ETP par la COCOM.

L'équipe d'accompagnement est composée de deux sous-équipes : une équipe de suivi intensif de type ACT (*Assertive Community Treatment*) et une équipe de suivi de soutien de type ICM (*Intensive Case Management*).

Les équipes Housing First du Smes ont représenté jusqu'à **{team.people}** personnes différentes au cours de l'année 2025, en raison de plusieurs remplacements (écartement pour grossesse, congé de maternité, congé sans solde, maladie de longue durée)."""
T[
    "rh", "nl"
] = """{team.support_fte_by_funder.SPP_IS} VTE worden gefinancierd door de POD Maatschappelijke Integratie, {team.support_fte_by_funder.SPF_TSI} VTE door de FOD Volksgezondheid en {team.support_fte_by_funder.COCOM} VTE door de GGC.

De Housing First-teams van Smes telden in 2025 tot **{team.people}** verschillende personen, door meerdere vervangingen."""
T[
    "perspectives", "fr"
] = """Bien que les mises à disposition de logement soient freinées, nous poursuivons l'objectif des 100 personnes relogées et accompagnées, jalon de nombreux programmes Housing First dans le monde. Plus spécifiquement en 2026, nous espérons atteindre l'étape de 90 personnes accompagnées, tout en retrouvant un taux de maintien en logement de 90 %.

Pour lutter contre le contexte d'incertitude, l'accent sera mis sur le soutien aux équipes : formations, supervisions individuelles et collectives, immersions dans d'autres équipes et journées au vert."""
T["perspectives", "nl"] = (
    """Hoewel er minder woningen beschikbaar komen, blijven we streven naar 100 gehuisveste en begeleide personen. In 2026 hopen we 90 begeleide personen te bereiken en opnieuw een woonbehoud van 90 %."""
)

T[
    "methodes", "fr"
] = """Les méthodes mises en œuvre sont conformes au modèle Housing First et à l'Ordonnance du 14 juin 2018 relative à l'aide d'urgence et à l'insertion des personnes sans-abri.

## Mettre à disposition des logements publics et privés, individuels et à loyer modéré

Ils sont accessibles immédiatement depuis la rue ou les services d'urgence, sans condition de traitement ni d'abstinence, selon un bail illimité dans le temps. L'expulsion a lieu uniquement en cas de non-respect des règles standards de la location.

Ces logements et un accompagnement spécifique sont proposés à des personnes sans-abri vivant en rue ou en hébergement d'urgence (ETHOS 1 et 2), présentant un cumul de problématiques psycho-médico-sociales et sélectionnées via un réseau de partenaires. Ils sont également proposés aux personnes déjà accompagnées qui ont perdu leur logement.

## Accompagner les personnes

Deux équipes d'accompagnement pluridisciplinaires (ACT et ICM), une équipe logement et une équipe de gestion donnent accès à un accompagnement psychosocial, budgétaire, administratif, médical, psychologique, des consommations par une approche de réduction des risques, et au logement :

- l'accompagnement est potentiellement intensif, sur mesure, mobile et sur base volontaire ;
- le suivi est proposé aussi longtemps que nécessaire, même après une expulsion ;
- l'accompagnement psycho-médico-social est séparé des aspects liés au logement."""
T[
    "methodes", "nl"
] = """De methodes volgen het Housing First-model en de ordonnantie van 14 juni 2018 betreffende de noodhulp aan en de inschakeling van daklozen.

## Publieke en private, individuele woningen met een betaalbare huur ter beschikking stellen

Ze zijn meteen toegankelijk vanuit de straat of de noodopvang, zonder voorwaarde van behandeling of abstinentie, met een huurovereenkomst van onbepaalde duur. Uitzetting gebeurt enkel bij niet-naleving van de gewone huurregels.

Deze woningen en een specifieke begeleiding worden aangeboden aan daklozen die op straat of in de noodopvang leven (ETHOS 1 en 2), met meervoudige psycho-medisch-sociale problemen, geselecteerd via een netwerk van partners. Ze worden ook aangeboden aan reeds begeleide personen die hun woning verloren.

## De personen begeleiden

Twee multidisciplinaire begeleidingsteams (ACT en ICM), een huisvestingsteam en een beheersteam bieden psychosociale, budgettaire, administratieve, medische en psychologische begeleiding, begeleiding van het gebruik volgens schadebeperking, en woonbegeleiding:

- de begeleiding is mogelijk intensief, op maat, mobiel en vrijwillig;
- de opvolging duurt zo lang als nodig, ook na een uitzetting;
- de psycho-medisch-sociale begeleiding staat los van de huisvesting."""
T["problematiques", "fr"] = (
    """Les symptômes le plus souvent rencontrés sont la dépression majeure, la paranoïa et les hallucinations et délires. Les troubles cognitifs restent fort présents ; leur prévalence peut être associée au partenariat avec les maisons de repos, dont le public est plus âgé."""
)
T["problematiques", "nl"] = (
    """De meest voorkomende symptomen zijn zware depressie, paranoia, hallucinaties en wanen. Cognitieve stoornissen blijven sterk aanwezig; dat hangt mogelijk samen met het partnerschap met woonzorgcentra, waarvan het publiek ouder is."""
)
T[
    "rdr", "fr"
] = """Les programmes Housing First accompagnent des usager·ère·s de drogues actif·ve·s, selon la méthodologie de la réduction des risques. Le projet est partenaire de l'asbl Modus Vivendi et commande chaque année du matériel adapté aux consommations du public.

La distribution de matériel se couple toujours d'une discussion plus générale sur la consommation et d'une mise en réseau avec les institutions spécialisées."""
T[
    "rdr", "nl"
] = """Housing First-programma's begeleiden actieve druggebruikers volgens de methodologie van schadebeperking. Het project werkt samen met vzw Modus Vivendi en bestelt elk jaar materiaal dat past bij het gebruik van het publiek.

De verdeling van materiaal gaat altijd samen met een breder gesprek over het gebruik en met doorverwijzing naar gespecialiseerde diensten."""
T[
    "accompagnements", "nl"
] = """Uit de gegevens van 2025 blijkt dat de teams {contacts.by_kind.HOME} huisbezoeken, {contacts.by_kind.EXTERNAL} begeleidingen naar buiten en {contacts.by_kind.CONCERTATION} overlegvergaderingen hebben gedaan, of {contacts.meetings_total} ontmoetingen.

Het aantal telefonische contacten ({contacts.phone}) blijft groot. Die gesprekken vullen de bezoeken aan en laten soms toe ze geleidelijk te spreiden, terwijl ze de persoon geruststellen en het contact behouden.

De verplaatsingen voegen gemiddeld {contacts.mean_travel_min} toe aan elke afspraak. {contacts.missed_pct} van de geplande bezoeken kon niet doorgaan omdat de huurder afwezig was."""
T[
    "demenagements", "nl"
] = """De Housing First-methodologie voorziet dat iemand verschillende opeenvolgende woningen nodig kan hebben om stabiel te worden. Het verlies van een appartement wordt niet gezien als een mislukking, maar als een leerkans.

De aanzienlijke werktijd die dat vraagt, gaat ruim boven de middelen van de ene gefinancierde VTE « huisvestingsverantwoordelijke »."""
T["formation", "nl"] = (
    """De directrice en een psychosociaal begeleider van het project zijn door de Housing First Europe Hub gecertificeerde Housing First-opleiders. Twee modules worden aangeboden samen met het Housing First Belgium Lab; ze werden in 2025 {training.sessions} keer gegeven ({training.days} opleidingsdagen)."""
)
T["resultats", "nl"] = """- Het publiek beantwoordt aan de ordonnantie en aan het Housing First-model.
- Expertise van het team inzake dakloosheid, geestelijke gezondheid, verslaving en huisvesting.
- Relevantie van de netwerkpartners rond de huurders.
- Samenwerking met de andere Housing First-projecten in Brussel, België en Europa."""
T["limites", "nl"] = """## De onderfinanciering van de huisvestingsfunctie

De huisvestingsfunctie is beperkt tot {team.fte_by_team.HOUSING} VTE, ongeacht het aantal woningen. Ze beheert nochtans de huuraspecten van {tenants.accompanied} personen en {housing.dwellings_total} woningen.

## De moeilijke toegang tot woningen

De toegang tot duurzame, kwaliteitsvolle en over de stad verspreide woningen blijft de kern van het project en kan niet wezenlijk verbeteren zonder rechtstreekse steun van de overheid."""
T["conventions", "nl"] = """Elke samenwerkingsovereenkomst wordt jaarlijks met de partner geëvalueerd."""
T["qualite", "nl"] = (
    """Om aan de kwaliteitsnormen te voldoen, loopt een vijfjarig kwaliteitsprogramma dat elk jaar wordt geëvalueerd. Voor het programma 2025-2029 koos de dienst de volgende doelstellingen:"""
)

QUALITY = [
    ("Personnel", "Améliorer la communication entre les travailleurs et la direction du service"),
    ("Personnel", "Promouvoir le bien-être des travailleurs"),
    ("Qualité des services", "Améliorer l'accompagnement des usagers"),
    ("Qualité des services", "Répondre aux besoins de publics spécifiques"),
]
EVALUATIONS = [
    "Collaboration régulière et satisfaisante ; convention reconduite.",
    "Réunions trimestrielles tenues ; quelques délais dans les attributions.",
    "Partenariat solide ; à élargir à de nouveaux logements.",
]


def write_chapter(today: dt.date) -> dict[str, int]:
    direction = User.objects.filter(username="direction").first()
    for username, first, last, role in REPLACEMENTS:
        user = user_create(username=username, roles=[role], first_name=first, last_name=last)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in PERIODS])}
    periods = [
        EmploymentPeriod(
            user=users[username], start=start, end=end, fte=Decimal(fte), function=function, team=team, funder=funder
        )
        for username, start, end, fte, function, team, funder in PERIODS
        if username in users
    ]
    EmploymentPeriod.objects.bulk_create(periods)
    NetworkPartner.objects.bulk_create(
        [
            NetworkPartner(name=name, function=function, first_year=2018)
            for function, names in NETWORK.items()
            for name in names
        ]
    )
    conventions = list(Convention.objects.order_by("signed_on", "title"))
    ConventionEvaluation.objects.bulk_create(
        [
            ConventionEvaluation(convention=c, year=YEAR, text=EVALUATIONS[i % len(EVALUATIONS)])
            for i, c in enumerate(conventions)
            if c.signed_on.year <= YEAR
        ]
    )
    Training.objects.bulk_create(
        [
            Training(
                year=YEAR, title="Module 1 : principes du Housing First", audience="public élargi", sessions=1, days=3
            ),
            Training(
                year=YEAR,
                title="Module 2 : techniques d'accompagnement",
                audience="travailleur·euse·s HF",
                sessions=1,
                days=3,
            ),
        ]
    )
    QualityObjective.objects.bulk_create(
        [QualityObjective(first_year=2025, last_year=2029, general=g, specific=s) for g, s in QUALITY]
    )
    Target.objects.bulk_create(
        [
            Target(year=today.year, key="tenants.accompanied", value=90),
            Target(year=today.year, key="housing.retention_pct", value=90),
            Target(year=today.year, key="moves.first_entries", value=8),
        ]
    )
    for (section, language), body in T.items():
        text = ChapterText(year=YEAR, section=section, language=language, body=body, updated_by=direction)
        text._history_user = direction
        text.save()
    return {"textes du chapitre": len(T), "périodes d'emploi": len(periods)}
