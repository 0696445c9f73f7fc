"""report.md for an eval run: headline, per-type and per-language tables, comparison, failures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.dataset import Item

HEADLINE_KEYS = (
    "hit@1",
    "hit@3",
    "hit@5",
    "hit@10",
    "mrr@10",
    "ndcg@10",
    "evidence_recall@5",
    "citation_precision",
    "citation_coverage",
    "groundedness",
    "support",
    "keyfact_recall",
    "fully_correct",
    "token_f1",
    "refusal_recall",
    "false_refusal",
    "answer_chars_median",
    "latency_ms_p50",
    "latency_ms_p95",
)
SUMMARY_KEYS = (
    "hit@5",
    "mrr@10",
    "citation_precision",
    "keyfact_recall",
    "refusal_recall",
    "false_refusal",
    "latency_ms_p50",
)
GROUP_KEYS = (
    "n",
    "hit@5",
    "mrr@10",
    "citation_precision",
    "keyfact_recall",
    "refusal_recall",
    "false_refusal",
)
LOWER_IS_BETTER = frozenset({"false_refusal", "latency_ms_p50", "latency_ms_p95"})
NEUTRAL = frozenset({"n", "n_answerable", "n_unanswerable", "answer_chars_median"})


def compare_metrics(new: dict[str, Any], old: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Old, new and delta for every flat numeric key the two metrics dicts share."""
    deltas: dict[str, dict[str, float]] = {}
    for key, value in old.items():
        before, after = _numeric(value), _numeric(new.get(key))
        if before is not None and after is not None:
            deltas[key] = {"old": before, "new": after, "delta": after - before}
    return deltas


def format_deltas(
    deltas: dict[str, dict[str, float]], keys: Sequence[str] | None = None
) -> list[str]:
    """One line per metric: `hit@5  0.900 → 0.950  +0.050 ↑ better`."""
    names = [k for k in (keys or deltas) if k in deltas]
    width = max((len(k) for k in names), default=0)
    lines = []
    for key in names:
        d = deltas[key]
        lines.append(
            f"  {key:<{width}}  {fmt(d['old'])} → {fmt(d['new'])}  "
            f"{fmt_delta(d['delta'])} {_arrow(d['delta'])} {_verdict(key, d['delta'])}".rstrip()
        )
    return lines


def render_report(
    record: dict[str, Any],
    items: Sequence[Item],
    predictions: Sequence[dict[str, Any]],
    scores: Sequence[dict[str, Any]],
    plots: Sequence[str],
    deltas: dict[str, dict[str, float]] | None,
    compared_with: str | None,
) -> str:
    """The whole report.md."""
    base = record.get("baseline")
    split = record["split"] or "(file)"
    out = [
        "# Veiviser evaluation",
        "",
        f"- dataset: `{record['dataset']}` (split: {split}, {record['n']} questions, "
        f"{record['n_answerable']} answerable, {record['n_unanswerable']} unanswerable)",
        f"- created: {record['created']}",
        "",
        "## Headline",
        "",
        "| metric | Veiviser | baseline | delta |",
        "|---|---:|---:|---:|",
    ]
    for key in HEADLINE_KEYS:
        ours, theirs = _numeric(record.get(key)), _numeric(base.get(key)) if base else None
        delta = fmt_delta(ours - theirs) if ours is not None and theirs is not None else "–"
        out.append(f"| {key} | {fmt(ours)} | {fmt(theirs)} | {delta} |")
    out += ["", "## Plots", "", *[f"![{name}]({name})" for name in plots], ""]
    out += _group_table("Per question type", "type", record["per_type"])
    out += _group_table("Per language", "lang", record["per_lang"])
    if deltas is not None:
        out += ["## Comparison", "", f"Against `{compared_with}`:", "", "```"]
        out += [*format_deltas(deltas), "```", ""]
    out += _failures(items, predictions, scores)
    return "\n".join(out)


def failure_reasons(score: dict[str, Any]) -> list[str]:
    """Why an item counts as a failure (empty when it does not)."""
    if not score["answerable"]:
        return [] if score["refused"] else ["not refused"]
    reasons = []
    if score["refused"]:
        reasons.append("refused (answerable)")
    if score["hit@5"] == 0.0:
        reasons.append("no evidence in top 5")
    if not score["refused"] and (score["keyfact_recall"] or 0.0) < 1.0:
        reasons.append(f"keyfact recall {fmt(score['keyfact_recall'])}")
    if score["citation_precision"] is not None and score["citation_precision"] < 1.0:
        reasons.append("a citation holds no evidence")
    return reasons


def _group_table(title: str, key: str, groups: dict[str, dict[str, Any]]) -> list[str]:
    out = [f"## {title}", "", f"| {key} | " + " | ".join(GROUP_KEYS) + " |"]
    out.append("|---|" + "---:|" * len(GROUP_KEYS))
    for name, values in groups.items():
        out.append(f"| {name} | " + " | ".join(fmt(values.get(k)) for k in GROUP_KEYS) + " |")
    return [*out, ""]


def _failures(
    items: Sequence[Item], predictions: Sequence[dict[str, Any]], scores: Sequence[dict[str, Any]]
) -> list[str]:
    rows = [
        (item, pred, reasons)
        for item, pred, score in zip(items, predictions, scores, strict=True)
        if (reasons := failure_reasons(score))
    ]
    out = [f"## Failures ({len(rows)} of {len(items)})", ""]
    if not rows:
        return [*out, "None.", ""]
    for item, pred, reasons in rows:
        out += [f"### {item.id} ({item.type}, {item.lang}) — {'; '.join(reasons)}", ""]
        out.append(f"- question: {item.question}")
        if item.evidence:
            out.append(f"- expected evidence ({item.section or 'no section'}):")
            out += [f"  - «{ev}»" for ev in item.evidence]
        else:
            out.append("- expected: a refusal (the report does not say)")
        top = [p.get("section") or "?" for p in (pred.get("passages") or [])[:3]]
        out.append(f"- top-3 retrieved sections: {' · '.join(top) or 'none'}")
        answer = pred.get("error") or pred.get("answer") or ""
        refused = " (refused)" if pred.get("refused") else ""
        out += [f"- answer given{refused}: {_one_line(answer)}", ""]
    return out


def _one_line(text: str, limit: int = 600) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _numeric(value: Any) -> float | None:
    """The value if it is a number (ints stay ints, so counts print as counts), else None."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _arrow(delta: float) -> str:
    return "↑" if delta > 0 else "↓" if delta < 0 else "="


def _verdict(key: str, delta: float) -> str:
    if delta == 0 or key in NEUTRAL:
        return ""
    return "better" if (delta < 0) == (key in LOWER_IS_BETTER) else "worse"


def fmt(value: Any) -> str:
    """A metric for a table: 3 decimals, whole numbers from 100 up, – for None."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def fmt_delta(value: float) -> str:
    """A signed difference, with the precision `fmt` uses."""
    return f"{value:+.3f}" if abs(value) < 10 else f"{value:+.1f}"
