"""What this chapter stores beside django-oauth-toolkit's own tables."""

from django.db import models


class Redemption(models.Model):
    """An authorization code that was exchanged for tokens: at most once, and remembered.

    django-oauth-toolkit deletes a code's row once it is redeemed, so a code that comes
    back is merely unknown, and the tokens it bought live on. RFC 6749 (section 4.1.2)
    asks for more: a code used twice is a code someone stole, and the server should
    revoke what it issued. So the code's row is kept (until it expires and
    `cleartokens` deletes it, this row with it), and this row, written once the tokens
    are saved, marks it redeemed. The row is unique per code, so of two exchanges
    racing with one code, on any number of workers, exactly one creates it; the other
    is the replay, and the tokens of both are revoked.
    """

    grant = models.OneToOneField(
        "oauth2_provider.Grant", on_delete=models.CASCADE, primary_key=True
    )
    # The refresh tokens (and, with them, the access tokens) that the code bought.
    token_family = models.UUIDField(null=True, editable=False)
    # The code came back: what it bought is revoked, and so is what it is still buying.
    replayed = models.BooleanField(default=False)

    def __str__(self):
        # Never the code itself: a code in a log is a credential.
        return f"Redemption of grant #{self.grant_id}"
