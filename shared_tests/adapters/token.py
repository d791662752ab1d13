"""Chapter 02: a key from `POST /api/api-token-auth/`, sent as `Authorization: Token <key>`."""

from .adapter import Adapter, attempt
from .description import Body, Call, Header, Login, PasswordForm

CHAPTER = "02_token"

TOKEN_URL = "/api/api-token-auth/"
TOKEN_ENDPOINT = PasswordForm("token-endpoint", TOKEN_URL)

# Deleting the key logs out; the client keeps sending it, so a test can check that the
# old key is now refused. One key per user, shared by every client that logged in:
# deleting it logs out all of them, so "log out everywhere" is the same request.
DELETE_KEY = Call(TOKEN_URL, method="DELETE", status=204)

TOKEN = Login(
    name="token",
    label="Token",
    password=TOKEN_ENDPOINT,
    returned=Body("token"),
    sent=Header("Token"),
    challenge="Token",
    capabilities=frozenset(
        {
            "token",
            "challenge",
            "revocable",
            "password-change-revokes",
            "logout-everywhere",
            "credential-cache",
        }
    ),
    logout=DELETE_KEY,
    logout_everywhere=DELETE_KEY,
    queries_per_request=1,  # the key, joined with its user
)

ADAPTERS = [Adapter(TOKEN)]


def obtain_token(client, username, password, **extra):
    return attempt(TOKEN_ENDPOINT, client, username, password, **extra)
