"""Synthetic records: one generator with two plans and one bulk writer.

- The published-2025 team (`sampledata.demo`, `manage.py demo_data`): about
  a hundred tenants followed since 2013, whose year 2025 reproduces the
  team's published chapter; what `make run` loads.
- Scale S (`sampledata.scale`, `python -m benchmarks.run --scale S`): S × 100
  tenants over ten years, each drawing from its own seeded stream; what the
  benchmark measures.

Both draw from `vocabulary` (names, streets, partners, notes, proportions)
with the seeded helpers of `rand`, and write through `bulk` (explicit ids,
COPY on PostgreSQL, executemany on SQLite; ORM bulk_create with history rows
for the small tables the record pages show). The app sits above the domain
apps: it imports them, nothing imports it.
"""
