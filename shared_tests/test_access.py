"""Who may call what: every row of the SPEC's endpoint table, for every role.

Each case logs in through the chapter's strategy and checks one status code. A 401
must also name the strategy's scheme in `WWW-Authenticate`.
"""

import pytest

from .conftest import ROLES


def everyone(code):
    return dict.fromkeys(ROLES, code)


def signed_in(code):
    return {"anonymous": 401, "user": code, "manager": code, "admin": code}


def staff_only(code):
    return {"anonymous": 401, "user": 403, "manager": 403, "admin": code}


def managers(code):
    return {"anonymous": 401, "user": 403, "manager": code, "admin": code}


MENU_ITEM = {"title": "Soup", "price": "4.50", "category": "{category}"}

# (method, path, body, expected status by role)
ACCESS = [
    ("get", "/api/secret/", None, signed_in(200)),
    ("get", "/api/manager-view/", None, managers(200)),
    ("get", "/api/throttle-check/", None, everyone(200)),
    ("get", "/api/throttle-check-auth/", None, signed_in(200)),
    ("get", "/api/categories/", None, everyone(200)),
    ("get", "/api/categories/{category}/", None, everyone(200)),
    ("post", "/api/categories/", {"slug": "soups", "title": "Soups"}, staff_only(201)),
    ("put", "/api/categories/{category}/", {"slug": "s", "title": "S"}, staff_only(200)),
    ("patch", "/api/categories/{category}/", {"title": "Renamed"}, staff_only(200)),
    ("delete", "/api/categories/{empty_category}/", None, staff_only(204)),
    ("get", "/api/menu-items/", None, everyone(200)),
    ("get", "/api/menu-items/{item}/", None, everyone(200)),
    ("post", "/api/menu-items/", MENU_ITEM, managers(201)),
    ("put", "/api/menu-items/{item}/", MENU_ITEM, managers(200)),
    ("patch", "/api/menu-items/{item}/", {"featured": True}, managers(200)),
    ("delete", "/api/menu-items/{item}/", None, managers(204)),
    ("get", "/api/todos/", None, signed_in(200)),
    ("post", "/api/todos/", {"title": "Write tests"}, signed_in(201)),
    ("get", "/api/customers/me/", None, signed_in(200)),
    ("put", "/api/customers/me/", {"phone": "+1 555 0100"}, signed_in(200)),
    ("patch", "/api/customers/me/", {"phone": "555-0101"}, signed_in(200)),
    ("get", "/api/groups/manager/users/", None, staff_only(200)),
    ("post", "/api/groups/manager/users/", {"username": "alice"}, staff_only(201)),
    ("delete", "/api/groups/manager/users/{manager_id}/", None, staff_only(204)),
    ("get", "/api/schema/", None, everyone(200)),
    ("get", "/api/docs/", None, everyone(200)),
]

CASES = [
    pytest.param(method, path, body, role, codes[role], id=f"{method.upper()} {path} as {role}")
    for method, path, body, codes in ACCESS
    for role in ROLES
]


def fill(value, ids):
    if isinstance(value, dict):
        return {key: fill(item, ids) for key, item in value.items()}
    return value.format(**ids) if isinstance(value, str) else value


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), CASES)
def test_access(client_as, adapter, ids, method, path, body, role, expected):
    client = client_as(role)
    kwargs = {"data": fill(body, ids), "format": "json"} if body is not None else {}
    response = getattr(client, method)(fill(path, ids), **kwargs)
    assert response.status_code == expected, response.content
    if expected == 401:
        assert response["WWW-Authenticate"] == adapter.challenge
