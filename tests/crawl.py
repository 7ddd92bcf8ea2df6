"""A same-site crawler on Django's test Client, reusable by other tests.

`crawl(client)` starts at the home page and follows, with GET only:
  * every same-site <a href> (fragments dropped; /static/, /media/ and the
    logout / language setters skipped: they are POST forms anyway);
  * every option of every <select> of a GET form, one option at a time with
    the form's hidden fields (the year switch of the report, the filters of a
    list);
  * pagination's first and last pages only: a page whose context carries a
    paginator (`page_obj`, or the admin's change list `cl`) gets its last page
    queued; links to the pages in between are not followed.
POST forms are never submitted. A URL is "shaped" by its route, its path
words (a slug, a format, a year) and the names of its query parameters,
record ids and parameter values replaced by "*" except for a year (`annee`),
a language or a format: at most `per_shape` URLs of one shape are visited
(three tenant pages, three values of a filter), while every year of the
year switch and every slug of a page is a shape of its own.
Downloads (an <a download>, or a response that is not HTML) are requested
once per route, format and language (the report's PDF in French and in
Dutch, its XLSX and JSON); their body is not parsed. The whole-database ZIP
and the subject-access PDF (SKIP_DOWNLOADS) are not requested.

The result lists every page requested, in order; `html_pages()` is the list
of pages an accessibility check can load in a browser as the same user.
`crawl_as(role)` crawls as the demo account of a role (`manage.py
demo_data`, plus an account without a role named ACCOUNTS["none"]; see
tests/security/test_crawl.py for the fixture that builds them once).
"""

from __future__ import annotations

import re
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Routes the crawler never requests: they change state or end the session.
SKIP_ROUTES = {"logout", "set_language", "admin:logout", "login", "admin:login"}
SKIP_PREFIXES = ("/static/", "/media/")
# Downloads not requested: on the demo data the export of every record as a
# ZIP and a tenant's subject-access PDF each take minutes (a finding of their
# own, reported; tests/smes/test_data_views.py and tests/security/test_gdpr.py
# cover them on small data).
SKIP_DOWNLOADS = {"data_export", "gdpr_export"}
# Query parameters whose every value matters (a year, a language, a format).
KEEP_VALUES = {"annee", "year", "lang", "fmt"}
PAGE_PARAMS = {"page", "p"}  # ours, the admin's
MAX_PAGES = 3000
# role -> demo login (smes/accounts.py); "none" is an account without a role
# that the caller creates.
ACCOUNTS = {
    "support": "accompagnement",
    "housing": "logement",
    "management": "gestion",
    "direction": "direction",
    "admin": "admin",
    "none": "sans-role",
}
PER_SHAPE = 3


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    route: str  # URL name, "" if it does not resolve
    referrer: str
    seconds: float
    download: bool = False


@dataclass
class CrawlResult:
    pages: list[Page] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # 5xx, exceptions, tracebacks
    truncated: bool = False  # stopped at the page limit
    seconds: float = 0.0

    def html_pages(self) -> list[str]:
        """URLs answered 200 with an HTML page (what a browser check reloads)."""
        return [p.url for p in self.pages if p.status == 200 and p.content_type.startswith("text/html")]

    def by_route(self) -> Counter:
        return Counter(p.route for p in self.pages)


class _Links(HTMLParser):
    """<a href> (with their `download` flag) and the selects of GET forms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], "download" in a))
        elif tag == "form":
            method = (a.get("method") or "get").lower()
            self._form = {"action": a.get("action") or "", "hidden": [], "selects": {}} if method == "get" else None
            if self._form is not None:
                self.forms.append(self._form)
        elif self._form is not None and tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self._form["hidden"].append((a["name"], a.get("value") or ""))
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form["selects"].setdefault(self._select, [])
        elif self._form is not None and self._select and tag == "option":
            self._form["selects"][self._select].append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _split(url: str) -> tuple[str, list[tuple[str, str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qsl(parts.query, keep_blank_values=True)


def _join(path: str, query: list[tuple[str, str]]) -> str:
    return path + ("?" + urlencode(sorted(query)) if query else "")


def _route(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


_ID = re.compile(r"^\d+$")


def shape(url: str) -> tuple:
    """The route and its parameters, record ids replaced by "*"."""
    path, query = _split(url)
    match = _route(path)
    if match is None:
        return (path,)
    kwargs = tuple(sorted((k, "*" if (_ID.match(str(v)) and k != "year") else str(v)) for k, v in match.kwargs.items()))
    args = tuple("*" if _ID.match(str(a)) else str(a) for a in match.args)
    if match.view_name.startswith("admin:"):
        # the admin's filters combine without end: one shape per page, with
        # or without a query
        return (match.view_name, kwargs, args, ("?",) if query else ())
    params = []
    for k, v in query:
        if k in PAGE_PARAMS:
            continue
        if k not in KEEP_VALUES:
            v = "*"
        params.append((k, v))
    return (match.view_name, kwargs, args, tuple(sorted(set(params))))


def download_kind(url: str) -> tuple:
    """A download's route, format and language, whatever the year or record:
    the crawler requests each kind once."""
    route, kwargs, args, params = (*shape(url), (), (), ())[:4]
    kwargs = tuple((k, v) for k, v in kwargs if k != "year")
    return route, kwargs, tuple((k, v) for k, v in params if k not in ("annee", "year"))


def _page_count(response) -> tuple[str, int] | None:
    """(parameter, last page) when the response shows a paginated list."""
    context = getattr(response, "context", None)
    if not context:
        return None
    try:
        page_obj = context.get("page_obj")
    except (AttributeError, KeyError):
        page_obj = None
    if page_obj is not None and hasattr(page_obj, "paginator"):
        return "page", page_obj.paginator.num_pages
    cl = context.get("cl")
    if cl is not None and hasattr(cl, "paginator"):
        return "p", cl.paginator.num_pages
    return None


def crawl(  # noqa: C901 — a crawler: one branch per kind of link and response
    client: Client,
    start: str = "/",
    *,
    max_pages: int = MAX_PAGES,
    per_shape: int = PER_SHAPE,
    follow_downloads: bool = True,
    progress: int = 0,
    skip_prefixes: tuple[str, ...] = (),
) -> CrawlResult:
    """Visit the site as `client`'s user; see the module docstring."""
    result = CrawlResult()
    began = time.monotonic()
    # (url, referrer, download, last page of a list: not capped by shape)
    queue: deque[tuple[str, str, bool, bool]] = deque([(start, "", False, False)])
    seen: set[str] = {start}
    per: Counter = Counter()
    downloads: set[tuple] = set()
    file_routes: set[str] = set()

    def enqueue(url: str, referrer: str, download: bool = False, last_page: bool = False) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            return
        path, query = parts.path, parse_qsl(parts.query, keep_blank_values=True)
        if not path or path.startswith(SKIP_PREFIXES + skip_prefixes):
            return
        match = _route(path)
        if match is not None and match.view_name in SKIP_ROUTES | SKIP_DOWNLOADS:
            return
        # pagination: only the first page (no parameter, or 1) comes from links
        page = [v for k, v in query if k in PAGE_PARAMS]
        if page and page[0] != "1" and not last_page:
            return
        normal = _join(path, query)
        if normal in seen:
            return
        seen.add(normal)
        queue.append((normal, referrer, download, last_page))

    while queue:
        if len(result.pages) >= max_pages:
            result.truncated = True
            break
        url, referrer, download, last_page = queue.popleft()
        key = shape(url)
        if per[key] >= per_shape and not last_page:
            continue
        # a route that answered a file once is a download from then on
        download = download or key[0] in file_routes
        if download:
            kind = download_kind(url)
            if not follow_downloads or kind in downloads:
                continue
            downloads.add(kind)
        per[key] += 1
        if progress and len(result.pages) % progress == 0:
            print(f"[crawl] {len(result.pages)} pages, {len(queue)} queued, {time.monotonic() - began:.0f} s: {url}")
        t0 = time.monotonic()
        try:
            response = client.get(url)
        except Exception as exc:  # a crash is a finding
            result.errors.append(f"{url} (from {referrer}): {type(exc).__name__}: {exc}\n{traceback.format_exc()}")
            result.pages.append(Page(url, 500, "", key[0], referrer, time.monotonic() - t0, download))
            continue
        content_type = response.get("Content-Type", "")
        is_html = content_type.startswith("text/html")
        match = _route(urlsplit(url).path)
        page = Page(
            url,
            response.status_code,
            content_type,
            match.view_name if match else "",
            referrer,
            time.monotonic() - t0,
            download or not is_html,
        )
        result.pages.append(page)
        if response.status_code == 200 and not is_html and match is not None:
            file_routes.add(match.view_name)
            downloads.add(download_kind(url))
        if response.status_code >= 500:
            result.errors.append(f"{url} (from {referrer}): HTTP {response.status_code}")
        body = response.content if is_html else b""
        if b"Traceback (most recent call last)" in body:
            result.errors.append(f"{url} (from {referrer}): a traceback in the page")
        if response.status_code in (301, 302, 303, 307, 308):
            location = response.get("Location", "")
            enqueue(urljoin(url, location), url)
            continue
        if response.status_code != 200 or not is_html:
            continue
        parser = _Links()
        parser.feed(body.decode(response.charset or "utf-8", errors="replace"))
        for href, is_download in parser.links:
            enqueue(urljoin(url, href.split("#", 1)[0]) if not href.startswith("#") else url, url, is_download)
        for form in parser.forms:
            action = urljoin(url, form["action"]) if form["action"] else urlsplit(url).path
            for name, options in form["selects"].items():
                for value in options:
                    enqueue(_join(urlsplit(action).path, [*form["hidden"], (name, value)]), url)
        last = _page_count(response)
        if last and last[1] > 1:
            path, query = _split(url)
            query = [(k, v) for k, v in query if k != last[0]]
            enqueue(_join(path, [*query, (last[0], str(last[1]))]), url, last_page=True)
    result.seconds = time.monotonic() - began
    return result


def crawl_as(role: str, **options) -> CrawlResult:
    """Crawl as the demo account of `role` (a key of ACCOUNTS), logged in on
    a fresh Client; the demo data must be in the database."""
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=ACCOUNTS[role]))
    return crawl(client, **options)
