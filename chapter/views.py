"""The Direction writes the chapter's texts (issue 17): the year's sections,
one editor per section and language with preview, "reprendre le texte de
l'année précédente", the versions, and the lock of a closed year."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chapter import selectors
from chapter.forms import ChapterTextForm
from chapter.models import ChapterText
from chapter.rendering import format_figure
from chapter.rendering import render as render_text
from chapter.sections import LANGUAGE_LABELS, LANGUAGES, SECTIONS, SECTIONS_BY_SLUG
from chapter.services import chapter_text_save, chapter_year_lock
from reports.series import SERIES
from reports.views import report_years
from smes.roles import CHAPTER_EDIT, cap_required

HISTORY_SHOWN = 20


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
        {"year": year, "rows": rows, "locked": selectors.is_locked(year), "years": years},
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
def edit(request, year: int, section: str):
    _year_or_404(year)
    if section not in SECTIONS_BY_SLUG:
        raise Http404
    language = request.GET.get("langue", "fr")
    if language not in LANGUAGES:
        raise Http404
    values = selectors.figure_values(year)
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
