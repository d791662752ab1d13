"""Turns the chapters' measurements into docs/bench.md and docs/bench.png.

    python -m tools.bench.render .nox/bench-results docs

It reads the JSON files the bench wrote (record.py) with records.py; tables.py writes the
Markdown, chart.py the picture. It needs matplotlib, not a chapter.
"""

import sys
from pathlib import Path

from .chart import render_chart
from .records import load
from .tables import render_markdown


def main():
    records = load(sys.argv[1])
    docs = Path(sys.argv[2])
    docs.mkdir(exist_ok=True)
    (docs / "bench.md").write_text(render_markdown(records))
    render_chart(records, docs / "bench.png")
    print(f"wrote {docs / 'bench.md'} and {docs / 'bench.png'}")


if __name__ == "__main__":
    main()
