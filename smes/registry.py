"""What the apps contribute to shared pages and shared mechanisms.

One class, many named registries. An app fills them from its own
`AppConfig.ready()`; the page or mechanism that reads a registry knows no
app by name (the project, `smes`, imports no domain app: import-linter
checks it, see pyproject.toml).

    from smes.registry import HOME_BLOCKS
    HOME_BLOCKS.register(Block("housing/_home_block.html", home_context, HOUSING_EDIT, order=20))

Registering the same entry twice registers it once (`ready()` may run more
than once in tests): entries are the same when their `key` is equal (the
entry itself unless the registry says otherwise). Iterating gives the
entries in registration order, or sorted by `order` when the registry has
one — so no app has to be loaded before another.

The registries of this module are those read by the project and by
`records`; an app that owns a shared page keeps its own beside it
(tenants: the timeline's sources, the quick log's extensions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


class Registry:
    """A named, ordered set of contributions."""

    def __init__(
        self, name: str, *, key: Callable[[Any], Any] | None = None, order: Callable[[Any], Any] | None = None
    ):
        self.name = name
        self._key = key or (lambda entry: entry)
        self._order = order
        self._entries: list[Any] = []

    def register(self, entry: Any) -> Any:
        """Add `entry` unless an entry with the same key is there; returns it."""
        key = self._key(entry)
        if all(self._key(e) != key for e in self._entries):
            self._entries.append(entry)
        return entry

    def unregister(self, entry: Any) -> None:
        key = self._key(entry)
        self._entries = [e for e in self._entries if self._key(e) != key]

    def get(self, key: Any, default: Any = None) -> Any:
        return next((e for e in self._entries if self._key(e) == key), default)

    def entries(self) -> list[Any]:
        """A copy, in order (tests save it and `replace()` it back)."""
        if self._order is None:
            return list(self._entries)
        return sorted(self._entries, key=self._order)

    def replace(self, entries: Iterable[Any]) -> None:
        self._entries = []
        for entry in entries:
            self.register(entry)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.entries())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry: Any) -> bool:
        key = self._key(entry)
        return any(self._key(e) == key for e in self._entries)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self._entries)}>"


# --------------------------------------------------------------------------
# Shared pages (smes.home)

# Blocks of the home page and panels of the tenant page (smes.home.Block).
HOME_BLOCKS = Registry("home.blocks", order=lambda b: b.order)
TENANT_PANELS = Registry("tenant.panels", order=lambda b: b.order)


# --------------------------------------------------------------------------
# Record keeping (read by the records app)


@dataclass(frozen=True)
class InterchangeFile:
    """One file of the interchange format (docs/format.md).

    `position` is the file's section number in docs/format.md: the files
    are imported in that order (later files refer to rows of earlier ones).
    `caps`: capabilities needed on top of the import/export right (clinical
    files need clinical.view; users.csv needs accounts.manage).
    """

    stem: str
    resource: type
    position: int
    caps: tuple[str, ...] = ()


INTERCHANGE_FILES = Registry("interchange.files", key=lambda f: f.stem, order=lambda f: f.position)


@dataclass(frozen=True)
class HistoryAccess:
    """Who may read the VALUES of the change history of an app's models.

    `default_cap` for every model of the app that keeps history, unless
    `model_caps` names another ({"guarantee": FINANCE_VIEW}); `field_caps`
    masks single fields further ({("visit", "note"): CLINICAL_VIEW}). A
    model of an app that declares nothing is masked for anyone without
    clinical.view: a new model stays private until someone decides. The
    apps that declare are also those through which the journal follows
    foreign keys to find the tenant of a change.
    """

    app_label: str
    default_cap: str
    model_caps: dict[str, str] = field(default_factory=dict)
    field_caps: dict[tuple[str, str], str] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.app_label)


HISTORY_ACCESS = Registry("audit.history_access", key=lambda h: h.app_label)


@dataclass(frozen=True)
class PersonalData:
    """What an app holds about a tenant, for the GDPR tools (records.gdpr),
    after pretix's data shredders.

    Every model of the app that points to the tenant (within three foreign
    keys) is exported for a subject-access request and erased by the
    anonymisation: its free text (text without choices, not a key) is
    emptied, its files deleted, in the history tables too.
    * `kept_fields`: text that the anonymisation keeps, per model name
      ({"tenant": ("code",)}: the file number, a key, not a name).
    * `links_each`: models pointing to the tenant by several foreign keys,
      exported once per link (an intake request: the tenant to rehouse and
      the tenant it housed).
    """

    app_label: str
    kept_fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    links_each: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash(self.app_label)


PERSONAL_DATA = Registry("gdpr.personal_data", key=lambda p: p.app_label)


# Whoever keeps the access journal registers its writer here:
# writer(request, what, tenant) (records.audit.log_access).
ACCESS_LOG_WRITERS = Registry("journal.writers")


@dataclass(frozen=True)
class CalendarFeedSource:
    """A kind of personal calendar feed (smes.calendar): `build(user) -> ICS bytes`."""

    kind: str
    cap: str
    build: Callable[..., bytes]


CALENDAR_FEEDS = Registry("calendar.feeds", key=lambda f: f.kind)
