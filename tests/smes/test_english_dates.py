"""English dates are written day/month/year, as in Belgium (issue 12)."""

import datetime as dt

from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format


def test_english_short_and_long_dates_put_the_day_first():
    with translation.override("en"):
        assert date_format(dt.date(2026, 3, 1), "SHORT_DATE_FORMAT") == "01/03/2026"
        assert date_format(dt.date(2026, 3, 1), "DATE_FORMAT") == "1 March 2026"
        assert date_format(dt.datetime(2026, 3, 1, 14, 5), "SHORT_DATETIME_FORMAT") == "01/03/2026 14:05"


def test_an_english_form_reads_a_typed_date_day_first():
    with translation.override("en"):
        field = forms.DateField()
        assert field.clean("01/03/2026") == dt.date(2026, 3, 1)
        assert field.clean("2026-03-01") == dt.date(2026, 3, 1)


def test_lists_show_the_year_when_it_is_not_the_current_one():
    template = Template('{% load smes_tags %}{{ a|date_year:"D j F" }}|{{ b|date_year:"D j F" }}')
    today = dt.date.today()
    with translation.override("fr"):
        out = template.render(Context({"a": today, "b": dt.date(2099, 3, 1)}))
    shown_today, shown_2099 = out.split("|")
    assert str(today.year) not in shown_today
    assert shown_2099 == "dim 1 mars 2099"
