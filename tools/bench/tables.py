"""docs/bench.md: the tables of rates, queries and profiles, then the notes written by hand.

Every number comes from the records (records.py); the prose after the tables is notes.md,
and says what the numbers mean.
"""

import datetime
from pathlib import Path

from .records import (
    BASELINE,
    added_queries,
    baseline_queries,
    other_age,
    others,
    rows,
    within_floor,
)

NOTES = Path(__file__).with_name("notes.md")


def verdict(variant, value, floor_ok):
    if not floor_ok:
        return "**no**: over its query floor"
    if variant["target"] is None:
        return "no target"
    return "yes" if value >= variant["target"] else "**no**"


def ms(value):
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def ratio(result):
    """0.52, or 0.0031 for Basic: two significant digits at least."""
    return f"{result['ratio']:.2f}" if result["ratio"] >= 0.1 else f"{result['ratio']:.2g}"


def cpu(result):
    """The workers' CPU time per request, in ms (from /proc, so Linux only)."""
    value = result.get("cpu_ms_per_request")
    return "?" if value is None else ms(value)


def added_cpu(result):
    """What the strategy adds to the baseline's CPU per request, in µs (stats.py)."""
    if result["variant"] == BASELINE:
        return "-"
    value = result.get("added_cpu_us")
    return "?" if value is None else f"{value:+,.0f}"


def spread(result):
    """The lowest and highest of the rounds' ratios: how much the machine's noise moved it."""
    ratios = result["round_ratios"]
    if result["variant"] == BASELINE:
        return "-"
    if len(ratios) < 2:
        return "1 run"
    return f"{min(ratios):.2f}-{max(ratios):.2f}"


def label(variant):
    """The baseline in italics; a stock peer under the strategy it is measured against."""
    if variant["name"] == BASELINE:
        return f"*{BASELINE}*"
    return f"↳ {variant['name']}" if variant.get("peer_of") else variant["name"]


def table(header, alignment, body):
    """A Markdown table: the header row, the alignment row, then one row per line of body."""
    return "\n".join([header, alignment, *body])


def main_table(records):
    header = (
        "| strategy | chapter | req/s | ratio | added CPU µs | rounds | p50 ms | p99 ms "
        "| CPU ms | queries added (GET / write) | floor | target | met? |"
    )
    return table(
        header, "|---|---|---:|---:|---:|:-:|---:|---:|---:|:-:|:-:|:-:|---|", main_rows(records)
    )


def main_rows(records):
    for record in records:
        age = record["settings"]["default_conn_max_age"]
        for variant, result in rows(record, age, "get"):
            name = variant["name"]
            measured = (
                f"{result['rps']:.0f} | {ratio(result)} | {added_cpu(result)} | {spread(result)} "
                f"| {ms(result['p50_ms'])} | {ms(result['p99_ms'])} | {cpu(result)}"
            )
            row = f"| {label(variant)} | {record['chapter']} | {measured}"
            if name == BASELINE:
                yield f"{row} | - | - | - | - |"
                continue
            if variant.get("peer_of"):  # measured beside ours, held to nothing
                yield f"{row} | {added_queries(record, name)} | - | - | - |"
                continue
            target = f"≥ {variant['target']:.2f}" if variant["target"] is not None else "-"
            met = verdict(variant, result["ratio"], within_floor(record, name))
            floor = variant["floor"]
            yield f"{row} | {added_queries(record, name)} | {floor} | {target} | {met} |"


def write_table(records):
    header = (
        "| strategy | chapter | req/s | ratio | added CPU µs | rounds | p50 ms | p99 ms "
        "| CPU ms | queries |"
    )
    return table(header, "|---|---|---:|---:|---:|:-:|---:|---:|---:|:-:|", write_rows(records))


def write_rows(records):
    for record in records:
        age = record["settings"]["default_conn_max_age"]
        totals = {q["variant"]: q["queries"] for q in record["queries"] if q["kind"] == "write"}
        for variant, result in rows(record, age, "write"):
            yield (
                f"| {label(variant)} | {record['chapter']} | {result['rps']:.0f} "
                f"| {ratio(result)} | {added_cpu(result)} | {spread(result)} "
                f"| {ms(result['p50_ms'])} | {ms(result['p99_ms'])} "
                f"| {cpu(result)} | {totals.get(variant['name'], '?')} |"
            )


def connections_table(records):
    """The GET's ratio with and without persistent connections, side by side."""
    header = (
        "| strategy | chapter | CONN_MAX_AGE=0: req/s | ratio | CONN_MAX_AGE=60: req/s | ratio |"
    )
    return table(header, "|---|---|---:|---:|---:|---:|", connections_rows(records))


def connections_rows(records):
    """The variants both servers measured: the baseline and each chapter's first strategy."""
    for record in records:
        ages = (record["settings"]["default_conn_max_age"], other_age(record))
        by_age = {}
        for age in ages:
            for variant, result in rows(record, age, "get"):
                by_age.setdefault(variant["name"], (variant, {}))[1][age] = result
        for variant, results in by_age.values():
            if len(results) < len(ages):
                continue
            cells = " | ".join(
                f"{results[age]['rps']:.0f} | {ratio(results[age])}" for age in (0, 60)
            )
            yield f"| {label(variant)} | {record['chapter']} | {cells} |"


def profile_table(records):
    """Where a worker's busy time went during each GET, when the run was profiled."""
    profiled = [
        (record, result)
        for record in records
        for result in record["results"]
        if result.get("profile")
        and result["conn_max_age"] == record["settings"]["default_conn_max_age"]
    ]
    if not profiled:
        return "This run was not profiled (`BENCH_PROFILE=1 nox -s bench` samples the workers)."
    buckets = []
    for _, result in profiled:
        buckets += [name for name in result["profile"] if name not in buckets]
    body = (
        f"| {result['variant']} | {record['chapter']} | "
        + " | ".join(f"{result['profile'].get(name, 0):.0%}" for name in buckets)
        + " |"
        for record, result in profiled
    )
    header = "| strategy | chapter | " + " | ".join(buckets) + " |"
    return table(header, "|---|---|" + "---:|" * len(buckets), body)


def queries_list(records):
    """The SQL each strategy adds to the GET, so a reader can see it is the lookup it needs."""
    lines = []
    for record in records:
        for query in record["queries"]:
            if query["kind"] != "get" or query["variant"] == BASELINE:
                continue
            tables = [sql.split(" FROM ")[1].split()[0] for sql in query["sql"] if " FROM " in sql]
            lines.append(
                f"- {query['variant']} ({record['chapter']}): {query['queries']} "
                f"({', '.join(tables) or 'none'})"
            )
    return "\n".join(lines)


def context(records):
    first = records[0]
    started = min(r["started"] for r in records)
    when = datetime.datetime.fromtimestamp(started, datetime.timezone.utc)
    versions = {}
    for record in records:
        versions.update(record["versions"])
    settings = first["settings"]
    load = min(records, key=lambda r: r["started"])["load_before"][0]
    quiet = ", ".join(f"{r['chapter']} {others(r)}" for r in records)
    return "\n".join(
        [
            f"- **When:** {when:%Y-%m-%d %H:%M} UTC; the load average (1 min) before the "
            f"first chapter started was {load:.2f}.",
            "- **Other processes' CPU while wrk loaded the GETs** (the machine's busy time "
            f"less the workers' and wrk's; mean / highest run, in cores of 2): {quiet}.",
            f"- **Machine:** {first['machine']['cpu']}, {first['machine']['cores']} cores, "
            f"{first['machine']['platform']}.",
            "- **Versions:** " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) + ".",
            f"- **Server:** gunicorn, {settings['workers']} sync workers, production mode "
            "(`DJANGO_DEBUG=0`, a real `DJANGO_SECRET_KEY`), `DJANGO_TLS_PROXY=1` with every "
            "request saying `X-Forwarded-Proto: https` (HTTPS ends at a proxy in front, so "
            "no redirect and secure cookies as in production), `DJANGO_ALLOWED_HOSTS=127.0.0.1`, "
            "throttle rates raised out of the way, SQLite in a temporary folder, "
            f"{cache_setup(settings)}.",
            f"- **Load:** wrk, 1 thread, {settings['connections']} connections, in its own "
            f"process on loopback. After a warm-up of {warmup(settings)} each, the "
            f"baseline and the strategies take turns, {settings['rounds']} rounds of "
            f"{settings['seconds']} s (Basic: one run of {settings['short_seconds']} s). "
            "Rates are over all rounds; p50 and p99 are the rounds' medians; *rounds* is the "
            "range of the rounds' ratios, each against the baseline's run next to it. CPU ms "
            "is the workers' CPU time (user and system, from /proc) per request; added CPU "
            "is the same less the baseline's, the median of the rounds, each against the "
            "baseline's run next to it.",
            "- **Stock peers** (↳): the library's own class for the same credential, "
            "unchanged, chosen by a header on the same URLs, sent what the "
            "strategy's own login answered (`tools/bench/bench_site/stock.py`).",
            "- **The other server:** a second gunicorn with the other `DJANGO_CONN_MAX_AGE` "
            "answers the GETs of the baseline and of each chapter's first strategy, in "
            f"{settings.get('other_rounds', settings['rounds'])} rounds (the connection "
            "table).",
            "- **Baseline:** the same views at the same URLs, chosen by a header, the "
            "request's user preset instead of authenticated (`tools/bench/bench_site/`).",
            f"- **Default `DJANGO_CONN_MAX_AGE`:** {settings['default_conn_max_age']}.",
        ]
    )


def cache_setup(settings):
    """Redis and the credential cache, or (no Redis answered) local memory without it."""
    seconds = settings.get("credential_cache_seconds", 0)
    if not seconds:
        return "the local-memory cache, so the credential cache off (no Redis answered)"
    setup = (
        f"Redis on loopback, with the credential cache on ({seconds} s, `api/credential_cache.py`)"
    )
    copies = settings.get("near_cache_size", 0)  # absent from records made before the copies
    if copies:
        setup += f" and each worker's copies of it (up to {copies:,}, `api/near_cache.py`)"
    return setup


def warmup(settings):
    """'50 requests', or the wrk run that older records warmed up with."""
    if "warmup_requests" in settings:
        return f"{settings['warmup_requests']} requests, one at a time,"
    return f"{settings['warmup_seconds']} s of wrk"


def render_markdown(records):
    age = records[0]["settings"]["default_conn_max_age"]
    parts = [
        "# What each strategy costs",
        "",
        "Generated by `python3 dev.py -s bench` (`tools/bench/`); do not edit by hand: the "
        "tables come from the measurements, the notes after them from "
        "`tools/bench/notes.md`.",
        "",
        "![Rate of each strategy as a fraction of the baseline](bench.png)",
        "",
        f"## `GET /api/secret/`, with the default settings (`CONN_MAX_AGE={age}`)",
        "",
        "Rates are requests a second; the ratio is the strategy's rate divided by the rate "
        "of the same endpoint with authentication turned off, measured in the same run. "
        "Queries added are counted in process with Django's `CaptureQueriesContext`, after "
        "a real login through the chapter's endpoints: they are what the strategy adds to "
        f"the baseline's queries ({baseline_queries(records)}). Added CPU is the workers' "
        "CPU time per request less the baseline's, in µs: unlike the ratio, it hardly "
        "depends on how fast the machine is. Under each strategy (↳), the library's own "
        "class for the same credential, measured in the same run: ours, the library's "
        "default, and authentication off.",
        "",
        main_table(records),
        "",
        "## `PATCH /api/customers/me/` (the write)",
        "",
        "The same profile update for every strategy, with the CSRF token where the "
        "credential is a cookie. Each write commits to SQLite (a journal and an fsync), "
        "which costs more than any strategy but Basic, so the strategies keep most of the "
        "baseline's rate. No target applies; stateless JWT has no user row to own a "
        "profile, so it has no write.",
        "",
        write_table(records),
        "",
        "## Persistent database connections (`GET /api/secret/`)",
        "",
        connections_table(records),
        "",
        "## The queries each strategy adds to a GET",
        "",
        queries_list(records),
        "",
        "## Where a worker's time goes (`GET /api/secret/`, py-spy samples)",
        "",
        profile_table(records),
        "",
        "## How it was run",
        "",
        context(records),
        "",
        "---",
        "",
        NOTES.read_text().rstrip(),
        "",
    ]
    return "\n".join(parts)
