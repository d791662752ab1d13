"""Many clients writing at once, through several workers, to PostgreSQL.

Each worker holds its own database connection and the database orders the inserts. A
create that answered 201 is in the table, once, with the owner who sent it.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from api.models import Todo

from ..conftest import PASSWORD
from .clients import credentials, request
from .conftest import FAST_HASHER

WORKERS = 4
CLIENTS = 50
USERS = 10  # five clients log in as each
TODOS = 1000
GENEROUS = {f"THROTTLE_{scope}": "100000/minute" for scope in ("ANON", "USER", "TEN", "LOGIN")}


def owner(client):
    return f"writer{client % USERS}"


def titles(client):
    """Client n sends every CLIENTS-th todo from "todo n" on: TODOS in all, no two alike."""
    return [f"todo {k}" for k in range(client, TODOS, CLIENTS)]


def create_todos(base_url, adapter, username, todos):
    """One client: logs in through the chapter's endpoint, then creates its todos."""
    headers = credentials(base_url, adapter, username, PASSWORD)
    return [
        request(base_url, "POST", "/api/todos/", {"title": title}, headers).status
        for title in todos
    ]


def test_concurrent_creates_all_land_once_with_their_owner(
    database_url, gunicorn, make_user, adapter
):
    for n in range(USERS):
        make_user(owner(n))
    # Persistent connections, as in production: a new one per request costs PostgreSQL
    # a process, and the test a third of its time.
    base_url = gunicorn(
        WORKERS, DATABASE_URL=database_url, DJANGO_CONN_MAX_AGE="60", **GENEROUS, **FAST_HASHER
    )
    with ThreadPoolExecutor(CLIENTS) as pool:
        clients = [
            pool.submit(create_todos, base_url, adapter, owner(n), titles(n))
            for n in range(CLIENTS)
        ]
        statuses = Counter(status for client in clients for status in client.result())
    assert statuses == {201: TODOS}
    sent = Counter((owner(n), title) for n in range(CLIENTS) for title in titles(n))
    assert Counter(Todo.objects.values_list("owner__username", "title")) == sent
