"""`veiviser eval`: run a reference set through the real pipeline, score it, save the run.

A run folder holds predictions.jsonl (one `ask --json` object per item, plus its "id"),
metrics.json, report.md and PNG plots; with --baseline also baseline_predictions.jsonl.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from tqdm import tqdm

from eval import metrics
from eval.dataset import Item, load_items, shipped_split
from eval.plots import write_plots
from eval.report import SUMMARY_KEYS, compare_metrics, fmt, format_deltas, render_report
from rag.errors import QuestionError
from rag.settings import Settings
from rag.types import Answer

RUNS_DIR = Path(__file__).resolve().parent / "runs"


class Asker(Protocol):
    """Anything that answers a question the way `Veiviser` does."""

    def ask(self, question: str) -> Answer: ...


@dataclass(frozen=True)
class Run:
    """One system's predictions over the items, with their metrics."""

    name: str
    predictions: list[dict[str, Any]]
    metrics: dict[str, Any]
    per_type: dict[str, dict[str, Any]]
    per_lang: dict[str, dict[str, Any]]


def run_eval(
    settings: Settings,
    dataset: Path | None = None,
    split: str = "test",
    out: Path | None = None,
    baseline: bool = False,
    compare: Path | None = None,
    pipeline: Asker | None = None,
    baseline_pipeline: Asker | None = None,
    progress: bool = True,
) -> str:
    """Evaluate, write the run folder and return a short summary.

    `dataset` (any file in the schema) wins over `split`. `pipeline` and `baseline_pipeline`
    replace the real ones (tests pass fakes); a baseline pipeline implies `baseline`.
    """
    paths = [dataset] if dataset is not None else shipped_split(split)
    items = load_items(paths)
    previous = _read_metrics(compare) if compare is not None else None
    if pipeline is None:
        from rag.pipeline import Veiviser

        pipeline = Veiviser.open(settings)
    main = _run("Veiviser", pipeline, items, progress)
    base: Run | None = None
    if baseline or baseline_pipeline is not None:
        if baseline_pipeline is None:
            from eval.baseline import Baseline

            baseline_pipeline = Baseline(settings)
        base = _run("baseline", baseline_pipeline, items, progress)

    folder = out or _default_out()
    folder.mkdir(parents=True, exist_ok=True)
    _write_jsonl(folder / "predictions.jsonl", main.predictions)
    record: dict[str, Any] = {
        **main.metrics,
        "per_type": main.per_type,
        "per_lang": main.per_lang,
        "dataset": ", ".join(_shown(p) for p in paths),
        "split": None if dataset is not None else split,
        "n": len(items),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": settings.model_dump(mode="json"),
    }
    if base is not None:
        _write_jsonl(folder / "baseline_predictions.jsonl", base.predictions)
        record["baseline"] = base.metrics
    deltas = compare_metrics(record, previous) if previous is not None else None
    if deltas is not None:
        (folder / "comparison.json").write_text(
            json.dumps({"against": str(compare), "deltas": deltas}, indent=2), encoding="utf-8"
        )
    (folder / "metrics.json").write_text(
        json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    plots = write_plots(folder, main.metrics, main.per_type, base.metrics if base else None)
    scores = [
        metrics.score_item(i.to_dict(), p) for i, p in zip(items, main.predictions, strict=True)
    ]
    report = render_report(
        record, items, main.predictions, scores, plots, deltas, str(compare) if compare else None
    )
    (folder / "report.md").write_text(report, encoding="utf-8")
    return _summary(record, folder, deltas)


def _run(name: str, pipeline: Asker, items: Sequence[Item], progress: bool) -> Run:
    predictions = [
        {"id": item.id, **_ask(pipeline, item.question)}
        for item in tqdm(items, desc=name, unit="q", disable=not progress)
    ]
    dicts = [item.to_dict() for item in items]
    return Run(
        name,
        predictions,
        metrics.aggregate(dicts, predictions),
        metrics.aggregate_by(dicts, predictions, "type"),
        metrics.aggregate_by(dicts, predictions, "lang"),
    )


def _ask(pipeline: Asker, question: str) -> dict[str, Any]:
    """One prediction; a question the pipeline rejects is recorded, not fatal."""
    try:
        return pipeline.ask(question).to_json()
    except QuestionError as err:
        return {"question": question, "error": str(err), "answer": "", "refused": False}


def _default_out() -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    folder, n = RUNS_DIR / stamp, 1
    while folder.exists():
        n += 1
        folder = RUNS_DIR / f"{stamp}-{n}"
    return folder


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")


def _read_metrics(path: Path) -> dict[str, Any]:
    from eval.dataset import DatasetError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DatasetError(f"Kan ikke lese {path} for sammenligning: {err}") from err
    if not isinstance(data, dict):
        raise DatasetError(f"{path} er ikke en metrics.json (forventet et JSON-objekt).")
    return data


def _summary(record: dict[str, Any], folder: Path, deltas: dict[str, Any] | None) -> str:
    base = record.get("baseline")
    where = f"split {record['split']}" if record["split"] else record["dataset"]
    lines = [f"Evaluated {record['n']} questions ({where})."]
    width = max(len(k) for k in SUMMARY_KEYS)
    header = f"  {'metric':<{width}}  Veiviser" + ("  baseline" if base else "")
    lines.append(header)
    for key in SUMMARY_KEYS:
        row = f"  {key:<{width}}  {fmt(record.get(key)):>8}"
        if base:
            row += f"  {fmt(base.get(key)):>8}"
        lines.append(row)
    if deltas is not None:
        lines += ["", "Change since the compared run:", *format_deltas(deltas)]
    lines += ["", f"Run saved to {folder} (report.md, metrics.json, predictions.jsonl, plots)."]
    return "\n".join(lines)


def _shown(path: Path) -> str:
    """A dataset path as the report shows it: relative to the working folder when inside it
    (a committed report names no one's home folder)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
