"""No key written in the repository signs anything a chapter accepts (issue 11 item 4).

OWASP API2:2023 Broken Authentication: a signing key in the repository is a key every
clone shares. Before, a JWT `{"user_id": "1"}` signed with the development key in
`api/base_settings.py` was the admin on every student's server. Now, without
`DJANGO_SECRET_KEY`, each checkout makes its own random key (`api/secret_key.py`).

Each test re-signs a credential the chapter really issued with every candidate string
from the repository (`shared_tests/repository_keys.py`), checks it the way the chapter
checks it, and expects a refusal; and first shows that the same credential signed with
the chapter's own key is accepted, so the key is the only thing that differs.

There are over ten thousand candidates, so a forgery is made the cheap way: the signed
part is encoded once, and each candidate costs one HMAC of it. The first check, with
the chapter's own key, proves that the cheap forgeries are well made.
"""

import base64
import datetime
import hashlib
import hmac
import subprocess

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing

from api.secret_key import FILE_NAME, local_secret_key

from ..conftest import PASSWORD
from ..processes import clean_environment, run_in_chapter, settings_values, start_in_chapter
from ..repository_keys import HISTORICAL_KEYS, ROOT, candidate_keys

# PyJWT warns about every short candidate key; short keys are exactly what is tried here.
pytestmark = pytest.mark.filterwarnings("ignore:The HMAC key is")


def accepted_by(check, forge):
    """The candidate keys whose forgery `check` accepts."""
    return [key for key in candidate_keys() if check(forge(key))]


def hs256_forger(claims):
    """`forge(key)`: the JWT `jwt.encode(claims, key, algorithm="HS256")` makes, with the
    header and claims encoded once instead of once per key."""
    import jwt

    # Encoded with a throwaway key, whose signature is then cut off.
    signed_part = jwt.encode(claims, "x" * 32, algorithm="HS256").rsplit(".", 1)[0].encode()

    def forge(key):
        signature = hmac.digest(key.encode(), signed_part, hashlib.sha256)
        return (signed_part + b"." + base64.urlsafe_b64encode(signature).rstrip(b"=")).decode()

    return forge


def signed_value_forger(value):
    """`forge(key)`: what `signing.dumps(value, key=key)` makes, timestamped once."""
    stamped = signing.dumps(value).rsplit(":", 1)[0]  # the value and its timestamp

    def forge(key):
        signer = signing.TimestampSigner(key=key, salt="django.core.signing")  # dumps' salt
        return f"{stamped}:{signer.signature(stamped)}"

    return forge


@pytest.mark.in_process("sends no request: it checks keys, files or fresh processes")
def test_the_secret_key_is_not_written_in_the_repository():
    """API2: the key the chapter signs with is none of the repository's strings."""
    assert settings.SECRET_KEY not in candidate_keys()


@pytest.mark.requires("signed-token")
def test_forged_access_tokens_are_refused(adapter, users):
    """API2: the admin's access token, re-signed with any repository string, is refused."""
    import jwt
    from rest_framework_simplejwt.exceptions import TokenError
    from rest_framework_simplejwt.tokens import AccessToken

    def check(token):
        try:
            AccessToken(token)
        except TokenError:
            return False
        return True

    real = adapter.token_pair(adapter.client(), "admin", PASSWORD)["access"]
    forge = hs256_forger(jwt.decode(real, options={"verify_signature": False}))
    signing_key = settings.SIMPLE_JWT["SIGNING_KEY"]
    assert check(forge(signing_key)), "the re-signed original"
    assert signing_key not in candidate_keys()
    assert accepted_by(check, forge) == []


@pytest.mark.requires("signed-token")
def test_forged_access_token_with_the_old_development_key_is_a_401(adapter, users):
    """API2: over HTTP, the red team's forgery is refused on the admin-only route."""
    import jwt

    now = datetime.datetime.now(tz=datetime.UTC)
    claims = {"token_type": "access", "user_id": str(users["admin"].id), "jti": "f" * 32}
    claims |= {"iat": now, "exp": now + datetime.timedelta(minutes=5)}
    client = adapter.client()
    adapter.use_access(client, jwt.encode(claims, HISTORICAL_KEYS[0], algorithm="HS256"))
    assert client.get("/api/groups/manager/users/").status_code == 401


@pytest.mark.in_process("sends no request: it checks keys, files or fresh processes")
def test_forged_signed_values_are_refused():
    """API2: `django.core.signing` (signed cookies, allauth's keys...) trusts no candidate."""

    def check(value):
        try:
            return signing.loads(value) == "admin"
        except signing.BadSignature:
            return False

    forge = signed_value_forger("admin")
    assert check(signing.dumps("admin")), "a value signed with the chapter's key"
    assert check(forge(settings.SECRET_KEY)), "the cheap forgery, with the chapter's key"
    assert accepted_by(check, forge) == []


def reset_token_generators():
    """Django's, which djoser uses, and allauth's (an email-aware subclass) where installed."""
    generators = [default_token_generator]
    if apps.is_installed("allauth.account"):
        from allauth.account.forms import default_token_generator as allauth_generator

        generators.append(allauth_generator)
    return generators


def remember_hash_values(monkeypatch, generator_class):
    """allauth's generator reads the user's addresses from the database for every token
    it makes or checks; 20,000 times the same answer. Nothing changes during the test,
    so one read per timestamp gives the same tokens, in a fraction of the time."""
    make_hash_value = generator_class._make_hash_value
    remembered = {}

    def remembering(self, user, timestamp):
        if (user.pk, timestamp) not in remembered:
            remembered[user.pk, timestamp] = make_hash_value(self, user, timestamp)
        return remembered[user.pk, timestamp]

    monkeypatch.setattr(generator_class, "_make_hash_value", remembering)


@pytest.mark.parametrize("generator", reset_token_generators(), ids=lambda g: type(g).__name__)
def test_forged_password_reset_tokens_are_refused(users, generator, monkeypatch):
    """API2: a reset token made with any candidate key does not reset the admin."""
    admin = users["admin"]
    remember_hash_values(monkeypatch, type(generator))

    def forge(key):
        forger = type(generator)()
        forger.secret = key
        return forger.make_token(admin)

    assert generator.check_token(admin, generator.make_token(admin)), "a real reset token"
    assert accepted_by(lambda token: generator.check_token(admin, token), forge) == []


@pytest.mark.skipif(
    not apps.is_installed("allauth.account"), reason="only allauth confirms by HMAC key"
)
def test_forged_email_confirmation_keys_are_refused(users):
    """API2: an allauth confirmation key signed with a candidate verifies nothing."""
    from allauth.account import app_settings
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    address = EmailAddress.objects.create(
        user=users["user"], email="unread@example.com", verified=False, primary=False
    )

    def forge(key):
        return signing.dumps(obj=address.pk, salt=app_settings.SALT, key=key)

    check = lambda key: EmailConfirmationHMAC.from_key(key) is not None  # noqa: E731
    assert check(EmailConfirmationHMAC(address).key), "the key allauth itself mails"
    assert accepted_by(check, forge) == []


@pytest.mark.in_process("sends no request: it checks keys, files or fresh processes")
@pytest.mark.parametrize("debug", ["0", "1"])
def test_without_a_key_set_each_checkout_uses_its_own_file(debug):
    """API2: debug on or off, the key comes from the chapter's own ignored file."""
    key_file = settings.BASE_DIR / FILE_NAME
    values = settings_values(["SECRET_KEY", "PRODUCTION"], DJANGO_DEBUG=debug)
    assert values == {"SECRET_KEY": key_file.read_text().strip(), "PRODUCTION": "False"}


@pytest.mark.in_process("sends no request: it checks keys, files or fresh processes")
def test_the_key_file_is_private_and_ignored_by_git():
    """API2: only the owner can read the key file, and git never commits it."""
    local_secret_key(settings.BASE_DIR)  # made now, if DJANGO_SECRET_KEY kept it from being
    key_file = settings.BASE_DIR / FILE_NAME
    ignored = subprocess.run(["git", "check-ignore", "-q", key_file], cwd=ROOT, check=False)
    assert oct(key_file.stat().st_mode & 0o777) == "0o600", "only the owner reads the key"
    assert ignored.returncode == 0, f"git ignores {FILE_NAME}"


@pytest.mark.in_process("sends no request: it checks keys, files or fresh processes")
def test_workers_starting_together_agree_on_one_key(tmp_path):
    """API2: eight processes making the key at once all end up with the same one."""
    code = (
        "import pathlib, sys; from api.secret_key import local_secret_key; "
        "print(local_secret_key(pathlib.Path(sys.argv[1])))"
    )
    logs = [tmp_path / f"start-{n}.log" for n in range(8)]
    args = ["-c", code, str(tmp_path)]
    starts = [start_in_chapter(args, clean_environment(), log) for log in logs]
    assert [process.wait(timeout=60) for process in starts] == [0] * 8, "every start succeeds"
    keys = {log.read_text().strip() for log in logs}
    assert len(keys) == 1, f"one key for all eight processes, not {len(keys)}"
    assert len(next(iter(keys))) == 50, "a key of 50 characters"


@pytest.mark.in_process("sends no request: it checks keys, files or fresh processes")
def test_an_unusable_key_file_stops_start_up(tmp_path):
    """API2: a truncated key file is refused with a sentence saying what to do."""
    (tmp_path / FILE_NAME).write_text("short\n")
    code = "import pathlib, sys; from api.secret_key import local_secret_key; "
    code += "local_secret_key(pathlib.Path(sys.argv[1]))"
    result = run_in_chapter("-c", code, str(tmp_path))
    assert "holds no usable secret key" in result.stderr


@pytest.mark.requires("signed-token")
@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_jwt_signing_key_falls_back_to_the_secret_key(value):
    """API2: `JWT_SIGNING_KEY=` signs with the secret key, never with an empty key that
    anyone can sign with too. (`env_secret("JWT_SIGNING_KEY") or SECRET_KEY` does it.)"""
    code = "from django.conf import settings; "
    code += "print(settings.SIMPLE_JWT['SIGNING_KEY'] == settings.SECRET_KEY)"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "JWT_SIGNING_KEY": value}
    result = run_in_chapter("-c", code, **env)
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.requires("signed-token")
def test_a_short_jwt_signing_key_stops_start_up():
    """API2: a signing key someone typed (under 50 characters) is refused, not used."""
    result = run_in_chapter("manage.py", "check", JWT_SIGNING_KEY="lemon-jwt-key")
    assert result.returncode == 1, "manage.py check fails"
    assert "ImproperlyConfigured: JWT_SIGNING_KEY" in result.stderr, result.stderr
