import datetime as dt

from intake.services import request_create, request_set_status

BASE = dict(
    requester="PERSON",
    channel="PHONE",
    name="Marc",
    sex="M",
    ethos="1",
    months_2y=8,
    months_3y=14,
    mental_health=True,
    addiction=True,
)


def make_request(date=dt.date(2025, 3, 1), user=None, **fields):
    return request_create(user=user, date=date, **{**BASE, **fields})


TENANT = dict(last_name="Dupont", first_name="Marc", birth_date=dt.date(1975, 1, 1), funding="COCOM", team="ACT")


def house(req, date, code="HF-0901", user=None, **tenant):
    return request_set_status(
        request=req, status="HOUSED", date=date, user=user, tenant_fields={**TENANT, "code": code, **tenant}
    )


def move(req, *steps, user=None):
    """move(req, ("ELIGIBLE", date), ("WAITING", date), …)"""
    for step in steps:
        status, date = step[0], step[1]
        reason = step[2] if len(step) > 2 else ""
        request_set_status(request=req, status=status, date=date, reason=reason, user=user)
    req.refresh_from_db()
    return req
