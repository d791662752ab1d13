"""Replays a chapter README's walkthrough against a live dev server and checks every output.

    python -m tools.walkthrough 04_djoser             # nox -s walkthrough -- 04_djoser
    python -m tools.walkthrough 04_djoser --verbose   # ... and print what each command printed

A README's `## Walkthrough` is a script that a student types into a second terminal while
`nox -s serve` runs in the first. This tool plays that student. It serves the chapter as
`serve` does, on 127.0.0.1:8000, but on a fresh database in a temporary folder, and runs
every `$ ` line of the ```console blocks in order, in one bash shell, from a folder laid out
like the chapter's. Each output is compared with the one recorded under it. A plain ```
block is something the server printed in its own terminal (an email): it is looked for in
the server's output.

Some values differ on every run. Dates, expiry times and `Retry-After` seconds are masked.
Keys, tokens and CSRF values are masked but remembered: from then on the recorded value
stands for the real one. A later command that contains a recorded value (a uid and token
copied out of an email, a key copied out of an answer) runs with the real value instead,
as it would for a student who copied their own. A recorded value stands for one real value
only, so where the README shows the same key twice, the server must answer the same key.

Throttles live in the server's memory. A student reads between sections and so waits far
longer than the minute a throttle counts, so the server is restarted (same database) at
every `###` section: what waiting would do, without the wait. Within a section, nothing is
reset: a section that a student cannot follow without a 429 fails here too. Where the text
tells the student to wait longer (for a token to expire), an HTML comment that GitHub does
not show says for how long, `<!-- walkthrough: wait 300 -->`, and the server is restarted
with its clocks that much ahead.

It needs bash, curl and time-machine, and runs in the chapter's virtualenv from the
repository's root. One module per part: readme.py reads the steps, masks.py knows the
volatile values, matching.py and copies.py compare outputs, printed.py finds emails,
server.py and shell.py are the two terminals, clock.py moves the server's clocks.
"""
