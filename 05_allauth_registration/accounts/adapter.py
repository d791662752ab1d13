from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """allauth's account rules, without the messages meant for its HTML pages.

    allauth queues a message such as "Confirmation e-mail sent to ..." for the next page
    it renders. An API client never sees that page; the message would only travel back
    and forth in a `messages` cookie.
    """

    def add_message(self, *args, **kwargs):
        pass
