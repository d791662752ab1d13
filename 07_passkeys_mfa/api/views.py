"""The API every chapter serves. Nothing here knows how the caller logged in."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import filters, generics, serializers, status, viewsets
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated
from rest_framework.response import Response

from .filters import MenuItemFilter, SearchFilter
from .models import MANAGER_GROUP, Category, Customer, MenuItem, Todo
from .permissions import IsAdminOrReadOnly, IsManager, IsStaffOrManagerOrReadOnly
from .serializers import (
    AddManagerSerializer,
    CategorySerializer,
    CustomerSerializer,
    ManagerSerializer,
    MenuItemSerializer,
    TodoSerializer,
)
from .throttles import AnonRateThrottle, TenCallsPerMinute, UserRateThrottle

Message = inline_serializer("Message", {"message": serializers.CharField()})


@extend_schema(responses=Message)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def secret(request):
    return Response({"message": "Some secret message"})


@extend_schema(responses=Message)
@api_view(["GET"])
@permission_classes([IsManager])
def manager_view(request):
    return Response({"message": "Only managers should see this"})


@extend_schema(responses=Message)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([AnonRateThrottle])
def throttle_check(request):
    return Response({"message": "successful"})


@extend_schema(responses=Message)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
@throttle_classes([UserRateThrottle])
def throttle_check_auth(request):
    return Response({"message": "successful"})


class CategoryViewSet(viewsets.ModelViewSet):
    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    permission_classes = [IsAdminOrReadOnly]


class MenuItemViewSet(viewsets.ModelViewSet):
    queryset = MenuItem.objects.all()
    serializer_class = MenuItemSerializer
    permission_classes = [IsStaffOrManagerOrReadOnly]
    filter_backends = [DjangoFilterBackend, SearchFilter, filters.OrderingFilter]
    filterset_class = MenuItemFilter
    search_fields = ["title"]
    ordering_fields = ["price"]

    def get_throttles(self):
        """Creating has its own `ten` budget; everything else uses anon/user rates."""
        if self.action == "create":
            return [TenCallsPerMinute()]
        return [AnonRateThrottle(), UserRateThrottle()]


class TodoViewSet(viewsets.ModelViewSet):
    """A user's own todos. Others' todos are filtered out, so they answer 404, not 403."""

    serializer_class = TodoSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Todo.objects.none()
        return Todo.objects.filter(owner=self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class CustomerMeView(generics.RetrieveUpdateAPIView):
    """The caller's own profile, created on first access."""

    serializer_class = CustomerSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        customer, _ = Customer.objects.get_or_create(user=self.request.user)
        return customer


def manager_group():
    group, _ = Group.objects.get_or_create(name=MANAGER_GROUP)
    return group


class ManagerListView(generics.ListAPIView):
    """Staff list the managers, and promote a user by username."""

    serializer_class = ManagerSerializer
    permission_classes = [IsAdminUser]

    def get_queryset(self):
        return get_user_model().objects.filter(groups__name=MANAGER_GROUP).order_by("id")

    @extend_schema(request=AddManagerSerializer, responses={201: ManagerSerializer})
    def post(self, request):
        serializer = AddManagerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["username"]
        manager_group().user_set.add(user)
        return Response(ManagerSerializer(user).data, status=status.HTTP_201_CREATED)


class ManagerDetailView(generics.GenericAPIView):
    """Staff demote a manager; a user who is not one answers 404."""

    permission_classes = [IsAdminUser]
    serializer_class = ManagerSerializer

    def get_queryset(self):
        return get_user_model().objects.filter(groups__name=MANAGER_GROUP)

    @extend_schema(responses={204: None})
    def delete(self, request, user_id):
        user = get_object_or_404(self.get_queryset(), pk=user_id)
        manager_group().user_set.remove(user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SwaggerUIView(SpectacularSwaggerSplitView):
    """Swagger UI's page (and, with `?script`, its start-up script): GET and HEAD only.

    drf-spectacular's view answers OPTIONS like any DRF view, with metadata drawn by the
    only renderer it has, an HTML template that names no template for it: a 500. A page
    needs no OPTIONS, so it answers 405 instead.
    """

    http_method_names = ["get", "head"]
