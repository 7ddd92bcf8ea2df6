"""Names of downloaded files, built in one place.

Every download of the application (GDPR export and its ZIP members, the
annual report in PDF/XLSX/JSON, the data export ZIP, lease documents) names
its file through `safe_filename` and sets the header with
`attachment_header`: whatever a code or a name holds (quotes, ";", CR/LF,
"../", accents, control characters), the result is a plain ASCII name, one
path segment, quoted as RFC 6266 says (Django's
`content_disposition_header`).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.http import content_disposition_header

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_LENGTH = 150
DEFAULT_NAME = "fichier"


def safe_filename(name: str) -> str:
    """ASCII letters, digits, ".", "_" and "-" only; one path segment, not
    hidden (no leading dot); anything else becomes "_"."""
    decomposed = unicodedata.normalize("NFKD", str(name or ""))
    ascii_name = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = _UNSAFE.sub("_", ascii_name).lstrip("._-")
    return cleaned[:MAX_LENGTH] or DEFAULT_NAME


def attachment_header(name: str) -> str:
    """The Content-Disposition value of a download named `name`."""
    return content_disposition_header(True, safe_filename(name))
