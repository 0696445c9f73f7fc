"""PNG plots for an eval run (matplotlib, Agg backend chosen when plotting, not at import)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HIT_KS = (1, 3, 5, 10)
TYPE_METRICS = ("hit@5", "citation_precision", "keyfact_recall", "refusal_recall")


def write_plots(
    folder: Path,
    ours: dict[str, Any],
    per_type: dict[str, dict[str, Any]],
    baseline: dict[str, Any] | None,
) -> list[str]:
    """Write hit_at_k.png and per_type.png into `folder`; return their file names."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    series = [("Veiviser", ours)] + ([("baseline", baseline)] if baseline else [])
    for (name, values), style in zip(series, ("-", "--"), strict=False):
        ys = [values.get(f"hit@{k}") or 0.0 for k in HIT_KS]
        ax.plot(HIT_KS, ys, style, marker="o", label=name)
    ax.set(xlabel="k", ylabel="hit@k", title="Evidence in the top k", xticks=HIT_KS)
    ax.set_ylim(0, 1.05)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(folder / "hit_at_k.png", dpi=110)
    plt.close(fig)

    types = list(per_type)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.3 * len(types) + 2), 4))
    width = 0.8 / len(TYPE_METRICS)
    for j, metric in enumerate(TYPE_METRICS):
        xs = [i + (j - (len(TYPE_METRICS) - 1) / 2) * width for i in range(len(types))]
        heights = [per_type[t].get(metric) for t in types]
        # A metric that does not apply to a type (None) gets no bar rather than a zero bar.
        present = [(x, h) for x, h in zip(xs, heights, strict=True) if h is not None]
        bars = ax.bar([x for x, _ in present], [h for _, h in present], width, label=metric)
        ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    ax.set_xticks(range(len(types)), types)
    ax.set(ylabel="score", title="Key metrics per question type")
    ax.set_ylim(0, 1.25)
    ax.set_yticks([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, ncols=len(TYPE_METRICS), loc="upper center")
    fig.tight_layout()
    fig.savefig(folder / "per_type.png", dpi=110)
    plt.close(fig)
    return ["hit_at_k.png", "per_type.png"]
