"""Every URL of the project × every persona, against docs/rights.md.

The resolver is walked recursively; each named pattern is requested with
real ids (tests/security/world.py) as anonymous, Support, Housing,
Management, Direction and Admin, and the status compared with
tests/security/access_table.py. A URL whose path takes a word from a fixed
list (a data-quality slug, an export format, an admin app) is requested with
EVERY value (PATH_CHOICES). A URL name missing from that table fails,
so no new page ships without someone deciding who may open it. Every page
that answers 200 must also carry the Content-Security-Policy header, and
every response to a signed-in role `Cache-Control: no-store`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.access_table import ACCESS, ADMIN_SITE, ROLES, admin_model_line
from tests.security.world import ADMIN_OBJECTS


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]
    route: str
    positional: int = 0  # unnamed regex groups (simple-history's admin pages)


def _kwargs_of(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    regex = getattr(pattern.pattern, "_regex", None) or str(pattern.pattern)
    return tuple(re.compile(regex).groupindex)


def _positional_of(pattern) -> int:
    if getattr(pattern.pattern, "converters", None):
        return 0
    compiled = re.compile(getattr(pattern.pattern, "_regex", None) or str(pattern.pattern))
    return compiled.groups - len(compiled.groupindex)


def walk(patterns=None, namespace: str = "", prefix: str = "", inherited: tuple[str, ...] = ()) -> list[Route]:
    routes = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            routes += walk(p.url_patterns, ns, prefix + str(p.pattern), inherited + _kwargs_of(p))
        elif isinstance(p, URLPattern):
            name = f"{namespace}{p.name}" if p.name else ""
            routes.append(Route(name, inherited + _kwargs_of(p), prefix + str(p.pattern), _positional_of(p)))
    return routes


ROUTES = walk()
# The admin's unnamed catch-all only redirects to a named page; any other
# unnamed pattern is an error (it could not be listed below).
NAMED = {r.name: r for r in ROUTES if r.name}
UNNAMED = [r.route for r in ROUTES if not r.name and not r.route.startswith("admin/")]
_ADMIN_MODEL_URL = re.compile(r"^admin:(?P<app>[a-z0-9_]+?)_(?P<model>[a-z0-9]+)_(?P<suffix>[a-z_]+)$")


def _admin_model(name: str) -> tuple[str, str] | None:
    """'admin:tenants_gafscore_change' → ('tenants.gafscore', 'change')."""
    from django.contrib import admin

    for model in admin.site._registry:
        opts = model._meta
        head = f"admin:{opts.app_label}_{opts.model_name}_"
        if name.startswith(head):
            return opts.label_lower, name[len(head) :]
    return None


def expected_lines(name: str) -> list[str] | None:
    """The table's line(s) for a URL name: one, or one per value of a path
    word taken from a fixed list (PATH_CHOICES)."""
    for table in (ACCESS, ADMIN_SITE):
        if name in table:
            line = table[name]
            return list(line) if isinstance(line, list | tuple) else [line]
    found = _admin_model(name)
    if found:
        line = admin_model_line(*found)
        return [line] if line else None
    return None


def expected_line(name: str) -> str | None:
    lines = expected_lines(name)
    return lines[0] if lines else None


def _quality_slugs() -> list[str]:
    from reports.quality import CHECKS

    return [c.slug for c in CHECKS]


def _export_formats() -> list[str]:
    from reports.exports import FORMATS

    return list(FORMATS)


def _admin_app_labels() -> list[str]:
    from django.contrib import admin

    return sorted({model._meta.app_label for model in admin.site._registry})


# Path words (str/slug converters, admin's app_label) that take a value from
# a fixed list: the matrix requests EVERY value, each with its own line.
PATH_CHOICES = {
    ("reports:quality", "slug"): _quality_slugs,
    ("reports:export", "fmt"): _export_formats,
    ("admin:app_list", "app_label"): _admin_app_labels,
    ("chapter:edit", "section"): lambda: [s.slug for s in __import__("chapter.sections").sections.SECTIONS],
    ("chapter:register", "kind"): lambda: list(__import__("chapter.registers").registers.REGISTERS),
    ("chapter:register_remove", "kind"): lambda: list(__import__("chapter.registers").registers.REGISTERS),
}
_FREE_KWARGS = {
    "pk",
    "id",
    "object_id",
    "version_id",
    "content_type_id",
    "year",
    "token",
}  # token: a secret, tested in test_calendar_feed


def _cases() -> list[tuple[str, str, str]]:
    """(url name, line, test id): one per line of the table."""
    cases = []
    for name in sorted(NAMED):
        lines = expected_lines(name)
        if not lines:
            cases.append((name, "", name))
            continue
        for line in lines:
            literal = parse(line).literal
            suffix = ",".join(f"{k}={v}" for k, v in literal.items())
            cases.append((name, line, f"{name}[{suffix}]" if len(lines) > 1 else name))
    return cases


@dataclass
class Line:
    method: str
    kind: str | None
    query: dict[str, str]
    codes: tuple[int, ...]
    literal: dict[str, str]


def parse(line: str) -> Line:
    tokens = line.split()
    method = "GET"
    if tokens[0] == "POST":
        method, tokens = "POST", tokens[1:]
    kind = None
    query, literal = {}, {}
    while tokens and not tokens[0].isdigit():
        token = tokens.pop(0)
        if token.startswith("?"):
            key, _, value = token[1:].partition("=")
            query[key] = value
        elif "=" in token:
            key, _, value = token.partition("=")
            literal[key] = value
        else:
            kind = token
    codes = tuple(int(t) for t in tokens)
    assert len(codes) == len(ROLES), f"{line!r}: {len(ROLES)} codes expected"
    return Line(method, kind, query, codes, literal)


def test_every_url_has_a_name():
    assert UNNAMED == [], f"Unnamed URL patterns cannot be checked: {UNNAMED}"


def test_every_url_name_is_in_the_access_table():
    missing = sorted(name for name in NAMED if not expected_lines(name))
    assert not missing, "Add these URL names to tests/security/access_table.py (docs/rights.md decides):\n" + "\n".join(
        f'    "{n}": "…",  # {NAMED[n].route}' for n in missing
    )


def test_the_access_table_has_no_stale_line():
    stale = sorted(set(ACCESS) - set(NAMED))
    assert not stale, f"These URL names no longer exist: {stale}"


def test_every_path_word_from_a_fixed_list_is_listed():
    """A route whose path takes a word (str/slug) must name the list of its
    values in PATH_CHOICES, so the matrix tries them all."""
    unlisted = sorted(
        f"{name} <{key}>"
        for name, route in NAMED.items()
        for key in route.kwargs
        if key not in _FREE_KWARGS and not key.endswith("_pk") and (name, key) not in PATH_CHOICES
    )
    assert not unlisted, f"Teach PATH_CHOICES the values of: {unlisted}"


@pytest.mark.parametrize("name, key", sorted(PATH_CHOICES))
def test_every_value_of_a_path_word_has_its_line(name, key):
    """One line per slug (per format …): a new data-quality check or export
    format gets its line, decided against docs/rights.md."""
    lines = expected_lines(name) or []
    given = [parse(line).literal.get(key) for line in lines]
    assert sorted(given) == sorted(PATH_CHOICES[(name, key)]()), f"{name}: one line per <{key}> value expected"


def _url(route: Route, line: Line, world: dict) -> str:  # noqa: C901 — fills each kind of URL argument from the test world
    kwargs = {}
    admin_model = _admin_model(route.name) if route.name.startswith("admin:") else None
    for key in route.kwargs:
        if key in line.literal:
            kwargs[key] = line.literal[key]
        elif key == "id" and admin_model:
            kwargs[key] = world[ADMIN_OBJECTS[admin_model[0]]].pk
        elif key in ("pk", "id") or key.endswith("_pk"):
            kind = line.kind or key.removesuffix("_pk")
            kwargs[key] = world[kind].pk
        elif key == "object_id":
            obj = world[line.kind or ADMIN_OBJECTS[admin_model[0]]] if admin_model else world["tenant"]
            kwargs[key] = str(obj.pk)
        elif key == "version_id":
            obj = world[ADMIN_OBJECTS[admin_model[0]]]
            kwargs[key] = obj.history.order_by("history_id").values_list("history_id", flat=True).first()
        elif key == "content_type_id":
            kwargs[key] = world["content_type"].pk
        elif key == "app_label":
            kwargs[key] = "tenants"
        elif key == "year":
            kwargs[key] = 2024
        else:
            raise AssertionError(f"{route.name}: no value for <{key}>; teach tests/security/test_url_matrix.py")
    args = []
    if route.positional:
        # simple-history's admin version page: (object id, history id)
        assert admin_model and route.positional == 2, f"{route.name}: unnamed groups"
        obj = world[ADMIN_OBJECTS[admin_model[0]]]
        args = [obj.pk, type(obj).history.filter(id=obj.pk).values_list("history_id", flat=True).first()]
    url = reverse(route.name, args=args) if args else reverse(route.name, kwargs=kwargs)
    if line.query:
        url += "?" + "&".join(f"{k}={world[v].pk}" for k, v in line.query.items())
    return url


def _request(client: Client, method: str, url: str):
    with transaction.atomic():
        try:
            response = client.post(url) if method == "POST" else client.get(url)
        except Exception as exc:  # a crash is a finding, not a test error
            response = exc
        transaction.set_rollback(True)
    return response


CASES = _cases()


@pytest.mark.parametrize("name, line_text", [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_it_gives_each_role_what_roles_md_allows(name, line_text, personas, world):
    if not line_text:
        pytest.fail(f"{name} is missing from tests/security/access_table.py")
    line = parse(line_text)
    url = _url(NAMED[name], line, world)
    users = [
        None,
        personas["support"],
        personas["housing"],
        personas["management"],
        personas["direction"],
        personas["admin"],
    ]
    wrong = []
    for role, user, expected in zip(ROLES, users, line.codes, strict=True):
        client = Client()
        if user is not None:
            client.force_login(user)
        response = _request(client, line.method, url)
        if isinstance(response, Exception):
            wrong.append(f"{role}: expected {expected}, got {type(response).__name__}: {response}")
            continue
        if response.status_code != expected:
            wrong.append(f"{role}: expected {expected}, got {response.status_code}")
        if response.status_code == 200 and not response.get("Content-Security-Policy"):
            wrong.append(f"{role}: 200 without a Content-Security-Policy header")
        if user is not None and "no-store" not in response.get("Cache-Control", ""):
            wrong.append(f"{role}: {response.status_code} without Cache-Control: no-store")
    assert not wrong, f"{line.method} {url} ({name}):\n  " + "\n  ".join(wrong)
