"""Interchange resources of tenants.csv, incomes.csv, assessments.csv, gaf.csv.

The pattern every file follows (see smes/interchange/resources.py): one
Field per spec column with its exact `column_name` and a strict widget; the
key in `import_id_fields`; model validation (`full_clean`) on every row.
"""

from __future__ import annotations

from import_export.fields import Field

from smes.interchange.resources import InterchangeResource
from smes.interchange.widgets import (
    BoolWidget,
    CodeForeignKeyWidget,
    CodeWidget,
    DateWidget,
    DecimalWidget,
    IntWidget,
    MultiCodeWidget,
    TextWidget,
)
from tenants.models import (
    MENTAL_HEALTH_FIELDS,
    PRODUCT_FIELDS,
    Assessment,
    EndReason,
    Funding,
    GafScore,
    Income,
    IncomeSource,
    Product,
    Sex,
    Team,
    Tenant,
)
from tenants.services import clinical_record_check_date, income_check_overlap, tenant_check_clinical_dates


def flags_column(widget, codes_to_fields: dict[str, str]):
    """Export plan of a column of codes stored as one boolean per code."""
    codes, fields = list(codes_to_fields), list(codes_to_fields.values())

    def render(*flags):
        return widget.render([code for code, flag in zip(codes, flags, strict=True) if flag])

    return fields, render


def tenant_fk(column: str = "tenant") -> Field:
    return Field(attribute="tenant", column_name=column, widget=CodeForeignKeyWidget(Tenant, "code", label="locataire"))


class TenantResource(InterchangeResource):
    code = Field(attribute="code", column_name="code", widget=TextWidget())
    last_name = Field(attribute="last_name", column_name="last_name", widget=TextWidget())
    first_name = Field(attribute="first_name", column_name="first_name", widget=TextWidget())
    sex = Field(attribute="sex", column_name="sex", widget=CodeWidget(Sex.choices))
    birth_date = Field(attribute="birth_date", column_name="birth_date", widget=DateWidget())
    funding = Field(attribute="funding", column_name="funding", widget=CodeWidget(Funding.choices))
    team = Field(attribute="team", column_name="team", widget=CodeWidget(Team.choices))
    referrer = Field(attribute="referrer", column_name="referrer", widget=TextWidget())
    ethos = Field(attribute="ethos", column_name="ethos", widget=IntWidget(required=True, minimum=1, maximum=2))
    street_years = Field(
        attribute="street_years", column_name="street_years", widget=DecimalWidget(minimum=0, places=1)
    )
    followup_start = Field(attribute="followup_start", column_name="followup_start", widget=DateWidget())
    followup_end = Field(attribute="followup_end", column_name="followup_end", widget=DateWidget(required=False))
    end_reason = Field(
        attribute="end_reason", column_name="end_reason", widget=CodeWidget(EndReason.choices, required=False)
    )

    required_columns = ("code",)
    export_ordering = ("code",)
    row_checks = (tenant_check_clinical_dates,)

    class Meta:
        model = Tenant
        fields = (
            "code",
            "last_name",
            "first_name",
            "sex",
            "birth_date",
            "funding",
            "team",
            "referrer",
            "ethos",
            "street_years",
            "followup_start",
            "followup_end",
            "end_reason",
        )
        import_id_fields = ("code",)
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True
        skip_diff = True


class IncomeResource(InterchangeResource):
    tenant = tenant_fk()
    source = Field(attribute="source", column_name="source", widget=CodeWidget(IncomeSource.choices))
    start = Field(attribute="start", column_name="start", widget=DateWidget())
    end = Field(attribute="end", column_name="end", widget=DateWidget(required=False))

    required_columns = ("tenant", "source", "start")
    export_ordering = ("tenant__code", "start", "source")
    row_checks = (income_check_overlap,)

    class Meta:
        model = Income
        fields = ("tenant", "source", "start", "end")
        import_id_fields = ("tenant", "source", "start")
        clean_model_instances = True
        skip_diff = True
        report_skipped = True


class AssessmentResource(InterchangeResource):
    tenant = tenant_fk()
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    depression = Field(attribute="depression", column_name="depression", widget=BoolWidget())
    paranoia = Field(attribute="paranoia", column_name="paranoia", widget=BoolWidget())
    hallucinations = Field(attribute="hallucinations", column_name="hallucinations", widget=BoolWidget())
    aggression = Field(attribute="aggression", column_name="aggression", widget=BoolWidget())
    cognitive = Field(attribute="cognitive", column_name="cognitive", widget=BoolWidget())
    # One spec column for the seven product booleans (Assessment.products).
    products = Field(attribute="products", column_name="products", widget=MultiCodeWidget(Product.choices))
    crack_inhalation = Field(attribute="crack_inhalation", column_name="crack_inhalation", widget=BoolWidget())
    injection = Field(attribute="injection", column_name="injection", widget=BoolWidget())
    overdose = Field(attribute="overdose", column_name="overdose", widget=BoolWidget())

    required_columns = ("tenant", "date")
    error_columns = {f"p_{p.value.lower()}": "products" for p in Product}
    export_ordering = ("tenant__code", "date")
    row_checks = (clinical_record_check_date,)

    def export_column(self, name, field):
        if name == "products":
            return flags_column(field.widget, PRODUCT_FIELDS)
        return super().export_column(name, field)

    class Meta:
        model = Assessment
        fields = (
            "tenant",
            "date",
            *MENTAL_HEALTH_FIELDS,
            "products",
            "crack_inhalation",
            "injection",
            "overdose",
        )
        import_id_fields = ("tenant", "date")
        clean_model_instances = True
        skip_diff = True
        report_skipped = True


class GafResource(InterchangeResource):
    tenant = tenant_fk()
    date = Field(attribute="date", column_name="date", widget=DateWidget())
    score = Field(attribute="score", column_name="score", widget=IntWidget(required=True))

    required_columns = ("tenant", "date", "score")
    export_ordering = ("tenant__code", "date")
    row_checks = (clinical_record_check_date,)

    class Meta:
        model = GafScore
        fields = ("tenant", "date", "score")
        import_id_fields = ("tenant", "date")
        clean_model_instances = True
        skip_diff = True
        report_skipped = True
