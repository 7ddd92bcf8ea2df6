"""The quick-log screen: pre-filled, htmx save, errors, roles, extensions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse

from tenants.models import Visit, VisitKind, VisitStatus
from tenants.visits.services import QUICKLOG_EXTENSIONS
from tests.factories import TenantFactory, VisitFactory

URL = reverse("tenants:quicklog")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def tenant(db):
    return TenantFactory(first_name="Jean", last_name="Dupont", followup_start=dt.date(2020, 1, 1))


def _post(client, tenant, htmx=True, **data):
    payload = {"tenant": tenant.pk, "date": dt.date.today().isoformat(), "kind": "HOME", "status": "DONE"}
    payload.update(data)
    return client.post(URL, payload, **(HTMX if htmx else {}))


def test_it_opens_pre_filled_for_today_me_home_done(client_for, alice, sam, tenant):
    response = client_for(alice).get(URL, {"tenant": tenant.pk})
    assert response.status_code == 200
    form = response.context["form"]
    assert form["date"].value() == dt.date.today()
    assert form["kind"].value() == VisitKind.HOME
    assert form["status"].value() == VisitStatus.DONE
    assert form["workers"].value() == [alice.pk]
    html = response.content.decode()
    assert 'value="HOME" id="id_kind_0" required checked' in html
    assert "Jean Dupont" in html


def test_plan_mode_pre_fills_planned_on_a_later_day(client_for, alice, tenant):
    form = client_for(alice).get(URL, {"tenant": tenant.pk, "plan": "1"}).context["form"]
    assert form["status"].value() == VisitStatus.PLANNED
    assert form["date"].value() > dt.date.today()


def test_without_tenant_it_shows_the_picker(client_for, alice, tenant):
    ended = TenantFactory(followup_end=dt.date(2021, 1, 1), end_reason="OTHER", last_name="Parti")
    html = client_for(alice).get(URL).content.decode()
    assert f'id="ql-tenant-o{tenant.pk}"' in html
    assert f'id="ql-tenant-o{ended.pk}"' not in html


def test_htmx_save_swaps_a_confirmation_and_a_fresh_form(client_for, alice, tenant):
    response = _post(client_for(alice), tenant, motives=["DAILY", "MEDICAL"], duration_min="45")
    assert response.status_code == 200
    visit = Visit.objects.get()
    assert visit.motives == ["DAILY", "MEDICAL"] and visit.duration_min == 45
    assert list(visit.workers.all()) == [alice]
    html = response.content.decode()
    assert html.startswith('<div id="quicklog"')  # a fragment, not a page
    assert "<html" not in html
    assert "Contact enregistré" in html and "Quotidien, Médical" in html
    assert not response.context["form"].is_bound  # the fresh form


def test_plain_post_redirects_after_saving(client_for, alice, tenant):
    response = _post(client_for(alice), tenant, htmx=False, motives=["DAILY"])
    assert response.status_code == 302
    assert response.url == f"{URL}?tenant={tenant.pk}"
    assert Visit.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"duration_min": "-10"}, "duration_min", "La durée ne peut pas être négative."),
        ({"duration_min": "1500"}, "duration_min", "La durée ne peut pas dépasser 24 heures (1440 minutes)."),
        ({"travel_min": "-2"}, "travel_min", "Le trajet ne peut pas être négatif."),
        ({"motives": ["DAILY", "KARAOKE"]}, "motives", "Motif inconnu : KARAOKE."),
        (
            {"date": (dt.date.today() + dt.timedelta(days=60)).isoformat()},
            "date",
            "Un contact réalisé, absent ou annulé ne peut pas être daté dans le futur.",
        ),
        (
            {"date": "2019-06-01"},
            "date",
            "La date est en dehors de la période d'accompagnement de ce·tte locataire.",
        ),
    ],
)
def test_bad_input_shows_the_message_on_its_field_and_saves_nothing(client_for, alice, tenant, data, field, message):
    response = _post(client_for(alice), tenant, **data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert response["HX-Reswap"] == "outerHTML show:.has-error:top"  # scrolls to the field in error
    assert not Visit.objects.exists()


def test_housing_gets_a_housing_contact_form(client_for, bob, tenant):
    response = client_for(bob).get(URL, {"tenant": tenant.pk})
    form = response.context["form"]
    assert "motives" not in form.fields and "note" not in form.fields
    assert VisitStatus.PLANNED not in dict(form.fields["status"].choices)
    html = response.content.decode()
    assert 'name="note"' not in html and 'name="motives"' not in html
    _post(client_for(bob), tenant, kind="PHONE", motives=["PSY"], note="ignoré")
    visit = Visit.objects.get()
    assert visit.motives == ["HOUSING"] and visit.note == "" and visit.kind == "PHONE"


@pytest.mark.parametrize("persona", ["maggie", "diane", "adam", "oscar"])
def test_roles_without_visit_create_get_403(client_for, tenant, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL, {"tenant": tenant.pk}).status_code == 403
    assert _post(client, tenant).status_code == 403
    assert not Visit.objects.exists()


def test_an_unknown_tenant_is_404(client_for, alice, db):
    assert client_for(alice).get(URL, {"tenant": 999999}).status_code == 404


@pytest.mark.parametrize("n_visits", [5, 200])
def test_the_form_runs_a_constant_number_of_queries(
    client_for, alice, sam, tenant, n_visits, django_assert_max_num_queries
):
    for i in range(n_visits):
        VisitFactory(tenant=tenant, date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)).workers.set([alice, sam])
    client = client_for(alice)
    # session, user, roles, tenant, worker choices, last contacts, session
    # save (3), plus one per registered extension.
    with django_assert_max_num_queries(13):
        assert client.get(URL, {"tenant": tenant.pk}).status_code == 200
    # The POST also lists the worker chips of the posted form and of the
    # fresh one shown after saving (recent co-workers + colleagues, each).
    with django_assert_max_num_queries(25):
        assert _post(client, tenant, motives=["DAILY"]).status_code == 200


# -- Extension point (harm-reduction material) ------------------------------------


class _MaterialForm:
    def __init__(self, data, fail_on_save=False):
        self.data = data
        self.fail_on_save = fail_on_save
        self.saved = []

    def is_valid(self):
        return self.data is None or self.data.get("mat-qty", "") != "bad"

    def save(self, visit):
        if self.fail_on_save:
            raise ValidationError("Stock insuffisant : 2 seringues en stock.")
        self.saved.append(visit)
        Visit.objects.filter(pk=visit.pk).update(note="matériel donné")


class _Extension:
    cap = None
    template = "tenants/visits/_quicklog_empty.html"

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.forms = []

    def form(self, request, data):
        form = _MaterialForm(data, **self.kwargs)
        self.forms.append(form)
        return form


@pytest.fixture
def extension():
    """Test extensions replace the registered ones for one test, which are
    then put back (other apps' extensions, e.g. RdR material, stay)."""
    saved = QUICKLOG_EXTENSIONS.entries()
    QUICKLOG_EXTENSIONS.replace([])

    def register(**kwargs):
        ext = _Extension(**kwargs)
        QUICKLOG_EXTENSIONS.register(ext)
        return ext

    yield register
    QUICKLOG_EXTENSIONS.replace(saved)


def test_an_extension_is_saved_with_the_visit(client_for, alice, tenant, extension):
    ext = extension()
    _post(client_for(alice), tenant, **{"mat-qty": "3"})
    visit = Visit.objects.get()
    assert ext.forms[0].saved == [visit]
    assert visit.note == "matériel donné"


def test_an_invalid_extension_blocks_the_visit(client_for, alice, tenant, extension):
    extension()
    response = _post(client_for(alice), tenant, **{"mat-qty": "bad"})
    assert response.status_code == 200
    assert not Visit.objects.exists()


def test_an_extension_failing_on_save_rolls_the_visit_back(client_for, alice, tenant, extension):
    extension(fail_on_save=True)
    response = _post(client_for(alice), tenant)
    assert "Stock insuffisant : 2 seringues en stock." in response.content.decode()
    assert not Visit.objects.exists()


def test_an_extension_needs_its_capability(client_for, bob, tenant, extension):
    ext = extension()
    ext.cap = "rdr.distribute"
    client_for(bob).get(URL, {"tenant": tenant.pk})
    assert ext.forms == []


def test_a_large_deployment_shows_recent_coworkers_as_chips_but_accepts_anyone(alice, tenant):
    """Hundreds of support workers (a federation): the quick log stays small."""
    from smes.accounts import user_create
    from tenants.visits.forms import VisitForm

    colleagues = [user_create(username=f"w{i:03d}", roles=["Support"]) for i in range(40)]
    partner, stranger = colleagues[0], colleagues[1]
    shared = VisitFactory(tenant=tenant, date=dt.date.today() - dt.timedelta(days=3))
    shared.workers.set([alice, partner])

    form = VisitForm(author=alice)
    shown = {value for value, _label in form.fields["workers"].widget.choices}
    assert shown == {alice.pk, partner.pk}
    assert form.fields["workers"].queryset.count() == 41

    posted = QueryDict(mutable=True)
    posted.update({"kind": "HOME", "status": "DONE", "date": dt.date.today().isoformat()})
    posted.setlist("workers", [str(alice.pk), str(stranger.pk)])
    form = VisitForm(posted, author=alice)
    assert stranger.pk in {value for value, _label in form.fields["workers"].widget.choices}
    form.is_valid()
    assert "workers" not in form.errors


def test_the_quick_log_runs_the_same_queries_for_a_team_and_a_federation(client_for, alice, tenant):
    """Issue 8: a page's query count must not grow with the deployment."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from smes.accounts import user_create

    def counted() -> tuple[int, int]:
        client = client_for(alice)
        client.get(URL, {"tenant": tenant.pk})  # warm: session, caches
        with CaptureQueriesContext(connection) as get:
            assert client.get(URL, {"tenant": tenant.pk}).status_code == 200
        with CaptureQueriesContext(connection) as post:
            assert _post(client, tenant, motives=["DAILY"]).status_code == 200
        return len(get), len(post)

    team = counted()
    for i in range(40):
        user_create(username=f"fed{i:03d}", roles=["Support"])
    assert counted() == team


def test_after_the_end_of_follow_up_a_late_contact_is_noted_within_it_and_nothing_is_planned(client_for, alice, tenant):
    ended = dt.date.today() - dt.timedelta(days=10)
    tenant.followup_end, tenant.end_reason = ended, "DECEASED"
    tenant.save()
    client = client_for(alice)

    page = client.get(reverse("tenants:detail", args=[tenant.pk])).content.decode()
    assert "Accompagnement terminé le" in page and f"tenant={tenant.pk}&amp;plan=1" not in page

    response = client.get(URL, {"tenant": tenant.pk, "plan": "1"})
    assert response.context["plan"] is False
    assert response.context["form"].initial["date"] == ended
    html = response.content.decode()
    assert "Accompagnement terminé le" in html and f"plan=1&amp;tenant={tenant.pk}" not in html

    assert _post(client, tenant, date=ended.isoformat()).status_code == 200
    assert Visit.objects.get().date == ended


def test_worker_chips_sort_as_a_french_reader_expects(alice, tenant):
    """The database sorts the chips (first name, then last name): no Python sorting."""
    from smes.accounts import user_create
    from tenants.visits.forms import VisitForm

    for i, first in enumerate(["Zoé", "Élise", "eric", "Ali"]):
        user_create(username=f"w{i}", roles=["Support"], first_name=first, last_name="Test")
    labels = [label for _value, label in VisitForm(author=alice).fields["workers"].widget.choices]
    firsts = [label.split()[0] for label in labels]
    assert firsts == ["Ali", "Alice", "Élise", "eric", "Zoé"], labels
