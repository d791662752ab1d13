"""The pages another site serves to forge requests at the chapter (see other_site.py)."""

from selenium.webdriver.common.by import By

from . import demo_page

# Reads the victim's todos and writes one, with the victim's credentials where the
# browser would attach them; shows what came of each.
STEAL_AND_WRITE = """<!doctype html>
<title>Win a lemon tart</title>
<h1>Win a lemon tart!</h1>
<p>This page, on another site, just tried to use your Little Lemon login:</p>
<p>read your todos: <b id="read">trying...</b></p>
<p>add a todo: <b id="write">trying...</b></p>
<script>
const api = "{api}/api/todos/";
fetch(api, {{credentials: "include", headers: {{Accept: "application/json"}}}})
  .then((r) => r.text())
  .then((t) => (read.textContent = "READ: " + t),
        (e) => (read.textContent = "blocked (" + e + ")"));
fetch(api, {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "application/x-www-form-urlencoded"}}, body: "title={title}"}})
  .then(() => (write.textContent = "sent, answer hidden by the browser"),
        (e) => (write.textContent = "blocked (" + e + ")"));
</script>
"""

# The classic: a form that submits itself to the API as soon as the page loads.
AUTO_SUBMIT = """<!doctype html>
<title>Loading...</title>
<form id="forged" method="post" action="{api}/api/todos/">
  <input name="title" value="{title}">
</form>
<script>document.getElementById("forged").submit();</script>
"""


def fetch_attack(driver, other_site, live, title):
    """Opens the fetching page; answers (what it read, what its write came to)."""
    driver.get(other_site.page("win", STEAL_AND_WRITE.format(api=live.url, title=title)))
    for element_id in ("read", "write"):
        demo_page.wait(
            driver,
            lambda d, i=element_id: d.find_element(By.ID, i).text != "trying...",
            f"the other site's {element_id} attempt never finished",
        )
    return demo_page.text(driver, "read"), demo_page.text(driver, "write")


def form_attack(driver, other_site, live, title):
    """Opens the self-submitting page and waits until the browser shows the answer."""
    driver.get(other_site.page("tart", AUTO_SUBMIT.format(api=live.url, title=title)))
    demo_page.wait(
        driver,
        lambda d: d.current_url.startswith(live.url),
        "the forged form never reached the API",
    )
    demo_page.wait(
        driver,
        lambda d: d.execute_script("return document.readyState") == "complete",
        "the API's answer never loaded",
    )
    return driver.find_element(By.TAG_NAME, "body").text
