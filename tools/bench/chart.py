"""docs/bench.png: each strategy's GET rate as a fraction of the baseline's, with targets."""

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt

from .records import BASELINE, other_age, rows


def render_chart(records, path):
    """Bars: each strategy's GET rate as a fraction of its baseline; ticks: its target."""
    labels, default_ratios, other_ratios, targets, spreads = [], [], [], [], []
    for record in records:
        default_age = record["settings"]["default_conn_max_age"]
        others = {v["name"]: r["ratio"] for v, r in rows(record, other_age(record), "get")}
        for variant, result in rows(record, default_age, "get"):
            if variant["name"] == BASELINE:
                continue
            labels.append(f"{variant['name']}\n{record['chapter']}")
            default_ratios.append(result["ratio"])
            rounds = result["round_ratios"]
            low, high = min(rounds), max(rounds)
            spreads.append((max(0, result["ratio"] - low), max(0, high - result["ratio"])))
            other_ratios.append(others.get(variant["name"], 0))
            targets.append(variant["target"])
    default_age = records[0]["settings"]["default_conn_max_age"]
    other = other_age(records[0])
    figure, axes = plt.subplots(figsize=(11, 5.5), layout="constrained")
    positions = range(len(labels))
    width = 0.38
    default_bars = axes.bar(
        [p - width / 2 for p in positions],
        default_ratios,
        width,
        label=f"CONN_MAX_AGE={default_age} (default); whiskers: lowest and highest round",
        color="#2b6cb0",
        yerr=list(zip(*spreads, strict=True)),
        error_kw={"elinewidth": 1, "capsize": 3, "ecolor": "#1a365d"},
    )
    axes.bar(
        [p + width / 2 for p in positions],
        other_ratios,
        width,
        label=f"CONN_MAX_AGE={other}",
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
    axes.set_ylim(0, max(1.15, *default_ratios, *other_ratios) * 1.05)
    axes.set_ylabel("rate ÷ rate with authentication off")
    axes.set_title("GET /api/secret/ under gunicorn (2 workers) and wrk: rate vs. baseline")
    axes.legend(loc="upper left", fontsize=8)
    figure.savefig(path, dpi=120)
    plt.close(figure)
