"""Sign-up, email verification and password reset, as a description's `accounts` says.

Mixed into `Adapter`: every request goes through the client a test passes in.
"""

import re

from .description import REGISTERED_PASSWORD


class AccountFlows:
    """The account endpoints of a chapter that has them (`Login.accounts`)."""

    def register(self, client, password=REGISTERED_PASSWORD, **fields):
        """Signs up "carol" with `password`, `fields` overriding the form. The one sign-up
        of the suite: the strategy tests' flows call it too."""
        accounts = self.description.accounts
        form = self.sign_up_form(password, **fields)
        return client.post(accounts.sign_up_path, form, format="json")

    def sign_up_form(self, password=REGISTERED_PASSWORD, **fields):
        """The description's sign-up form with `password` in each of its password fields,
        `fields` overriding any of it."""
        accounts = self.description.accounts
        passwords = dict.fromkeys(accounts.password_fields, password)
        return {**accounts.sign_up, **passwords, **fields}

    def confirm_email(self, client, message):
        """Follows the link in `message`, the email that registration sent, or fails."""
        link = self.description.accounts.verification
        response = client.post(link.path, link_in(link, message), format="json")
        assert response.status_code == link.status, (link.path, response.content)

    def request_reset(self, client, email):
        """Asks for a password-reset email to `email`; answers the response."""
        return client.post(self.description.accounts.reset_path, {"email": email}, format="json")

    def reset_link(self, message):
        """What the password-reset link in `message` carries (a uid and token, a key)."""
        return link_in(self.description.accounts.reset, message)

    def confirm_reset(self, client, message, new_password):
        """Posts `new_password` with what the reset link in `message` carries."""
        return self.confirm_reset_link(client, self.reset_link(message), new_password)

    def confirm_reset_link(self, client, link, new_password):
        accounts = self.description.accounts
        passwords = dict.fromkeys(accounts.new_password_fields, new_password)
        return client.post(accounts.reset.path, {**link, **passwords}, format="json")


def link_in(link, message):
    """The named groups of `link.pattern` in `message`'s body, or fails the test."""
    found = re.search(link.pattern, message.body)
    assert found, (link.pattern, message.body)
    return found.groupdict()
