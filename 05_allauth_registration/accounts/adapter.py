from allauth.account.adapter import DefaultAccountAdapter
from allauth.utils import build_absolute_uri
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """allauth's account rules, without the messages meant for its HTML pages.

    allauth queues a message such as "Confirmation e-mail sent to ..." for the next page
    it renders. An API client never sees that page; the message would only travel back
    and forth in a `messages` cookie.
    """

    def add_message(self, *args, **kwargs):
        pass

    def send_account_already_exists_mail(self, email):
        """allauth's "an account already exists" mail, pointing to this API's endpoints.

        allauth's own version links to its HTML sign-up and reset pages, which this
        chapter does not route (it would crash looking them up).
        """
        request = self.request
        ctx = {
            "signup_url": build_absolute_uri(request, reverse("rest_register")),
            "password_reset_url": build_absolute_uri(request, reverse("rest_password_reset")),
        }
        self.send_mail("account/email/account_already_exists", email, ctx)
