from django.urls import path

from . import views

urlpatterns = [
    path("csrf/", views.CsrfView.as_view(), name="session-csrf"),
    path("login/", views.LoginView.as_view(), name="session-login"),
    path("logout/", views.LogoutView.as_view(), name="session-logout"),
    path("logout-everywhere/", views.LogoutEverywhereView.as_view(), name="logout-everywhere"),
]
