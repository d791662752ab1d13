"""`python manage.py load_demo_data`: demo users, a small menu and a few todos.

Running it again changes nothing: every row is looked up before it is created, and an
existing user's password is left alone.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from api.models import MANAGER_GROUP, Category, MenuItem, Todo

# Development-only credentials, printed at start-up. Never reuse them anywhere real.
DEMO_USERS = [
    {"username": "admin", "password": "lemon-admin-2024", "role": "superuser"},
    {"username": "manager", "password": "lemon-manager-2024", "role": "Manager group"},
    {"username": "customer", "password": "lemon-customer-2024", "role": "plain user"},
]

MENU = {
    ("starters", "Starters"): [("Bruschetta", "7.50", True), ("Greek Salad", "9.25", False)],
    ("mains", "Mains"): [("Lemon Chicken", "16.00", True), ("Mushroom Risotto", "14.50", False)],
    ("desserts", "Desserts"): [("Lemon Tart", "6.75", True), ("Baklava", "5.50", False)],
}

TODOS = {
    "customer": ["Book a table for Friday", "Try the lemon tart"],
    "manager": ["Update the dessert menu"],
}


class Command(BaseCommand):
    help = "Loads demo users, categories, menu items and todos. Safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options):
        users = {spec["username"]: self.demo_user(spec) for spec in DEMO_USERS}
        managers, _ = Group.objects.get_or_create(name=MANAGER_GROUP)
        managers.user_set.add(users["manager"])
        for (slug, title), items in MENU.items():
            category, _ = Category.objects.get_or_create(slug=slug, defaults={"title": title})
            for item_title, price, featured in items:
                MenuItem.objects.get_or_create(
                    title=item_title,
                    defaults={"price": Decimal(price), "featured": featured, "category": category},
                )
        for username, titles in TODOS.items():
            for title in titles:
                Todo.objects.get_or_create(owner=users[username], title=title)

        self.stdout.write("Demo users (development only):")
        for spec in DEMO_USERS:
            self.stdout.write(f"  {spec['username']:<9} {spec['password']:<21} {spec['role']}")

    def demo_user(self, spec):
        user, created = get_user_model().objects.get_or_create(
            username=spec["username"], defaults={"email": f"{spec['username']}@example.com"}
        )
        if created:
            user.set_password(spec["password"])
            user.is_staff = user.is_superuser = spec["role"] == "superuser"
            user.save()
        return user
