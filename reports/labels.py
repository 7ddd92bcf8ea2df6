"""The report's wording for each code, as the published chapter words it.

Kept apart from the models' labels: the report speaks to funders
("Dépression majeure et/ou chronique"), the forms to workers.
"""

from django.utils.translation import gettext_lazy as _

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

# The GAF scale as the chapter prints it under "Interprétation".
GAF_LEGEND = [
    (
        90,
        _(
            "symptômes absents ou minimes, fonctionnement satisfaisant dans tous les domaines, pas plus de problèmes ou de préoccupations que les soucis de la vie quotidienne."
        ),
    ),
    (
        80,
        _(
            "si des symptômes sont présents, ils sont transitoires et sont des réactions prévisibles à des facteurs de stress ; pas plus qu'une altération légère du fonctionnement social ou professionnel."
        ),
    ),
    (
        70,
        _(
            "quelques symptômes légers OU certaines difficultés dans le fonctionnement social ou professionnel, mais fonctionne assez bien et entretient quelques relations significatives."
        ),
    ),
    (60, _("symptômes modérés OU altération modérée du fonctionnement social ou professionnel.")),
    (
        50,
        _(
            "symptômes sérieux (idéation suicidaire, rituels obsessionnels sérieux) OU altération importante du fonctionnement social ou professionnel (absence d'amis)."
        ),
    ),
    (
        40,
        _(
            "une certaine altération du sens de la réalité ou de la communication (discours parfois illogique, obscur ou non pertinent) OU déficience majeure dans plusieurs domaines tels que le travail, les relations familiales, le jugement, la pensée ou l'humeur."
        ),
    ),
    (
        30,
        _(
            "le comportement est notablement influencé par des idées délirantes ou des hallucinations OU trouble grave de la communication ou du jugement OU incapable de fonctionner dans presque tous les domaines (reste au lit toute la journée, est sans emploi, n'a pas d'amis)."
        ),
    ),
    (
        20,
        _(
            "présente un certain danger pour sa sécurité ou celle d'autrui (tentative de suicide, violence fréquente, agitation maniaque) OU ne maintient pas une bonne hygiène corporelle OU altération majeure de la communication (incohérence marquée, mutisme)."
        ),
    ),
    (
        10,
        _(
            "présente un danger persistant pour sa propre sécurité ou celle d'autrui (p. ex. accès répétés de violence) OU geste suicidaire avec désir réel de mourir."
        ),
    ),
]
