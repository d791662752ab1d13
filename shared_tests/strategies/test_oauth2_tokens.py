"""The tokens: scopes, refresh rotation and reuse, lifetimes, revocation, introspection.

RFC 6750 (bearer tokens and `insufficient_scope`), RFC 6749 section 6 (refresh),
RFC 9700 section 4.14.2 (refresh token reuse), RFC 7009 (revocation) and RFC 7662
(introspection, for confidential clients here).
"""

import datetime
import io

import pytest
from django.core.management import call_command

from ..conftest import PASSWORD
from ..transport import new_client
from . import oauth2_flows as flow

pytestmark = [pytest.mark.requires("oauth2"), pytest.mark.django_db]

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def tokens(scope="read write", username="alice"):
    return flow.tokens(new_client(), username, PASSWORD, scope=scope)


def as_bearer(answer):
    return flow.bearer(new_client(), answer["access_token"])


# --- scopes ------------------------------------------------------------------------------


def test_read_scope_reads(users):
    assert as_bearer(tokens("read")).get("/api/todos/").status_code == 200


def test_read_scope_cannot_write_and_the_challenge_says_which_scope_is_missing(users):
    response = as_bearer(tokens("read")).post("/api/todos/", {"title": "x"}, format="json")
    assert response.status_code == 403, response.content
    assert response["WWW-Authenticate"] == (
        'Bearer realm="api", error="insufficient_scope", scope="write"'
    )


def test_write_scope_alone_cannot_read(users):
    response = as_bearer(tokens("write")).get("/api/todos/")
    assert response.status_code == 403, response.content
    assert 'error="insufficient_scope", scope="read"' in response["WWW-Authenticate"]


def test_write_scope_writes(users):
    response = as_bearer(tokens("write")).post("/api/todos/", {"title": "x"}, format="json")
    assert response.status_code == 201, response.content


def test_unknown_scope_is_refused_at_the_authorization_request(users):
    client = new_client()
    _, challenge = flow.pkce_pair()
    params = flow.authorize_params(challenge, scope="read admin")
    flow.logged_in_browser(client, "alice", PASSWORD, params)
    query = flow.redirect_query(client.get(flow.AUTHORIZE, params))
    assert query["error"] == "invalid_scope"


def test_anonymous_request_gets_401_with_the_bearer_challenge():
    response = new_client().get("/api/todos/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_unknown_token_gets_401_naming_invalid_token(db):
    response = flow.bearer(new_client(), "not-a-token").get("/api/todos/")
    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_token_in_the_query_string_is_not_read(users):
    """RFC 9700 section 4.3.2: a URL ends up in logs and Referer headers."""
    access = tokens()["access_token"]
    response = new_client().get(f"/api/todos/?access_token={access}")
    assert response.status_code == 401


def test_token_in_a_form_body_is_not_read(users):
    """RFC 6750 section 2.2 allows it, RFC 9700 section 4.3.2 prefers the header; only
    the header is read (accounts/authentication.py)."""
    access = tokens()["access_token"]
    body = {"title": "from a form", "access_token": access}
    response = new_client().post("/api/todos/", body, format="multipart")
    assert response.status_code == 401


# --- refresh -----------------------------------------------------------------------------


def test_refresh_answers_a_new_pair_and_the_new_access_token_works(users):
    old = tokens()
    answer = flow.refresh(new_client(), old["refresh_token"])
    assert answer.status_code == 200, answer.content
    new = answer.json()
    assert new["refresh_token"] != old["refresh_token"]
    assert as_bearer(new).get("/api/todos/").status_code == 200


def test_refresh_retires_the_old_access_token(users):
    old = tokens()
    flow.refresh(new_client(), old["refresh_token"])
    assert as_bearer(old).get("/api/todos/").status_code == 401


def test_reused_refresh_token_is_refused_and_revokes_its_family(users):
    old = tokens()
    victim = flow.refresh(new_client(), old["refresh_token"]).json()
    replay = flow.refresh(new_client(), old["refresh_token"])
    assert replay.status_code == 400, replay.content
    assert replay.json()["error"] == "invalid_grant"
    assert as_bearer(victim).get("/api/todos/").status_code == 401
    assert flow.refresh(new_client(), victim["refresh_token"]).status_code == 400


def test_reuse_in_one_login_leaves_the_users_other_logins_alone(users):
    phone, laptop = tokens(), tokens()
    flow.refresh(new_client(), phone["refresh_token"])
    flow.refresh(new_client(), phone["refresh_token"])
    assert as_bearer(laptop).get("/api/todos/").status_code == 200


def test_refresh_cannot_widen_the_scope(users):
    """RFC 6749 section 6: the new scope must be within what the user approved."""
    answer = flow.refresh(new_client(), tokens("read")["refresh_token"], scope="read write")
    assert answer.status_code == 400, answer.content
    assert answer.json()["error"] == "invalid_scope"


def test_refresh_may_narrow_the_scope(users):
    answer = flow.refresh(new_client(), tokens()["refresh_token"], scope="read")
    assert answer.status_code == 200, answer.content
    assert answer.json()["scope"] == "read"


def test_refresh_by_another_client_is_refused(users):
    answer = flow.refresh(
        new_client(), tokens()["refresh_token"], client_id=flow.CONFIDENTIAL_CLIENT
    )
    assert answer.status_code in {400, 401}, answer.content


# --- lifetimes ---------------------------------------------------------------------------


def test_access_token_lives_five_minutes_not_ten_hours(users, time_machine):
    time_machine.move_to(NOW, tick=False)
    answer = tokens()
    client = as_bearer(answer)
    time_machine.shift(datetime.timedelta(minutes=5) - datetime.timedelta(seconds=1))
    assert answer["expires_in"] == 300
    assert client.get("/api/todos/").status_code == 200
    time_machine.shift(datetime.timedelta(seconds=2))
    assert client.get("/api/todos/").status_code == 401


def test_refresh_token_expires_a_day_after_its_access_token(users, time_machine):
    time_machine.move_to(NOW, tick=False)
    refresh = tokens()["refresh_token"]
    time_machine.shift(datetime.timedelta(minutes=5, days=1, seconds=1))
    assert flow.refresh(new_client(), refresh).status_code == 400


def test_cleartokens_deletes_expired_access_tokens(users, time_machine):
    """The documented command (`python manage.py cleartokens`) a cron job runs."""
    time_machine.move_to(NOW, tick=False)
    tokens()
    time_machine.shift(datetime.timedelta(days=2))
    call_command("cleartokens", stdout=io.StringIO())
    from oauth2_provider.models import get_access_token_model

    assert get_access_token_model().objects.count() == 0


# --- revocation (RFC 7009) ---------------------------------------------------------------


def revoke(token, hint, client_id=flow.PUBLIC_CLIENT):
    fields = {"token": token, "token_type_hint": hint, "client_id": client_id}
    return flow.form_post(new_client(), flow.REVOKE, fields)


def test_revoking_the_refresh_token_ends_the_access_token_too(users):
    answer = tokens()
    assert revoke(answer["refresh_token"], "refresh_token").status_code == 200
    assert as_bearer(answer).get("/api/todos/").status_code == 401
    assert flow.refresh(new_client(), answer["refresh_token"]).status_code == 400


def test_revoking_the_access_token_ends_the_refresh_token_too(users):
    answer = tokens()
    assert revoke(answer["access_token"], "access_token").status_code == 200
    assert as_bearer(answer).get("/api/todos/").status_code == 401
    assert flow.refresh(new_client(), answer["refresh_token"]).status_code == 400


def test_another_client_cannot_revoke_the_token(users):
    """RFC 7009 section 2.1: the server checks that the token was issued to the caller."""
    answer = tokens()
    fields = {"token": answer["access_token"], "client_id": flow.CONFIDENTIAL_CLIENT}
    fields["client_secret"] = demo_secret()
    flow.form_post(new_client(), flow.REVOKE, fields)
    assert as_bearer(answer).get("/api/todos/").status_code == 200


# --- introspection (RFC 7662), confidential clients only ---------------------------------


def demo_secret():
    from accounts.demo_clients import demo_client_secret

    return demo_client_secret()


def introspect(token, client_id=flow.CONFIDENTIAL_CLIENT, secret=None):
    fields = {"token": token, "client_id": client_id}
    if secret is not None:
        fields["client_secret"] = secret
    return flow.form_post(new_client(), flow.INTROSPECT, fields)


def test_confidential_client_introspects_a_live_token(users):
    response = introspect(tokens()["access_token"], secret=demo_secret())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["active"] is True
    assert body["username"] == "alice"
    assert body["scope"] == "read write"


def test_introspection_of_a_revoked_token_says_inactive(users):
    answer = tokens()
    revoke(answer["access_token"], "access_token")
    response = introspect(answer["access_token"], secret=demo_secret())
    assert response.json() == {"active": False}


def test_public_client_cannot_introspect(users):
    response = introspect(tokens()["access_token"], client_id=flow.PUBLIC_CLIENT)
    assert response.status_code == 401, response.content
    assert response.json()["error"] == "invalid_client"


def test_introspection_with_a_wrong_secret_is_refused(users):
    response = introspect(tokens()["access_token"], secret="guess")
    assert response.status_code == 401, response.content


def test_a_token_cannot_introspect(users):
    """DOT would accept a token with an `introspection` scope; none can be issued here."""
    answer = tokens()
    client = as_bearer(answer)
    response = flow.form_post(client, flow.INTROSPECT, {"token": answer["access_token"]})
    assert response.status_code == 401, response.content
