"""requests.csv: the intake register in the interchange format
(docs/format.md §12). Key: `ref`. Each row is written through
intake.services (request_create / request_update, then the history replayed
by request_set_status), so an imported row obeys the rules of the forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export.fields import Field

from housing.models import Partner
from intake.models import Channel, EthosCategory, Kind, Priority, Request, Requester, Status, StatusChange
from intake.services import (
    REQUEST_FIELDS,
    history_text,
    parse_history,
    request_create,
    request_replay_history,
    request_update,
)
from smes.interchange.resources import InterchangeResource
from smes.interchange.widgets import BoolWidget, CodeForeignKeyWidget, CodeWidget, DateWidget, IntWidget, TextWidget
from tenants.models import Sex, Tenant


def _histories() -> dict[int, tuple[str, str]]:
    """request id -> (history column, oriented_to column), in one query."""
    out: dict[int, tuple[list[str], str]] = {}
    rows = StatusChange.objects.order_by("request_id", "date", "pk").values_list(
        "request_id", "status", "date", "reason"
    )
    for request_id, status, day, reason in rows:
        steps, oriented = out.setdefault(request_id, ([], ""))
        if status != Status.RECEIVED:
            steps.append(f"{status} {day.isoformat()}")
        if status == Status.ORIENTED:
            out[request_id] = (steps, reason)
    return {pk: ("; ".join(steps), oriented) for pk, (steps, oriented) in out.items()}


class RequestResource(InterchangeResource):
    ref = Field(attribute="ref", column_name="ref", widget=TextWidget())
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    kind = Field(attribute="kind", column_name="kind", widget=CodeWidget(Kind.choices))
    tenant = Field(
        attribute="tenant",
        column_name="tenant",
        widget=CodeForeignKeyWidget(Tenant, "code", label="locataire", required=False),
    )
    requester = Field(attribute="requester", column_name="requester", widget=CodeWidget(Requester.choices))
    partner = Field(
        attribute="partner",
        column_name="partner",
        widget=CodeForeignKeyWidget(Partner, "name", label="partenaire", required=False),
    )
    referrer = Field(attribute="referrer", column_name="referrer", widget=TextWidget())
    channel = Field(attribute="channel", column_name="channel", widget=CodeWidget(Channel.choices))
    name = Field(attribute="name", column_name="name", widget=TextWidget())
    birth_year = Field(attribute="birth_year", column_name="birth_year", widget=IntWidget(minimum=1900))
    sex = Field(attribute="sex", column_name="sex", widget=CodeWidget(Sex.choices))
    ethos = Field(attribute="ethos", column_name="ethos", widget=CodeWidget(EthosCategory.choices))
    months_2y = Field(attribute="months_2y", column_name="months_2y", widget=IntWidget(required=True, minimum=0))
    months_3y = Field(attribute="months_3y", column_name="months_3y", widget=IntWidget(required=True, minimum=0))
    mental_health = Field(attribute="mental_health", column_name="mental_health", widget=BoolWidget())
    addiction = Field(attribute="addiction", column_name="addiction", widget=BoolWidget())
    priority = Field(attribute="priority", column_name="priority", widget=IntWidget(required=True))
    notes = Field(attribute="notes", column_name="notes", widget=TextWidget())
    history = Field(attribute="import_history", column_name="history", widget=TextWidget())
    decision_reason = Field(attribute="import_decision_reason", column_name="decision_reason", widget=TextWidget())
    oriented_to = Field(attribute="import_oriented_to", column_name="oriented_to", widget=TextWidget())
    housed_tenant = Field(
        attribute="import_housed_tenant",
        column_name="housed_tenant",
        widget=CodeForeignKeyWidget(Tenant, "code", label="locataire", required=False),
    )

    required_columns = (
        "ref",
        "date",
        "kind",
        "requester",
        "channel",
        "name",
        "sex",
        "ethos",
        "months_2y",
        "months_3y",
        "mental_health",
        "addiction",
    )
    error_columns = {"status_date": "date", "reason": "history", "import_history": "history"}
    export_ordering = ("date", "ref")

    class Meta:
        model = Request
        fields = (
            "ref",
            "date",
            "kind",
            "tenant",
            "requester",
            "partner",
            "referrer",
            "channel",
            "name",
            "birth_year",
            "sex",
            "ethos",
            "months_2y",
            "months_3y",
            "mental_health",
            "addiction",
            "priority",
            "notes",
            "history",
            "decision_reason",
            "oriented_to",
            "housed_tenant",
        )
        import_id_fields = ("ref",)
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True

    # -- export: the history and its reasons -------------------------------
    def get_queryset(self):
        return super().get_queryset().select_related("partner", "tenant", "housed_tenant").prefetch_related("changes")

    def dehydrate_history(self, obj: Request) -> str:
        return history_text(obj)

    def dehydrate_decision_reason(self, obj: Request) -> str:
        return obj.decision_reason

    def dehydrate_oriented_to(self, obj: Request) -> str:
        return next((c.reason for c in obj.changes.all() if c.status == Status.ORIENTED), "")

    def dehydrate_housed_tenant(self, obj: Request) -> str:
        return obj.housed_tenant.code if obj.housed_tenant_id and obj.kind == Kind.NEW else ""

    def export_column(self, name: str, field):
        """The columns that are not plain model fields, for the chunked export."""
        if name in ("history", "oriented_to"):
            texts = getattr(self, "_history_texts", None)
            if texts is None:
                texts = self._history_texts = _histories()
            index = 0 if name == "history" else 1
            return ["pk"], lambda pk: texts.get(pk, ("", ""))[index]
        if name == "decision_reason":
            return ["decision_reason"], lambda v: v or ""
        if name == "housed_tenant":
            return ["housed_tenant__code", "kind"], lambda code, kind: (code or "") if kind == Kind.NEW else ""
        return super().export_column(name, field)

    # -- import --------------------------------------------------------------
    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.priority not in Priority.values:
            raise ValidationError({"priority": ["1 (urgente) ou 2 (normale) attendu"]})
        parse_history(getattr(instance, "import_history", ""))
        if instance.pk is None:
            instance.status_date = instance.date
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def save_instance(self, instance, is_create, row, **kwargs):
        fields = {name: getattr(instance, name) for name in REQUEST_FIELDS}
        try:
            if is_create:
                req = request_create(user=None, **fields)
            else:
                req = Request.objects.get(pk=instance.pk)
                fields.pop("ref")
                request_update(request=req, user=None, **fields)
            request_replay_history(
                request=req,
                history=getattr(instance, "import_history", ""),
                housed_tenant=getattr(instance, "import_housed_tenant", None),
                oriented_to=getattr(instance, "import_oriented_to", ""),
                decision_reason=getattr(instance, "import_decision_reason", ""),
            )
        except ValidationError as exc:
            raise ValidationError(
                {(k if k not in ("status", "reason") else "history"): v for k, v in exc.message_dict.items()}
            ) from None
        instance.pk = req.pk
