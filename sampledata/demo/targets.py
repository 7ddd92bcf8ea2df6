"""What the demo must show: the team's published 2025 figures (and the
earlier years the 2025 chapter quotes), where the application's definitions
(docs/report.md) agree with the hand-made report.

The GAF table is demo content committed in fixtures/demo_2025_gaf.csv, so
the demo works on a fresh clone without the reference text.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

YEAR = 2025
GAF_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo_2025_gaf.csv"


@dataclass(frozen=True)
class GafRow:
    n: int
    entry: int
    current: int | None  # None: deceased in 2025 (the report prints "Décédé·e")
    deceased: bool


def gaf_rows() -> list[GafRow]:
    with GAF_FIXTURE.open(encoding="utf-8") as fh:
        return [
            GafRow(int(r["n"]), int(r["entry"]), int(r["current"]) if r["current"] else None, r["deceased"] == "1")
            for r in csv.DictReader(fh)
        ]


ACCOMPANIED = {2024: 87, 2025: 86}
SEX = {"M": 55, "F": 31}
FUNDING = {"COCOM": 76, "SPP_IS": 6, "SPF_TSI": 4}
AGE_MIN, AGE_MAX, AGE_MEAN = 25, 73, 50.0
STREET_YEARS_MEAN = 5.0

# Incomes overlapping the year, per source (2024 from the report's deltas).
INCOMES = {
    2025: {"RIS": 46, "DGPH": 18, "MUTUALITY": 16, "PENSION": 4, "UNEMPLOYMENT": 2, "NONE": 2, "SALARY": 3},
    2024: {"RIS": 48, "DGPH": 16, "MUTUALITY": 17, "PENSION": 5, "UNEMPLOYMENT": 3, "NONE": 1, "SALARY": 3},
}

# Mental health (% of the assessed) and consumption (counts) by year.
MENTAL_HEALTH_PCT = {
    2025: {"depression": 71, "paranoia": 43, "hallucinations": 41, "aggression": 17, "cognitive": 40},
    2024: {"depression": 87, "paranoia": 44, "hallucinations": 30, "aggression": 17, "cognitive": 44},
    2023: {"depression": 82, "paranoia": 49, "hallucinations": 27, "aggression": 20, "cognitive": 48},
    2022: {"depression": 88, "paranoia": 44, "hallucinations": 22, "aggression": 34, "cognitive": 54},
    2021: {"depression": 65, "paranoia": 51, "hallucinations": 27, "aggression": 28, "cognitive": 35},
    2020: {"depression": 66, "paranoia": 61, "hallucinations": 27, "aggression": 32, "cognitive": 36},
}
# one / two / three_plus products; abstinent is the rest of the assessed.
CONSUMPTION = {
    2025: (34, 28, 16),
    2024: (26, 26, 24),
    2023: (20, 26, 20),
    2022: (19, 26, 13),
    2021: (13, 15, 16),
    2020: (13, 22, 14),
}
CRACK = {2025: 26, 2024: 33, 2023: 27, 2022: 23, 2021: 12, 2020: 13}
INJECTION = {2025: 2, 2024: 4, 2023: 5, 2022: 5, 2021: 6, 2020: 7}
OVERDOSE = {2025: 2, 2024: 3, 2023: 2, 2022: 4, 2021: 3, 2020: 3}

# GAF: mean current score of living tenants, as the earlier reports give it.
GAF_CURRENT_MEAN = {2024: 56, 2023: 55, 2022: 50, 2021: 51, 2020: 48}

# Contacts. DONE meetings per year; 2025 is exact by kind, 2024 exact in total.
MEETINGS_2025 = {"HOME": 1760, "EXTERNAL": 532, "CONCERTATION": 39}
MEETINGS_TOTAL = {2020: 2210, 2021: 2350, 2022: 2460, 2023: 2520, 2024: 2534, 2025: 2331}
PHONE = {2020: 1650, 2021: 1780, 2022: 1890, 2023: 1960, 2024: 2008, 2025: 2014}
MISSED_PCT = {2020: 24, 2021: 25, 2022: 26, 2023: 27, 2024: 29, 2025: 33}
MEAN_DURATION = {"HOME": 50.0, "EXTERNAL": 85.0, "CONCERTATION": 70.0}
MEAN_TRAVEL = 37.0
MAX_IN_MONTH = 7
MOTIVES_2025 = {
    "DAILY": 2292,
    "ADMIN_JUSTICE": 1520,
    "HOUSING": 1508,
    "MEDICAL": 728,
    "NETWORK": 629,
    "PSY": 266,
    "CONSUMPTION": 255,
    "CRISIS": 196,
}

# Moves and housing.
MOVES_2025 = {"first_entries": 5, "re_entries": 0, "transfers": 3, "STREET": 5, "INSTITUTION": 4, "DEATH": 3}
RETENTION = {2025: 86, 2024: 90}
SLIDING_LEASES = 7

# Harm-reduction material distributed in 2025 (report tables), by catalogue code.
RDR_2025 = {
    "BD": 128, "H2O": 331, "STERICUP": 130, "ASCORB": 115, "GARROT": 6, "STERET": 290, "CONTAINER": 5,
    "TAMPON": 30, "ASD": 73, "KB": 227, "GEX": 541, "EMBOUT": 345, "LAME": 10, "CROPEUR": 115,
    "BICARB": 68, "SYRISPOON": 113, "ALU": 683, "PAILLE": 29, "PRESERV": 33, "LUBRIF": 21,
    "LINGETTE": 163, "LINGINT": 112, "HYDRAMYL": 126,
}  # fmt: skip
# "Globalement en augmentation par rapport à 2024": earlier years as a share of 2025.
RDR_SHARE = {2020: 0.55, 2021: 0.62, 2022: 0.7, 2023: 0.78, 2024: 0.88}
