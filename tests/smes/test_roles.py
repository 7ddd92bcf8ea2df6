import pytest

from smes.roles import CAPABILITIES, CLINICAL_VIEW, HOUSING_EDIT, has_cap


def test_it_denies_anonymous_everything(db):
    from django.contrib.auth.models import AnonymousUser

    assert not any(has_cap(AnonymousUser(), cap) for cap in CAPABILITIES)


def test_it_keeps_clinical_data_from_housing_and_admin(personas):
    assert has_cap(personas["support"], CLINICAL_VIEW)
    assert has_cap(personas["direction"], CLINICAL_VIEW)
    for role in ("housing", "management", "admin", "outsider"):
        assert not has_cap(personas[role], CLINICAL_VIEW), role


def test_rights_add_up_for_several_roles(db):
    from smes.accounts import user_create

    both = user_create(username="both", roles=["Support", "Housing"])
    assert has_cap(both, CLINICAL_VIEW) and has_cap(both, HOUSING_EDIT)


def test_it_rejects_an_unknown_capability(alice):
    with pytest.raises(KeyError):
        has_cap(alice, "nope")


def test_login_page_is_public_and_everything_else_redirects(client, db):
    assert client.get("/connexion/").status_code == 200
    response = client.get("/locataires/")
    assert response.status_code == 302 and response.url.startswith("/connexion/")


def test_home_renders_for_every_persona(personas, client_for):
    for name, user in personas.items():
        response = client_for(user).get("/")
        assert response.status_code == 200, name


def test_the_interface_is_french_first_whatever_the_browser_says(alice, client_for):
    c = client_for(alice)
    assert 'lang="fr"' in c.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    c.post("/langue/", {"language": "nl", "next": "/"})
    assert 'lang="nl"' in c.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()


def test_a_refused_page_explains_itself_in_the_team_layout(bob, client_for):
    response = client_for(bob).get("/rdr/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Accès refusé" in body and "Retour à l'accueil" in body and "topbar" in body


def test_docs_rights_md_lists_every_capability_as_the_code_does():
    """docs/rights.md is the rights matrix the repository owns: its table of
    capabilities says exactly what smes/roles.py grants, role by role."""
    from pathlib import Path

    from django.conf import settings

    from smes.roles import ROLES

    text = (Path(settings.BASE_DIR) / "docs" / "rights.md").read_text(encoding="utf-8")
    table = text.split("<!-- capabilities:", 1)[1]
    documented = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= len(ROLES) + 1 and cells[0].startswith("`"):
            marks = cells[1 : len(ROLES) + 1]
            documented[cells[0].strip("`")] = frozenset(r for r, m in zip(ROLES, marks, strict=True) if m == "✓")
    assert documented == dict(CAPABILITIES)
