"""Timings and query counts.

Every figure is the median of several runs after warm-up runs. Pages go
through Django's test client (the whole middleware stack, the real URL
names), logged in with `force_login`: the time is the server's, without a
network or a browser. A page whose URL does not exist yet is reported as
skipped, not as a failure of the run.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tenants.models import MOTIVE_FIELDS, Tenant, Visit

IMPORT_KINDS = ["HOME", "HOME", "HOME", "EXTERNAL", "CONCERTATION", "PHONE"]
IMPORT_STATUSES = ["DONE"] * 8 + ["ABSENT", "CANCELLED"]


class Skip(Exception):
    """The thing to measure does not exist (yet)."""


def timed(fn: Callable[[], object], *, runs: int, warmup: int, before: Callable[[], object] | None = None) -> dict:
    """Median wall time of `fn` and the number of SQL queries of its last run.
    `before` runs ahead of every run, untimed (e.g. emptying the cache)."""
    for _ in range(warmup):
        fn()
    times, cpu, queries, results = [], [], [], []
    for _ in range(runs):
        if before is not None:
            before()
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = fn()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries.append(len(ctx.captured_queries))
        results.append(result)
    out = {
        "median_ms": round(statistics.median(times), 2),
        "min_ms": round(min(times), 2),
        "max_ms": round(max(times), 2),
        # Python's own CPU time (the database's is not in it): on a busy
        # machine, wall time minus this shows how long the work waited.
        "python_cpu_ms": round(statistics.median(cpu), 2),
        "runs": runs,
        "queries": queries[-1],
    }
    if len(set(queries)) > 1:
        out["queries_per_run"] = queries
    return out, results[-1]


# --- the physical floor -------------------------------------------------------


FLOOR_SQL = "SELECT kind, status, count(*) FROM tenants_visit WHERE date >= %s AND date <= %s GROUP BY kind, status"


def floor(year: int, *, runs: int, warmup: int) -> dict:
    """One raw aggregate over the year's visits: what the database alone
    needs to read them once."""
    bounds = (dt.date(year, 1, 1), dt.date(year, 12, 31))

    def query():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, bounds)
            return cursor.fetchall()

    figures, rows = timed(query, runs=runs, warmup=warmup)
    figures["sql"] = FLOOR_SQL
    figures["visits_in_year"] = sum(r[2] for r in rows)
    return figures


# --- the annual report --------------------------------------------------------


def report_json(year: int, *, runs: int, warmup: int) -> dict:
    """The annual report's JSON for the year, as `manage.py annual_report
    --format json` builds it; then each block alone (which one costs what)."""
    try:
        from reports.exports import export_json

        build, dotted = (lambda: export_json(year)), "reports.exports.export_json"
    except ImportError:
        try:
            from reports.selectors import annual_report
        except ImportError as exc:
            raise Skip(f"reports.selectors.annual_report missing ({exc})")
        build = lambda: json.dumps(annual_report(year), cls=DjangoJSONEncoder)  # noqa: E731
        dotted = "reports.selectors.annual_report + json.dumps"

    figures, text = timed(build, runs=runs, warmup=warmup)
    figures["bytes"] = len(text)
    figures["function"] = dotted
    figures["blocks"] = report_blocks(year, runs=max(1, min(runs, 3)))
    return figures


def report_blocks(year: int, *, runs: int) -> dict:
    """Each block of the report (reports.blocks) alone, named "<key>_block"."""
    from reports.blocks import Selection
    from reports.blocks import report_blocks as registered

    out = {}
    for block in registered():
        if block.select is None:
            continue
        figures, _ = timed(lambda block=block: block.select(Selection(year)), runs=runs, warmup=0)
        out[f"{block.key}_block"] = {"median_ms": figures["median_ms"], "queries": figures["queries"]}
    return out


def _pdf_function():
    """The PDF export as the annual_report command calls it."""
    candidates = [
        ("reports.exports", "export_pdf"),
        ("reports.pdf", "annual_report_pdf"),
        ("reports.pdfs", "annual_report_pdf"),
        ("reports.export", "annual_report_pdf"),
        ("reports.exports", "annual_report_pdf"),
        ("reports.services", "annual_report_pdf"),
    ]
    from importlib import import_module

    for module, name in candidates:
        try:
            return f"{module}.{name}", getattr(import_module(module), name)
        except (ImportError, AttributeError):
            continue
    raise Skip("no PDF export function found (looked for " + ", ".join(f"{m}.{n}" for m, n in candidates) + ")")


def report_pdf(year: int, *, runs: int, warmup: int) -> dict:
    """Timed with an empty cache (the five earlier years computed every
    time), then, as `cached_ms`, once they are in the cache."""
    from django.core.cache import cache

    dotted, render = _pdf_function()
    figures, pdf = timed(lambda: render(year), runs=runs, warmup=warmup, before=cache.clear)
    cached, _pdf = timed(lambda: render(year), runs=runs, warmup=1)
    figures["cached_ms"] = cached["median_ms"]
    figures["cached_queries"] = cached["queries"]
    figures["bytes"] = len(pdf) if isinstance(pdf, (bytes, bytearray)) else None
    if isinstance(pdf, (bytes, bytearray)) and pdf[:4] != b"%PDF":
        figures["error"] = "not a PDF"
    figures["function"] = dotted
    return figures


# --- pages --------------------------------------------------------------------


def _url(name: str, *args, query: str = "") -> str:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        raise Skip(f"URL name {name!r} does not exist yet")


def page(
    client: Client,
    method: str,
    url: str,
    *,
    data=None,
    headers=None,
    runs: int,
    warmup: int,
    expect=(200,),
    before: Callable[[], object] | None = None,
) -> dict:
    statuses = []

    def request():
        if method == "GET":
            response = client.get(url, headers=headers or {})
        else:
            response = client.post(url, data=data() if callable(data) else data, headers=headers or {})
        statuses.append(response.status_code)
        if response.status_code not in expect:
            raise RuntimeError(f"{method} {url} answered {response.status_code}")
        return len(response.content)

    figures, size = timed(request, runs=runs, warmup=warmup, before=before)
    figures.update({"url": url, "method": method, "status": statuses[-1], "bytes": size})
    return figures


def busiest_active_tenant() -> Tenant:
    """The still-followed tenant with the most contacts: the heaviest tenant
    page a worker opens."""
    from django.db.models import Count

    row = (
        Visit.objects.filter(tenant__followup_end__isnull=True)
        .values("tenant")
        .annotate(n=Count("id"))
        .order_by("-n", "tenant")
        .first()
    )
    if row is None:
        return Tenant.objects.filter(followup_end__isnull=True).order_by("pk").first()
    return Tenant.objects.get(pk=row["tenant"])


def search_word(tenant: Tenant) -> str:
    """A search a worker types: the first four letters of a last name."""
    return tenant.last_name[:4].lower()


def quicklog_post_data(tenant: Tenant, worker_pk: int) -> dict:
    today = dt.date.today()
    return {
        "tenant": str(tenant.pk),
        "kind": "HOME",
        "status": "DONE",
        "date": today.isoformat(),
        "time": "10:00",
        "duration_min": "45",
        "travel_min": "20",
        "workers": [str(worker_pk)],
        "motives": ["DAILY", "HOUSING"],
        "note": "",
    }


def pages(users: dict, *, year: int, runs: int, warmup: int, report_runs: int = 3) -> dict:
    """The pages of issue 8, each as the role that uses it."""
    from django.core.cache import cache

    support = Client()
    support.force_login(users["support"])
    direction = Client()
    direction.force_login(users["direction"])
    tenant = busiest_active_tenant()
    htmx = {"HX-Request": "true"}
    plan = {
        "tenant_detail": lambda: page(support, "GET", _url("tenants:detail", tenant.pk), runs=runs, warmup=warmup),
        "tenant_list_search": lambda: page(
            support, "GET", _url("tenants:list", query=f"q={search_word(tenant)}"), runs=runs, warmup=warmup
        ),
        "quicklog_get": lambda: page(
            support, "GET", _url("tenants:quicklog", query=f"tenant={tenant.pk}"), runs=runs, warmup=warmup
        ),
        "quicklog_post": lambda: page(
            support,
            "POST",
            _url("tenants:quicklog"),
            data=quicklog_post_data(tenant, users["support"].pk),
            headers=htmx,
            runs=runs,
            warmup=warmup,
        ),
        "stock": lambda: page(support, "GET", _url("harmreduction:stock"), runs=runs, warmup=warmup),
        # The earlier years the report cites: computed (empty cache), then
        # from the cache (the Direction's next page, PDF or workbook).
        "annual_report_page": lambda: page(
            direction,
            "GET",
            _url("reports:annual", query=f"annee={year}"),
            runs=report_runs,
            warmup=1,
            before=cache.clear,
        ),
        "annual_report_page_cached": lambda: page(
            direction, "GET", _url("reports:annual", query=f"annee={year}"), runs=report_runs, warmup=1
        ),
        "annual_report_json_download": lambda: page(
            direction, "GET", _url("reports:export", year, "json"), runs=report_runs, warmup=1
        ),
    }
    out = {"tenant": {"pk": tenant.pk, "visits": tenant.visits.count()}}
    for name, measure in plan.items():
        try:
            out[name] = measure()
        except Skip as exc:
            out[name] = {"skipped": str(exc)}
        except Exception as exc:  # one broken page must not hide the others' figures
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


# --- import -------------------------------------------------------------------


def write_visits_csv(path: Path, rows: int, *, usernames: list[str], seed: int = 8, tenants: int = 100) -> None:
    """`rows` valid contacts of `tenants` tenants spread over their whole
    follow-up: one team importing its history (dates inside the stored
    history, so the matching against recorded visits has work to do).
    Random durations make a row identical to a stored visit rare; such a
    row is matched, not duplicated, and still counts as processed."""
    import random

    rng = random.Random(f"smes-bench-import-{seed}")
    today = dt.date.today()
    people = [
        (code, start, min(end or today, today))
        for code, start, end in Tenant.objects.order_by("code").values_list("code", "followup_start", "followup_end")[
            :tenants
        ]
    ]
    if not people:
        raise Skip("no tenant to import visits for")
    motives = list(MOTIVE_FIELDS)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["tenant", "date", "kind", "status", "duration_min", "travel_min", "workers", "motives"])
        for _ in range(rows):
            code, first, last = people[rng.randrange(len(people))]
            kind = rng.choice(IMPORT_KINDS)
            writer.writerow(
                [
                    code,
                    (first + dt.timedelta(days=rng.randrange((last - first).days + 1))).isoformat(),
                    kind,
                    rng.choice(IMPORT_STATUSES),
                    rng.randrange(10, 120),
                    "" if kind == "PHONE" else rng.randrange(5, 60),
                    ";".join(sorted(set(rng.sample(usernames, min(len(usernames), 1 + rng.randrange(2)))))),
                    ";".join(sorted(set(rng.sample(motives, 1 + rng.randrange(2))))),
                ]
            )


class _Undo(Exception):
    pass


_last_import_cpu = 0.0


def import_once(directory: Path, *, profile_to: Path | None = None) -> tuple[float, object]:
    """Run import_directory for real (validation and writes), then roll the
    whole thing back so that the data set stays the same."""
    from records.interchange.engine import import_directory

    profiler = None
    if profile_to is not None:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)
    seconds, report = 0.0, None
    try:
        with transaction.atomic():
            if profiler:
                profiler.start()
            started, started_cpu = time.perf_counter(), time.process_time()
            report = import_directory(directory)
            seconds = time.perf_counter() - started
            global _last_import_cpu
            _last_import_cpu = time.process_time() - started_cpu
            if profiler:
                profiler.stop()
            raise _Undo
    except _Undo:
        pass
    if profiler:
        profile_to.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    return seconds, report


def import_visits(rows: int, *, usernames: list[str], runs: int = 1, profile_to: Path | None = None) -> dict:
    from records.interchange import available_files

    if "visits" not in dict(available_files()):
        raise Skip("the visits resource (tenants.visits.resources.VisitResource) does not exist yet")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        # Warm-up on a small file (imports, caches), then the measured runs.
        write_visits_csv(directory / "visits.csv", min(rows, 500), usernames=usernames, seed=1, tenants=5)
        import_once(directory)
        write_visits_csv(directory / "visits.csv", rows, usernames=usernames)
        times, cpu, report = [], [], None
        for n in range(runs):
            seconds, report = import_once(directory, profile_to=profile_to if n == 0 else None)
            times.append(seconds)
            cpu.append(_last_import_cpu)
    seconds = statistics.median(times)
    cpu_seconds = statistics.median(cpu)
    written = report.files[0].new if report and report.files else 0
    return {
        "rows": rows,
        "runs": runs,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds) if seconds else None,
        "python_cpu_s": round(cpu_seconds, 2),
        "rows_per_python_cpu_s": round(rows / cpu_seconds) if cpu_seconds else None,
        "new": written,
        "errors": len(report.errors) if report else None,
        "first_errors": [str(e) for e in report.errors[:5]] if report else [],
        "profile": str(profile_to) if profile_to else None,
        # The process's peak resident memory so far (the import streams
        # visits.csv: it should not follow the file's size).
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


# --- exports (issue 16) -------------------------------------------------------


def export_all(*, runs: int = 1) -> dict:
    """`export_data` of the whole database (CSV) into a temporary folder:
    rows written per second (header lines not counted)."""
    from records.interchange.engine import export_directory

    times, cpu, rows, size = [], [], 0, 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            started, started_cpu = time.perf_counter(), time.process_time()
            written = export_directory(tmp)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            rows, size = 0, 0
            for path in written:
                with path.open("rb") as handle:
                    rows += sum(1 for _ in handle) - 1  # no cell of the export holds a line break here
                size += path.stat().st_size
    seconds = statistics.median(times)
    return {
        "rows": rows,
        "bytes": size,
        "runs": runs,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds) if seconds else None,
        # Python's CPU time: on a machine shared with other work, rows per
        # CPU second shows the code's own speed.
        "python_cpu_s": round(statistics.median(cpu), 2),
        "rows_per_python_cpu_s": round(rows / statistics.median(cpu)) if statistics.median(cpu) else None,
    }


def export_zip_download(user) -> dict:
    """The Direction's "everything as a ZIP" through the real view: the time
    to the first bytes, the whole download, and the peak of Python memory
    while it streams (tracemalloc, measured on a second download: it slows
    the work down)."""
    import tracemalloc

    client = Client()
    client.force_login(user)
    url = _url("data_export")

    def download(trace: bool):
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        first, size = None, 0
        for chunk in response.streaming_content:
            if chunk and first is None:
                first = time.perf_counter() - started
            size += len(chunk)
        total = time.perf_counter() - started
        peak = None
        if trace:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return first, total, size, peak

    first, total, size, _ = download(False)
    _f, _t, _s, peak = download(True)
    return {
        "url": url,
        "first_byte_ms": round(first * 1000, 1) if first is not None else None,
        "total_s": round(total, 2),
        "bytes": size,
        "peak_python_mb": round(peak / 1024 / 1024, 1) if peak is not None else None,
    }


def gdpr_export(user, *, runs: int = 3) -> dict:
    """A tenant's subject-access export (ZIP: CSV files, journals, PDF) for
    the tenant with the most contacts."""
    from records.gdpr import subject_access_zip

    tenant = busiest_active_tenant()
    figures, data = timed(lambda: subject_access_zip(tenant, requested_by=user), runs=runs, warmup=1)
    figures["tenant_visits"] = tenant.visits.count()
    figures["bytes"] = len(data)
    return figures


def exports(users: dict, *, runs: int = 1, gdpr_runs: int = 3) -> dict:
    out: dict = {}
    for name, fn in (
        ("export_data", lambda: export_all(runs=runs)),
        ("zip_download", lambda: export_zip_download(users["direction"])),
        ("gdpr_export", lambda: gdpr_export(users["direction"], runs=gdpr_runs)),
    ):
        try:
            out[name] = fn()
        except Skip as exc:
            out[name] = {"skipped": str(exc)}
        except Exception as exc:  # noqa: BLE001 — one broken figure must not hide the others
            out[name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


# --- the report page after a change (issue 16) -------------------------------------


class _Rollback(Exception):
    pass


def report_page_after_change(user, *, year: int, runs: int = 3) -> dict:
    """The Direction's report page of `year` (a closed year) the first time
    after one contact changed: dated five years earlier (one earlier year to
    compute), dated in the report's year (the report's own figures), or
    logged today (the running year: nothing kept goes stale). Each change
    is rolled back afterwards."""
    from django.core.cache import cache

    client = Client()
    client.force_login(user)
    url = _url("reports:annual", query=f"annee={year}")
    cache.clear()
    client.get(url)  # every year computed and kept
    tenant = busiest_active_tenant()

    def change(day_year: int | None):
        if day_year is None:
            Visit.objects.create(tenant=tenant, date=dt.date.today(), kind="PHONE", status="DONE", duration_min=5)
            return
        visit = Visit.objects.filter(date__year=day_year).order_by("pk").first()
        if visit is None:
            raise Skip(f"no contact dated {day_year}")
        visit.duration_min = (visit.duration_min or 0) + 1
        visit.save()

    out = {"url": url}
    for name, day_year in (("old_year", year - 4), ("report_year", year), ("running_year", None)):
        times, queries = [], []
        for _ in range(runs):
            try:
                with transaction.atomic():
                    change(day_year)
                    with CaptureQueriesContext(connection) as ctx:
                        started = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"GET {url} answered {response.status_code}")
                    queries.append(len(ctx.captured_queries))
                    raise _Rollback
            except _Rollback:
                pass
        out[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "queries": queries[-1],
        }
    return out
