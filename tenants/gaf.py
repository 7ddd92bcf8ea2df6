"""GAF (EGF): the scale legend and the chart of the tenant page.

The chart is drawn as plain SVG on the server.

No JS library and no style attribute (the CSP forbids them): the template
draws shapes from the coordinates computed here and tenants.css colours
them by class.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tenants.models import GafScore

# About one SVG unit per CSS pixel on a phone; tenants.css caps the width so
# that the labels keep their size on a desktop.
WIDTH, HEIGHT = 340, 170
LEFT, RIGHT, TOP, BOTTOM = 26, 12, 16, 22
MAX_YEAR_LABELS = 5

# GAF bands of the scale legend: the chart shades the lower ones.
BANDS = [(0, 30, "low"), (30, 60, "mid"), (60, 100, "high")]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    score: int
    date: dt.date
    label: str  # for the <title> tooltip and screen readers


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class Band:
    y: float
    height: float
    css: str


@dataclass(frozen=True)
class GafChart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    bands: list[Band]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int

    @property
    def plot_width(self) -> int:
        return self.plot_right - self.plot_left

    @property
    def plot_height(self) -> int:
        return self.plot_bottom - self.plot_top

    @property
    def first(self) -> Point | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> Point | None:
        return self.points[-1] if self.points else None


def _y(score: float) -> float:
    return round(TOP + (100 - score) / 100 * (HEIGHT - TOP - BOTTOM), 1)


def gaf_chart(scores: list[GafScore], *, until: dt.date | None = None) -> GafChart | None:
    """Chart of the scores (oldest first) from the first score to `until`."""
    if not scores:
        return None
    start = scores[0].date
    end = max(until or scores[-1].date, scores[-1].date)
    span = max((end - start).days, 1)
    plot_w = WIDTH - LEFT - RIGHT

    def x_of(day: dt.date) -> float:
        if len(scores) == 1 and until is None:
            return LEFT + plot_w / 2
        return round(LEFT + (day - start).days / span * plot_w, 1)

    points = [
        Point(
            x=x_of(s.date),
            y=_y(s.score),
            score=s.score,
            date=s.date,
            label=f"{date_format(s.date, 'SHORT_DATE_FORMAT')} : {s.score}",
        )
        for s in scores
    ]
    years = list(range(start.year + 1, end.year + 1))
    step = max(1, -(-len(years) // MAX_YEAR_LABELS))
    x_ticks = [Tick(pos=x_of(dt.date(y, 1, 1)), label=str(y)) for y in years[::step]]
    if not x_ticks:
        x_ticks = [Tick(pos=points[0].x, label=str(start.year))]
    return GafChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=[Tick(pos=_y(v), label=str(v)) for v in (10, 30, 50, 70, 90)],
        x_ticks=x_ticks,
        bands=[Band(y=_y(hi), height=round(_y(lo) - _y(hi), 1), css=css) for lo, hi, css in BANDS],
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
    )


# The scale, word for word from the "INTERPRÉTATION" section of the 2025
# activity report (tests/data/published-2025.txt);
# the reports app may reuse it for the legend of the PDF.
# fmt: off
GAF_SCALE = [
    (90, _("symptômes absents ou minimes, fonctionnement satisfaisant dans tous les domaines, pas plus de problèmes ou de préoccupations que les soucis de la vie quotidienne.")),
    (80, _("si des symptômes sont présents, ils sont transitoires et sont des réactions prévisibles à des facteurs de stress ; pas plus qu'une altération légère du fonctionnement social ou professionnel.")),
    (70, _("quelques symptômes légers OU certaines difficultés dans le fonctionnement social ou professionnel, mais fonctionne assez bien et entretient quelques relations significatives.")),
    (60, _("symptômes modérés OU altération modérée du fonctionnement social ou professionnel.")),
    (50, _("symptômes sérieux (idéation suicidaire, rituels obsessionnels sérieux) OU altération importante du fonctionnement social ou professionnel (absence d'amis).")),
    (40, _("une certaine altération du sens de la réalité ou de la communication (discours parfois illogique, obscur ou non pertinent) OU déficience majeure dans plusieurs domaines tels que le travail, les relations familiales, le jugement, la pensée ou l'humeur.")),
    (30, _("le comportement est notablement influencé par des idées délirantes ou des hallucinations OU trouble grave de la communication ou du jugement (parfois incohérent, agit de façon inappropriée, préoccupation suicidaire) OU incapable de fonctionner dans presque tous les domaines (reste au lit toute la journée, est sans emploi, n'a pas d'amis).")),
    (20, _("présente un certain danger pour sa sécurité ou celle d'autrui (tentative de suicide, violence fréquente, agitation maniaque) OU ne maintient pas une bonne hygiène corporelle (souillé d'excréments) OU altération majeure de la communication (incohérence marquée, mutisme).")),
    (10, _("Présente un danger persistant pour sa propre sécurité ou celle d'autrui (p. ex. accès répétés de violence) OU geste suicidaire avec désir réel de mourir.")),
]
# fmt: on


def gaf_band(score: int) -> int:
    """The legend line a score falls under (45 → 40, 8 → 10, 100 → 90)."""
    return min(90, max(10, score // 10 * 10))
