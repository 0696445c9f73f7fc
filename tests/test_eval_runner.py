"""The eval runner on a tiny set with fake pipelines; the baseline on a tiny corpus; and the
quality gate on the real test split with the real pipeline (integration)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval import dataset, runner
from eval.baseline import Baseline
from eval.runner import run_eval
from rag.errors import QuestionError
from rag.settings import Settings
from rag.types import Answer, Citation, Hit, Passage

# The quality targets the product must reach on the shipped test split (issue #3). Raise them as
# the product improves; never lower them to pass.
QUALITY_GATE: dict[str, tuple[str, float]] = {
    "hit@5": (">=", 0.95),
    "mrr@10": (">=", 0.85),
    "citation_precision": (">=", 0.85),
    "keyfact_recall": (">=", 0.75),
    "refusal_recall": (">=", 0.75),
    "false_refusal": ("<=", 0.05),
}
# What the pipeline measures today (eval/REPORT.md), a little rounded down: a change that makes
# any of these worse fails CI. Raise each floor whenever the pipeline gets better.
REGRESSION_FLOOR: dict[str, tuple[str, float]] = {
    # Measured on the 139-item test split (eval/REPORT.md), session 20.
    "hit@5": (">=", 0.88),  # measured 0.890
    "mrr@10": (">=", 0.775),  # 0.778
    "citation_precision": (">=", 0.665),  # 0.665
    "keyfact_recall": (">=", 0.655),  # 0.659
    "refusal_recall": (">=", 0.85),  # 0.857 (18 of 21)
    "false_refusal": ("<=", 0.02),  # 0.008 (1 of 118)
}


def _misses(metrics: dict[str, Any], gate: dict[str, tuple[str, float]]) -> list[str]:
    return [
        f"{key} = {metrics[key]} (gate {op} {bound})"
        for key, (op, bound) in gate.items()
        if metrics[key] is None or (metrics[key] < bound if op == ">=" else metrics[key] > bound)
    ]


EVIDENCE = "I alt 23 636 brukere mottok individuell karriereveiledning"
RIGHT = Passage(
    id="r#3.1-00",
    text=f"{EVIDENCE} ved karrieresentrene i 2020.",
    source="r.txt",
    section_number="3.1",
    section_title="Bruken av tilbudet",
    start=0,
    end=80,
)
WRONG = Passage(
    id="r#6-00",
    text="NAV gir karriereorientert veiledning til arbeidssøkere.",
    source="r.txt",
    section_number="6",
    section_title="NAV",
    start=100,
    end=160,
)
ITEMS: list[dict[str, Any]] = [
    {
        "id": "a1",
        "question": "Hvor mange brukere hadde karrieresentrene i 2020?",
        "lang": "nb",
        "type": "number",
        "answer": "I alt 23 636 brukere mottok individuell karriereveiledning.",
        "must_contain": [["23 636"]],
        "evidence": [EVIDENCE],
        "section": "3.1 Bruken av tilbudet",
    },
    {
        "id": "u1",
        "question": "Hva koster en time karriereveiledning i Tromsø?",
        "lang": "nb",
        "type": "unanswerable",
        "answer": "",
        "must_contain": [],
        "evidence": [],
        "section": "",
    },
    {
        "id": "e1",
        "question": "How many users did the career centres have in 2020?",
        "lang": "en",
        "type": "en",
        "answer": "23 636 users received individual career guidance.",
        "must_contain": [["23 636"]],
        "evidence": [EVIDENCE],
        "section": "3.1 Bruken av tilbudet",
    },
]


def _answer(question: str, cited: Passage | None, ranked: list[Passage]) -> Answer:
    hits = tuple(Hit(p, 1.0 / rank, rank) for rank, p in enumerate(ranked, 1))
    if cited is None:
        return Answer(question, "Rapporten ser ikke ut til å svare på dette.", True, (), hits)
    sentence = cited.text.split(".")[0] + "."
    citation = Citation(1, cited, sentence)
    return Answer(
        question, f"{sentence} [1]", False, (citation,), hits, {"retrieve": 5, "answer": 7}
    )


class FakeVeiviser:
    """Right on the Norwegian question, refuses the unanswerable one, wrong in English."""

    def ask(self, question: str) -> Answer:
        if question == ITEMS[0]["question"]:
            return _answer(question, RIGHT, [RIGHT, WRONG])
        if question == ITEMS[1]["question"]:
            return _answer(question, None, [WRONG])
        if not question.strip():
            raise QuestionError("Spørsmålet er tomt")
        return _answer(question, WRONG, [WRONG])


class FakeBaseline:
    """Never refuses; always the wrong passage first."""

    def ask(self, question: str) -> Answer:
        return _answer(question, WRONG, [WRONG, RIGHT])


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in ITEMS), "utf-8")
    return path


def _run(tiny: Path, out: Path, **kwargs: Any) -> str:
    return run_eval(
        Settings(),
        dataset=tiny,
        split="test",
        out=out,
        baseline=False,
        compare=kwargs.pop("compare", None),
        pipeline=FakeVeiviser(),
        progress=False,
        **kwargs,
    )


def test_run_writes_predictions_metrics_report_and_plots(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    summary = _run(tiny, out)

    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a1", "u1", "e1"]
    contract = set(FakeVeiviser().ask(ITEMS[0]["question"]).to_json())
    assert all(set(r) == contract | {"id"} for r in rows)
    assert not (out / "baseline_predictions.jsonl").exists()

    metrics = json.loads((out / "metrics.json").read_text())
    for key in ("hit@1", "hit@5", "mrr@10", "citation_precision", "keyfact_recall"):
        assert key in metrics
    for key in ("refusal_recall", "false_refusal", "latency_ms_p50", "per_type", "per_lang"):
        assert key in metrics
    assert metrics["n"] == 3 and metrics["split"] is None and str(tiny) == metrics["dataset"]
    assert metrics["created"] and "baseline" not in metrics
    assert set(metrics["per_type"]) == {"number", "unanswerable", "en"}
    assert set(metrics["per_lang"]) == {"nb", "en"}
    assert metrics["hit@5"] == 0.5 and metrics["refusal_recall"] == 1.0
    assert metrics["per_type"]["number"]["keyfact_recall"] == 1.0

    report = (out / "report.md").read_text()
    for heading in ("## Headline", "## Per question type", "## Per language", "## Failures"):
        assert heading in report
    assert "| metric | Veiviser | baseline | delta |" in report
    failures = report.split("## Failures")[1]
    assert "### e1" in failures and "### a1" not in failures and "### u1" not in failures
    assert "no evidence in top 5" in failures and "6 NAV" in failures and EVIDENCE in failures
    for png in ("hit_at_k.png", "per_type.png"):
        data = (out / png).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 1000
        assert f"]({png})" in report
    assert str(out) in summary and "hit@5" in summary


def test_baseline_columns_and_compare_deltas(tiny: Path, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps({"hit@5": 0.25, "false_refusal": 0.5, "per_type": {}}))
    out = tmp_path / "run"
    summary = _run(tiny, out, baseline_pipeline=FakeBaseline(), compare=earlier)

    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["baseline"]["hit@5"] == 1.0 and metrics["baseline"]["refusal_recall"] == 0.0
    assert len((out / "baseline_predictions.jsonl").read_text().splitlines()) == 3
    deltas = json.loads((out / "comparison.json").read_text())["deltas"]
    assert set(deltas) == {"hit@5", "false_refusal"}
    assert deltas["hit@5"] == {"old": 0.25, "new": 0.5, "delta": 0.25}
    report = (out / "report.md").read_text()
    assert "## Comparison" in report and "| hit@5 | 0.500 | 1.000 | -0.500 |" in report
    assert "hit@5" in summary and "+0.250 ↑ better" in summary
    assert "-0.500 ↓ better" in summary  # false_refusal went down


def test_split_files_and_default_out(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    lines = tiny.read_text().splitlines(keepends=True)
    (data / "dev.jsonl").write_text(lines[0])
    (data / "test.jsonl").write_text("".join(lines[1:]))
    monkeypatch.setattr(dataset, "DATA_DIR", data)
    monkeypatch.setattr(runner, "RUNS_DIR", tmp_path / "runs")
    run_eval(Settings(), None, "all", None, False, None, pipeline=FakeVeiviser(), progress=False)
    (folder,) = (tmp_path / "runs").iterdir()
    rows = (folder / "predictions.jsonl").read_text().splitlines()
    assert [json.loads(r)["id"] for r in rows] == ["a1", "u1", "e1"]
    assert json.loads((folder / "metrics.json").read_text())["split"] == "all"


def test_baseline_answers_in_the_ask_json_shape(small_corpus: Path, fake_embedder: Any) -> None:
    baseline = Baseline(Settings(corpus_dir=small_corpus), embedder=fake_embedder)
    got = baseline.ask("Hvor mange brukere hadde Viken i 2020?").to_json()
    real_shape = FakeVeiviser().ask(ITEMS[0]["question"]).to_json()
    assert set(got) == set(real_shape) and not got["refused"]
    assert set(got["citations"][0]) == set(real_shape["citations"][0])
    assert set(got["passages"][0]) == set(real_shape["passages"][0])
    top = got["passages"][0]
    assert top["chunk_id"] == "baseline-0000" and got["answer"] == f"{top['text']} [1]"
    assert got["citations"][0]["quote"] == top["text"] and got["citations"][0]["n"] == 1
    assert all(c.section for c in baseline.chunks)


@pytest.fixture(scope="module")
def gate_metrics(real_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The real pipeline on the real test split, run once for the gate tests below."""
    out = tmp_path_factory.mktemp("gate") / "run"
    settings = Settings(store_dir=real_store)
    print(run_eval(settings, None, "test", out, False, None, progress=False))
    metrics: dict[str, Any] = json.loads((out / "metrics.json").read_text())
    return metrics


@pytest.mark.integration
@pytest.mark.slow
def test_no_regression_on_the_test_split(gate_metrics: dict[str, Any]) -> None:
    misses = _misses(gate_metrics, REGRESSION_FLOOR)
    assert not misses, "quality fell below today's floor:\n" + "\n".join(misses)


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.xfail(reason="issue #3 targets not reached yet; see eval/REPORT.md", strict=False)
def test_quality_gate_on_the_test_split(gate_metrics: dict[str, Any]) -> None:
    misses = _misses(gate_metrics, QUALITY_GATE)
    assert not misses, "quality gate missed:\n" + "\n".join(misses)
