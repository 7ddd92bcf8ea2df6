"""What the synthetic records are made of: short fixed lists of synthetic
names and places, and the proportions the generator draws from (taken from
the team's 2025 report and the shared sample data, rounded)."""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

LAST_NAMES = [
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
FIRST_NAMES = [
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
REFERRERS = ["DIOGENES", "Pierre d'Angle", "CPAS de Bruxelles", "Samusocial", "Infirmiers de rue", "La Fontaine", ""]
PARTNERS = [
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
POSTCODES = {
    "Anderlecht": "1070",
    "Auderghem": "1160",
    "Berchem-Sainte-Agathe": "1082",
    "Bruxelles": "1000",
    "Etterbeek": "1040",
    "Evere": "1140",
    "Forest": "1190",
    "Ganshoren": "1083",
    "Ixelles": "1050",
    "Jette": "1090",
    "Koekelberg": "1081",
    "Molenbeek-Saint-Jean": "1080",
    "Saint-Gilles": "1060",
    "Saint-Josse-ten-Noode": "1210",
    "Schaerbeek": "1030",
    "Uccle": "1180",
    "Watermael-Boitsfort": "1170",
    "Woluwe-Saint-Lambert": "1200",
    "Woluwe-Saint-Pierre": "1150",
}
STREETS = ["Rue Haute", "Rue Lambert", "Avenue Louise", "Chaussée de Gand", "Rue du Progrès", "Rue Brogniez"]


class Weighted:
    """Fast weighted choice: one random() and a bisect."""

    def __init__(self, pairs):
        self.values = [v for v, _ in pairs]
        self.cumulative = list(accumulate(w for _, w in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.total)]


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
