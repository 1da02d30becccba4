from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/new/", views.module_form, name="module_create"),
    path("catalogue/<int:pk>/", views.module_detail, name="module_detail"),
    path("catalogue/<int:pk>/edit/", views.module_form, name="module_edit"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/calendar/", views.course_calendar, name="course_calendar"),
    path("courses/<int:pk>/trainers/", views.course_trainer, name="course_trainer"),
    path("courses/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/attendance/<int:enrolment_id>/", views.attendance_mark, name="attendance_mark"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
    path("participants/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("enrolments/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("enrolments/<int:pk>/complete/", views.enrolment_complete, name="enrolment_complete"),
    path("enrolments/<int:pk>/certificate/", views.certificate_issue, name="certificate_issue"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("trainers/", views.trainer_list, name="trainer_list"),
    path("trainers/new/", views.trainer_create, name="trainer_create"),
    path("trainers/<int:pk>/", views.trainer_detail, name="trainer_detail"),
    path("trainers/<int:pk>/calendar/", views.trainer_calendar, name="trainer_calendar"),
    path("kits/", views.kit_list, name="kit_list"),
    path("kits/new/", views.kit_create, name="kit_create"),
    path("kits/<int:pk>/", views.kit_detail, name="kit_detail"),
    path("loans/<int:pk>/return/", views.loan_return, name="loan_return"),
    path("loans/<int:pk>/lost/", views.loan_lost, name="loan_lost"),
]
