from django.urls import path

from housing import views

app_name = "housing"

urlpatterns = [
    path("", views.index, name="index"),
    # dwellings
    path("logements/", views.dwelling_list, name="dwelling_list"),
    path("logements/nouveau/", views.dwelling_create, name="dwelling_create"),
    path("logements/<int:pk>/", views.dwelling_detail, name="dwelling_detail"),
    path("logements/<int:pk>/modifier/", views.dwelling_edit, name="dwelling_edit"),
    # partners, contacts, conventions
    path("partenaires/", views.partner_list, name="partner_list"),
    path("partenaires/nouveau/", views.partner_create, name="partner_create"),
    path("partenaires/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("partenaires/<int:pk>/modifier/", views.partner_edit, name="partner_edit"),
    path("partenaires/<int:pk>/contacts/ajouter/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/modifier/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/supprimer/", views.contact_delete, name="contact_delete"),
    path("partenaires/<int:pk>/conventions/ajouter/", views.convention_add, name="convention_add"),
    path("conventions/", views.convention_list, name="convention_list"),
    path("conventions/<int:pk>/modifier/", views.convention_edit, name="convention_edit"),
    path("conventions/<int:pk>/supprimer/", views.convention_delete, name="convention_delete"),
    # leases
    path("baux/", views.lease_list, name="lease_list"),
    path("baux/nouveau/", views.lease_create, name="lease_create"),
    path("baux/<int:pk>/", views.lease_detail, name="lease_detail"),
    path("baux/<int:pk>/modifier/", views.lease_edit, name="lease_edit"),
    path("baux/<int:pk>/document/", views.lease_document, name="lease_document"),
    # moves
    path("mouvements/", views.move_list, name="move_list"),
    path("mouvements/nouveau/", views.move_create, name="move_create"),
    path("mouvements/<int:pk>/modifier/", views.move_edit, name="move_edit"),
    path("mouvements/<int:pk>/supprimer/", views.move_delete, name="move_delete"),
    path("locataires/<int:pk>/deces/", views.death_followup, name="death_followup"),
    # guarantees (finance)
    path("garanties/", views.guarantee_list, name="guarantee_list"),
    path("garanties/nouvelle/", views.guarantee_create, name="guarantee_create"),
    path("garanties/<int:pk>/", views.guarantee_detail, name="guarantee_detail"),
    path("garanties/<int:pk>/modifier/", views.guarantee_edit, name="guarantee_edit"),
    path("remboursements/<int:pk>/supprimer/", views.repayment_delete, name="repayment_delete"),
    # rent ledger of sliding leases (finance)
    path("loyers/", views.ledger_list, name="ledger_list"),
    path("loyers/retards/", views.arrears_list, name="arrears_list"),
    path("loyers/<int:pk>/", views.ledger_detail, name="ledger_detail"),
    path("loyers/<int:pk>/mois/ajouter/", views.rent_month_add, name="rent_month_add"),
    path("loyers/mois/<int:pk>/modifier/", views.rent_month_edit, name="rent_month_edit"),
    path("loyers/mois/<int:pk>/supprimer/", views.rent_month_delete, name="rent_month_delete"),
    path("loyers/paiements/<int:pk>/supprimer/", views.rent_payment_delete, name="rent_payment_delete"),
]
