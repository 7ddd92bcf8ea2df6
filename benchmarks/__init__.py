"""Performance benchmark of the application (issue 8).

`python -m benchmarks.run --scale S` fills the configured database with
deterministic synthetic records at S times the team's volume (S = 1: 100
tenants followed for 10 years, about 45,000 contacts), times the pages, the
annual report, its PDF and the import against the physical floor of the
database, and prints one JSON document (also written to bench-results/).

`python -m benchmarks.loadtest` runs the bounded load test (gunicorn on
127.0.0.1, simulated workers logging visits and opening tenant pages).

The records come from the `sampledata` app (its scale plan,
`sampledata/scale.py`, and its bulk writer, `sampledata/bulk.py`, shared
with the demo). Modules here: `measure` (timings and query counts), `run`
and `loadtest` (the two commands). `results/` keeps the runs quoted in
the README.
"""
