from django.contrib import admin

from .models import Category, Customer, MenuItem, Todo


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["title", "price", "featured", "category"]
    list_filter = ["featured", "category"]
    search_fields = ["title"]


@admin.register(Todo)
class TodoAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "completed", "created_at"]
    list_filter = ["completed"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "birth_date"]
