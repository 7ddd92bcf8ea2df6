"""The sections of the published chapter, in its order (issue 17).

Each section is written by the Direction, per year and language. `after`
names the report block the section's text follows on the page, in the PDF
and in the Word file ("start": before the first block); several sections
may follow one block, in this order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

LANGUAGES = ("fr", "nl")
LANGUAGE_LABELS = {"fr": _("français"), "nl": _("néerlandais")}


@dataclass(frozen=True)
class Section:
    slug: str
    title: Any
    after: str  # the report block this section follows ("start" = first)


SECTIONS: list[Section] = [
    Section("introduction", _("Introduction"), "start"),
    Section("methodes", _("Méthodes mises en œuvre"), "start"),
    Section("usagers", _("Présentation des usager·ère·s"), "population"),
    Section("problematiques", _("Analyse des problématiques rencontrées"), "problems"),
    Section("egf", _("Échelle globale de fonctionnement"), "gaf"),
    Section("reseaux", _("Réseaux et partenariats"), "gaf"),
    Section("accompagnements", _("Accompagnements"), "contacts"),
    Section("demenagements", _("Déménagements"), "moves"),
    Section("rdr", _("Distribution de matériel de réduction des risques"), "rdr"),
    Section("formation", _("Formation"), "rdr"),
    Section("resultats", _("Analyse des résultats"), "results"),
    Section("limites", _("Limites, freins et besoins non couverts"), "intake"),
    Section("conventions", _("Évaluation des conventions de collaboration"), "intake"),
    Section("qualite", _("Évaluation du programme quinquennal de qualité"), "intake"),
    Section("rh", _("Aspects RH"), "intake"),
    Section("perspectives", _("Perspectives"), "intake"),
]
SECTIONS_BY_SLUG: dict[str, Section] = {s.slug: s for s in SECTIONS}
# Sections that stand alone (no report block of their own): they carry their
# own heading; the others' text follows their block's figures.
STANDALONE = {"introduction", "methodes", "reseaux", "formation", "conventions", "qualite", "rh", "perspectives"}


def section_choices() -> list[tuple[str, Any]]:
    return [(s.slug, s.title) for s in SECTIONS]
