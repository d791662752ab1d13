"""The admin's user form, refusing an email that another account has in any spelling.

Without this the database still refuses the duplicate (accounts/emails.py), but the
admin would show a server error instead of a message beside the field.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model

from .emails import EMAIL_TAKEN, email_taken

User = get_user_model()


class UserChangeForm(auth_admin.UserChangeForm):
    def clean_email(self):
        email = self.cleaned_data.get("email")
        if email_taken(email, self.instance):
            raise forms.ValidationError(EMAIL_TAKEN, code="unique")
        return email


class UserAdmin(auth_admin.UserAdmin):
    """Django's own user admin, with the form above."""

    form = UserChangeForm


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
