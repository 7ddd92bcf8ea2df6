"""Dutch and English are complete: every French string of the interface has
a translation, none is fuzzy, and the compiled .mo matches the .po."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def _entries(po: Path):  # noqa: C901 — a small .po parser, one branch per line kind
    """(msgid, [msgstr…], fuzzy) of every entry but the header."""
    entries, current, field = [], None, None
    for raw in po.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current and current["msgid"]:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {"msgid": "", "msgstr": {}, "fuzzy": False, "obsolete": False}
        if line.startswith("#~"):
            current["obsolete"] = True
            continue
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        if line.startswith("#"):
            continue
        if line.startswith("msgid_plural"):
            field = ("plural", None)
        elif line.startswith("msgid "):
            field = ("msgid", None)
            current["msgid"] += line[6:].strip('"')
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            field = ("msgstr", index)
            current["msgstr"][index] = line[line.index("]") + 2 :].strip('"')
        elif line.startswith("msgstr "):
            field = ("msgstr", 0)
            current["msgstr"][0] = line[7:].strip('"')
        elif line.startswith('"') and field:
            kind, index = field
            if kind == "msgid":
                current["msgid"] += line.strip('"')
            elif kind == "msgstr":
                current["msgstr"][index] += line.strip('"')
    return [e for e in entries if not e["obsolete"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_string_is_translated_and_compiled(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    entries = _entries(po)
    assert len(entries) > 500
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    missing = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    assert not fuzzy, f"fuzzy in {lang}: {fuzzy[:5]}"
    assert not missing, f"untranslated in {lang}: {missing[:5]}"
    with (LOCALE / lang / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    compiled = {key if isinstance(key, str) else key[0] for key in catalog}
    stale = [e["msgid"] for e in entries if e["msgid"].replace('\\"', '"').replace("\\n", "\n") not in compiled]
    assert not stale, f"{lang}: django.mo is older than django.po (run compilemessages): {stale[:3]}"
