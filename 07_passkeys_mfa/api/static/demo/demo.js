// The browser demo at /demo/: logs in the chapter's own way, shows the user, lists and
// adds todos, refreshes where the chapter can, logs out, and shows where the credential
// lives. One script for every chapter: the chapter's DEMO_CLIENT setting, read from the
// page's JSON data block, says which endpoints to call and where the credential goes.

const client = JSON.parse(document.getElementById("demo-client").textContent);
const memory = {}; // where a "memory" chapter keeps its tokens: gone with the page
const PREFIX = "demo."; // this page's localStorage keys

const $ = (id) => document.getElementById(id);

// --- Where the credential is kept ---------------------------------------------------------

const store = {
  get(name) {
    return client.kept === "localStorage" ? localStorage.getItem(PREFIX + name) : memory[name];
  },
  set(name, value) {
    if (client.kept === "localStorage") localStorage.setItem(PREFIX + name, value);
    else memory[name] = value;
  },
  clear() {
    for (const name of client.tokens) {
      localStorage.removeItem(PREFIX + name);
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

function refreshBody() {
  // A refresh token kept by the page goes in the body; a cookie goes by itself.
  return client.tokens.includes("refresh") ? { refresh: store.get("refresh") } : {};
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
    memory: "In this script's memory: gone when the page closes.",
  };
  $("kept").textContent = kept[client.kept];
  $("seen-cookies").textContent = document.cookie || "(nothing)";
  const stored = Object.keys(localStorage)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => shown(key.slice(PREFIX.length), localStorage.getItem(key)));
  $("seen-storage").textContent = stored.join("; ") || "(nothing)";
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
  keepTokens(await call("POST", client.refresh, refreshBody()));
  showWhereItLives();
  say("Refreshed.");
}

async function logOut() {
  const body = client.tokens.includes("refresh") ? refreshBody() : undefined;
  await call(client.logout_method, client.logout, body);
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
$("login-form").addEventListener("submit", guarded(logIn));
$("todo-form").addEventListener("submit", guarded(addTodo));
$("refresh").addEventListener("click", guarded(refresh));
$("logout").addEventListener("click", guarded(logOut));

// Tokens this page kept from an earlier visit? Show that session. (A cookie chapter does
// not probe: 01's anonymous 401 carries a Basic challenge, and a browser would prompt.)
if (client.tokens.length && store.get(client.tokens[0])) showSession().catch(showLoggedOut);
else showLoggedOut();
