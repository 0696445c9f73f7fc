"""The shipped reference set follows its rules; eval.dataset rejects malformed files clearly."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from eval.dataset import DatasetError, Item, load, load_items, shipped_split
from eval.metrics import holds
from ingest.loader import load as load_report

REPORT = (
    Path(__file__).resolve().parent.parent / "corpus" / "karriereveiledning-kunnskapsgrunnlag.txt"
)
REQUIRED_TYPES = ("fact", "number", "list", "multi", "paraphrase", "unanswerable", "en")
MIN_PER_TYPE = 10
MIN_ITEMS = 150
DEV_SHARE = (0.30, 0.50)
EVIDENCE_CHARS = (40, 200)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def splits() -> dict[str, list[Item]]:
    return {name: load_items(shipped_split(name)) for name in ("dev", "test")}


@pytest.fixture(scope="module")
def items(splits: dict[str, list[Item]]) -> list[Item]:
    return splits["dev"] + splits["test"]


@pytest.fixture(scope="module")
def report() -> Any:
    return load_report(REPORT)


def test_all_split_is_dev_then_test() -> None:
    assert [p.stem for p in shipped_split("all")] == ["dev", "test"]


def test_size_and_dev_share(splits: dict[str, list[Item]]) -> None:
    total = len(splits["dev"]) + len(splits["test"])
    assert total >= MIN_ITEMS
    share = len(splits["dev"]) / total
    assert DEV_SHARE[0] <= share <= DEV_SHARE[1], f"dev share {share:.2f}"


def test_ids_unique_across_files(items: list[Item]) -> None:
    dupes = [i for i, n in Counter(item.id for item in items).items() if n > 1]
    assert not dupes


def test_type_mix(splits: dict[str, list[Item]], items: list[Item]) -> None:
    overall = Counter(item.type for item in items)
    for kind in REQUIRED_TYPES:
        assert overall[kind] >= MIN_PER_TYPE, f"only {overall[kind]} items of type {kind}"
        for name, part in splits.items():
            assert any(item.type == kind for item in part), f"no {kind} item in {name}"


def test_answerable_items_have_evidence_and_key_facts(items: list[Item]) -> None:
    for item in items:
        if item.type == "unanswerable":
            assert not item.evidence and not item.must_contain, item.id
        else:
            assert item.evidence and item.must_contain, item.id


def test_evidence_is_verbatim_in_the_report(items: list[Item], report: Any) -> None:
    text = _flat(report.text)
    bad = [(i.id, ev) for i in items for ev in i.evidence if _flat(ev) not in text]
    assert not bad, f"evidence not found verbatim in the cleaned report: {bad}"


def test_evidence_lies_in_one_passage(items: list[Item], report: Any) -> None:
    """Scoring finds evidence passage by passage, so each string must sit inside one."""
    bad = [
        (i.id, ev)
        for i in items
        for ev in i.evidence
        if not any(holds(p.text, ev) for p in report.passages)
    ]
    assert not bad, f"evidence no passage holds: {bad}"


def test_evidence_length(items: list[Item]) -> None:
    low, high = EVIDENCE_CHARS
    bad = [(i.id, len(ev)) for i in items for ev in i.evidence if not low <= len(ev) <= high]
    assert not bad, f"evidence outside {low}–{high} chars: {bad}"


def test_key_facts_are_in_the_reference_answer(items: list[Item]) -> None:
    bad = [
        (i.id, alt)
        for i in items
        for group in i.must_contain
        for alt in group
        if _flat(alt).casefold() not in _flat(i.answer).casefold()
    ]
    assert not bad, f"must_contain alternatives missing from the answer: {bad}"


def test_sections_exist_in_the_report(items: list[Item], report: Any) -> None:
    sections = {p.section for p in report.passages}
    # Answerable items must name their section; unanswerable ones may leave it empty.
    bad = [
        (i.id, i.section) for i in items if (i.section or i.evidence) and i.section not in sections
    ]
    assert not bad, f"unknown sections {bad}; the report has {sorted(sections)}"


# --- eval.dataset itself -------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "id": "x1",
    "question": "Hvor mange brukere hadde karrieresentrene i 2020?",
    "lang": "nb",
    "type": "number",
    "answer": "I alt 23 636 brukere.",
    "must_contain": [["23 636"]],
    "evidence": ["i alt 23 636 brukere mottok individuell karriereveiledning"],
    "section": "SAMMENDRAG",
}


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_loads_a_good_file(tmp_path: Path) -> None:
    other = {**GOOD, "id": "x2", "type": "unanswerable", "must_contain": [], "evidence": []}
    path = _write(tmp_path, json.dumps(GOOD), "", json.dumps(other))
    items = load(path)
    assert [i.id for i in items] == ["x1", "x2"]
    assert items[0].to_dict() == GOOD
    assert items[0].answerable and not items[1].answerable


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"id": "x2", "question": ', "ugyldig JSON"),
        (
            json.dumps({k: v for k, v in GOOD.items() if k != "evidence"}),
            "mangler nøkler: evidence",
        ),
        (json.dumps({**GOOD, "type": "trivia"}), "ukjent type «trivia»"),
        (json.dumps({**GOOD, "must_contain": "23 636"}), "«must_contain» må være en liste"),
        (json.dumps({**GOOD, "must_contain": [[]]}), "«must_contain»[0] er en tom liste"),
        (json.dumps({**GOOD, "evidence": [3]}), "«evidence» må bare inneholde"),
        (json.dumps({**GOOD, "question": 7}), "«question» må være en streng"),
        (json.dumps(["not", "an", "object"]), "JSON-objekt"),
        (json.dumps(GOOD), "id «x1» finnes allerede"),
    ],
)
def test_bad_line_names_file_and_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = _write(tmp_path, json.dumps(GOOD), bad_line)
    with pytest.raises(DatasetError, match=r"set\.jsonl:2") as err:
        load(path)
    assert message in str(err.value)


def test_empty_file_and_unknown_split(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="tomt"):
        load(_write(tmp_path, ""))
    with pytest.raises(DatasetError, match="Ukjent split"):
        shipped_split("train")
