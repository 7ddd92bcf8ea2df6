"""The report's wording for each code, as the published chapter words it.

Kept apart from the models' labels: the report speaks to funders
("Dépression majeure et/ou chronique"), the forms to workers.
"""

from django.utils.translation import gettext_lazy as _

from tenants.gaf import GAF_SCALE

FUNDING = {
    "COCOM": _("Cocom"),
    "SPP_IS": _("SPP Intégration sociale"),
    "SPF_TSI": _("SPF Santé publique (trajets de soins internés)"),
}
SEX = {"M": _("Hommes"), "F": _("Femmes"), "X": _("X (autre)")}
TEAM = {"ACT": _("Équipe ACT (suivi intensif)"), "ICM": _("Équipe ICM (suivi de soutien)")}
INCOME = {
    "RIS": _("Revenu d'intégration (CPAS)"),
    "DGPH": _("Allocation DG Personnes handicapées"),
    "MUTUALITY": _("Revenu de remplacement de la mutuelle"),
    "PENSION": _("Pension"),
    "UNEMPLOYMENT": _("Allocations de chômage"),
    "SALARY": _("Travail salarié"),
    "NONE": _("Sans revenu"),
}
ENDED = {
    "NO_LONGER_NEEDED": _("N'a plus besoin d'accompagnement"),
    "TRANSFERRED": _("Accompagné·e par une autre structure"),
    "OTHER": _("Autre motif"),
}
MENTAL_HEALTH = {
    "depression": _("Dépression majeure et/ou chronique"),
    "paranoia": _("Méfiance excessive, sentiment de persécution, délire paranoïaque"),
    "hallucinations": _("Hallucinations visuelles et/ou auditives, délire mégalomane"),
    "aggression": _("Passages à l'acte hétéro-agressif, menaces graves"),
    "cognitive": _("Troubles cognitifs : confusion, perte de mémoire, désorientation spatio-temporelle"),
}
MENTAL_HEALTH_SHORT = {
    "depression": _("Dépression"),
    "paranoia": _("Paranoïa"),
    "hallucinations": _("Hallucinations"),
    "aggression": _("Agressivité"),
    "cognitive": _("Troubles cognitifs"),
}
CONSUMPTION = {
    "abstinent": _("Abstinent·e complet·ète"),
    "one": _("Un seul produit"),
    "two": _("Deux produits"),
    "three_plus": _("Trois produits et plus"),
}
USE_MODES = {
    "crack_inhalation": _("Consommation de crack en inhalation"),
    "injection": _("Consommation par injection"),
    "overdose": _("Ont fait une overdose"),
}
MEETING_KIND = {
    "HOME": _("Visites à domicile"),
    "EXTERNAL": _("Accompagnements vers l'extérieur"),
    "CONCERTATION": _("Réunions de concertation"),
}
MOTIVE = {
    "DAILY": _("Quotidien"),
    "ADMIN_JUSTICE": _("Admin / justice"),
    "HOUSING": _("Logement"),
    "MEDICAL": _("Médical"),
    "NETWORK": _("Relais réseau"),
    "PSY": _("Psy"),
    "CONSUMPTION": _("Consommation"),
    "CRISIS": _("Crise / urgence"),
}
MOVES = {
    "first_entries": _("Entrées en logement de nouveaux locataires"),
    "re_entries": _("Relogements (nouvelle entrée après une sortie)"),
    "transfers": _("Déménagements d'un logement vers un autre"),
}
EXIT_TO = {
    "STREET": _("Sortie vers la rue"),
    "INSTITUTION": _("Sortie vers une institution"),
    "DEATH": _("Sortie suite à un décès"),
    "OTHER": _("Autre sortie"),
}
LEASE_KIND = {
    "STANDARD": _("Bail standard"),
    "SLIDING": _("Bail glissant"),
    "TRANSIT": _("Bail ou convention de transit"),
    "PRECARIOUS": _("Convention d'occupation précaire"),
    "NURSING_HOME": _("Maison de repos"),
}
RDR_CATEGORY = {
    "INJECTION": _("Matériel d'injection"),
    "INHALATION": _("Matériel d'inhalation"),
    "SNIFF": _("Matériel de sniff"),
    "STI_OTHER": _("Réduction des risques liés aux IST et autres"),
}

# The GAF scale as the chapter prints it under "Interprétation": one copy,
# word for word from the reference report, kept with the GAF forms.
GAF_LEGEND = GAF_SCALE
