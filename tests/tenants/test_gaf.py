import datetime as dt
import re

from tenants.gaf import GAF_SCALE, gaf_band, gaf_chart
from tenants.models import GafScore
from tests.conftest import DATA_DIR


def test_the_scale_is_word_for_word_the_reports_interpretation():
    text = (DATA_DIR / "published-2025.txt").read_text(encoding="utf-8")
    section = text.split("INTERPRÉTATION", 1)[1].split("RÉSEAUX ET PARTENARIATS", 1)[0]
    lines = re.findall(r"^(\d+) : (.+)$", section, flags=re.M)
    assert [(int(v), t.strip()) for v, t in lines] == [(v, str(t)) for v, t in GAF_SCALE]


def test_bands():
    assert [gaf_band(s) for s in (1, 8, 10, 45, 59, 90, 100)] == [10, 10, 10, 40, 50, 90, 90]


def _scores(*pairs):
    return [GafScore(date=d, score=s) for d, s in pairs]


def test_the_chart_places_points_in_time_and_score():
    chart = gaf_chart(_scores((dt.date(2020, 1, 1), 20), (dt.date(2022, 1, 1), 60)), until=dt.date(2024, 1, 1))
    first, last = chart.points
    assert first.x == chart.plot_left
    assert abs(last.x - (chart.plot_left + chart.plot_width / 2)) < 1  # half-way in time
    assert first.y > last.y  # a higher score is drawn higher
    assert [t.label for t in chart.x_ticks] == ["2021", "2022", "2023", "2024"]
    assert chart.polyline == f"{first.x},{first.y} {last.x},{last.y}"


def test_a_long_history_keeps_few_year_labels():
    chart = gaf_chart(_scores((dt.date(2013, 3, 1), 20), (dt.date(2026, 3, 1), 60)))
    assert len(chart.x_ticks) <= 5


def test_no_score_no_chart():
    assert gaf_chart([]) is None
