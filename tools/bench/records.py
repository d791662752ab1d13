"""The bench's JSON records read back: each chapter's results, by server and endpoint.

What the tables (tables.py) and the chart (chart.py) both need from a record.
"""

import json
import sys
from pathlib import Path

BASELINE = "Authentication off"


def load(folder):
    records = [json.loads(path.read_text()) for path in sorted(Path(folder).glob("*.json"))]
    if not records:
        sys.exit(f"No measurements in {folder}: run `nox -s bench` first.")
    return records


def rows(record, conn_max_age, kind):
    """Each variant's result on one server and one endpoint, in the chapter's order."""
    results = {
        r["variant"]: r
        for r in record["results"]
        if r["conn_max_age"] == conn_max_age and r["kind"] == kind
    }
    for variant in record["variants"]:
        if variant["name"] in results:
            yield variant, results[variant["name"]]


def added_queries(record, name):
    """'1 / 1': what the strategy adds to the GET and to the write."""
    counts = {q["kind"]: q for q in record["queries"] if q["variant"] == name}
    return " / ".join(
        str(counts[kind]["added"]) if kind in counts else "n/a" for kind in ("get", "write")
    )


def within_floor(record, name):
    return all(q["within_floor"] for q in record["queries"] if q["variant"] == name)


def other_age(record):
    return next(
        r["conn_max_age"]
        for r in record["results"]
        if r["conn_max_age"] != record["settings"]["default_conn_max_age"]
    )


def others(record):
    """'0.02 / 0.10': how busy the rest of the machine was while this chapter was measured."""
    # Reads only: a write's fsync keeps kernel threads busy, which would count as others.
    measured = [
        r for r in record["results"] if r["kind"] == "get" and r.get("others_cores") is not None
    ]
    if not measured:
        return "?"
    seconds = sum(r["seconds"] for r in measured)
    mean = sum(r["others_cores"] * r["seconds"] for r in measured) / seconds
    return f"{mean:.2f} / {max(r['others_cores_max'] for r in measured):.2f}"


def baseline_queries(records):
    counts = {q["kind"]: q["queries"] for q in records[0]["queries"] if q["variant"] == BASELINE}
    return f"{counts.get('get', '?')} for the GET, {counts.get('write', '?')} for the write"
