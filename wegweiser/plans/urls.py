from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/acknowledge/", views.me_acknowledge, name="me_acknowledge"),
    path("me/plan.pdf", views.me_pdf, name="me_pdf"),
    path("participants/<int:pk>/", views.plan_detail, name="detail"),
    path("participants/<int:pk>/draft/", views.draft_create, name="draft_create"),
    path("participants/<int:pk>/from-recommendation/", views.draft_from_recommendation, name="from_recommendation"),
    path("participants/<int:pk>/diff/", views.diff, name="diff"),
    path("participants/<int:pk>/v/<int:number>/", views.version_detail, name="version"),
    path("participants/<int:pk>/v/<int:number>/goal/", views.goal_update, name="goal"),
    path("participants/<int:pk>/v/<int:number>/steps/", views.step_add, name="step_add"),
    path("participants/<int:pk>/v/<int:number>/steps/<int:step_pk>/", views.step_edit, name="step_edit"),
    path("participants/<int:pk>/v/<int:number>/steps/<int:step_pk>/remove/", views.step_remove,
         name="step_remove"),
    path("participants/<int:pk>/v/<int:number>/agree/", views.agree, name="agree"),
    path("participants/<int:pk>/v/<int:number>/<str:what>/", views.transition, name="transition"),
    path("participants/<int:pk>/v/<int:number>/plan.pdf", views.version_pdf, name="pdf"),
]
