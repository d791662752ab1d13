from django.urls import path

from . import views

urlpatterns = [
    path("logout-everywhere/", views.LogoutEverywhereView.as_view(), name="logout-everywhere"),
]
