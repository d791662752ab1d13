"""What a signed token cannot know about itself: whether it was revoked since it was signed.

A JWT is checked by its signature, so nothing in it can change after it is issued. These
two tables are the state that revocation needs, which makes a JWT as stateful as a token
key: `JWTGeneration` ends every token a user holds at once, `RevokedTokenFamily` ends the
refresh tokens descended from one login.
"""

from django.conf import settings
from django.db import models


class JWTGeneration(models.Model):
    """A per-user counter that every token carries as its `gen` claim.

    A password change, a reset, a deactivation or "log out everywhere" adds one, and a
    token whose `gen` is not the current value is refused. `JWTAuthentication` reads it
    in the same query that loads the user (a join), so no request costs a query more.
    A user without a row is at generation 0.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="jwt_generation",
    )
    value = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.user_id}: generation {self.value}"


class RevokedTokenFamily(models.Model):
    """A login whose refresh tokens were all revoked, because one of them came back twice.

    Every refresh token from one login carries the same `fam` claim; a rotated (already
    used) token presented again is a sign it was stolen (RFC 9700, 4.14.2), and the whole
    family is refused from then on, the thief's copy and the victim's alike.
    """

    family = models.CharField(max_length=64, primary_key=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    revoked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"family {self.family} of {self.user_id}"


# --- One account per email, and activation links used once (accounts/emails.py, links.py) ---


class UniqueEmail(models.Model):
    """A user's email in the one form that every spelling of it shares, unique.

    The user table's `email` column is not unique, and neither SQLite's `lower()` (ASCII
    only) nor PostgreSQL's (by collation) folds `EXÄMPLE` the same way. So the key is
    worked out in Python (`accounts.emails.email_key`) and the database's unique index
    on it refuses a second account for the same address, even when both arrive at once.
    A user without an email has no row.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="unique_email",
    )
    # 254 characters can fold into more ("ß" is "ss"): room for three times as many.
    key = models.CharField(max_length=762, unique=True)

    def __str__(self):
        return self.key


class PendingActivation(models.Model):
    """An account waiting for its activation link: a registration, or a changed email.

    Using the link deletes the row, in the same step that checks it is there, so a link
    works once however many copies arrive together, and an account that staff
    deactivate afterwards has no link left to switch it back on.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pending_activation",
    )

    def __str__(self):
        return f"{self.user_id} awaits activation"
