"""The words both plans draw from: names, streets, partners, notes, and the
proportions of the scale plan.

Names are common Belgian first and last names, paired at random: nobody in
the sample data is a real person. Streets are ordinary Brussels street names
with made-up house numbers.

The published-2025 team (sampledata.demo) uses the long lists; the scale
plan (sampledata.scale) its own short lists and proportions at the end of
this module (taken from the team's 2025 report and the shared sample data,
rounded). They stay apart on purpose: each plan's records are pinned
(the demo by the published chapter, the benchmark by its recorded runs), and
a list changed under one plan would change every record drawn after it.
"""

from sampledata.rand import Weighted

# fmt: off
FIRST_NAMES_M = [
    "Abdel", "Ahmed", "Alain", "André", "Bart", "Benoît", "Bernard", "Bruno", "Christophe", "Claude",
    "Daniel", "David", "Didier", "Dirk", "Eric", "Fabrice", "Filip", "Francis", "Frank", "Geert",
    "Georges", "Gilbert", "Guy", "Hamid", "Hans", "Jacques", "Jan", "Jean", "Jean-Marc", "Jean-Pierre",
    "Johan", "José", "Karim", "Kevin", "Koen", "Laurent", "Luc", "Marc", "Mario", "Michel",
    "Mohamed", "Mustafa", "Nicolas", "Olivier", "Omar", "Pascal", "Patrick", "Paul", "Philippe", "Pierre",
    "Rachid", "Raymond", "René", "Robert", "Roger", "Saïd", "Serge", "Stefan", "Sven", "Thierry",
    "Tom", "Vincent", "Wim", "Yves", "Youssef", "Zoran", "Piotr", "Ion", "Mamadou", "Dries",
]
FIRST_NAMES_F = [
    "Aicha", "Anne", "Annick", "Béatrice", "Brigitte", "Carine", "Catherine", "Chantal", "Christine", "Claudine",
    "Danielle", "Els", "Fatima", "Françoise", "Ghislaine", "Hilde", "Isabelle", "Josiane", "Karima", "Katrien",
    "Linda", "Malika", "Marie", "Martine", "Monique", "Myriam", "Nadia", "Nathalie", "Patricia", "Rita",
    "Sandra", "Sabine", "Samira", "Sofie", "Sylvie", "Valérie", "Véronique", "Yasmina", "Agnieszka", "Fanny",
]
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Leclercq", "Dumont", "Lejeune", "Renard",
    "Hermans", "Michiels", "Lemmens", "Aerts", "Vermeulen", "Van Damme", "De Backer", "Coppens", "Pauwels", "Segers",
    "Mahieu", "Collard", "Denis", "Gérard", "Noël", "François", "Lecomte", "Masson", "Charlier", "Deprez",
    "El Idrissi", "Bennani", "Bouzid", "Amrani", "Haddouch", "Ait Ahmed", "Diallo", "Kabongo", "Mukendi", "Nowak",
    "Kowalski", "Popescu", "Ferreira", "Da Silva", "Russo", "Garcia", "Yilmaz", "Demir", "Van den Broeck", "Verstraeten",
    "Hendrickx", "Smets", "Thys", "Bogaert", "Baert", "Cools", "Leroy", "Gilson", "Piron", "Wauters",
    "Stevens", "Verhoeven", "Dewulf", "Vandenberghe", "Leemans", "Jansen", "Declercq", "Maertens", "Van Hoof", "Geerts",
    "Rousseau", "Fontaine", "Mathieu", "Marchal", "Henry", "Bernard", "Lefebvre", "Wilmet", "Delvaux", "Bastin",
    "Ouali", "Cherif", "Tahiri", "Bakkali", "Zaoui", "Mansouri", "Kaya", "Ozturk", "Sahin", "Celik",
    "Ilunga", "Tshibanda", "Lukusa", "Ndiaye", "Traoré", "Wiśniewska", "Lewandowski", "Ionescu", "Dumitru", "Santos",
    "Pereira", "Costa", "Romano", "Esposito", "Martinez", "Lopez", "Fernandes", "Schmitz", "Muller", "Hoffmann",
]

# The team's extra members (besides the demo accounts): support workers who
# appear on visits and scores. They hold the Support role but cannot log in.
TEAM_MEMBERS = [
    # username, first name, last name, team
    ("s.vermeulen", "Sarah", "Vermeulen", "ACT"),
    ("k.benali", "Karim", "Benali", "ACT"),
    ("j.claes", "Julie", "Claes", "ACT"),
    ("t.maes", "Thomas", "Maes", "ICM"),
    ("i.dubois", "Inès", "Dubois", "ICM"),
    ("p.goossens", "Pieter", "Goossens", "ICM"),
]

REFERRERS = [
    ("DIOGENES", 16), ("New Samusocial", 12), ("Pierre d'Angle", 8), ("Ariane", 6), ("La Gerbe", 6),
    ("Transit", 6), ("Projet Lama", 6), ("CPAS de Bruxelles", 5), ("CPAS de Schaerbeek", 3),
    ("CPAS d'Anderlecht", 3), ("Infirmiers de Rue", 3),
]
# fmt: on
TSI_REFERRER = "Équipe mobile TSI (Eolia / Sila)"

# commune -> (postcode, streets)
STREETS = {
    "Anderlecht": ("1070", ["Rue Wayez", "Chaussée de Mons", "Rue de Birmingham", "Avenue Clemenceau", "Rue Eloy"]),
    "Auderghem": ("1160", ["Chaussée de Wavre", "Avenue des Paradisiers", "Rue Jacques Bassem"]),
    "Berchem-Sainte-Agathe": ("1082", ["Rue de Grand-Bigard", "Avenue du Roi Albert", "Rue des Alcyons"]),
    "Bruxelles": ("1000", ["Rue Haute", "Rue Blaes", "Rue des Tanneurs", "Boulevard d'Anvers", "Rue de Laeken"]),
    "Etterbeek": ("1040", ["Avenue d'Auderghem", "Rue des Champs", "Chaussée de Wavre", "Rue de Tervaete"]),
    "Evere": ("1140", ["Rue Saint-Vincent", "Avenue Henri Conscience", "Rue de Genève", "Square Hoedemaekers"]),
    "Forest": ("1190", ["Chaussée de Neerstalle", "Rue du Croissant", "Avenue Van Volxem", "Rue de Mérode"]),
    "Ganshoren": ("1083", ["Avenue de la Réforme", "Rue Zeecrabbe", "Avenue Van Overbeke"]),
    "Ixelles": ("1050", ["Rue Malibran", "Chaussée de Boondael", "Rue Gray", "Rue du Viaduc"]),
    "Jette": ("1090", ["Rue Léopold Ier", "Avenue de Jette", "Rue Bonaventure", "Rue Dansette"]),
    "Koekelberg": ("1081", ["Rue Herkoliers", "Chaussée de Gand", "Rue Jules Besme"]),
    "Molenbeek-Saint-Jean": (
        "1080",
        ["Chaussée de Gand", "Rue de Ribaucourt", "Boulevard du Jubilé", "Rue Vandermaelen"],
    ),
    "Saint-Gilles": ("1060", ["Rue de la Victoire", "Chaussée de Forest", "Rue Théodore Verhaegen", "Rue de Danemark"]),
    "Saint-Josse-ten-Noode": ("1210", ["Rue de la Poste", "Rue Verte", "Chaussée de Louvain", "Rue Saint-François"]),
    "Schaerbeek": ("1030", ["Rue Josaphat", "Avenue Rogier", "Chaussée de Haecht", "Rue Gallait", "Rue Navez"]),
    "Uccle": ("1180", ["Chaussée d'Alsemberg", "Rue Vanderkindere", "Avenue De Fré", "Rue Beeckman"]),
    "Watermael-Boitsfort": ("1170", ["Avenue de la Héronnière", "Rue du Loutrier", "Avenue Delleur"]),
    "Woluwe-Saint-Lambert": ("1200", ["Avenue Georges Henri", "Rue Voot", "Avenue Paul Hymans", "Rue Vandenhoven"]),
    "Woluwe-Saint-Pierre": ("1150", ["Avenue de Tervueren", "Rue au Bois", "Avenue Jules César"]),
}
# Districts of the City of Brussels that the team names apart.
BRUXELLES_DISTRICTS = {
    "Neder-Over-Heembeek": ("1120", ["Rue de Heembeek", "Rue François Vekemans", "Rue Bruyn"]),
    "Haren": ("1130", ["Rue de Verdun", "Rue Cortenbach", "Chaussée de Haecht"]),
    "Laeken": ("1020", ["Rue Marie-Christine", "Avenue de la Reine", "Rue Fransman"]),
}

NURSING_HOMES = [
    ("Résidence Les Glycines", "Watermael-Boitsfort"),
    ("Maison de repos Senior Montessori", "Uccle"),
    ("Résidence Le Jardin", "Etterbeek"),
    ("Home Sainte-Anne", "Ganshoren"),
    ("Résidence Parc Jette", "Jette"),
    ("Maison de repos Le Tilleul", "Ixelles"),
]

# Visit notes: short, synthetic and non-identifying.
NOTES = {
    "DAILY": [
        "Visite calme, courses faites ensemble.",
        "Rangement de la cuisine, sortie des poubelles.",
        "Repas préparé ensemble ; frigo réapprovisionné.",
        "Aide au tri du linge, lessive lancée.",
        "Logement plus en ordre que la dernière fois.",
        "Discussion sur le rythme de sommeil ; se lève plus tôt.",
    ],
    "ADMIN_JUSTICE": [
        "Courrier trié ensemble ; deux factures à payer.",
        "Rendez-vous au CPAS préparé, documents réunis.",
        "Renouvellement de la carte d'identité en cours.",
        "Convocation au tribunal relue et expliquée.",
        "Plan de paiement proposé au fournisseur d'énergie.",
        "Dossier DG Personnes handicapées complété.",
    ],
    "HOUSING": [
        "Fuite sous l'évier signalée au propriétaire.",
        "Médiation avec un voisin au sujet du bruit.",
        "Loyer payé ; ordre permanent vérifié.",
        "Visite de l'état des lieux avec l'équipe logement.",
        "Installation d'une armoire avec le SIL.",
        "Le chauffage fonctionne à nouveau.",
    ],
    "MEDICAL": [
        "Accompagnement chez le médecin traitant.",
        "Rendez-vous chez le dentiste, prochain dans un mois.",
        "Pilulier préparé pour la semaine.",
        "Prise de sang faite à la maison médicale.",
        "Suivi de la plaie à la jambe, pansement refait.",
    ],
    "NETWORK": [
        "Présentation à l'assistante sociale du CPAS.",
        "Lien fait avec le service d'aide à domicile.",
        "Contact repris avec la maison médicale du quartier.",
        "Réunion avec l'administrateur de biens.",
    ],
    "PSY": [
        "Humeur plus basse ; évoque des idées noires, à suivre.",
        "Rendez-vous au SSM confirmé.",
        "Parle de son passé en rue, échange apaisé.",
        "Anxieux·se à l'approche de l'hiver.",
    ],
    "CONSUMPTION": [
        "Parle de sa consommation, souhaite diminuer.",
        "Matériel RdR remis, conseils d'usage rappelés.",
        "Période de consommation plus forte, reste joignable.",
    ],
    "CRISIS": [
        "Crise d'angoisse ; visite prolongée, apaisement.",
        "Conflit avec un proche, logement sécurisé.",
        "Passage aux urgences avec le ou la locataire.",
    ],
}
ABSENT_NOTES = [
    "Pas de réponse à la porte, mot laissé.",
    "Absent·e au rendez-vous ; rappel par téléphone.",
    "Personne au domicile, passage au parc habituel sans succès.",
]
IMPORTANT_NOTES = [
    "Chien au domicile — prévenir avant la visite.",
    "Préfère les visites l'après-midi.",
    "Frapper deux fois, la sonnette ne fonctionne pas.",
    "Ne pas laisser de courrier visible : conflit avec un ex-conjoint.",
    "Administrateur de biens : paiements du loyer par ordre permanent.",
    "Malentendant·e — parler en face.",
    "Craint les ascenseurs : rendez-vous au rez-de-chaussée.",
    "Chat au domicile.",
]


# Every Brussels postcode of the lists above, by commune.
POSTCODES = {commune: postcode for commune, (postcode, _streets) in STREETS.items()}

# --- the scale plan (sampledata.scale) ---------------------------------------
SCALE_LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Simon",
    "Laurent",
    "Leclercq",
    "Renard",
    "Hermans",
    "Michel",
    "El Amrani",
    "Benali",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Diallo",
    "Ferreira",
    "Rossi",
    "Yilmaz",
    "Haddad",
]
SCALE_FIRST_NAMES = [
    "Jean",
    "Marc",
    "Luc",
    "Ahmed",
    "Mohamed",
    "Piotr",
    "Ion",
    "Karim",
    "Patrick",
    "Didier",
    "Marie",
    "Sophie",
    "Fatima",
    "Nadia",
    "Anne",
    "Aïcha",
    "Zoé",
    "Lea",
    "Camille",
    "Alex",
]
SCALE_REFERRERS = [
    "DIOGENES",
    "Pierre d'Angle",
    "CPAS de Bruxelles",
    "Samusocial",
    "Infirmiers de rue",
    "La Fontaine",
    "",
]
SCALE_PARTNERS = [
    ("Foyer Schaerbeekois", "SISP"),
    ("Logement Molenbeekois", "SISP"),
    ("Foyer Anderlechtois", "SISP"),
    ("AIS Saint-Josse", "AIS"),
    ("AIS Quartiers", "AIS"),
    ("AIS Baita", "AIS"),
    ("Logement pour tous", "AIS"),
    ("CPAS d'Ixelles", "CPAS"),
    ("Fonds du logement", "HOUSING_FUND"),
    ("Maison de repos Les Tilleuls", "NURSING_HOME"),
    ("Propriétaire privé", "PRIVATE"),
    ("ISSUE / 3 Pommiers", "TEMPORARY_OCCUPATION"),
    ("Communa", "TEMPORARY_OCCUPATION"),
]
SCALE_STREETS = ["Rue Haute", "Rue Lambert", "Avenue Louise", "Chaussée de Gand", "Rue du Progrès", "Rue Brogniez"]


SEX = Weighted([("M", 74), ("F", 24), ("X", 2)])
FUNDING = Weighted([("COCOM", 70), ("SPP_IS", 20), ("SPF_TSI", 10)])
END_REASON = Weighted([("DECEASED", 40), ("NO_LONGER_NEEDED", 25), ("TRANSFERRED", 20), ("OTHER", 15)])
INCOME = Weighted(
    [("RIS", 40), ("DGPH", 25), ("MUTUALITY", 20), ("PENSION", 7), ("UNEMPLOYMENT", 3), ("SALARY", 2), ("NONE", 3)]
)
VISIT_KIND = Weighted([("HOME", 55), ("EXTERNAL", 15), ("CONCERTATION", 10), ("PHONE", 20)])
VISIT_STATUS = Weighted([("DONE", 86), ("ABSENT", 8), ("CANCELLED", 5), ("PLANNED", 1)])
LEASE_KIND = Weighted([("STANDARD", 45), ("SLIDING", 30), ("TRANSIT", 10), ("PRECARIOUS", 10), ("NURSING_HOME", 5)])
EXIT_TO = Weighted([("STREET", 40), ("INSTITUTION", 40), ("OTHER", 20)])
MOTIVE_INDEX = Weighted(
    [(i, w) for i, w in enumerate([30, 20, 15, 12, 10, 8, 4, 1])]  # DAILY … CRISIS, in MOTIVE_FIELDS order
)
DURATION = {"HOME": (30, 90), "EXTERNAL": (60, 240), "CONCERTATION": (45, 120), "PHONE": (5, 20)}
