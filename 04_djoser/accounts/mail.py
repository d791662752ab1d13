"""The emails whose Djoser originals do not say which account they are about.

Djoser's activation email says "activate account" and nothing more. Someone who
registered with another person's address made that person's mailbox receive a link that
activates the stranger's account, and nothing in it said so. These name the account.
`DJOSER["EMAIL"]` points Djoser at them, so its views send them unchanged.
"""

from django.urls import reverse
from djoser import email


class ActivationEmail(email.ActivationEmail):
    """Djoser's activation email, naming the account that the link activates."""

    template_name = "accounts/email/activation.html"


class AddressHeldEmail(email.ActivationEmail):
    """To an address that a sign-up or an email change named, while an account waiting
    for activation holds it: which account, and how the reader takes it over.

    It carries that account's activation link, and the reset endpoint to call next
    (accounts/address_claims.py voided the password).
    """

    template_name = "accounts/email/address_held.html"

    def get_context_data(self):
        context = super().get_context_data()
        context["reset_path"] = reverse("user-reset-password")
        return context
