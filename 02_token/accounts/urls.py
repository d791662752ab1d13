from django.urls import path

from . import views

urlpatterns = [
    path("api-token-auth/", views.AuthTokenView.as_view(), name="api-token-auth"),
]
