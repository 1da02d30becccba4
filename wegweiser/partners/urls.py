from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("participants/<int:pk>/", views.consents, name="consents"),
    path("participants/<int:pk>/refer/", views.referral_create, name="referral_create"),
    path("participants/<int:pk>/vacancies/", views.participant_vacancies, name="participant_vacancies"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("consents/<int:pk>/file/", views.consent_file, name="consent_file"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<int:pk>/cancel/", views.referral_cancel, name="referral_cancel"),
    path("followups/<int:pk>/done/", views.followup_done, name="followup_done"),
    path("portal/", views.portal, name="portal"),
    path("portal/referrals/<int:pk>/", views.portal_referral, name="portal_referral"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", views.vacancy_form, name="vacancy_create"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.vacancy_form, name="vacancy_edit"),
    path("me/consents/", views.me_consents, name="me_consents"),
    path("me/consents/<int:pk>/", views.me_consent_answer, name="me_consent_answer"),
]
