from django.urls import path

from . import views

app_name = "participants"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("participants/", views.participant_list, name="list"),
    path("participants/new/", views.participant_create, name="create"),
    path("participants/<int:pk>/", views.participant_detail, name="detail"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="edit"),
    path("participants/<int:pk>/contacts/add/", views.contact_add, name="contact_add"),
    path("participants/<int:pk>/access/", views.access_log, name="access_log"),
    path("participants/<int:pk>/merge/", views.participant_merge, name="merge"),
    path("participants/<int:pk>/suggestions/<int:suggestion_id>/<slug:status>/", views.suggestion_decide,
         name="suggestion_decide"),
    path("participants/<int:pk>/<slug:section>/add/", views.entry_form, name="entry_add"),
    path("participants/<int:pk>/<slug:section>/<int:entry_id>/edit/", views.entry_form, name="entry_edit"),
    path("participants/<int:pk>/<slug:section>/<int:entry_id>/delete/", views.entry_delete, name="entry_delete"),
]
