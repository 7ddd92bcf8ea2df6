"""Expected status of every URL of the project for every persona, from
docs/rights.md. ONE LINE PER URL NAME; a URL name missing here
fails tests/security/test_url_matrix.py.

Line format:  "url_name": "[POST] [object] [?param=object] [kwarg=value] anon support housing management direction admin"
  POST     the view accepts POST only: the matrix POSTs (empty form), in a
           transaction rolled back after each persona
  object   which record fills <pk> (tenant, visit, lease … see world.py)
  kwarg=value  a literal path value (a slug, a format). A URL whose path
           takes a word from a fixed list gives a LIST of lines, one per value
           (PATH_CHOICES in test_url_matrix.py names the list; every value must
           have its line)
  codes    the status for: anonymous, alice (Support), bob (Housing),
           maggie (Management), diane (Direction), adam (Admin)
           302 = redirect (anonymous → login page; or a form done),
           403 = denied, 405 = method not allowed, 404 = hidden
"""

from chapter.sections import SECTIONS

CHAPTER_SECTIONS = [s.slug for s in SECTIONS]
CHAPTER_REGISTERS = ["equipe", "reseau", "conventions", "formations", "qualite", "objectifs"]

# The personas, in the order of the codes.
ROLES = ("anonymous", "support", "housing", "management", "direction", "admin")

ACCESS: dict[str, str | list[str]] = {
    # --- login, account, home (smes) ---
    "home": "302 200 200 200 200 200",
    "login": "200 302 302 302 302 302",
    "logout": "POST 302 302 302 302 302 302",
    "password_change": "302 200 200 200 200 200",
    "password_change_done": "302 200 200 200 200 200",
    "set_language": "POST 302 302 302 302 302 302",
    "otp_verify": "302 302 302 302 302 302",
    "otp_setup": "302 200 200 200 200 200",
    # installable app (issue 15): no data, reachable before login
    "service_worker": "200 200 200 200 200 200",
    "manifest": "200 200 200 200 200 200",
    # calendar links: planned visits (Support), lease ends and conventions (housing.edit)
    "calendar": "302 200 200 200 403 200",
    # the feed: no login, the secret token is the key; an unknown one is 404
    "calendar_feed": "token=not-a-token 404 404 404 404 404 404",
    # audit trail: Direction, Admin (read); the subject-access export holds
    # clinical data: Direction only (clinical.view + import/export).
    "audit": "302 403 403 403 200 200",
    "audit_tenant": "tenant 302 403 403 403 200 200",
    "gdpr_export": "tenant 302 403 403 403 200 403",
    # accounts (issue 12/13): Admin and Direction; clinical roles and their
    # passwords are the Direction's (refused inside the form, smes/accounts.py)
    "accounts": "302 403 403 403 200 200",
    "account_add": "302 403 403 403 200 200",
    "account_edit": "user 302 403 403 403 200 200",
    "account_password": "user 302 403 403 403 200 200",
    # --- import / export of records (interchange format): Direction, Admin ---
    "data": "302 403 403 403 200 200",
    "data_export": "302 403 403 403 200 200",
    # --- tenants: identity read by all roles; edit Support, Direction, Admin ---
    "tenants:list": "302 200 200 200 200 200",
    "tenants:detail": "tenant 302 200 200 200 200 200",
    "tenants:create": "302 200 403 403 200 200",
    "tenants:edit": "tenant 302 200 403 403 200 200",
    "tenants:end_followup": "tenant 302 200 403 403 200 200",
    "tenants:reopen": "POST tenant 302 302 403 403 302 302",
    "tenants:income_add": "tenant 302 200 403 403 200 200",
    "tenants:income_edit": "income 302 200 403 403 200 200",
    "tenants:income_close": "income 302 200 403 403 200 200",
    # clinical file: read Support, Direction; edit Support
    "tenants:clinical": "tenant 302 200 403 403 200 403",
    "tenants:assessment_add": "tenant 302 200 403 403 403 403",
    "tenants:assessment_edit": "assessment 302 200 403 403 403 403",
    "tenants:assessment_delete": "POST assessment 302 302 403 403 403 403",
    "tenants:gaf_add": "tenant 302 200 403 403 403 403",
    "tenants:gaf_edit": "gaf 302 200 403 403 403 403",
    "tenants:gaf_delete": "POST gaf 302 302 403 403 403 403",
    # visits: read Support, Housing, Direction; create Support, Housing; edit own Support
    "tenants:my_week": "302 200 200 403 403 403",
    "tenants:quicklog": "302 200 200 403 403 403",
    "tenants:not_seen": "302 200 200 403 200 403",
    "tenants:timeline": "tenant 302 200 200 403 200 403",
    "tenants:visit_edit": "visit 302 200 403 403 403 403",
    "tenants:visit_status": "POST visit 302 302 403 403 403 403",
    "tenants:visit_delete": "visit 302 200 403 403 403 403",
    # offline quick log (issue 15): whoever may log a visit; the sync refuses an empty post (400)
    "tenants:offline_page": "302 200 200 403 403 403",
    "tenants:offline_state": "302 200 200 403 403 403",
    "tenants:visit_sync": "POST 302 400 400 403 403 403",
    # --- housing: read all roles; edit Housing, Management, Admin ---
    "housing:index": "302 200 200 200 200 200",
    "housing:dwelling_list": "302 200 200 200 200 200",
    "housing:dwelling_detail": "dwelling 302 200 200 200 200 200",
    "housing:dwelling_create": "302 403 200 200 403 200",
    "housing:dwelling_edit": "dwelling 302 403 200 200 403 200",
    "housing:partner_list": "302 200 200 200 200 200",
    "housing:partner_detail": "partner 302 200 200 200 200 200",
    "housing:partner_create": "302 403 200 200 403 200",
    "housing:partner_edit": "partner 302 403 200 200 403 200",
    "housing:contact_add": "partner 302 403 200 200 403 200",
    "housing:contact_edit": "contact 302 403 200 200 403 200",
    "housing:contact_delete": "POST contact 302 403 302 302 403 302",
    "housing:convention_list": "302 200 200 200 200 200",
    "housing:convention_add": "partner 302 403 200 200 403 200",
    "housing:convention_edit": "convention 302 403 200 200 403 200",
    "housing:convention_delete": "POST convention 302 403 302 302 403 302",
    "housing:lease_list": "302 200 200 200 200 200",
    "housing:lease_detail": "lease 302 200 200 200 200 200",
    "housing:lease_document": "lease 302 200 200 200 200 200",
    "housing:lease_create": "302 403 200 200 403 200",
    "housing:lease_edit": "lease 302 403 200 200 403 200",
    "housing:move_list": "302 200 200 200 200 200",
    "housing:move_create": "302 403 200 200 403 200",
    "housing:move_edit": "move 302 403 200 200 403 200",
    "housing:move_delete": "move 302 403 200 200 403 200",
    "housing:death_followup": "deceased 302 200 200 200 200 200",
    # rental guarantees and sliding-lease ledger: read Housing, Management, Direction; edit Management
    "housing:guarantee_list": "302 403 200 200 200 403",
    "housing:guarantee_detail": "guarantee 302 403 200 200 200 403",
    "housing:guarantee_create": "?bail=lease 302 403 403 200 403 403",
    "housing:guarantee_edit": "guarantee 302 403 403 200 403 403",
    "housing:repayment_delete": "POST repayment 302 403 403 302 403 403",
    "housing:ledger_list": "302 403 200 200 200 403",
    "housing:arrears_list": "302 403 200 200 200 403",
    "housing:ledger_detail": "lease 302 403 200 200 200 403",
    "housing:rent_month_add": "lease 302 403 403 200 403 403",
    "housing:rent_month_edit": "rentmonth 302 403 403 200 403 403",
    "housing:rent_month_delete": "POST rentmonth 302 403 403 302 403 403",
    "housing:rent_payment_delete": "POST rentpayment 302 403 403 302 403 403",
    # --- harm-reduction: distribute Support; read Support, Management,
    # Direction, Admin; receipts, adjustments, catalogue Management, Direction, Admin ---
    "harmreduction:stock": "302 200 403 200 200 200",
    "harmreduction:movements": "302 200 403 200 200 200",
    "harmreduction:yearly": "302 200 403 200 200 200",
    "harmreduction:catalogue": "302 200 403 200 200 200",
    "harmreduction:distribute": "302 200 403 403 403 403",
    "harmreduction:receive": "302 403 403 200 200 200",
    "harmreduction:adjust": "302 403 403 200 200 200",
    "harmreduction:item_add": "302 403 403 200 200 200",
    "harmreduction:item_edit": "item 302 403 403 200 200 200",
    # --- annual report: read Management, Direction ---
    "reports:annual": "302 403 403 200 200 403",
    "reports:legacy": "302 403 403 200 200 403",
    # exports of the report: Direction (every format)
    "reports:export": [
        "fmt=json 302 403 403 403 200 403",
        "fmt=pdf 302 403 403 403 200 403",
        "fmt=xlsx 302 403 403 403 200 403",
        "fmt=docx 302 403 403 403 200 403",
    ],
    "reports:legacy_delete": "POST legacyfigure 302 403 403 403 302 403",
    # --- the chapter's texts, targets, team (issue 17): Direction writes ---
    "chapter:index": "302 403 403 403 200 403",
    "chapter:lock": "POST 302 403 403 403 302 403",
    "chapter:edit": [f"section={slug} 302 403 403 403 200 403" for slug in CHAPTER_SECTIONS],
    "chapter:year_to_date": "302 403 403 403 200 403",
    # the registers: team periods (FTE) Direction and Admin; the others Direction
    "chapter:register": [
        f"kind={kind} 302 403 403 403 200 {'200' if kind == 'equipe' else '403'}" for kind in CHAPTER_REGISTERS
    ],
    "chapter:register_remove": [
        f"POST kind={kind} 302 403 403 403 302 {'302' if kind == 'equipe' else '403'}" for kind in CHAPTER_REGISTERS
    ],
    # data-quality lists name tenants; each check asks the capability of its
    # records (clinical.view, visit.view, housing.view) on top of report.view
    "reports:quality": [
        "slug=no-entry-gaf 302 403 403 403 200 403",
        "slug=no-review 302 403 403 403 200 403",
        "slug=meeting-no-duration 302 403 403 403 200 403",
        "slug=visit-no-motive 302 403 403 403 200 403",
        "slug=planned-not-closed 302 403 403 403 200 403",
        "slug=housed-no-lease 302 403 403 200 200 403",
    ],
    # --- intake register (issue 18): manage Support, Direction; waiting list
    # and proposals also Housing (no problems, no notes); counts also Management
    "intake:index": "302 302 302 302 302 403",
    "intake:list": "302 200 403 403 200 403",
    "intake:waitlist": "302 200 200 403 200 403",
    "intake:counts": "302 200 200 200 200 403",
    "intake:create": "302 200 403 403 200 403",
    "intake:verdict": "POST 302 200 403 403 200 403",
    "intake:detail": "intakerequest 302 200 403 403 200 403",
    "intake:edit": "intakerequest 302 200 403 403 200 403",
    "intake:status": "POST intakerequest 302 200 403 403 200 403",
    "intake:propose": "POST intakerequest 302 302 302 403 302 403",
}

# Admin screens: only Admin-role accounts are staff; everyone else is sent
# to the admin login (302). For adam, per model:
#   edit      list, add, change, delete, history
#   view      list, read-only change page, history; no add, no delete
#   viewdel   like view, plus delete (unlock a login, remove a lost phone)
#   none      403 everywhere (clinical and finance models: docs/rights.md)
ADMIN_MODELS: dict[str, str] = {
    "tenants.tenant": "edit",
    "tenants.income": "edit",
    "tenants.assessment": "none",
    "tenants.gafscore": "none",
    "tenants.visit": "none",
    "housing.partner": "edit",
    "housing.partnercontact": "edit",
    "housing.convention": "edit",
    "housing.dwelling": "edit",
    "housing.lease": "edit",
    "housing.move": "edit",
    "housing.stay": "view",  # derived from moves, never edited
    "housing.guarantee": "none",
    "housing.guaranteerepayment": "none",
    "housing.rentmonth": "none",
    "housing.rentpayment": "none",
    "intake.request": "none",  # health data of people not followed: not the Admin's
    "intake.statuschange": "none",
    "harmreduction.item": "edit",
    "harmreduction.movement": "view",  # stock lines change only through the services
    "harmreduction.operation": "view",
    "records.accesslog": "view",
    "reports.legacyfigure": "none",  # report figures: Management, Direction (not staff)
    "auth.user": "edit",
    "otp_totp.totpdevice": "viewdel",
    "axes.accessattempt": "viewdel",
    "axes.accesslog": "view",
    "axes.accessfailurelog": "view",
}

# Admin pages that are not a model's.
ADMIN_SITE: dict[str, str | list[str]] = {
    "admin:index": "302 302 302 302 302 200",
    "admin:login": "200 200 200 200 200 302",
    "admin:logout": "POST 302 302 302 302 302 302",
    "admin:password_change": "302 302 302 302 302 200",
    "admin:password_change_done": "302 302 302 302 302 200",
    "admin:jsi18n": "302 302 302 302 302 200",
    # one line per app; Admin may read no model of the report app (404)
    "admin:app_list": [
        "app_label=auth 302 302 302 302 302 200",
        "app_label=axes 302 302 302 302 302 200",
        "app_label=harmreduction 302 302 302 302 302 200",
        "app_label=housing 302 302 302 302 302 200",
        "app_label=intake 302 302 302 302 302 404",
        "app_label=otp_totp 302 302 302 302 302 200",
        "app_label=records 302 302 302 302 302 200",
        "app_label=reports 302 302 302 302 302 404",
        "app_label=tenants 302 302 302 302 302 200",
    ],
    "admin:autocomplete": "302 302 302 302 302 403",
    "admin:view_on_site": "302 302 302 302 302 404",
}

_ADMIN_SUFFIX = {
    # suffix: statuses for adam by rule (edit, view, viewdel, none)
    "changelist": (200, 200, 200, 403),
    "add": (200, 403, 403, 403),
    "change": (200, 200, 200, 403),
    "delete": (200, 403, 200, 403),
    "history": (200, 200, 200, 403),
    "simple_history": (200, 200, 200, 403),
    "password_change": (200, 403, 403, 403),
    # interchange import/export screens (data.import_export: Direction, Admin;
    # only Admin is staff): never for a model the Admin may not read
    "import": (200, 200, 200, 403),
    "process_import": (200, 200, 200, 403),
    "export": (200, 200, 200, 403),
}
_RULES = ("edit", "view", "viewdel", "none")


def admin_model_line(model_label: str, suffix: str) -> str | None:
    """The expected line for an admin URL of a model, or None if unknown."""
    rule = ADMIN_MODELS.get(model_label)
    if rule is None or suffix not in _ADMIN_SUFFIX:
        return None
    adam = _ADMIN_SUFFIX[suffix][_RULES.index(rule)]
    if suffix == "process_import":  # POST only
        return f"POST 302 302 302 302 302 {adam}"
    return f"302 302 302 302 302 {adam}"
