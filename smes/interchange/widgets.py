"""Strict widgets for the interchange format.

Each `clean()` either returns the Python value or raises ValueError with a
French message naming what is wrong; django-import-export turns a ValueError
into a field error of the row, which the import reports as
`FILE:LINE: column: message`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext
from import_export import widgets

EMPTY = (None, "")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        # Undo the formula escaping of our own exports (see formats.py).
        if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
            text = text[1:]
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class CodeWidget(widgets.Widget):
    """One upper-case code among `choices`."""

    def __init__(self, choices, required=True, **kwargs):
        self.codes = [str(c[0]) if isinstance(c, (tuple, list)) else str(c) for c in choices]
        self.codes = [c for c in self.codes if c != ""]
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text == "":
            if self.required:
                raise ValueError(gettext("valeur obligatoire"))
            return ""
        if text not in self.codes:
            raise ValueError(
                gettext("code inconnu « %(code)s » (attendu : %(codes)s)")
                % {"code": text, "codes": ", ".join(self.codes)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class MultiCodeWidget(widgets.Widget):
    """`;`-separated codes, rendered in alphabetical order."""

    def __init__(self, choices, **kwargs):
        self.codes = [str(c[0]) if isinstance(c, (tuple, list)) else str(c) for c in choices]
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text == "":
            return []
        codes = [c.strip() for c in text.split(";") if c.strip()]
        unknown = [c for c in codes if c not in self.codes]
        if unknown:
            raise ValueError(
                gettext("code(s) inconnu(s) « %(codes)s » (attendu : %(expected)s)")
                % {"codes": ";".join(unknown), "expected": ", ".join(self.codes)}
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        # Alphabetical, as the reference files write them.
        return ";".join(sorted(set(value or [])))


class DateWidget(widgets.Widget):
    def __init__(self, required=True, **kwargs):
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if text == "":
            if self.required:
                raise ValueError(gettext("date obligatoire"))
            return None
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) in (10, 19) else dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(gettext("date invalide « %(value)s » (attendu AAAA-MM-JJ)") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class BoolWidget(widgets.Widget):
    """`1` or `0`; empty counts as 0 only when `required` is False."""

    def __init__(self, required=True, **kwargs):
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _text(value)
        if text == "1":
            return True
        if text == "0":
            return False
        if text == "" and not self.required:
            return False
        raise ValueError(
            gettext("« %(value)s » : 1 ou 0 attendu") % {"value": text} if text else gettext("1 ou 0 attendu")
        )

    def render(self, value, obj=None, **kwargs):
        return "1" if value else "0"


class IntWidget(widgets.Widget):
    def __init__(self, required=False, minimum=None, maximum=None, **kwargs):
        self.required, self.minimum, self.maximum = required, minimum, maximum
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if text == "":
            if self.required:
                raise ValueError(gettext("nombre entier obligatoire"))
            return None
        try:
            number = int(text)
        except ValueError:
            raise ValueError(gettext("nombre entier attendu, pas « %(value)s »") % {"value": text})
        if self.minimum is not None and number < self.minimum:
            raise ValueError(
                gettext("%(value)s est inférieur au minimum %(minimum)s") % {"value": number, "minimum": self.minimum}
            )
        if self.maximum is not None and number > self.maximum:
            raise ValueError(
                gettext("%(value)s dépasse le maximum %(maximum)s") % {"value": number, "maximum": self.maximum}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class DecimalWidget(widgets.Widget):
    def __init__(self, required=True, minimum=None, places=None, **kwargs):
        self.required, self.minimum, self.places = required, minimum, places
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value).replace(",", ".")
        if text == "":
            if self.required:
                raise ValueError(gettext("nombre obligatoire"))
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(gettext("nombre attendu, pas « %(value)s »") % {"value": text})
        if not number.is_finite():
            raise ValueError(gettext("nombre attendu, pas « %(value)s »") % {"value": text})
        if self.minimum is not None and number < self.minimum:
            raise ValueError(
                gettext("%(value)s est inférieur au minimum %(minimum)s") % {"value": text, "minimum": self.minimum}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if self.places is not None:
            return format(Decimal(value), f".{self.places}f")
        text = format(value, "f")
        # 556.00 -> 556, 7.50 -> 7.5 (the spec writes plain numbers)
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text


class CodeForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key given by its natural key (tenant code, partner name…).

    Looks every key up once per import (one query for the whole file).
    """

    def __init__(self, model, field="code", label=None, required=True, **kwargs):
        self.label = label or model._meta.verbose_name
        self.required = required
        self._cache: dict[str, object] | None = None
        super().__init__(model, field=field, **kwargs)

    def reset(self) -> None:
        self._cache = None

    def _lookup(self, key: str):
        # Loaded once per file (resources reset it in before_import): rows
        # referred to come from earlier files of the same import.
        if self._cache is None:
            self._cache = {getattr(o, self.field): o for o in self.model.objects.all()}
        return self._cache.get(key)

    def clean(self, value, row=None, **kwargs):
        key = _text(value)
        if key == "":
            if self.required:
                raise ValueError(gettext("valeur obligatoire"))
            return None
        obj = self._lookup(key)
        if obj is None:
            raise ValueError(gettext("%(label)s inconnu·e « %(key)s »") % {"label": self.label, "key": key})
        return obj

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))
