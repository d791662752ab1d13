"""Who may do what. Each rule is a class, so views stay free of `if` statements."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import MANAGER_GROUP


def is_manager(user):
    """Superusers count as managers; everyone else needs the group."""
    if not (user and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(name=MANAGER_GROUP).exists()


class IsManager(BasePermission):
    message = "Only members of the Manager group may do this."

    def has_permission(self, request, view):
        return is_manager(request.user)


class IsAdminOrReadOnly(BasePermission):
    """Anyone may read; only staff may write."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff)


class IsStaffOrManagerOrReadOnly(BasePermission):
    """Anyone may read; staff and managers may write."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff) or is_manager(request.user)
