from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import demo, views

router = DefaultRouter()
router.register("categories", views.CategoryViewSet)
router.register("menu-items", views.MenuItemViewSet)
router.register("todos", views.TodoViewSet, basename="todo")

urlpatterns = [
    path("secret/", views.secret, name="secret"),
    path("manager-view/", views.manager_view, name="manager-view"),
    path("throttle-check/", views.throttle_check, name="throttle-check"),
    path("throttle-check-auth/", views.throttle_check_auth, name="throttle-check-auth"),
    path("customers/me/", views.CustomerMeView.as_view(), name="customer-me"),
    path("groups/manager/users/", views.ManagerListView.as_view(), name="manager-list"),
    path(
        "groups/manager/users/<int:user_id>/",
        views.ManagerDetailView.as_view(),
        name="manager-detail",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI. The split view serves its start-up script as a file (docs/?script), so
    # the Content-Security-Policy needs no inline scripts; and, unlike the plain view, it
    # keeps Cross-Origin-Opener-Policy: same-origin (the plain one sends unsafe-none,
    # for OAuth2 pop-ups on another origin; 06's pop-up stays on this one).
    path("docs/", views.SwaggerUIView.as_view(url_name="schema"), name="docs"),
    # Where Swagger UI's OAuth 2 pop-up comes back with a code (chapter 06's Authorize).
    path("docs/oauth2-redirect.html", demo.swagger_oauth2_redirect, name="docs-oauth2-redirect"),
    path("", include(router.urls)),
]
