"""A database session store whose rows are remembered in the shared cache.

Why: a session cookie (or headless's `X-Session-Token`, a session key too) costs a query
for its row on every request. Remembered with `api.credential_cache`, a session seen
before costs a cache read. Django's own `cached_db` engine does the same, but a request
that read the row just before a logout can put it back into the cache afterwards (it
`set`s what it read); the tombstones here leave no such gap.

What may end or change a remembered row writes a tombstone over it first:

- its row deleted (a logout, a key rotated at login, "log out everywhere", a password
  change, the admin, `clearsessions`): `forget_deleted_session`, a `pre_delete`
  receiver the chapter connects to its session model, so a queryset's `delete()` is
  covered too;
- its row rewritten (the data of a logged-in session changed): `save()` below. A session
  this store made in this very request is the exception: nobody else knows its key yet.

A session whose row changed is therefore served from the database until its tombstone
expires (`2 * CREDENTIAL_CACHE_SECONDS`). With the cache off it is the store it extends.

Identical in 01 and 07, the two session chapters (a test keeps the copies in step).
"""

from asgiref.sync import sync_to_async
from django.utils import timezone

from api import credential_cache


def session_entry(session_key):
    """Where a session's row is remembered."""
    return credential_cache.key("session", session_key)


class NoSession(Exception):
    """No live row: never remembered, so an unknown key costs no cache space."""


class RememberedSessionStore:
    """Mixin for a database `SessionStore`: its rows, remembered with tombstones.

    The entry is the decoded data and the row's expiry date, checked on every read: an
    entry never outlives its session.
    """

    _made_here = None  # the key this store created, whose row nobody else has read

    def load(self):
        try:
            data, expires = credential_cache.recall(
                [session_entry(self.session_key)], self._load_row
            )
        except NoSession:
            return {}  # the database store has forgotten the key already
        if expires <= timezone.now():
            self._session_key = None  # as the database store does with an expired row
            return {}
        return data

    def _load_row(self):
        row = self._get_session_from_db()
        if row is None:
            raise NoSession()
        return self.decode(row.session_data), row.expire_date

    def create(self):
        super().create()
        self._made_here = self.session_key

    def save(self, must_create=False):
        self._forget_before_rewrite(must_create)
        super().save(must_create)

    def _forget_before_rewrite(self, must_create):
        if not must_create and self.session_key and self.session_key != self._made_here:
            credential_cache.forget([session_entry(self.session_key)])

    # Django's async twins (`alogin`, `alogout`) take the same paths.

    async def aload(self):
        return await sync_to_async(self.load)()

    async def acreate(self):
        await super().acreate()
        self._made_here = self.session_key

    async def asave(self, must_create=False):
        await sync_to_async(self._forget_before_rewrite)(must_create)
        await super().asave(must_create)


def forget_deleted_session(sender, instance, **kwargs):
    """`pre_delete` of a session row: a tombstone first (`CacheUnavailable` if it cannot)."""
    credential_cache.forget([session_entry(instance.session_key)])
