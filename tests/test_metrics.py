"""Tests for eval.metrics."""

from __future__ import annotations

import math
from typing import Any

import pytest

from eval import metrics as m

PASSAGE = "Arbeidsledigheten var 3,8 prosent i 2023. Mange unge søker karriereveiledning i skolen."
OTHER = "Rådgiverne i videregående skole har ofte for mange elever å følge opp."
EVIDENCE = "Arbeidsledigheten var 3,8 prosent i 2023."


def make_item(**over: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "q1",
        "question": "Hvor høy var ledigheten?",
        "lang": "nb",
        "type": "number",
        "answer": "Arbeidsledigheten var 3,8 prosent i 2023.",
        "must_contain": [["3,8 prosent", "3.8 per cent"], ["2023"]],
        "evidence": [EVIDENCE],
        "section": "2.1",
    }
    item.update(over)
    return item


def make_pred(
    answer: str = "",
    refused: bool = False,
    citations: list[dict[str, Any]] | None = None,
    passages: list[str] | None = None,
    retrieve: float = 10.0,
    ans: float = 90.0,
) -> dict[str, Any]:
    return {
        "question": "q",
        "answer": answer,
        "refused": refused,
        "citations": citations or [],
        "passages": [
            {"chunk_id": f"c{i}", "section": "s", "text": t, "score": 1.0 / (i + 1)}
            for i, t in enumerate(passages or [])
        ],
        "timings_ms": {"retrieve": retrieve, "answer": ans},
    }


def cite(n: int, text: str, quote: str) -> dict[str, Any]:
    return {"n": n, "chunk_id": f"c{n}", "section": "s", "text": text, "quote": quote}


UNANSWERABLE = make_item(id="u1", type="unanswerable", must_contain=[], evidence=[], answer="")
GOOD_ANSWER = "Arbeidsledigheten var 3,8 prosent i 2023. [1]"


# --- text helpers ------------------------------------------------------------------------


def test_normalize_casefolds_nfkc_and_collapses_whitespace() -> None:
    assert m.normalize("  Ærlig\tØL\n\n på  Åsen ") == "ærlig øl på åsen"
    assert m.normalize("ﬁnne") == "finne"  # NFKC ligature
    assert m.normalize("STRAẞE") == "strasse"


def test_tokens_keep_norwegian_letters_and_decimal_numbers() -> None:
    assert m.tokens("Søkerne på Ørsta-skolen, også Café Åsen!") == [
        "søkerne",
        "på",
        "ørsta",
        "skolen",
        "også",
        "café",
        "åsen",
    ]
    assert m.tokens("Ledigheten var 3,8 prosent (2.5 i fjor), 23 636 personer") == [
        "ledigheten",
        "var",
        "3,8",
        "prosent",
        "2.5",
        "i",
        "fjor",
        "23",
        "636",
        "personer",
    ]


def test_clean_answer_strips_markers_and_english_lead() -> None:
    assert m.clean_answer("The report says: It is 3.8 per cent [1]. Also X [2][3]") == (
        "It is 3.8 per cent . Also X"
    )


# --- evidence matching ----------------------------------------------------------------------


def test_holds_exact_and_normalised() -> None:
    assert m.holds("Før det. " + EVIDENCE.upper() + "  Etter.", EVIDENCE)
    assert m.holds("arbeidsledigheten   var 3,8\nprosent i 2023.", EVIDENCE)
    assert not m.holds(OTHER, EVIDENCE)
    assert not m.holds(PASSAGE, "")


def test_holds_partial_run_threshold_sixty_percent() -> None:
    ev = "Karriereveiledning skal bidra til bedre valg for alle elever"
    assert len(ev) == 60 and math.ceil(0.6 * len(ev)) == 36
    # Longest shared run is exactly 36 characters ("karriereveiledning skal bidra til be").
    assert m.holds("Målet er at karriereveiledning skal bidra til best mulig mestring.", ev)
    # Longest shared run is 35 characters ("karriereveiledning skal bidra til b").
    assert not m.holds("Målet er at karriereveiledning skal bidra til bra mestring.", ev)


# --- retrieval ------------------------------------------------------------------------------


def test_relevant_ranks_and_hits() -> None:
    pred = make_pred(passages=[OTHER, PASSAGE, OTHER, "x " + EVIDENCE])
    ranks = m.relevant_ranks(make_item(), pred)
    assert ranks == [2, 4]
    assert m.hit_at_k(ranks, 1) == 0.0
    assert m.hit_at_k(ranks, 2) == 1.0
    assert m.hit_at_k([], 10) == 0.0


def test_mrr_at_k_known_rankings() -> None:
    assert m.mrr_at_k([1, 3]) == 1.0
    assert m.mrr_at_k([4, 2]) == 0.5
    assert m.mrr_at_k([11]) == 0.0
    assert m.mrr_at_k([3], k=2) == 0.0
    assert m.mrr_at_k([]) == 0.0


def test_ndcg_at_k_known_rankings() -> None:
    assert m.ndcg_at_k([1]) == pytest.approx(1.0)
    assert m.ndcg_at_k([1, 2]) == pytest.approx(1.0)
    assert m.ndcg_at_k([2]) == pytest.approx(1 / math.log2(3))
    assert m.ndcg_at_k([1, 3]) == pytest.approx(1.5 / (1 + 1 / math.log2(3)))
    assert m.ndcg_at_k([11]) == 0.0
    assert m.ndcg_at_k([]) == 0.0
    # ideal capped at k: two relevant beyond k=1 still give ideal of one passage
    assert m.ndcg_at_k([1, 2], k=1) == pytest.approx(1.0)


def test_evidence_recall_at_k() -> None:
    item = make_item(
        evidence=[EVIDENCE, "Rådgiverne i videregående skole har ofte for mange elever"]
    )
    pred = make_pred(passages=[PASSAGE, "a", "b", "c", "d", OTHER])
    assert m.evidence_recall_at_k(item, pred, k=5) == 0.5
    assert m.evidence_recall_at_k(item, pred, k=6) == 1.0
    assert m.evidence_recall_at_k(UNANSWERABLE, pred) is None


# --- answers --------------------------------------------------------------------------------


def test_keyfact_recall_and_fully_correct() -> None:
    item = make_item()
    assert m.keyfact_recall(item, "Den var 3,8 PROSENT [1] i 2023.") == 1.0
    assert m.fully_correct(item, "Den var 3,8 PROSENT [1] i 2023.") is True
    assert m.keyfact_recall(item, "The report says: 3.8 per cent. [1]") == 0.5
    assert m.fully_correct(item, "The report says: 3.8 per cent. [1]") is False
    assert m.keyfact_recall(item, "Vet ikke.") == 0.0
    assert m.keyfact_recall(UNANSWERABLE, "noe") is None
    assert m.fully_correct(UNANSWERABLE, "noe") is None


def test_token_f1() -> None:
    assert m.token_f1("Ledigheten var 3,8 prosent.", "Ledigheten var 3,8 prosent. [1]") == 1.0
    # pred: the report says stripped -> [3,8, prosent]; ref: [ledigheten, var, 3,8, prosent]
    assert m.token_f1(
        "Ledigheten var 3,8 prosent", "The report says: 3,8 prosent [2]"
    ) == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert m.token_f1("Ærlig svar", "helt annet") == 0.0
    assert m.token_f1("", "") == 1.0
    assert m.token_f1("noe", "") == 0.0


# --- citations ------------------------------------------------------------------------------


def test_has_citation_and_citation_precision() -> None:
    item = make_item()
    pred = make_pred(
        GOOD_ANSWER, citations=[cite(1, PASSAGE, EVIDENCE), cite(2, OTHER, "Rådgiverne")]
    )
    assert m.has_citation(pred) is True
    assert m.citation_precision(item, pred) == 0.5
    assert m.has_citation(make_pred("x")) is False
    assert m.citation_precision(item, make_pred("x")) is None
    assert m.citation_precision(UNANSWERABLE, pred) is None


def test_groundedness_whitespace_normalised_case_sensitive() -> None:
    pred = make_pred(
        citations=[
            cite(1, PASSAGE, "Arbeidsledigheten  var\n3,8 prosent"),  # whitespace differs: grounded
            cite(2, PASSAGE, "arbeidsledigheten var 3,8 prosent"),  # case differs: not grounded
            cite(3, PASSAGE, "Ledigheten var 4 prosent"),  # not in text
            cite(4, PASSAGE, ""),  # empty quote
        ]
    )
    assert m.groundedness(pred) == 0.25
    assert m.groundedness(make_pred("x")) is None


def test_term_overlap() -> None:
    # content tokens: 2023, arbeidsledigheten, 3,8, prosent -> all in passage
    assert m.term_overlap("I 2023 var arbeidsledigheten på 3,8 prosent", PASSAGE) == 1.0
    # content: ledigheten, falt, kraftig, eldre -> none in passage
    assert m.term_overlap("Ledigheten falt kraftig for eldre", PASSAGE) == 0.0
    # content: arbeidsledigheten, 3,8, prosent, 2024 -> 3/4
    assert m.term_overlap("Arbeidsledigheten var 3,8 prosent i 2024", PASSAGE) == 0.75
    assert m.term_overlap("og i på", PASSAGE) == 0.0
    assert m.content_tokens("The report says 3 unge søker i Ål") == ["report", "3", "unge", "søker"]


def test_cited_sentences_split_on_markers() -> None:
    text = "The report says: Første setning [1]. Andre setning. [2][3] Hale uten markør."
    assert m.cited_sentences(text) == [("Første setning", [1]), ("Andre setning", [2, 3])]
    assert m.cited_sentences("Ingen markører her.") == []


def test_support_verbatim_paraphrase_and_unsupported() -> None:
    cites = [cite(1, PASSAGE, EVIDENCE), cite(2, OTHER, "Rådgiverne")]
    verbatim = make_pred("Arbeidsledigheten var 3,8 prosent i 2023. [1]", citations=cites)
    paraphrase = make_pred("I 2023 var arbeidsledigheten på 3,8 prosent [1].", citations=cites)
    unsupported = make_pred("Ledigheten falt kraftig for eldre [1].", citations=cites)
    wrong_passage = make_pred("Arbeidsledigheten var 3,8 prosent i 2023. [2]", citations=cites)
    missing = make_pred("Arbeidsledigheten var 3,8 prosent i 2023. [7]", citations=cites)
    assert m.support(verbatim) == 1.0
    assert m.sentence_supported("I 2023 var arbeidsledigheten på 3,8 prosent", PASSAGE)
    assert m.support(paraphrase) == 1.0
    assert m.support(unsupported) == 0.0
    assert m.support(wrong_passage) == 0.0
    assert m.support(missing) == 0.0
    mixed = make_pred(
        "The report says: Arbeidsledigheten var 3,8 prosent i 2023 [1]. "
        "Ledigheten falt kraftig for eldre [1]. Rådgiverne har for mange elever [2][1].",
        citations=cites,
    )
    assert m.support(mixed) == pytest.approx(2 / 3)
    assert m.support(make_pred("Ingen markører.", citations=cites)) is None


def test_support_threshold_is_eighty_percent() -> None:
    # 4 of 5 content tokens present (0.8) -> supported; 3 of 4 (0.75) -> not
    four_of_five = "Arbeidsledigheten 3,8 prosent 2023 kvinner"
    assert m.term_overlap(four_of_five, PASSAGE) == pytest.approx(0.8)
    assert m.sentence_supported(four_of_five, PASSAGE)
    assert not m.sentence_supported("Arbeidsledigheten var 3,8 prosent i 2024", PASSAGE)


# --- latency --------------------------------------------------------------------------------


def test_percentile_and_latency() -> None:
    assert m.percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert m.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert m.percentile([], 50) is None
    assert m.latency_ms(make_pred(retrieve=12.5, ans=100.0)) == 112.5
    assert m.latency_ms({"timings_ms": {"retrieve": 1.0}}) is None


# --- per item and aggregate ---------------------------------------------------------------


def test_score_item_answerable() -> None:
    pred = make_pred(GOOD_ANSWER, citations=[cite(1, PASSAGE, EVIDENCE)], passages=[OTHER, PASSAGE])
    s = m.score_item(make_item(), pred)
    assert s["hit@1"] == 0.0 and s["hit@3"] == 1.0 and s["mrr@10"] == 0.5
    assert s["ndcg@10"] == pytest.approx(1 / math.log2(3))
    assert s["evidence_recall@5"] == 1.0
    assert s["keyfact_recall"] == 1.0 and s["fully_correct"] is True and s["token_f1"] == 1.0
    assert s["citation_precision"] == 1.0 and s["groundedness"] == 1.0 and s["support"] == 1.0
    assert s["answer_chars"] == len("Arbeidsledigheten var 3,8 prosent i 2023.")
    assert s["latency_ms"] == 100.0


def test_score_item_refused_and_unanswerable() -> None:
    refused = m.score_item(
        make_item(),
        make_pred(
            "Rapporten sier ikke noe om 3,8 prosent i 2023.", refused=True, passages=[PASSAGE]
        ),
    )
    assert refused["keyfact_recall"] == 0.0 and refused["fully_correct"] is False
    assert refused["token_f1"] == 0.0 and refused["answer_chars"] is None
    assert refused["hit@1"] == 1.0
    unans = m.score_item(UNANSWERABLE, make_pred("Ukjent.", refused=True, passages=[PASSAGE]))
    assert unans["hit@1"] is None and unans["keyfact_recall"] is None
    assert unans["citation_precision"] is None and unans["support"] is None


REQUIRED_KEYS = {
    "n",
    "hit@1",
    "hit@3",
    "hit@5",
    "hit@10",
    "mrr@10",
    "ndcg@10",
    "evidence_recall@5",
    "keyfact_recall",
    "fully_correct",
    "token_f1",
    "answer_chars_median",
    "citation_precision",
    "citation_coverage",
    "groundedness",
    "support",
    "refusal_recall",
    "false_refusal",
    "latency_ms_p50",
    "latency_ms_p95",
}


def dataset() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    items = [
        make_item(id="a1"),
        make_item(id="a2", lang="en", type="en", must_contain=[["3.8 per cent"]]),
        make_item(id="a3", type="fact"),
        make_item(id="u1", type="unanswerable", must_contain=[], evidence=[]),
        make_item(id="u2", lang="en", type="unanswerable", must_contain=[], evidence=[]),
    ]
    preds = [
        make_pred(
            GOOD_ANSWER, citations=[cite(1, PASSAGE, EVIDENCE)], passages=[PASSAGE], ans=10.0
        ),
        make_pred(
            "The report says: Unemployment was 3.8 per cent. [1]",
            citations=[cite(1, OTHER, "Rådgiverne")],
            passages=[OTHER, PASSAGE],
            ans=20.0,
        ),
        make_pred("Rapporten svarer ikke på dette.", refused=True, passages=[OTHER], ans=30.0),
        make_pred("Rapporten svarer ikke på dette.", refused=True, ans=40.0),
        make_pred("Det er 5 prosent [1].", citations=[cite(1, OTHER, "Rådgiverne")], ans=50.0),
    ]
    return items, preds


def test_aggregate_values() -> None:
    items, preds = dataset()
    agg = m.aggregate(items, preds)
    assert agg.keys() >= REQUIRED_KEYS
    assert agg["n"] == 5
    assert agg["hit@1"] == pytest.approx(1 / 3)
    assert agg["hit@3"] == pytest.approx(2 / 3)
    assert agg["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert agg["keyfact_recall"] == pytest.approx((1 + 1 + 0) / 3)
    assert agg["fully_correct"] == pytest.approx(2 / 3)
    assert agg["citation_precision"] == pytest.approx(0.5)  # a1 = 1, a2 = 0, a3 has none
    assert agg["citation_coverage"] == pytest.approx(2 / 3)
    assert agg["groundedness"] == 1.0
    assert agg["support"] == pytest.approx(1 / 3)  # a1 supported; a2, u2 not
    assert agg["refusal_recall"] == 0.5
    assert agg["false_refusal"] == pytest.approx(1 / 3)
    assert agg["answer_chars_median"] == pytest.approx(
        (len("Arbeidsledigheten var 3,8 prosent i 2023.") + len("Unemployment was 3.8 per cent."))
        / 2
    )
    # latencies 20, 30, 40, 50, 60 ms; p95 interpolates 80% of the way from 50 to 60
    assert agg["latency_ms_p50"] == 40.0
    assert agg["latency_ms_p95"] == pytest.approx(58.0)


def test_aggregate_by_groups_and_none_for_empty() -> None:
    items, preds = dataset()
    by_type = m.aggregate_by(items, preds, "type")
    assert sorted(by_type) == ["en", "fact", "number", "unanswerable"]
    assert by_type["number"]["n"] == 1 and by_type["number"]["fully_correct"] == 1.0
    assert by_type["number"]["refusal_recall"] is None
    assert by_type["fact"]["false_refusal"] == 1.0 and by_type["fact"]["citation_precision"] is None
    un = by_type["unanswerable"]
    assert un["refusal_recall"] == 0.5 and un["false_refusal"] is None
    assert (
        un["hit@1"] is None and un["keyfact_recall"] is None and un["answer_chars_median"] is None
    )
    by_lang = m.aggregate_by(items, preds, "lang")
    assert by_lang["en"]["n"] == 2 and by_lang["nb"]["n"] == 3
    assert by_lang["en"]["refusal_recall"] == 0.0 and by_lang["nb"]["refusal_recall"] == 1.0


def test_aggregate_empty_and_mismatched() -> None:
    agg = m.aggregate([], [])
    assert agg["n"] == 0
    assert all(agg[k] is None for k in REQUIRED_KEYS - {"n"})
    with pytest.raises(ValueError):
        m.aggregate([make_item()], [])
