from django import template

from tenants.models import Funding

register = template.Library()

# Short names the team uses in conversation; the full label goes in a title.
FUNDING_SHORT = {Funding.COCOM: "COCOM", Funding.SPP_IS: "SPP IS", Funding.SPF_TSI: "SPF TSI"}


@register.filter
def short_funding(code: str) -> str:
    return FUNDING_SHORT.get(code, code)
