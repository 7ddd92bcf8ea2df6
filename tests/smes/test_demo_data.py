"""The demo data set (`manage.py demo_data`): its 2025 reproduces the
published 2025 chapter (its figures: tests/data/published-2025.txt)
wherever the application's definitions agree, and every record obeys the
rules the application enforces on its own writes.

The demo is generated once for the module (about five seconds) inside a
transaction that is rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction

from harmreduction.models import Item, Movement
from harmreduction.selectors import negative_balances
from housing.models import Dwelling, Lease, Move, Stay
from housing.services import Step, first_overflow, sequence_breach, stay_intervals
from sampledata.demo import demo_generate, people
from sampledata.demo import targets as T
from tenants.models import Assessment, GafScore, Income, Tenant, Visit
from tests.conftest import DATA_DIR

# The passages of the published chapter that carry the figures checked here.
REFERENCE = DATA_DIR / "published-2025.txt"
# Every test, even one reading only the report JSON, needs the test database set up.
pytestmark = pytest.mark.django_db

# The report's partner lines, as the demo names those partners.
PARTNER_NAMES = {
    "le Foyer Schaerbeekois": "Foyer Schaerbeekois",
    "le Logement Molenbeekois": "Logement Molenbeekois",
    "le Foyer Anderlechtois": "Foyer Anderlechtois",
    "l'Agence Immobilière Sociale Anderlecht-Cureghem": "AIS Anderlecht-Cureghem",
    "l'Agence Immobilière Sociale de Forest": "AIS de Forest",
    "l'Agence Immobilière Sociale de Molenbeek (MAIS)": "MAIS (AIS de Molenbeek)",
    "l'Agence Immobilière Sociale de Saint-Gilles": "AIS de Saint-Gilles",
    "l'Agence Immobilière Sociale de Saint-Josse": "AIS de Saint-Josse",
    "l'Agence Immobilière Sociale Delta": "AIS Delta",
    "l'Agence Immobilière Sociale d'Uccle": "AIS d'Uccle",
    "l'Agence Immobilière Sociale BAITA": "AIS BAITA",
    "l'Agence Immobilière Sociale Logement pour Tous": "AIS Logement pour Tous",
    "L'Agence Immobilière Sociale Le Relais": "AIS Le Relais",
    "le CPAS de Woluwé et Habitation Moderne": "CPAS de Woluwe-Saint-Lambert / Habitation Moderne",
    "le Fonds du logement": "Fonds du logement",
    "ISSUE / 3 Pommiers": "ISSUE / 3 Pommiers",
    "ISSUE / Dubruck": "ISSUE / Dubruck",
    "ISSUE / Log'Iris": "ISSUE / Log'Iris",
    "Everecity/Sorocité": "Everecity / Sorocité",
    "EHPAD et autres maisons de repos": "EHPAD et maisons de repos",
}
# The report's material names -> catalogue codes (harmreduction migration 0003).
MATERIAL_CODES = {
    "BD (normales)": "BD", "H2O": "H2O", "Stericup N et MAXI": "STERICUP", "Acide ascorbique": "ASCORB",
    "Garrot": "GARROT", "Sterets": "STERET", "Container": "CONTAINER", "Tampon sec": "TAMPON",
    "ASD (droites)": "ASD", "KB+ (coudées)": "KB", "Gex (inox)": "GEX", "Embouts PVC (transp.)": "EMBOUT",
    "Lames / couteaux": "LAME", "Cropeur": "CROPEUR", "Bicarbonate (sachet)": "BICARB", "Syrispoon": "SYRISPOON",
    "Aluminium": "ALU", "Préservatifs": "PRESERV", "Lubrifiant": "LUBRIF", "Lingettes nettoyantes": "LINGETTE",
    "Lingettes intimes": "LINGINT", "Hydramyl": "HYDRAMYL",
}  # fmt: skip


# --- the reference text ----------------------------------------------------
@pytest.fixture(scope="module")
def report_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def number(text: str, pattern: str) -> int:
    match = re.search(pattern, text)
    assert match, f"not found in the reference text: {pattern}"
    return int(match.group(1))


def parse_gaf_table(text: str) -> dict[int, tuple[int, int | None]]:
    """Row -> (entry, current or None for "Décédé·e")."""
    block = text[text.index("Locat- aire") : text.index("Moyenne lors")]
    rows = {}
    for line in block.splitlines()[1:]:
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        for i in range(0, len(cells), 3):
            n, entry, current = cells[i : i + 3]
            rows[int(n)] = (int(entry), int(current) if current.isdigit() else None)
    return rows


def parse_partners(text: str) -> dict[str, int]:
    block = text[text.index("LES PARTENAIRES LOGEMENTS") : text.index("Certains logements")]
    out = {}
    for name, n in re.findall(r"^- (.+?) : (\d+) logements?\b", block, flags=re.M):
        out[PARTNER_NAMES[name]] = int(n)
    return out


def parse_material(text: str) -> dict[str, int]:
    block = text[text.index("Matériel d'injection\tQt") : text.index("La distribution de matériel se couple")]
    out = {}
    for line in block.splitlines():
        name, _, qty = line.partition("\t")
        if name.strip() in MATERIAL_CODES:
            out[MATERIAL_CODES[name.strip()]] = int(qty)
    out["PAILLE"] = number(block, r"Matériel de sniff : (\d+)")
    return out


# --- the demo, once for the module ---------------------------------------
TODAY = dt.date.today()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            counts = demo_generate(today=TODAY)
            yield counts
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def report(demo, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("annual_report", "--year", "2025", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def report_2024(demo, django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("annual_report", "--year", "2024", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


# --- 2025 as published ----------------------------------------------------
def test_it_reproduces_the_gaf_table_row_by_row(report, report_text):
    published = parse_gaf_table(report_text)
    assert len(published) == 86
    rows = report["gaf"]["rows"]
    assert [r["n"] for r in rows] == list(range(1, 87))
    for row in rows:
        entry, current = published[row["n"]]
        assert row["entry"] == entry, row
        assert row["deceased"] is (current is None), row
        if current is not None:
            assert row["current"] == current, row
        else:
            assert row["current"] is not None, "a deceased tenant keeps the last score before death"
    # The spec's correction of the printed mean (49 = sum / 86).
    assert report["gaf"]["current_mean"] == 51.3
    assert report["gaf"]["current_n"] == 83
    assert report["gaf"]["improvement_mean"] == 12.4
    assert round(report["gaf"]["entry_mean"]) == number(report_text, r"Moyenne lors de l'entrée en logement : (\d+)")


def test_it_has_the_published_population(report, report_text):
    tenants = report["tenants"]
    assert tenants["accompanied"] == number(report_text, r"(\d+) personnes ont été accompagnées par le projet")
    funding = re.search(
        r"(\d+) financées par la Cocom, (\d+) par le SPP-Intégration Sociale et (\d+) par le SPF", report_text
    )
    assert tenants["by_funding"] == {"COCOM": int(funding[1]), "SPP_IS": int(funding[2]), "SPF_TSI": int(funding[3])}
    assert tenants["by_sex"] == {"M": 55, "F": 31, "X": 0}  # "cinquante-cinq hommes et trente-et-une femmes"
    women = number(report_text, r"soit (\d+)% de femmes")
    assert round(tenants["by_sex"]["F"] / tenants["accompanied"] * 100) == women
    ages = re.search(r"de (\d+) à (\d+) ans ; l'âge moyen étant de (\d+) ans", report_text)
    assert (tenants["age"]["min"], tenants["age"]["max"]) == (int(ages[1]), int(ages[2]))
    assert round(tenants["age"]["mean"]) == int(ages[3])
    assert round(tenants["street_years_mean"]) == number(report_text, r"Le temps de rue cumulé .* estimé à (\d+) ans")
    incomes = {
        "RIS": r"(\d+) locataires sont au CPAS",
        "DGPH": r"(\d+) bénéficient d'une allocation de la DG",
        "MUTUALITY": r"(\d+) d'un revenu de remplacement de la mutuelle",
        "PENSION": r"(\d+) perçoivent des allocations de pension",
        "UNEMPLOYMENT": r"(\d+) personnes perçoivent des allocations de chômage",
        "NONE": r"(\d+) personnes sont sans revenu",
        "SALARY": r"(\d+) personnes ont travaillé de manière salariée",
    }
    assert tenants["incomes"] == {source: number(report_text, pattern) for source, pattern in incomes.items()}
    assert len(tenants["communes"]) == number(report_text, r"soit (\d+) des 19 communes")
    assert tenants["deceased"] == number(report_text, r"(\d+) personnes sont décédées durant l'année")
    # "L'accompagnement s'arrête pour une personne, qui n'en a plus besoin et pour une autre
    # qui est accompagnée par une autre structure."
    assert tenants["ended"] == {"NO_LONGER_NEEDED": 1, "TRANSFERRED": 1, "OTHER": 0}


def test_it_has_the_published_problems(report, report_text):
    problems = report["problems"]
    assert problems["assessed"] == 86
    labels = {
        "depression": "Dépression majeure et/ou chronique",
        "paranoia": "Méfiance excessive, sentiment de persécution, délire paranoïaque",
        "hallucinations": "Hallucinations visuelles et/ou auditives, délire mégalomane",
        "aggression": "Passages à l'acte hétéro-agressif, menaces graves",
        "cognitive": "Troubles cognitifs : confusion, perte de mémoire, désorientation spatio-temporelle",
    }
    for flag, label in labels.items():
        pct = number(report_text, re.escape(label) + r" : (\d+)%")
        assert round(problems["mental_health"][flag] / problems["assessed"] * 100) == pct, flag
    assert problems["consumption"] == {
        "abstinent": number(report_text, r"abstinent complet : (\d+) personnes"),
        "one": number(report_text, r"un seul produit : (\d+) personnes"),
        "two": number(report_text, r"deux produits : (\d+) personnes"),
        "three_plus": number(report_text, r"trois produits et plus : (\d+) personnes"),
    }
    assert problems["crack_inhalation"] == number(report_text, r"consommation de crack en inhalation : (\d+) personnes")
    assert problems["injection"] == number(report_text, r"consommation par injection : (\d+) personnes")
    assert problems["overdose"] == number(report_text, r"ont fait une overdose : (\d+) personnes")


def test_it_has_the_published_contacts(report, report_text):
    contacts = report["contacts"]
    assert contacts["by_kind"] == {
        "HOME": number(report_text, r"(\d+) visites à domicile ;"),
        "EXTERNAL": number(report_text, r"(\d+) accompagnements vers l'extérieur"),
        "CONCERTATION": number(report_text, r"(\d+) réunions de concertation"),
    }
    assert contacts["meetings_total"] == number(report_text, r"total de (\d+) rencontres")
    assert round(contacts["change_pct"]) == -number(report_text, r"soit une diminution de (\d+)%")
    assert contacts["phone"] == number(report_text, r"contacts téléphoniques \((\d+)\)")
    assert contacts["max_in_month"] == number(report_text, r"jusqu'à (\d+) visites par mois")
    assert round(contacts["missed_pct"]) == 33  # "Un tiers des visites programmées n'ont pu avoir lieu"
    assert contacts["mean_duration_min"] == {
        "HOME": float(number(report_text, r"(\d+) minutes sans compter les trajets")),
        "EXTERNAL": 85.0,  # "1h25 pour un accompagnement extérieur"
        "CONCERTATION": 70.0,  # "1h10 pour une concertation"
    }
    assert contacts["mean_travel_min"] == float(number(report_text, r"ajouter (\d+) minutes en moyenne"))
    motives = {
        "DAILY": "Quotidien", "ADMIN_JUSTICE": "Admin/justice", "HOUSING": "Logement", "MEDICAL": "Médical",
        "NETWORK": "Relais réseau", "PSY": "Psy", "CONSUMPTION": "Consommation", "CRISIS": "Crise/urgence",
    }  # fmt: skip
    assert contacts["motives"] == {
        code: number(report_text, rf"- {re.escape(label)} : (\d+) soit") for code, label in motives.items()
    }


def test_it_has_the_published_moves_and_housing(report, report_2024, report_text):
    moves, housing = report["moves"], report["housing"]
    assert moves["first_entries"] == number(report_text, r"nous avons réalisé (\d+) nouvelles entrées en logement")
    assert moves["re_entries"] == 0
    assert moves["transfers"] == number(report_text, r"Déménagement d'un appartement vers un autre : (\d+)")
    exits = number(report_text, r"vers une institution ou suite à un décès : (\d+)")
    assert sum(moves["exits"].values()) == exits
    assert moves["exits"]["DEATH"] == 3 and moves["exits"]["OTHER"] == 0
    assert moves["total"] == number(report_text, r"représente (\d+) entrées ou sortie")
    retention = re.search(r"Il passe de (\d+)% à (\d+)%", report_text)
    assert round(housing["retention_pct"]) == int(retention[2])
    assert round(report_2024["housing"]["retention_pct"]) == int(retention[1])
    assert housing["by_partner"] == parse_partners(report_text)
    assert housing["leases_by_kind"]["SLIDING"] == number(report_text, r"Pour (\d+) logements, nous avons dû recourir")
    assert report_2024["tenants"]["accompanied"] == number(report_text, r"qui étaient (\d+) en 2024")
    assert report_2024["contacts"]["meetings_total"] == report["contacts"]["previous_year_total"]


def test_it_has_the_published_harm_reduction_material(report, report_text):
    published = parse_material(report_text)
    assert len(published) == 23
    assert report["harm_reduction"]["distributed"] == published
    # "Il est globalement en augmentation par rapport à 2024."
    assert sum(report["harm_reduction"]["previous_year"].values()) < sum(published.values())


# --- the records obey the application's rules ---------------------------------
def test_it_keeps_every_contact_review_and_score_inside_the_follow_up(demo):
    tenants = {t.pk: t for t in Tenant.objects.all()}
    for model in (Visit, Assessment, GafScore):
        for tenant_id, day in model.objects.values_list("tenant_id", "date"):
            t = tenants[tenant_id]
            assert t.followup_start <= day and (t.followup_end is None or day <= t.followup_end), (model, t.code, day)
    today = dt.date.today()
    assert not Visit.objects.exclude(status="PLANNED").filter(date__gt=today).exists()
    assert not Assessment.objects.filter(date__gt=today).exists()
    assert Visit.objects.filter(status="PLANNED", date__gte=today).count() >= 30
    assert Visit.objects.filter(status="PLANNED", date__lt=today).count() == 5  # "à clôturer"
    # Every contact has someone who did it; every DONE contact a motive.
    assert not Visit.objects.filter(workers=None).exists()
    done = Visit.objects.filter(status="DONE")
    assert not done.filter(
        m_daily=False, m_admin_justice=False, m_housing=False, m_medical=False, m_network=False,
        m_psy=False, m_consumption=False, m_crisis=False,
    ).exists()  # fmt: skip


def test_it_passes_model_validation(demo):
    for obj in [*Tenant.objects.all(), *Lease.objects.all(), *Dwelling.objects.all(), *Income.objects.all()]:
        obj.full_clean()
    for visit in Visit.objects.select_related("tenant").order_by("?")[:300]:
        visit.full_clean()


def test_it_moves_people_only_in_ways_the_housing_rules_allow(demo):
    steps = defaultdict(list)
    for pk, tenant_id, day, kind, dwelling_id in Move.objects.order_by("tenant_id", "date").values_list(
        "pk", "tenant_id", "date", "kind", "dwelling_id"
    ):
        steps[tenant_id].append(Step(pk, day, kind, dwelling_id))
    tenants = {t.pk: t for t in Tenant.objects.all()}
    intervals = defaultdict(list)
    for tenant_id, seq in steps.items():
        assert sequence_breach(seq) is None, tenants[tenant_id].code
        t = tenants[tenant_id]
        for step in seq:  # moves happen while the tenant is followed
            assert t.followup_start <= step.date and (t.followup_end is None or step.date <= t.followup_end)
        for iv in stay_intervals(seq):
            intervals[iv.dwelling_id].append(iv)
    capacity = dict(Dwelling.objects.values_list("pk", "capacity"))
    for dwelling_id, ivs in intervals.items():
        for i, iv in enumerate(ivs):
            others = [(o.start, o.end) for j, o in enumerate(ivs) if j != i]
            assert first_overflow(iv, others, capacity[dwelling_id]) is None, dwelling_id
    # The derived stays match the moves, and the deceased leave by death.
    assert Stay.objects.count() == Move.objects.exclude(kind="EXIT").count()
    for t in Tenant.objects.filter(end_reason="DECEASED"):
        last = Move.objects.filter(tenant=t).order_by("-date").first()
        assert last is not None and last.kind == "EXIT" and last.exit_to == "DEATH" and last.date == t.followup_end


def test_it_never_lets_a_stock_go_below_zero(demo):
    ids = list(Item.objects.values_list("pk", flat=True))
    assert negative_balances(ids) == {}
    assert Movement.objects.filter(kind="DISTRIBUTION", tenant__isnull=True).count() == 0


def test_it_keeps_each_item_balance_equal_to_its_lines(demo):
    from tests.harmreduction.conftest import kept_and_summed

    kept, summed = kept_and_summed()
    assert kept == summed and sum(kept.values()) > 0


def test_it_tells_the_story_of_2025(demo):
    rows = {t.code: t for t in Tenant.objects.all()}
    by_row = sorted(
        Tenant.objects.accompanied_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        key=lambda t: (t.followup_start, t.code),
    )
    deceased = [n for n, t in enumerate(by_row, start=1) if t.end_reason == "DECEASED" and t.followup_end.year == 2025]
    assert deceased == sorted(people.DEATH_2025) == [35, 57, 71]
    assert [by_row[n - 1].sex for n in deceased] == ["M", "F", "M"]  # Décédé, Décédée, Décédé
    # The tenant who lost his flat in 2025 and is now in the street: seven meetings in one month.
    wheel = by_row[people.WHEELCHAIR_ROW - 1]
    per_month = Counter(
        v.month
        for v in Visit.objects.filter(tenant=wheel, status="DONE", date__year=2025)
        .exclude(kind="PHONE")
        .values_list("date", flat=True)
    )
    assert max(per_month.values()) == 7
    assert Move.objects.filter(tenant=wheel, date__year=2025, kind="EXIT").get().exit_to == "INSTITUTION"
    assert len(rows) >= 100  # about a hundred tenants since 2013
    # Synthetic people: demo tenants use made-up phone numbers and example.org addresses.
    assert not Tenant.objects.exclude(phone="").exclude(phone__startswith="0400 ").exists()
    assert not Tenant.objects.exclude(email="").exclude(email__endswith="@example.org").exists()


def test_it_does_nothing_when_the_database_already_has_tenants(demo):
    before = Visit.objects.count()
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert out.getvalue().startswith(f"La base contient déjà {Tenant.objects.count()} locataires : rien n'est fait.")
    assert Visit.objects.count() == before


def test_it_draws_the_same_people_every_time():
    import random

    first = people.people_build(random.Random(42), TODAY)
    again = people.people_build(random.Random(42), TODAY)
    assert [(p.code, p.first_name, p.last_name, p.birth_date, p.start) for p in first] == [
        (p.code, p.first_name, p.last_name, p.birth_date, p.start) for p in again
    ]
    assert len({(p.first_name, p.last_name) for p in first}) == len(first)
    assert T.gaf_rows()[34].deceased and T.gaf_rows()[34].n == 35


def test_an_earlier_year_computed_for_history_has_every_followed_figure(demo, django_db_blocker):
    """The report page and the PDF compute the five earlier years in a
    lighter mode; every figure followed across years must be the same."""
    from reports.selectors import annual_report
    from reports.series import SERIES

    with django_db_blocker.unblock():
        for year in (2021, 2023, 2025):
            full, light = annual_report(year), annual_report(year, for_history=True)
            differing = [s.key for s in SERIES if s.value_in(full) != s.value_in(light)]
            assert differing == [], year
            assert sum(1 for s in SERIES if s.computed_in(light)) > 40, year
            assert "rows" not in light["gaf"] and light["contacts"]["max_in_month"] is None


def test_the_2025_requests_give_the_chapter_entries_from_the_list(report):
    """Issue 18: the five first entries of 2025 come from the waiting list,
    and three people are followed before housing on 31 December."""
    intake = report["intake"]
    assert intake["entries"] == report["moves"]["first_entries"] == 5
    assert intake["followed_end"] == 3
    assert intake["received"] > intake["entries"] and intake["waiting_end"] > 0
    assert intake["eligible"] + intake["not_eligible"] > 0 and intake["wait_max_days"] >= intake["wait_median_days"]
