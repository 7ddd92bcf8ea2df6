"""The rules of moves, through the service and through a direct model save."""

import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from housing import services
from housing.models import ExitTo, Move, MoveKind, Stay
from housing.services import move_delete, move_record, move_update, stays_rebuild

D = dt.date


def errors_of(exc_info) -> dict:
    return {k: [str(m) for m in v] for k, v in exc_info.value.message_dict.items()}


def stays(tenant):
    return list(Stay.objects.filter(tenant=tenant).order_by("start").values_list("dwelling__code", "start", "end"))


# --- the service --------------------------------------------------------------


def test_it_records_an_entry_and_derives_the_stay(tenant, flat, enter):
    move = enter(tenant, flat, D(2023, 3, 1))
    assert move.pk
    assert stays(tenant) == [("D-0100", D(2023, 3, 1), None)]


def test_it_refuses_an_entry_while_housed(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc:
        enter(tenant, flat2, D(2023, 6, 1))
    assert errors_of(exc) == {
        "kind": [
            "Type : entrée impossible, le·la locataire occupe déjà le logement D-0100 le 01/06/2023. "
            "Enregistrez un déménagement ou une sortie."
        ]
    }
    assert Move.objects.count() == 1


def test_it_refuses_a_transfer_while_not_housed(tenant, flat):
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat)
    assert errors_of(exc) == {
        "kind": [
            "Type : déménagement impossible, le·la locataire n'est pas logé·e le 01/03/2023. "
            "Enregistrez une entrée en logement."
        ]
    }


def test_it_refuses_an_exit_while_not_housed(tenant):
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    assert errors_of(exc) == {"kind": ["Type : sortie impossible, le·la locataire n'est pas logé·e le 01/03/2023."]}


def test_it_refuses_a_second_move_on_the_same_day(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2)
    assert errors_of(exc) == {
        "date": [
            "Date : ce·tte locataire a déjà un mouvement le 01/03/2023 (Entrée en logement) ; un seul mouvement par jour."
        ]
    }


def test_it_refuses_more_occupants_than_the_capacity(tenant, other, flat, enter):
    enter(other, flat, D(2023, 1, 1))
    with pytest.raises(ValidationError) as exc:
        enter(tenant, flat, D(2023, 3, 1))
    assert errors_of(exc) == {"dwelling": ["Logement : D-0100 est complet le 01/03/2023 (capacité : 1)."]}
    assert stays(tenant) == []


def test_a_back_dated_entry_that_overlaps_a_later_occupant_is_refused(tenant, other, flat, enter):
    enter(other, flat, D(2023, 6, 1))
    with pytest.raises(ValidationError) as exc:
        enter(tenant, flat, D(2023, 1, 1))
    # free on 1 January, full from the day the other tenant arrives
    assert errors_of(exc) == {"dwelling": ["Logement : D-0100 est complet le 01/06/2023 (capacité : 1)."]}


def test_a_couple_fits_in_a_dwelling_for_two_but_not_a_third(tenant, other, couple_flat, enter):
    from tests.factories import TenantFactory

    enter(tenant, couple_flat, D(2023, 1, 1))
    enter(other, couple_flat, D(2023, 1, 1))
    third = TenantFactory(followup_start=D(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        enter(third, couple_flat, D(2023, 2, 1))
    assert errors_of(exc) == {"dwelling": ["Logement : D-0300 est complet le 01/02/2023 (capacité : 2)."]}


def test_the_place_is_free_on_the_day_of_the_previous_exit(tenant, other, flat, enter):
    enter(other, flat, D(2023, 1, 1))
    move_record(tenant=other, date=D(2023, 5, 1), kind=MoveKind.EXIT, exit_to=ExitTo.INSTITUTION)
    enter(tenant, flat, D(2023, 5, 1))  # end is exclusive: same-day hand-over
    assert stays(tenant) == [("D-0100", D(2023, 5, 1), None)]


def test_it_refuses_a_move_outside_the_followup(tenant, flat, enter):
    with pytest.raises(ValidationError) as exc:
        enter(tenant, flat, D(2019, 12, 31))
    assert errors_of(exc) == {"date": ["Date : elle précède le début de l'accompagnement (01/01/2020)."]}
    tenant.followup_end = D(2024, 1, 31)
    tenant.end_reason = "OTHER"
    tenant.save()
    with pytest.raises(ValidationError) as exc:
        enter(tenant, flat, D(2024, 2, 1))
    assert errors_of(exc) == {"date": ["Date : elle suit la fin de l'accompagnement (31/01/2024)."]}


def test_a_back_dated_exit_may_not_break_a_later_move(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.TRANSFER, dwelling=flat2)
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    assert errors_of(exc) == {
        "date": [
            "Date : ce mouvement rendrait incohérent le mouvement du 01/06/2023 "
            "(Déménagement vers un autre logement) : le·la locataire ne serait pas logé·e."
        ]
    }


def test_a_back_dated_move_is_checked_against_history(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    # before the entry, the tenant was not housed: a back-dated transfer is wrong
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2022, 6, 1), kind=MoveKind.TRANSFER, dwelling=flat2)
    assert list(errors_of(exc)) == ["kind"]
    # a back-dated transfer inside the stay is fine and splits it
    move_record(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2)
    assert stays(tenant) == [("D-0100", D(2023, 1, 1), D(2023, 3, 1)), ("D-0200", D(2023, 3, 1), D(2023, 6, 1))]


def test_a_transfer_into_the_same_dwelling_marks_a_new_lease(tenant, flat, enter):
    enter(tenant, flat, D(2021, 1, 1))
    move_record(tenant=tenant, date=D(2021, 6, 3), kind=MoveKind.TRANSFER, dwelling=flat)
    assert stays(tenant) == [("D-0100", D(2021, 1, 1), D(2021, 6, 3)), ("D-0100", D(2021, 6, 3), None)]


def test_the_destination_must_match_the_kind(tenant, flat):
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2023, 1, 1), kind=MoveKind.ENTRY)
    assert errors_of(exc) == {"dwelling": ["Logement de destination : obligatoire pour une entrée ou un déménagement."]}
    with pytest.raises(ValidationError) as exc:
        move_record(tenant=tenant, date=D(2023, 1, 1), kind=MoveKind.EXIT, dwelling=flat)
    assert errors_of(exc) == {
        "dwelling": ["Logement de destination : une sortie n'en a pas, laissez ce champ vide."],
        "exit_to": ["Sortie vers : indiquez où va la personne (rue, institution, décès, autre)."],
    }


def test_deleting_an_entry_with_a_later_exit_is_refused(tenant, flat, enter):
    entry = enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    with pytest.raises(ValidationError) as exc:
        move_delete(move=entry)
    assert errors_of(exc) == {
        NON_FIELD_ERRORS: [
            "Suppression impossible : le mouvement du 01/06/2023 (Sortie de logement) deviendrait incohérent : "
            "le·la locataire ne serait pas logé·e."
        ]
    }
    assert Move.objects.filter(tenant=tenant).count() == 2


def test_deleting_an_exit_may_not_overfill_the_dwelling(tenant, other, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    exit_move = move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    enter(other, flat, D(2023, 7, 1))
    with pytest.raises(ValidationError) as exc:
        move_delete(move=exit_move)
    assert errors_of(exc) == {NON_FIELD_ERRORS: ["Logement : D-0100 est complet le 01/07/2023 (capacité : 1)."]}


def test_deleting_the_last_move_rebuilds_the_stays(tenant, flat, enter):
    enter(tenant, flat, D(2023, 1, 1))
    exit_move = move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    assert stays(tenant) == [("D-0100", D(2023, 1, 1), D(2023, 6, 1))]
    move_delete(move=exit_move)
    assert stays(tenant) == [("D-0100", D(2023, 1, 1), None)]


def test_editing_a_move_date_is_checked_and_rebuilds(tenant, other, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    exit_move = move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    enter(other, flat, D(2023, 7, 1))
    with pytest.raises(ValidationError) as exc:
        move_update(move=exit_move, date=D(2023, 8, 1))
    assert errors_of(exc) == {"date": ["Logement : D-0100 est complet le 01/07/2023 (capacité : 1)."]}
    exit_move.refresh_from_db()
    move_update(move=exit_move, date=D(2023, 6, 15))
    assert stays(tenant) == [("D-0100", D(2023, 1, 1), D(2023, 6, 15))]


def test_a_move_keeps_its_tenant(tenant, other, flat, enter):
    move = enter(tenant, flat, D(2023, 1, 1))
    with pytest.raises(ValidationError) as exc:
        move_update(move=move, tenant=other)
    assert "tenant" in errors_of(exc)


def test_stays_rebuild_recomputes_from_moves(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2)
    Stay.objects.filter(tenant=tenant).delete()
    stays_rebuild([tenant.pk])
    assert stays(tenant) == [("D-0100", D(2023, 1, 1), D(2023, 3, 1)), ("D-0200", D(2023, 3, 1), None)]


# --- a direct model save goes through the same rules -------------------------


def test_a_direct_save_refuses_an_entry_while_housed(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc:
        Move(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.ENTRY, dwelling=flat2).save()
    assert list(errors_of(exc)) == ["kind"]


def test_a_direct_save_refuses_a_transfer_or_exit_while_not_housed(tenant, flat):
    with pytest.raises(ValidationError) as exc:
        Move.objects.create(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.TRANSFER, dwelling=flat)
    assert errors_of(exc)["kind"][0].startswith("Type : déménagement impossible")
    with pytest.raises(ValidationError) as exc:
        Move.objects.create(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.DEATH)
    assert errors_of(exc) == {"kind": ["Type : sortie impossible, le·la locataire n'est pas logé·e le 01/06/2023."]}


def test_a_direct_save_refuses_two_moves_on_one_day(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc:
        Move(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2).save()
    assert errors_of(exc)["date"][0].startswith("Date : ce·tte locataire a déjà un mouvement le 01/03/2023")


def test_a_direct_save_refuses_an_overfull_dwelling(tenant, other, flat, enter):
    enter(other, flat, D(2023, 1, 1))
    with pytest.raises(ValidationError) as exc:
        Move(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.ENTRY, dwelling=flat).save()
    assert errors_of(exc) == {"dwelling": ["Logement : D-0100 est complet le 01/03/2023 (capacité : 1)."]}


def test_a_direct_save_refuses_a_date_outside_the_followup(tenant, flat):
    with pytest.raises(ValidationError) as exc:
        Move(tenant=tenant, date=D(2019, 1, 1), kind=MoveKind.ENTRY, dwelling=flat).save()
    assert errors_of(exc) == {"date": ["Date : elle précède le début de l'accompagnement (01/01/2020)."]}


def test_a_direct_save_keeps_stays_consistent(tenant, flat, flat2):
    Move(tenant=tenant, date=D(2023, 1, 1), kind=MoveKind.ENTRY, dwelling=flat).save()
    Move(tenant=tenant, date=D(2023, 2, 1), kind=MoveKind.TRANSFER, dwelling=flat2).save()
    assert stays(tenant) == [("D-0100", D(2023, 1, 1), D(2023, 2, 1)), ("D-0200", D(2023, 2, 1), None)]


def test_a_direct_delete_is_checked(tenant, flat, enter):
    entry = enter(tenant, flat, D(2023, 1, 1))
    move_record(tenant=tenant, date=D(2023, 6, 1), kind=MoveKind.EXIT, exit_to=ExitTo.STREET)
    with pytest.raises(ValidationError):
        entry.delete()


def test_full_clean_reports_the_same_rules_once(tenant, flat, flat2, enter):
    enter(tenant, flat, D(2023, 3, 1))
    move = Move(tenant=tenant, date=D(2023, 3, 1), kind=MoveKind.TRANSFER, dwelling=flat2)
    with pytest.raises(ValidationError) as exc:
        move.full_clean()
    assert errors_of(exc) == {
        "date": [
            "Date : ce·tte locataire a déjà un mouvement le 01/03/2023 (Entrée en logement) ; un seul mouvement par jour."
        ]
    }


def test_first_overflow_sweeps_departures_before_arrivals():
    iv = services.Interval(1, D(2023, 1, 1), None, None)
    assert services.first_overflow(iv, [(D(2022, 1, 1), D(2023, 1, 1))], 1) is None
    assert services.first_overflow(iv, [(D(2022, 1, 1), D(2023, 1, 2))], 1) == D(2023, 1, 1)
    assert services.first_overflow(iv, [(D(2023, 2, 1), D(2023, 3, 1)), (D(2023, 2, 15), None)], 2) == D(2023, 2, 15)
