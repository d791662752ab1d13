"""docs/bench.png: each strategy's GET rate as a fraction of the baseline's, beside the
library's stock class for the same credential, with targets.

The other DJANGO_CONN_MAX_AGE is in the connection table only: the other server measures
each chapter's first strategy, not every one.
"""

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt

from .records import BASELINE, rows


def render_chart(records, path):
    """Bars: each strategy's GET rate as a fraction of its baseline, and its stock peer's;
    ticks: its target."""
    labels, default_ratios, peer_ratios, targets, spreads = [], [], [], [], []
    for record in records:
        default_age = record["settings"]["default_conn_max_age"]
        measured = list(rows(record, default_age, "get"))
        peers = {v["peer_of"]: r["ratio"] for v, r in measured if v.get("peer_of")}
        for variant, result in measured:
            if variant["name"] == BASELINE or variant.get("peer_of"):
                continue
            labels.append(f"{variant['name']}\n{record['chapter'][:2]}")  # 01..07: they fit
            default_ratios.append(result["ratio"])
            rounds = result["round_ratios"]
            low, high = min(rounds), max(rounds)
            spreads.append((max(0, result["ratio"] - low), max(0, high - result["ratio"])))
            peer_ratios.append(peers.get(variant["name"], 0))  # 0: it has no peer
            targets.append(variant["target"])
    default_age = records[0]["settings"]["default_conn_max_age"]
    figure, axes = plt.subplots(figsize=(11, 5.5), layout="constrained")
    positions = range(len(labels))
    width = 0.38
    default_bars = axes.bar(
        [p - width / 2 for p in positions],
        default_ratios,
        width,
        label=f"ours (CONN_MAX_AGE={default_age}); whiskers: lowest and highest round",
        color="#2b6cb0",
        yerr=list(zip(*spreads, strict=True)),
        error_kw={"elinewidth": 1, "capsize": 3, "ecolor": "#1a365d"},
    )
    axes.bar(
        [p + width / 2 for p in positions],
        peer_ratios,
        width,
        label="the library's stock class, same credential",
        color="#a0aec0",
    )
    axes.bar_label(
        default_bars,
        [f"{r:.2f}" if r >= 0.1 else f"{r:.2g}" for r in default_ratios],
        padding=2,
        fontsize=8,
    )
    for position, target in zip(positions, targets, strict=True):
        if target is not None:
            axes.hlines(target, position - 0.45, position + 0.45, colors="#c53030", linewidth=2)
    axes.plot([], [], color="#c53030", linewidth=2, label="target")
    axes.axhline(1, color="black", linewidth=0.6, linestyle=":")
    axes.set_xticks(list(positions), labels, fontsize=8)
    highest_rounds = [
        ratio + above for ratio, (_, above) in zip(default_ratios, spreads, strict=True)
    ]
    axes.set_ylim(0, max(1.15, *highest_rounds, *peer_ratios) * 1.08)  # room for the labels
    axes.set_ylabel("rate ÷ rate with authentication off")
    axes.set_title("GET /api/secret/ under gunicorn (2 workers) and wrk: rate vs. baseline")
    axes.legend(loc="upper right", fontsize=8)
    figure.savefig(path, dpi=120)
    plt.close(figure)
