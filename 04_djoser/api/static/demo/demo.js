// The browser demo at /demo/: logs in the chapter's own way, shows the user, lists and
// adds todos, refreshes where the chapter can, logs out, and shows where the credential
// lives. One script for every chapter: the chapter's DEMO_CLIENT setting, read from the
// page's JSON data block, says which endpoints to call and where the credential goes.
// A chapter whose DEMO_CLIENT names `authorize` (06, OAuth 2) logs in with the
// authorization code flow and PKCE instead of a password form.

const client = JSON.parse(document.getElementById("demo-client").textContent);
const memory = {}; // where a "memory" chapter keeps its tokens: gone with the page
const PREFIX = "demo."; // this page's keys in localStorage and sessionStorage
// The code flow's own keys (its PKCE verifier and `state`), kept across the redirect to
// the authorization server and back, then deleted. Not credentials: not shown as such.
const FLOW = { state: "demo-flow.state", verifier: "demo-flow.verifier" };

const $ = (id) => document.getElementById(id);

// --- Where the credential is kept ---------------------------------------------------------

// sessionStorage outlives a navigation in the same tab (the code flow leaves the page and
// comes back), and the tab's closing; memory outlives neither.
const storages = { localStorage, sessionStorage };

const store = {
  get(name) {
    const storage = storages[client.kept];
    return storage ? storage.getItem(PREFIX + name) : memory[name];
  },
  set(name, value) {
    const storage = storages[client.kept];
    if (storage) storage.setItem(PREFIX + name, value);
    else memory[name] = value;
  },
  clear() {
    for (const name of client.tokens) {
      for (const storage of Object.values(storages)) storage.removeItem(PREFIX + name);
      delete memory[name];
    }
  },
};

function keepTokens(body) {
  // Only the fields the chapter names: a cookie chapter names none, and keeps nothing.
  for (const name of client.tokens) if (body && body[name]) store.set(name, body[name]);
}

function cookie(name) {
  const found = document.cookie.split("; ").find((pair) => pair.startsWith(name + "="));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

// --- Requests ----------------------------------------------------------------------------

async function call(method, path, body) {
  const headers = { Accept: "application/json" };
  const access = client.tokens.length ? store.get(client.tokens[0]) : null;
  if (client.scheme && access) headers.Authorization = `${client.scheme} ${access}`;
  // Django's CSRF check: the readable csrftoken cookie, echoed in a header.
  const csrf = cookie("csrftoken");
  if (csrf && method !== "GET") headers["X-CSRFToken"] = csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(`${method} ${path}: ${response.status} ${text}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

async function formPost(path, fields) {
  // The OAuth endpoints read form bodies, as RFC 6749 says, and answer JSON (the token
  // endpoint) or nothing (revocation).
  const response = await fetch(path, {
    method: "POST",
    headers: {
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
    credentials: "same-origin",
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function refreshBody() {
  // A refresh token kept by the page goes in the body; a cookie goes by itself.
  return client.tokens.includes("refresh") ? { refresh: store.get("refresh") } : {};
}

// --- The authorization code flow with PKCE (client.authorize) ----------------------------

function base64url(bytes) {
  const text = String.fromCharCode(...new Uint8Array(bytes));
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function randomString(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

function redirectUri() {
  // This page, exactly as the client is registered: the origin, its port included.
  return `${location.origin}${location.pathname}`;
}

async function startAuthorization() {
  if (!window.isSecureContext || !crypto.subtle) {
    throw new Error("PKCE needs crypto.subtle: open the page on https, 127.0.0.1 or localhost.");
  }
  // RFC 7636: a random verifier kept here, its SHA-256 sent; only this tab can redeem
  // the code. The `state` ties the response that comes back to this request.
  const verifier = randomString(32);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const state = randomString(16);
  sessionStorage.setItem(FLOW.verifier, verifier);
  sessionStorage.setItem(FLOW.state, state);
  const query = new URLSearchParams({
    response_type: "code",
    client_id: client.client_id,
    redirect_uri: redirectUri(),
    scope: client.scope,
    code_challenge: base64url(digest),
    code_challenge_method: "S256",
    state,
  });
  say("Going to the authorization server's login page…");
  location.assign(`${client.authorize}?${query}`);
}

async function finishAuthorization(params) {
  // The code leaves the address bar (and the history) first, whatever happens next: a
  // reload, a bookmark or a shared link must not carry it.
  history.replaceState(null, "", location.pathname);
  const expected = sessionStorage.getItem(FLOW.state);
  const verifier = sessionStorage.getItem(FLOW.verifier);
  // One response per request: a second one with the same state finds nothing to match.
  sessionStorage.removeItem(FLOW.state);
  sessionStorage.removeItem(FLOW.verifier);
  if (params.has("error")) {
    const description = params.get("error_description");
    const reason = description ? `${params.get("error")}: ${description}` : params.get("error");
    throw new Error(`Not authorized: ${reason}`);
  }
  if (!expected || params.get("state") !== expected) {
    // Someone else's code (a forged link: "login CSRF"), or a response replayed.
    throw new Error("Refused: the response's state does not match a login this page started.");
  }
  const tokens = await formPost(client.login, {
    grant_type: "authorization_code",
    code: params.get("code"),
    redirect_uri: redirectUri(),
    client_id: client.client_id,
    code_verifier: verifier,
  });
  keepTokens(tokens);
  await showSession();
  say("Logged in.");
}

// --- What the page shows -------------------------------------------------------------------

function say(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function shown(name, value) {
  // Enough of a token to recognise it; the whole of it is one click away in DevTools.
  return `${name}=${value.length > 40 ? value.slice(0, 40) + "…" : value}`;
}

function showWhereItLives() {
  const kept = {
    cookie: "In an httpOnly cookie: the browser sends it, and this page cannot read it.",
    localStorage: "In localStorage: any script running on this page can read it.",
    sessionStorage:
      "In sessionStorage: any script running on this page can read it; gone with the tab.",
    memory: "In this script's memory: gone when the page closes.",
  };
  $("kept").textContent = kept[client.kept];
  $("seen-cookies").textContent = document.cookie || "(nothing)";
  const stored = Object.keys(localStorage)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => shown(key.slice(PREFIX.length), localStorage.getItem(key)));
  $("seen-storage").textContent = stored.join("; ") || "(nothing)";
  const session = Object.keys(sessionStorage)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => shown(key.slice(PREFIX.length), sessionStorage.getItem(key)));
  $("seen-session").textContent = session.join("; ") || "(nothing)";
  const held = Object.entries(memory).map(([name, value]) => shown(name, value));
  $("seen-memory").textContent = held.join("; ") || "(nothing)";
}

function showTodos(page) {
  const list = $("todos");
  list.replaceChildren(
    ...page.results.map((todo) => {
      const item = document.createElement("li");
      item.textContent = todo.title; // text, never markup
      return item;
    }),
  );
}

async function showSession() {
  const me = await call("GET", client.me);
  $("who").textContent = JSON.stringify(me);
  showTodos(await call("GET", "/api/todos/"));
  $("session").hidden = false;
  $("login-form").hidden = true;
  $("refresh").hidden = !client.refresh;
  document.body.dataset.state = "logged-in";
  showWhereItLives();
}

function showLoggedOut() {
  $("session").hidden = true;
  $("login-form").hidden = false;
  document.body.dataset.state = "logged-out";
  showWhereItLives();
}

// --- Actions ---------------------------------------------------------------------------------

async function logIn(event) {
  event.preventDefault();
  if (client.authorize) return startAuthorization();
  if (client.csrf) await call("GET", client.csrf); // sets the csrftoken cookie
  const credentials = { username: $("username").value, password: $("password").value };
  keepTokens(await call("POST", client.login, credentials));
  $("password").value = "";
  await showSession();
  say("Logged in.");
}

async function addTodo(event) {
  event.preventDefault();
  await call("POST", "/api/todos/", { title: $("todo-title").value });
  $("todo-title").value = "";
  showTodos(await call("GET", "/api/todos/"));
  say("Todo added.");
}

async function refresh() {
  const fields = {
    grant_type: "refresh_token",
    refresh_token: store.get("refresh_token"),
    client_id: client.client_id,
  };
  // The code flow's token endpoint rotates the refresh token: both come back anew.
  const answer = client.authorize
    ? await formPost(client.refresh, fields)
    : await call("POST", client.refresh, refreshBody());
  keepTokens(answer);
  showWhereItLives();
  say("Refreshed.");
}

async function logOut() {
  if (client.authorize) {
    // RFC 7009: revoking the refresh token revokes its access token too.
    const fields = {
      token: store.get("refresh_token"),
      token_type_hint: "refresh_token",
      client_id: client.client_id,
    };
    await formPost(client.logout, fields);
  } else {
    const body = client.tokens.includes("refresh") ? refreshBody() : undefined;
    await call(client.logout_method, client.logout, body);
  }
  store.clear();
  showLoggedOut();
  say("Logged out.");
}

function guarded(action) {
  return (event) =>
    action(event).catch((error) => {
      say(error.message, true);
      showWhereItLives();
    });
}

$("strategy").textContent = client.strategy;
if (client.authorize) {
  // The user types the password on the authorization server's page, never on this one.
  for (const id of ["username", "password"]) {
    $(id).hidden = true;
    $(id).disabled = true;
  }
}
$("login-form").addEventListener("submit", guarded(logIn));
$("todo-form").addEventListener("submit", guarded(addTodo));
$("refresh").addEventListener("click", guarded(refresh));
$("logout").addEventListener("click", guarded(logOut));

// Back from the authorization server (?code=...&state=..., or ?error=...)? Finish the
// login. Tokens this page kept from an earlier visit? Show that session. (A cookie
// chapter does not probe: 01's anonymous 401 carries a Basic challenge, and a browser
// would prompt.)
const returned = new URLSearchParams(location.search);
if (client.authorize && (returned.has("code") || returned.has("error"))) {
  finishAuthorization(returned).catch((error) => {
    showLoggedOut();
    say(error.message, true);
  });
} else if (client.tokens.length && store.get(client.tokens[0])) {
  showSession().catch(showLoggedOut);
} else showLoggedOut();
