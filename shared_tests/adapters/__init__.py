"""How each chapter's clients log in: one description per login variant, as data.

A new chapter adds one module here and nothing else. The module names its `CHAPTER` and
lists its `ADAPTERS`, one `Adapter(Login(...))` per login variant, most-used first (the
fuzz test logs in with the first). Everything that logs in reads these descriptions:
the contract, strategy and security tests, the production leg, the fuzz test and the
bench. Nothing else keeps a table of logins or asks for a variant by name. Every
module here is imported wherever any chapter's logins are read (the bench's virtualenv
has no pytest), so a module imports its chapter's libraries inside functions only.

A description (`description.py`) says:

- `name` (the test id) and `label` (its column in the README's behaviour matrix);
- `password`, where the password goes: `BasicHeader()` (with every request),
  `PasswordForm(name, path, csrf_path=..., form=...)` (one POST, after fetching the CSRF
  cookie where the login needs it), or `Steps(name, path, run)` for a login that is a
  procedure (chapter 06's authorization code with PKCE: login form, consent, redirect,
  token exchange; chapter 07's second factor). `run(client, username, password, **extra)`
  does the steps with the client it is given and answers the last response;
- `returned`, where the credential comes back: `Body(access, refresh)` names JSON fields
  (dotted for nested ones), `Cookies(access, refresh)` cookie names; None for Basic;
- `sent`, how it goes with later requests: `Header(scheme)` (`Authorization: <scheme>
  <credential>`; `Header(None, name="X-Session-Token")` for a bare header), or
  `CookieAndCsrf()` (the cookies, and the CSRF cookie echoed in `X-CSRFToken`);
- `refresh`, `logout`, `logout_everywhere`: each a `Call(path, method, status,
  refresh_field, form, refused)`; `refresh_field` is the body field the refresh token
  goes in (or, for cookie credentials, the call sends its cookie); `form` sends the body
  form-encoded with those fields added (OAuth 2's token and revocation endpoints); a
  refresh answers the new tokens where `returned` says, and `refused` (a `Refusal`: status
  and error code) is what it answers a dead refresh token; a `logout` of None means the
  client only forgets the credential;
- `verify_path`, `challenge` (the anonymous 401's exact `WWW-Authenticate`),
  `lifetime`, `queries_per_request`;
- `also_checked_at`: other endpoints that check the password (`PasswordForm`s, or
  `PasswordCheck(name, attempt)` where the check is a procedure);
- `accounts`: sign-up (its form, the fields the password goes in, what it answers), the
  verification link and the password-reset link (`Accounts`, `EmailLink`), where the
  chapter has them; `make_user` where a user made by
  `create_user` needs one more thing before logging in;
- `capabilities`, which strategy tests select on with `@pytest.mark.requires(...)` (and
  the matrix's "no" tests with `@pytest.mark.lacks(...)`). The names, shared by every
  chapter:

  - the credential: `basic`, `session`, `token`, `jwt`
  - `httponly-cookie`: the credential travels only in httpOnly cookies
  - `challenge`: an anonymous request gets 401 with `WWW-Authenticate`
  - `csrf`: unsafe requests need the CSRF token
  - `revocable`: logging out makes the credential worthless at once
  - `expiry`: the credential stops working by itself after `lifetime`
  - `stateless`: the server keeps nothing from the login that the credential needs
    (a password or a signature proves itself on every request)
  - `refresh-rotation`: refreshing issues a new refresh token and retires the old
    (needs `refresh`)
  - `registration`, `email-verification`, `password-reset`: account flows by API
    (need `accounts`)
  - `password-change-revokes`: a password change ends credentials issued before it
  - `password-hash-bound`: the credential is tied to the password hash itself (Django's
    sessions, `get_session_auth_hash`), so even a new hash of the same password ends it
  - `logout-everywhere`: one request ends every login of the user (needs
    `logout_everywhere`)
  - `signed-token`: the credential is a JWT the client can read and tamper with
  - `credential-cache`: who the credential belongs to is remembered in the shared
    cache (`api/credential_cache.py`), so a request costs no query
  - `second-factor`: a login can ask for more than the password (TOTP, a passkey)
  - `phishing-resistant`: a passkey logs in, and the server checks the exact origin it
    was made on

`adapter.py` (with `account_flows.py`) turns a description into the operations the
tests call (`login`, `logout`, `logout_everywhere`, `token_pair`, `use_access`,
`refresh`, `login_attempt`, `password_checks`, `register`, ...), and keeps each
client's logged-in state (its access and refresh tokens) itself, not on the client.
"""

import importlib
import pkgutil

# The modules here that are not a chapter's.
_MACHINERY = {"account_flows", "adapter", "description"}


def _registry():
    registry = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name in _MACHINERY:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        registry[module.CHAPTER] = module.ADAPTERS
    return registry


def adapters_for(chapter):
    try:
        return _registry()[chapter]
    except KeyError:
        raise LookupError(f"No adapter module in shared_tests/adapters/ for {chapter}") from None
