from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("2fa/", views.otp_verify, name="otp_verify"),
    path("2fa/setup/", views.otp_enrol, name="otp_enrol"),
    path("2fa/recovery-codes/", views.otp_recovery_codes, name="otp_recovery_codes"),
    path("password/", views.password_change, name="password_change"),
    path("users/", views.user_list, name="users"),
    path("users/<int:pk>/deactivate/", views.user_deactivate_view, name="user_deactivate"),
    path("users/<int:pk>/activate/", views.user_activate_view, name="user_activate"),
    path("users/<int:pk>/unlock/", views.user_unlock_view, name="user_unlock"),
    path("users/<int:pk>/2fa-reset/", views.user_otp_reset_view, name="user_otp_reset"),
    path("users/<int:pk>/password-reset/", views.user_password_reset_view, name="user_password_reset"),
]
