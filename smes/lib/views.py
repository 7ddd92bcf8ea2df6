"""What form and list pages of every app share: the form round-trip and
pagination."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render

from smes.lib.forms import apply_errors

#: Rows per page of a list, unless the list says otherwise.
PER_PAGE = 50


def paginate(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The page of `queryset` named by `?page=` (the last one when past the
    end, the first one when not a number)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def form_page(
    request,
    form,
    save: Callable,
    *,
    template: str,
    context: dict | None = None,
    success: Callable[[object], str] | str,
    message: Callable[[object], str] | str,
):
    """GET shows the form; a valid POST calls `save(form)` (a service call),
    puts its ValidationError on the form, or redirects to `success` with
    `message` (either may be a function of what `save` returned)."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, message(obj) if callable(message) else message)
            return redirect(success(obj) if callable(success) else success)
    if request.method == "POST" and hasattr(form, "note_dropped_files"):
        form.note_dropped_files()
    return render(request, template, {"form": form, **(context or {})})
