"""What each resource looks like on the wire, and what a client may change."""

import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from rest_framework import serializers

from .fields import (
    NulFreeSlugRelatedField,
    StrictBooleanField,
    StrictCharField,
    StrictDecimalField,
    StrictSlugField,
)
from .models import Category, Customer, MenuItem, Todo


class StrictModelSerializer(serializers.ModelSerializer):
    """Maps text, slug, boolean and decimal columns to fields that refuse other types."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.SlugField: StrictSlugField,
        models.BooleanField: StrictBooleanField,
        models.DecimalField: StrictDecimalField,
    }


class CategorySerializer(StrictModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "title"]


class MenuItemSerializer(StrictModelSerializer):
    # Declared explicitly so that 1.005 is a 400 rather than silently rounded.
    price = StrictDecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"))

    class Meta:
        model = MenuItem
        fields = ["id", "title", "price", "featured", "category"]


class TodoSerializer(StrictModelSerializer):
    """The owner is never part of the payload: the view sets it from the request."""

    class Meta:
        model = Todo
        fields = ["id", "title", "completed", "created_at"]
        read_only_fields = ["created_at"]


PHONE = re.compile(r"[0-9 +\-()]*", re.ASCII)


class CustomerSerializer(StrictModelSerializer):
    user_id = serializers.IntegerField(read_only=True)
    phone = StrictCharField(
        max_length=20,
        allow_blank=True,
        required=False,
        help_text="Digits, spaces, '+', '-' and parentheses.",
    )

    class Meta:
        model = Customer
        fields = ["user_id", "phone", "birth_date"]

    def validate_phone(self, value):
        # Checked here rather than by a RegexValidator: the schema would otherwise say
        # "a pattern, or blank", and "" matches both.
        if not PHONE.fullmatch(value):
            raise serializers.ValidationError("Use digits, spaces, '+', '-' and parentheses only.")
        return value

    def validate_birth_date(self, value):
        if value is not None and value > timezone.localdate():
            raise serializers.ValidationError("A birth date cannot be in the future.")
        return value


class ManagerSerializer(serializers.ModelSerializer):
    """A manager as the group endpoint lists it."""

    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields


class AddManagerSerializer(serializers.Serializer):
    """Names the user to promote; an unknown username is a 400 that says so."""

    username = NulFreeSlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.all(),
        error_messages={"does_not_exist": "No user has the username {value}."},
    )
