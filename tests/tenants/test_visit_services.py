"""tenants.visits.services: the rules every entry point shares."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tenants.models import Visit, VisitKind, VisitStatus
from tenants.visits.services import (
    DURATION_NEEDED,
    NOT_A_CLOSING_STATUS,
    NOTE_NOT_ALLOWED,
    PLANNING_NOT_ALLOWED,
    can_edit_visit,
    visit_create,
    visit_delete,
    visit_set_status,
    visit_update,
)
from tests.factories import TenantFactory, VisitFactory

TODAY = dt.date.today()
OUTSIDE = "La date est en dehors de la période d'accompagnement de ce·tte locataire."
FUTURE = "Un contact réalisé, absent ou annulé ne peut pas être daté dans le futur."


@pytest.fixture
def tenant(db):
    return TenantFactory(followup_start=dt.date(2020, 1, 1))


def _log(tenant, author, **kwargs):
    values = {"date": TODAY, "kind": VisitKind.HOME, "status": VisitStatus.DONE, "motives": ["DAILY"]}
    values.update(kwargs)
    return visit_create(tenant=tenant, author=author, **values)


def _errors(exc_info) -> dict:
    return exc_info.value.message_dict


def test_it_logs_a_visit_with_the_author_as_worker(tenant, alice):
    visit = _log(tenant, alice, motives=["DAILY", "MEDICAL"], duration_min=50, travel_min=30, note="Va mieux.")
    visit.refresh_from_db()
    assert visit.motives == ["DAILY", "MEDICAL"]
    assert (visit.duration_min, visit.travel_min, visit.note) == (50, 30, "Va mieux.")
    assert list(visit.workers.all()) == [alice]
    assert visit.created_by == alice


def test_it_records_the_workers_given(tenant, alice, sam):
    visit = _log(tenant, alice, workers=[alice, sam])
    assert set(visit.workers.all()) == {alice, sam}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("duration_min", -5, "La durée ne peut pas être négative."),
        ("duration_min", 24 * 60 + 1, "La durée ne peut pas dépasser 24 heures (1440 minutes)."),
        ("travel_min", -1, "Le trajet ne peut pas être négatif."),
        ("travel_min", 5000, "Le trajet ne peut pas dépasser 24 heures (1440 minutes)."),
    ],
)
def test_it_refuses_absurd_minutes(tenant, alice, field, value, message):
    with pytest.raises(ValidationError) as exc:
        _log(tenant, alice, **{field: value})
    assert _errors(exc) == {field: [message]}
    assert not Visit.objects.exists()


def test_a_full_day_is_the_longest_duration(tenant, alice):
    assert _log(tenant, alice, duration_min=24 * 60).duration_min == 1440


def test_it_refuses_an_unknown_motive(tenant, alice):
    with pytest.raises(ValidationError) as exc:
        _log(tenant, alice, motives=["DAILY", "KARAOKE"])
    assert _errors(exc) == {"motives": ["Motif inconnu : KARAOKE."]}
    assert not Visit.objects.exists()


@pytest.mark.parametrize("status", [VisitStatus.DONE, VisitStatus.ABSENT, VisitStatus.CANCELLED])
def test_it_refuses_a_far_future_date_once_it_happened(tenant, alice, status):
    with pytest.raises(ValidationError) as exc:
        _log(tenant, alice, status=status, date=TODAY + dt.timedelta(days=30))
    assert _errors(exc) == {"date": [FUTURE]}
    assert not Visit.objects.exists()


def test_a_planned_visit_may_be_in_the_future(tenant, alice):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY + dt.timedelta(days=30))
    assert visit.status == VisitStatus.PLANNED


@pytest.mark.parametrize("date", [dt.date(2019, 12, 31), dt.date(2023, 7, 1)])
def test_it_refuses_a_visit_outside_the_follow_up(db, alice, date):
    tenant = TenantFactory(followup_start=dt.date(2020, 1, 1), followup_end=dt.date(2023, 6, 30), end_reason="OTHER")
    with pytest.raises(ValidationError) as exc:
        _log(tenant, alice, date=date)
    assert _errors(exc) == {"date": [OUTSIDE]}
    assert not Visit.objects.exists()


def test_it_reports_every_problem_at_once(tenant, alice):
    with pytest.raises(ValidationError) as exc:
        _log(tenant, alice, duration_min=-1, travel_min=2000, motives=["NOPE"], date=dt.date(2019, 1, 1))
    assert set(_errors(exc)) == {"duration_min", "travel_min", "motives", "date"}


# -- Housing: housing contacts only ------------------------------------------------


def test_housing_contacts_always_carry_the_housing_motive(tenant, bob):
    visit = _log(tenant, bob, kind=VisitKind.PHONE, motives=["PSY", "MEDICAL"])
    visit.refresh_from_db()
    assert visit.motives == ["HOUSING"]
    assert visit.kind == VisitKind.PHONE


def test_housing_cannot_write_a_note(tenant, bob):
    with pytest.raises(ValidationError) as exc:
        _log(tenant, bob, note="clinique")
    assert _errors(exc) == {"note": [NOTE_NOT_ALLOWED]}
    assert not Visit.objects.exists()


def test_housing_cannot_plan(tenant, bob):
    with pytest.raises(ValidationError) as exc:
        _log(tenant, bob, status=VisitStatus.PLANNED, date=TODAY + dt.timedelta(days=2))
    assert _errors(exc) == {"status": [PLANNING_NOT_ALLOWED]}


@pytest.mark.parametrize("persona", ["maggie", "diane", "adam", "oscar"])
def test_roles_without_visit_create_cannot_log(tenant, persona, request):
    with pytest.raises(PermissionDenied):
        _log(tenant, request.getfixturevalue(persona))
    assert not Visit.objects.exists()


# -- Edit own -----------------------------------------------------------------------


def test_edit_own_means_author_or_worker(tenant, alice, sam, bob, diane):
    mine = _log(tenant, alice)
    with_me = _log(tenant, sam, workers=[sam, alice])
    theirs = _log(tenant, sam)
    assert can_edit_visit(alice, mine)
    assert can_edit_visit(alice, with_me)
    assert not can_edit_visit(alice, theirs)
    # Housing and Direction never edit, even what they logged or took part in.
    housing = _log(tenant, bob)
    assert not can_edit_visit(bob, housing)
    assert not can_edit_visit(diane, mine)


def test_an_imported_visit_is_editable_by_its_workers(tenant, alice, sam):
    visit = VisitFactory(tenant=tenant, created_by=None)
    visit.workers.set([alice])
    assert can_edit_visit(alice, visit)
    assert not can_edit_visit(sam, visit)


def test_update_changes_ones_own_visit(tenant, alice):
    visit = _log(tenant, alice)
    visit_update(visit=visit, author=alice, duration_min=75, motives=["PSY"], note="suivi")
    visit.refresh_from_db()
    assert (visit.duration_min, visit.motives, visit.note) == (75, ["PSY"], "suivi")


def test_update_refuses_someone_elses_visit(tenant, alice, sam):
    visit = _log(tenant, sam)
    with pytest.raises(PermissionDenied):
        visit_update(visit=visit, author=alice, duration_min=10)
    visit.refresh_from_db()
    assert visit.duration_min is None


def test_update_validates_like_create(tenant, alice):
    visit = _log(tenant, alice)
    with pytest.raises(ValidationError) as exc:
        visit_update(visit=visit, author=alice, duration_min=-3)
    assert _errors(exc) == {"duration_min": ["La durée ne peut pas être négative."]}
    visit.refresh_from_db()
    assert visit.duration_min is None


# -- Closing planned visits -----------------------------------------------------------


@pytest.mark.parametrize("status", [VisitStatus.DONE, VisitStatus.ABSENT, VisitStatus.CANCELLED])
def test_a_planned_visit_is_closed_in_one_call(tenant, alice, status):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY - dt.timedelta(days=2), duration_min=60)
    visit_set_status(visit=visit, author=alice, status=status)
    visit.refresh_from_db()
    assert visit.status == status


def test_a_visit_done_needs_its_duration_so_that_contacts_without_one_stop_growing(tenant, alice):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        visit_set_status(visit=visit, author=alice, status=VisitStatus.DONE)
    assert _errors(exc) == {"duration_min": [DURATION_NEEDED]}
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED

    visit_set_status(visit=visit, author=alice, status=VisitStatus.DONE, duration_min=45)
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.DONE, 45)


@pytest.mark.parametrize("status", [VisitStatus.ABSENT, VisitStatus.CANCELLED])
def test_a_missed_or_cancelled_visit_needs_no_duration(tenant, alice, status):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY - dt.timedelta(days=1))
    visit_set_status(visit=visit, author=alice, status=status)
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (status, None)


def test_the_closing_duration_is_checked_like_any_duration(tenant, alice):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY - dt.timedelta(days=1))
    for bad in (-5, 25 * 60):
        with pytest.raises(ValidationError) as exc:
            visit_set_status(visit=visit, author=alice, status=VisitStatus.DONE, duration_min=bad)
        assert list(_errors(exc)) == ["duration_min"]
    visit.refresh_from_db()
    assert (visit.status, visit.duration_min) == (VisitStatus.PLANNED, None)


def test_a_visit_next_month_cannot_be_marked_done(tenant, alice):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY + dt.timedelta(days=30))
    with pytest.raises(ValidationError) as exc:
        visit_set_status(visit=visit, author=alice, status=VisitStatus.DONE)
    assert _errors(exc) == {"date": [FUTURE]}
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_closing_accepts_only_closing_statuses(tenant, alice):
    visit = _log(tenant, alice, status=VisitStatus.PLANNED, date=TODAY)
    with pytest.raises(ValidationError) as exc:
        visit_set_status(visit=visit, author=alice, status="LOST")
    assert _errors(exc) == {"status": [NOT_A_CLOSING_STATUS % {"value": "LOST"}]}


def test_closing_someone_elses_visit_is_refused(tenant, alice, sam):
    visit = _log(tenant, sam, status=VisitStatus.PLANNED, date=TODAY)
    with pytest.raises(PermissionDenied):
        visit_set_status(visit=visit, author=alice, status=VisitStatus.DONE)


def test_delete_only_ones_own(tenant, alice, sam):
    visit = _log(tenant, sam)
    with pytest.raises(PermissionDenied):
        visit_delete(visit=visit, author=alice)
    visit_delete(visit=visit, author=sam)
    assert not Visit.objects.exists()
