"""The Direction writes the chapter's texts (issue 17): the year's sections,
one editor per section and language with preview, "reprendre le texte de
l'année précédente", the versions, and the lock of a closed year."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chapter import selectors
from chapter.forms import ChapterTextForm
from chapter.models import MAX_TEXT, ChapterText
from chapter.rendering import format_figure
from chapter.rendering import render as render_text
from chapter.rendering import unit_of as format_unit
from chapter.sections import LANGUAGE_LABELS, LANGUAGES, SECTIONS, SECTIONS_BY_SLUG
from chapter.services import chapter_text_save, chapter_year_lock
from reports.series import SERIES
from reports.views import report_years
from smes.roles import CHAPTER_EDIT, cap_required, has_cap, require_cap

HISTORY_SHOWN = 20


def _registers():
    from chapter.registers import REGISTERS

    return REGISTERS


def _year_or_404(year: int) -> int:
    if year not in report_years():
        raise Http404
    return year


@cap_required(CHAPTER_EDIT)
def index(request, year: int):
    _year_or_404(year)
    texts = selectors.texts_of_year(year)
    rows = [
        {
            "section": s,
            "langs": [
                {"code": lang, "label": LANGUAGE_LABELS[lang], "text": texts.get((s.slug, lang))} for lang in LANGUAGES
            ],
        }
        for s in SECTIONS
    ]
    years = report_years()
    return render(
        request,
        "chapter/index.html",
        {
            "year": year,
            "rows": rows,
            "locked": selectors.is_locked(year),
            "years": years,
            "registers": [(r.slug, r.title) for r in _registers().values()],
        },
    )


def _versions(year: int, section: str, language: str) -> list[dict]:
    records = list(
        ChapterText.history.filter(year=year, section=section, language=language)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: HISTORY_SHOWN + 1]
    )
    out = []
    for i, rec in enumerate(records[:HISTORY_SHOWN]):
        before = records[i + 1].body if i + 1 < len(records) else ""
        diff = [
            line
            for line in difflib.unified_diff(before.splitlines(), rec.body.splitlines(), lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))
        ]
        out.append({"record": rec, "diff": diff})
    return out


@cap_required(CHAPTER_EDIT)
def edit(request, year: int, section: str):  # noqa: C901 — preview, copy from last year, save and lock are one form's buttons
    _year_or_404(year)
    if section not in SECTIONS_BY_SLUG:
        raise Http404
    language = request.GET.get("langue", "fr")
    if language not in LANGUAGES:
        raise Http404
    values = selectors.editor_values(year)
    locked = selectors.is_locked(year)
    current = selectors.text_body(year, section, language)
    action = request.POST.get("action", "preview")
    preview = None
    if request.method == "POST" and action == "copy":
        previous = selectors.text_body(year - 1, section, language)
        if previous:
            messages.info(request, _("Texte de %(year)s repris : vérifiez-le, puis enregistrez.") % {"year": year - 1})
        else:
            messages.warning(request, _("Aucun texte en %(year)s pour cette section.") % {"year": year - 1})
        form = ChapterTextForm(initial={"body": previous or current}, values=values)
        with translation.override(language):
            preview = render_text(previous or current, values, preview=True)
    elif request.method == "POST":
        form = ChapterTextForm(request.POST, values=values)
        if form.is_valid():
            body = form.cleaned_data["body"]
            with translation.override(language):
                preview = render_text(body, values, preview=True)
            if action == "save":
                try:
                    chapter_text_save(
                        user=request.user, year=year, section=section, language=language, body=body, values=values
                    )
                except ValidationError as exc:
                    for error in exc.messages:
                        form.add_error("body" if "body" in getattr(exc, "error_dict", {}) else None, error)
                else:
                    messages.success(request, _("Texte enregistré."))
                    return redirect(reverse("chapter:edit", args=[year, section]) + f"?langue={language}")
        else:  # the preview flags what is wrong (an unknown key in red)
            with translation.override(language):
                preview = render_text(request.POST.get("body", "")[: 2 * MAX_TEXT], values, preview=True)
    else:
        form = ChapterTextForm(initial={"body": current}, values=values)
        with translation.override(language):
            preview = render_text(current, values, preview=True)
    with translation.override(language):
        keys = [
            {"key": s.key, "label": str(s.label), "value": format_figure(s.key, values.get(s.key))}
            for s in SERIES
            if s.key in values
        ]
        catalogued = {k["key"] for k in keys}
        others = [{"key": k, "value": format_figure(k, v)} for k, v in sorted(values.items()) if k not in catalogued]
    return render(
        request,
        "chapter/edit.html",
        {
            "year": year,
            "section": SECTIONS_BY_SLUG[section],
            "language": language,
            "language_label": LANGUAGE_LABELS[language],
            "languages": [(code, LANGUAGE_LABELS[code]) for code in LANGUAGES],
            "form": form,
            "preview": preview,
            "locked": locked,
            "keys": keys,
            "other_keys": others,
            "versions": _versions(year, section, language),
        },
    )


@require_POST
@cap_required(CHAPTER_EDIT)
def lock(request, year: int):
    _year_or_404(year)
    locked = request.POST.get("locked") == "1"
    chapter_year_lock(user=request.user, year=year, locked=locked)
    if locked:
        messages.success(request, _("Les textes de %(year)s sont verrouillés.") % {"year": year})
    else:
        messages.success(request, _("Les textes de %(year)s sont déverrouillés.") % {"year": year})
    return redirect("chapter:index", year=year)


@login_required
def register(request, kind: str):
    from chapter.registers import REGISTERS, register_headers, register_rows, register_save

    reg = REGISTERS.get(kind)
    if reg is None:
        raise Http404
    require_cap(request.user, reg.cap)
    instance = _register_row(reg, request.POST.get("pk") if request.method == "POST" else request.GET.get("modifier"))
    form = reg.form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            register_save(user=request.user, form=form)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Enregistré."))
            return redirect("chapter:register", kind=kind)
    return render(
        request,
        "chapter/register.html",
        {
            "reg": reg,
            "form": form,
            "editing": instance,
            "headers": register_headers(reg),
            "rows": register_rows(reg),
            "registers": [r for r in REGISTERS.values() if has_cap(request.user, r.cap)],
        },
    )


def _register_row(reg, pk):
    """The row being corrected (`?modifier=<pk>`, then the form's `pk`), None
    when adding; an unknown row is a 404, not a silent new row."""
    if pk in (None, ""):
        return None
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(reg.form._meta.model, pk=int(pk))


@require_POST
@login_required
def register_remove(request, kind: str):
    from chapter.registers import REGISTERS, register_delete

    reg = REGISTERS.get(kind)
    if reg is None:
        raise Http404
    require_cap(request.user, reg.cap)
    pk = request.POST.get("pk", "")
    if pk.isdigit() and register_delete(user=request.user, register=reg, pk=int(pk)):
        messages.success(request, _("Supprimé."))
    else:
        messages.warning(request, _("Rien à supprimer."))
    return redirect("chapter:register", kind=kind)


@cap_required(CHAPTER_EDIT)
def year_to_date(request):
    from chapter.targets import year_to_date as ytd
    from reports import charts
    from reports.presentation import fmt
    from smes.lib.dates import today

    data = ytd(today())
    for row in data["rows"]:
        unit = format_unit(row["key"], row["now"])
        row["now_text"], row["then_text"] = fmt(row["now"], unit), fmt(row["then"], unit)
        row["full_text"], row["target_text"] = fmt(row["last_full"], unit), fmt(row["target"], unit)
        cols = [
            (_("%(y)s à ce jour") % {"y": data["year"] - 1}, row["then"] or 0, row["then_text"]),
            (_("%(y)s à ce jour") % {"y": data["year"]}, row["now"] or 0, row["now_text"]),
        ]
        if row["target"] is not None:
            cols.append((_("objectif"), row["target"], row["target_text"]))
        row["chart"] = charts.columns(cols, title=str(row["label"]), highlight=cols[1][0])
        row["progress"] = (
            round(float(row["now"]) * 100 / float(row["target"])) if row["target"] and row["now"] is not None else None
        )
    return render(request, "chapter/year_to_date.html", data)
