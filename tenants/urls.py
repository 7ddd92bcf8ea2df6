from django.urls import path

from tenants import clinical_views, income_views, views
from tenants.visits import offline_views
from tenants.visits import views as visit_views

app_name = "tenants"

urlpatterns = [
    path("", views.tenant_list, name="list"),
    path("nouveau/", views.tenant_create_view, name="create"),
    path("<int:pk>/", views.tenant_detail, name="detail"),
    path("<int:pk>/modifier/", views.tenant_edit, name="edit"),
    path("<int:pk>/fin/", views.tenant_end_followup_view, name="end_followup"),
    path("<int:pk>/rouvrir/", views.tenant_reopen_view, name="reopen"),
    # incomes
    path("<int:pk>/revenus/ajouter/", income_views.income_add, name="income_add"),
    path("revenus/<int:pk>/modifier/", income_views.income_edit, name="income_edit"),
    path("revenus/<int:pk>/fin/", income_views.income_close_view, name="income_close"),
    # clinical file (clinical.view / clinical.edit)
    path("<int:pk>/clinique/", clinical_views.clinical_file, name="clinical"),
    path("<int:pk>/bilans/ajouter/", clinical_views.assessment_add, name="assessment_add"),
    path("bilans/<int:pk>/modifier/", clinical_views.assessment_edit, name="assessment_edit"),
    path("bilans/<int:pk>/supprimer/", clinical_views.assessment_delete_view, name="assessment_delete"),
    path("<int:pk>/egf/ajouter/", clinical_views.gaf_add, name="gaf_add"),
    path("egf/<int:pk>/modifier/", clinical_views.gaf_edit, name="gaf_edit"),
    path("egf/<int:pk>/supprimer/", clinical_views.gaf_delete_view, name="gaf_delete"),
    # visits (tenants/visits/)
    path("ma-semaine/", visit_views.my_week, name="my_week"),
    path("visites/noter/", visit_views.quicklog, name="quicklog"),
    path("visites/<int:pk>/modifier/", visit_views.visit_edit, name="visit_edit"),
    path("visites/<int:pk>/statut/", visit_views.visit_status, name="visit_status"),
    path("visites/<int:pk>/supprimer/", visit_views.visit_delete_view, name="visit_delete"),
    path("visites/sans-contact/", visit_views.not_seen, name="not_seen"),
    path("<int:pk>/chronologie/", visit_views.timeline, name="timeline"),
    # offline quick log (issue 15)
    path("visites/hors-ligne/", offline_views.offline_page, name="offline_page"),
    path("visites/hors-ligne/etat.json", offline_views.offline_state, name="offline_state"),
    path("visites/envoi/", offline_views.visit_sync, name="visit_sync"),
]
