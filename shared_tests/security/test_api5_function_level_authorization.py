"""OWASP API5:2023 Broken Function Level Authorization.

Authenticated users call functions above their role, with every HTTP method. Permission
checks run before method dispatch, so even a method the endpoint lacks answers 403.
"""

import pytest

METHODS = ["get", "post", "put", "patch", "delete"]
WRITES = ["post", "put", "patch", "delete"]

STAFF_ONLY = ["/api/groups/manager/users/", "/api/groups/manager/users/{manager_id}/"]
STAFF_WRITES = ["/api/categories/", "/api/categories/{category}/"]
MANAGER_WRITES = ["/api/menu-items/", "/api/menu-items/{item}/"]

CASES = (
    [(role, m, path) for role in ("user", "manager") for m in METHODS for path in STAFF_ONLY]
    + [(role, m, path) for role in ("user", "manager") for m in WRITES for path in STAFF_WRITES]
    + [("user", m, path) for m in WRITES for path in MANAGER_WRITES]
)


@pytest.mark.parametrize(("role", "method", "path"), CASES)
def test_function_level_call_above_role_is_403(client_as, ids, role, method, path):
    """API5: plain users and managers on staff functions, plain users writing the menu."""
    client = client_as(role)
    response = getattr(client, method)(path.format(**ids), {"username": "alice"}, format="json")
    assert response.status_code == 403
