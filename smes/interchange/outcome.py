"""What an import reports: errors as `FILE:LINE: column: message`, and per
file the rows read, new, updated and unchanged. Below the apps (their
resources report through them); the engine (records.interchange) fills them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowError:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass
class FileReport:
    file: str
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run
