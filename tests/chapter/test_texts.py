"""The Direction's texts of the chapter: placeholders, preview, versions, lock (issue 17)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from chapter.models import ChapterText
from chapter.rendering import render, render_plain
from chapter.services import chapter_text_save, chapter_year_lock

pytestmark = pytest.mark.django_db

VALUES = {"tenants.accompanied": 86, "housing.retention_pct": 86.0, "gaf.current_mean": 51.34}
URL = "/chapitre/2025/introduction/"


def test_it_fills_placeholders_with_the_languages_decimal_comma():
    body = "En tout, **{tenants.accompanied}** personnes ; EGF {gaf.current_mean}, maintien {housing.retention_pct}."
    for lang in ("fr", "nl"):
        with translation.override(lang):
            html = str(render(body, VALUES))
            assert html == "<p>En tout, <strong>86</strong> personnes ; EGF 51,3, maintien 86\u202f%.</p>"
    with translation.override("en"):
        assert "51.3" in render_plain("{gaf.current_mean}", VALUES)


def test_the_preview_marks_typed_numbers_but_not_years_nor_live_figures():
    with translation.override("fr"):
        html = str(render("En 2025, {tenants.accompanied} personnes et 1760 visites (20,6 %).", VALUES, preview=True))
    assert '<mark class="typed">1760</mark>' in html
    assert '<mark class="typed">20,6 %</mark>' in html
    assert "2025" in html and '<mark class="typed">2025' not in html
    assert '<span class="live" title="{tenants.accompanied}">86</span>' in html


def test_nothing_in_a_text_can_run_script():
    html = str(render('<script>alert(1)</script><img src=x onerror="alert(2)"> [a](javascript:alert(3)) *ok*', {}))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html and "<img" not in html
    assert "<em>ok</em>" in html


def test_an_unknown_placeholder_is_refused_and_nothing_is_written(diane):
    with pytest.raises(ValidationError) as exc:
        chapter_text_save(
            user=diane, year=2025, section="introduction", language="fr", body="{tenants.acompanied}", values=VALUES
        )
    assert "Chiffre inconnu : {tenants.acompanied}" in exc.value.message_dict["body"][0]
    assert not ChapterText.objects.exists()


def test_texts_are_versioned_and_a_locked_year_refuses_changes(diane):
    for body in ("Premier jet.", "Deuxième jet : {tenants.accompanied} personnes."):
        chapter_text_save(user=diane, year=2025, section="introduction", language="fr", body=body, values=VALUES)
    text = ChapterText.objects.get()
    assert [h.history_user for h in text.history.all()] == [diane, diane]
    assert text.history.earliest().body == "Premier jet."
    chapter_year_lock(user=diane, year=2025, locked=True)
    with pytest.raises(ValidationError, match="verrouillés"):
        chapter_text_save(user=diane, year=2025, section="introduction", language="fr", body="x", values=VALUES)
    assert ChapterText.objects.get().body == "Deuxième jet : {tenants.accompanied} personnes."


def test_it_saves_from_the_editor_and_shows_the_preview(diane, client_for):
    client = client_for(diane)
    response = client.post(
        URL + "?langue=nl", {"action": "preview", "body": "{tenants.accompanied} huurders, 12 bezoeken"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and '<mark class="typed">12</mark>' in body and 'class="live"' in body
    assert not ChapterText.objects.exists()
    response = client.post(URL + "?langue=nl", {"action": "save", "body": "{tenants.accompanied} huurders"})
    assert response.status_code == 302
    assert ChapterText.objects.get(language="nl").body == "{tenants.accompanied} huurders"


def test_the_editor_refuses_an_unknown_key_with_a_clear_message(diane, client_for):
    response = client_for(diane).post(URL, {"action": "save", "body": "Il y a {tenants.nope} personnes."})
    assert response.status_code == 200
    assert "Chiffre inconnu : {tenants.nope}" in response.content.decode()
    assert '<span class="unknown">{tenants.nope}</span>' in response.content.decode()  # flagged in the preview
    assert not ChapterText.objects.exists()


def test_it_takes_up_last_years_text_without_saving_it(diane, client_for):
    chapter_text_save(user=diane, year=2024, section="introduction", language="fr", body="Texte 2024.", values={})
    response = client_for(diane).post(URL, {"action": "copy"})
    assert "Texte 2024." in response.content.decode()
    assert not ChapterText.objects.filter(year=2025).exists()


def test_only_the_direction_writes(maggie, client_for):
    assert client_for(maggie).get(URL).status_code == 403
    assert client_for(maggie).post(URL, {"action": "save", "body": "x"}).status_code == 403
    assert not ChapterText.objects.exists()


def test_the_demo_texts_use_known_figures_and_exist_in_both_languages():
    from chapter.demo import T
    from chapter.rendering import unknown_placeholders
    from chapter.sections import SECTIONS_BY_SLUG
    from chapter.selectors import figure_values

    values = figure_values(2025)
    assert {(section, lang): unknown_placeholders(body, values) for (section, lang), body in T.items()} == {
        key: [] for key in T
    }
    french = {section for section, lang in T if lang == "fr"}
    assert french == {section for section, lang in T if lang == "nl"}
    assert french <= set(SECTIONS_BY_SLUG)
