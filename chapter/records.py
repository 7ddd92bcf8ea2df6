"""Sections of the chapter that come from the records (issue 17, part 4):
"Aspects RH" from the employment periods, the network partners by
function, the evaluation of the conventions, the training given and the
quality objectives. No person is named: the team's figures are FTE and a
count of people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from chapter.models import (
    FUNDERS,
    NETWORK_FUNCTIONS,
    TEAMS,
    ConventionEvaluation,
    EmploymentPeriod,
    NetworkPartner,
    QualityObjective,
    Training,
)
from housing.models import Convention
from reports.presentation import fmt
from reports.series import MEAN

TEMPLATE = "chapter/_records.html"
SUPPORT_TEAMS = ("ACT", "ICM")


def _two(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def team_figures(year: int) -> dict[str, Any]:
    """FTE over the year (an FTE counts for the share of the year it covers),
    by funding body and by team, and the number of different people."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = Decimal((end - start).days + 1)
    periods = EmploymentPeriod.objects.filter(start__lte=end).filter(Q(end__isnull=True) | Q(end__gte=start))
    by_funder = dict.fromkeys(FUNDERS, Decimal(0))
    by_team = dict.fromkeys(TEAMS, Decimal(0))
    support = dict.fromkeys(FUNDERS, Decimal(0))  # the support teams (ACT, ICM): "l'équipe d'accompagnement"
    people = set()
    for p in periods.only("user_id", "start", "end", "fte", "team", "funder"):
        covered = Decimal((min(p.end or end, end) - max(p.start, start)).days + 1)
        share = p.fte * covered / days
        by_funder[p.funder] += share
        by_team[p.team] += share
        if p.team in SUPPORT_TEAMS:
            support[p.funder] += share
        people.add(p.user_id)
    return {
        "fte_total": _two(sum(by_funder.values(), Decimal(0))),
        "fte_by_funder": {k: _two(v) for k, v in by_funder.items()},
        "fte_by_team": {k: _two(v) for k, v in by_team.items()},
        "support_fte_by_funder": {k: _two(v) for k, v in support.items()},
        "people": len(people),
    }


def network_partners(year: int) -> dict[str, list[str]]:
    rows = NetworkPartner.objects.filter(first_year__lte=year).filter(
        Q(last_year__isnull=True) | Q(last_year__gte=year)
    )
    out: dict[str, list[str]] = {code: [] for code in NETWORK_FUNCTIONS}
    for name, function in rows.order_by("name").values_list("name", "function"):
        out[function].append(name)
    return {k: v for k, v in out.items() if v}


def conventions(year: int) -> list[dict[str, str]]:
    evaluations = dict(ConventionEvaluation.objects.filter(year=year).values_list("convention_id", "text"))
    rows = Convention.objects.filter(signed_on__lte=dt.date(year, 12, 31)).order_by("signed_on", "title")
    return [{"title": c.title, "evaluation": evaluations.get(c.pk, "")} for c in rows.only("id", "title")]


def trainings(year: int) -> list[dict[str, Any]]:
    return [
        {"title": t.title, "audience": t.audience, "sessions": t.sessions, "days": float(t.days)}
        for t in Training.objects.filter(year=year).order_by("title")
    ]


def quality(year: int) -> list[dict[str, Any]]:
    groups: dict[str, list[str]] = defaultdict(list)
    rows = QualityObjective.objects.filter(first_year__lte=year, last_year__gte=year).order_by("id")
    for o in rows:
        groups[o.general].append(o.specific)
    return [{"general": g, "specific": s} for g, s in groups.items()]


def load(year: int) -> dict[str, Any]:
    """Everything the records give the chapter of `year`, read once (a constant number of queries)."""
    return {
        "team": team_figures(year),
        "trainings": trainings(year),
        "network": network_partners(year),
        "conventions": conventions(year),
        "quality": quality(year),
    }


def records_figures(year: int, data: dict | None = None) -> dict[str, Any]:
    """Placeholders of the chapter's own figures: {team.people}, {team.fte_by_funder.COCOM}, {training.days}…"""
    data = data or load(year)
    train, network = data["trainings"], data["network"]
    return {
        "team": data["team"],
        "training": {
            "sessions": sum(t["sessions"] for t in train),
            "days": float(sum(Decimal(str(t["days"])) for t in train)),
        },
        "network": {"partners": sum(len(v) for v in network.values())},
    }


def records_json(year: int, data: dict | None = None) -> dict[str, Any]:
    data = data or load(year)
    return {
        "records": {
            **records_figures(year, data),
            "network_partners": data["network"],
            "conventions": data["conventions"],
            "trainings": data["trainings"],
            "quality_objectives": data["quality"],
        }
    }


def records_context(year: int, data: dict | None = None) -> dict[str, Any]:
    """Per section slug, what the chapter prints from the records (active language)."""
    data = data or load(year)
    out: dict[str, Any] = {}
    team = data["team"]
    if team["people"]:
        out["rh"] = {
            "template": TEMPLATE,
            "tables": [
                {
                    "title": _("Équivalents temps plein par pouvoir subsidiant"),
                    "head": [_("Pouvoir subsidiant"), _("ETP")],
                    "rows": [[str(FUNDERS[k]), fmt(v, MEAN)] for k, v in team["fte_by_funder"].items() if v]
                    + [[_("Total des ETP"), fmt(team["fte_total"], MEAN)]],
                },
                {
                    "title": _("Équivalents temps plein par équipe"),
                    "head": [_("Équipe"), _("ETP")],
                    "rows": [[str(TEAMS[k]), fmt(v, MEAN)] for k, v in team["fte_by_team"].items() if v],
                },
            ],
            "paragraphs": [
                _("Les équipes ont représenté %(n)s personnes différentes au cours de l'année %(year)s.")
                % {"n": team["people"], "year": year}
            ],
        }
    network = data["network"]
    if network:
        out["reseaux"] = {
            "template": TEMPLATE,
            "groups": [{"title": str(NETWORK_FUNCTIONS[code]), "items": names} for code, names in network.items()],
        }
    convs = data["conventions"]
    if convs:
        out["conventions"] = {
            "template": TEMPLATE,
            "groups": [
                {
                    "title": _("Conventions de collaboration"),
                    "items": [c["title"] + (f" — {c['evaluation']}" if c["evaluation"] else "") for c in convs],
                }
            ],
        }
    train = data["trainings"]
    if train:
        out["formation"] = {
            "template": TEMPLATE,
            "tables": [
                {
                    "title": _("Formations données"),
                    "head": [_("Formation"), _("Public"), _("Sessions"), _("Jours")],
                    "widths": [7.4, 5.2, 2.0, 2.0],
                    "rows": [[t["title"], t["audience"], t["sessions"], fmt(t["days"], "mean")] for t in train],
                }
            ],
        }
    objectives = data["quality"]
    if objectives:
        out["qualite"] = {
            "template": TEMPLATE,
            "groups": [{"title": o["general"], "items": o["specific"]} for o in objectives],
        }
    return out
