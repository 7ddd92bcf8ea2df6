"""smes.registry: the one mechanism through which apps contribute to shared
pages and mechanisms, and what the apps declare in it."""

import re
from pathlib import Path

from smes.registry import HISTORY_ACCESS, INTERCHANGE_FILES, PERSONAL_DATA, Registry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def test_it_registers_an_entry_once_and_keeps_the_order_of_registration():
    registry = Registry("test")
    registry.register("b")
    registry.register("a")
    registry.register("b")
    assert registry.entries() == ["b", "a"]
    assert "a" in registry and len(registry) == 2


def test_it_sorts_by_order_and_finds_by_key():
    registry = Registry("test", key=lambda e: e[0], order=lambda e: e[1])
    registry.register(("late", 90))
    registry.register(("early", 10))
    registry.register(("early", 50))  # same key: ignored
    assert registry.entries() == [("early", 10), ("late", 90)]
    assert registry.get("late") == ("late", 90)
    registry.unregister(("late", 0))
    assert registry.entries() == [("early", 10)]


def test_interchange_files_follow_the_sections_of_the_format():
    sections = {int(n): stem for n, stem in re.findall(r"^## (\d+)\. `(\w+)\.csv`", DOCS.read_text(), re.M)}
    assert {f.position: f.stem for f in INTERCHANGE_FILES} == sections
    assert [f.stem for f in INTERCHANGE_FILES] == [sections[n] for n in sorted(sections)]


def test_the_domain_apps_declare_their_history_readers_and_personal_data():
    assert {h.app_label for h in HISTORY_ACCESS} == {"tenants", "housing", "harmreduction"}
    assert {p.app_label for p in PERSONAL_DATA} == {"tenants", "housing", "harmreduction", "intake"}
