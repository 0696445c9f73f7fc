"""Pure evaluation metrics for Veiviser: retrieval, answers, citations, refusals, latency."""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

Item = Mapping[str, Any]
Prediction = Mapping[str, Any]

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)
MARKER_RE = re.compile(r"\[(\d+)\]")
LEAD_RE = re.compile(r"^\s*the report says:\s*", re.IGNORECASE)
EDGE_CHARS = " \t\r\n.,;:!?\"'«»()-–—"
PARTIAL_EVIDENCE_SHARE = 0.6
SUPPORT_THRESHOLD = 0.8
RETRIEVAL_KEYS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10", "evidence_recall@5")
ANSWER_KEYS = ("keyfact_recall", "fully_correct", "token_f1")
# fmt: off
STOPWORDS = frozenset((
    # Norwegian (bokmål)
    "og", "i", "på", "er", "det", "som", "en", "et", "ei", "av", "for", "til", "med", "at", "har",
    "var", "den", "de", "ikke", "om", "fra", "seg", "sin", "sitt", "sine", "kan", "vil", "skal",
    "blir", "ble", "bli", "være", "vært", "men", "eller", "så", "også", "etter", "over", "under",
    "mot", "ved", "hos", "enn", "der", "her", "hva", "hvor", "når", "hvordan", "dette", "disse",
    "denne", "han", "hun", "vi", "dere", "jeg", "du", "oss", "meg", "deg", "man", "mer", "mest",
    "noen", "noe", "alle", "hadde", "samt", "slik", "sier", "andre", "annen", "mange", "mellom",
    "uten", "inn", "opp", "ut", "hvis", "bare",
    # English
    "the", "and", "for", "are", "was", "were", "that", "this", "these", "those", "with", "from",
    "has", "have", "had", "not", "but", "its", "their", "they", "there", "which", "who", "what",
    "when", "where", "how", "than", "then", "also", "into", "about", "been", "being", "will",
    "would", "can", "could", "should", "may", "such", "more", "most", "some", "all", "any", "our",
    "you", "his", "her", "she", "him", "says", "said",
))
# fmt: on


def normalize(text: str) -> str:
    """Return text NFKC-normalised, case-folded, with whitespace collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def tokens(text: str) -> list[str]:
    """Split normalised text into word tokens, keeping decimal numbers like 3,8 as one token."""
    return TOKEN_RE.findall(normalize(text))


def clean_answer(answer_text: str) -> str:
    """Strip citation markers and the English lead line from an answer."""
    return " ".join(MARKER_RE.sub(" ", LEAD_RE.sub("", answer_text)).split())


def holds(passage_text: str, evidence: str) -> bool:
    """Tell whether a passage contains the evidence or a run of >= 60% of its characters."""
    ev, passage = normalize(evidence), normalize(passage_text)
    if not ev or not passage:
        return False
    if ev in passage:
        return True
    matcher = difflib.SequenceMatcher(None, ev, passage, autojunk=False)
    run = matcher.find_longest_match(0, len(ev), 0, len(passage)).size
    return run >= math.ceil(PARTIAL_EVIDENCE_SHARE * len(ev))


def relevant_ranks(item: Item, prediction: Prediction) -> list[int]:
    """Return 1-based ranks of retrieved passages holding any of the item's evidence strings."""
    evidence = item.get("evidence") or []
    return [
        rank
        for rank, passage in enumerate(prediction.get("passages") or [], start=1)
        if any(holds(passage["text"], ev) for ev in evidence)
    ]


def hit_at_k(ranks: Sequence[int], k: int) -> float:
    """Return 1.0 when some relevant rank is within the top k, else 0.0."""
    return 1.0 if any(r <= k for r in ranks) else 0.0


def mrr_at_k(ranks: Sequence[int], k: int = 10) -> float:
    """Return the reciprocal of the best relevant rank within the top k (0.0 when none)."""
    top = [r for r in ranks if r <= k]
    return 1.0 / min(top) if top else 0.0


def ndcg_at_k(ranks: Sequence[int], k: int = 10) -> float:
    """Return binary nDCG@k; the ideal ranking has max(1, min(len(ranks), k)) relevant hits."""
    dcg = sum(1.0 / math.log2(r + 1) for r in ranks if r <= k)
    n_ideal = max(1, min(len(ranks), k))
    idcg = sum(1.0 / math.log2(i + 1) for i in range(1, n_ideal + 1))
    return dcg / idcg


def evidence_recall_at_k(item: Item, prediction: Prediction, k: int = 5) -> float | None:
    """Return the share of evidence strings held by a top-k passage (None if no evidence)."""
    evidence = item.get("evidence") or []
    if not evidence:
        return None
    top = [p["text"] for p in (prediction.get("passages") or [])[:k]]
    found = sum(1 for ev in evidence if any(holds(text, ev) for text in top))
    return found / len(evidence)


def keyfact_recall(item: Item, answer_text: str) -> float | None:
    """Return the share of must_contain groups present in the answer (None if no groups)."""
    groups = item.get("must_contain") or []
    if not groups:
        return None
    answer = normalize(clean_answer(answer_text))
    present = sum(1 for group in groups if any(normalize(alt) in answer for alt in group if alt))
    return present / len(groups)


def fully_correct(item: Item, answer_text: str) -> bool | None:
    """Tell whether every must_contain group is present in the answer (None if no groups)."""
    recall = keyfact_recall(item, answer_text)
    return None if recall is None else recall == 1.0


def token_f1(reference: str, answer_text: str) -> float:
    """Return SQuAD-style bag-of-tokens F1 between reference and cleaned answer."""
    ref, pred = tokens(reference), tokens(clean_answer(answer_text))
    if not ref or not pred:
        return float(ref == pred)
    common = sum((Counter(ref) & Counter(pred)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def has_citation(prediction: Prediction) -> bool:
    """Tell whether the prediction carries at least one citation."""
    return bool(prediction.get("citations"))


def citation_precision(item: Item, prediction: Prediction) -> float | None:
    """Return the share of cited passages holding evidence (None without citations/evidence)."""
    citations = prediction.get("citations") or []
    evidence = item.get("evidence") or []
    if not citations or not evidence:
        return None
    good = sum(1 for c in citations if any(holds(c.get("text", ""), ev) for ev in evidence))
    return good / len(citations)


def groundedness(prediction: Prediction) -> float | None:
    """Return the share of citations whose quote is verbatim (whitespace-normalised) in its text."""
    citations = prediction.get("citations") or []
    if not citations:
        return None
    grounded = sum(1 for c in citations if _quote_in_text(c.get("quote", ""), c.get("text", "")))
    return grounded / len(citations)


def _quote_in_text(quote: str, text: str) -> bool:
    """Tell whether a non-empty quote is a case-sensitive, whitespace-normalised substring."""
    q = " ".join(quote.split())
    return bool(q) and q in " ".join(text.split())


def content_tokens(text: str) -> list[str]:
    """Return distinct non-stopword tokens of length >= 3 or containing a digit, in order."""
    seen: dict[str, None] = {}
    for tok in tokens(text):
        if tok not in STOPWORDS and (len(tok) >= 3 or any(ch.isdigit() for ch in tok)):
            seen.setdefault(tok, None)
    return list(seen)


def term_overlap(sentence: str, passage: str) -> float:
    """Return the share of the sentence's content tokens found in the passage (0.0 if none)."""
    content = content_tokens(sentence)
    if not content:
        return 0.0
    passage_tokens = set(tokens(passage))
    return sum(1 for tok in content if tok in passage_tokens) / len(content)


def cited_sentences(answer_text: str) -> list[tuple[str, list[int]]]:
    """Split an answer at [n] markers into (sentence, cited numbers), merging adjacent markers."""
    pairs: list[tuple[str, list[int]]] = []
    start = 0
    text = LEAD_RE.sub("", answer_text)
    for match in MARKER_RE.finditer(text):
        sentence = text[start : match.start()].strip(EDGE_CHARS)
        if not sentence and pairs:
            pairs[-1][1].append(int(match.group(1)))
        else:
            pairs.append((sentence, [int(match.group(1))]))
        start = match.end()
    return pairs


def sentence_supported(sentence: str, passage: str) -> bool:
    """Tell whether a passage supports a sentence verbatim or with term overlap >= 0.8."""
    if sentence and normalize(sentence) in normalize(passage):
        return True
    return term_overlap(sentence, passage) >= SUPPORT_THRESHOLD


def support(prediction: Prediction) -> float | None:
    """Return the share of marked sentences supported by a cited passage (None if no markers)."""
    pairs = cited_sentences(prediction.get("answer") or "")
    if not pairs:
        return None
    texts = {c.get("n"): c.get("text", "") for c in prediction.get("citations") or []}
    supported = sum(
        1
        for sentence, numbers in pairs
        if any(n in texts and sentence_supported(sentence, texts[n]) for n in numbers)
    )
    return supported / len(pairs)


def percentile(values: Sequence[float], p: float) -> float | None:
    """Return the p-th percentile of values with numpy's linear interpolation (None if empty)."""
    return float(np.percentile(np.asarray(values, dtype=float), p)) if len(values) else None


def latency_ms(prediction: Prediction) -> float | None:
    """Return retrieve + answer milliseconds of a prediction (None when timings are missing)."""
    timings = prediction.get("timings_ms") or {}
    if "retrieve" not in timings or "answer" not in timings:
        return None
    return float(timings["retrieve"]) + float(timings["answer"])


def is_answerable(item: Item) -> bool:
    """Tell whether an item is answerable, i.e. has evidence strings."""
    return bool(item.get("evidence"))


def score_item(item: Item, prediction: Prediction) -> dict[str, Any]:
    """Return every per-item metric, None where a metric does not apply; refused answers score 0."""
    answerable, refused = is_answerable(item), bool(prediction.get("refused"))
    answer = prediction.get("answer") or ""
    scores: dict[str, Any] = dict.fromkeys([*RETRIEVAL_KEYS, *ANSWER_KEYS], None)
    scores.update(id=item.get("id"), answerable=answerable, refused=refused, answer_chars=None)
    scores.update(has_citation=has_citation(prediction), citation_precision=None)
    scores.update(groundedness=groundedness(prediction), support=support(prediction))
    scores["latency_ms"] = latency_ms(prediction)
    if not answerable:
        return scores
    ranks = relevant_ranks(item, prediction)
    scores.update({f"hit@{k}": hit_at_k(ranks, k) for k in (1, 3, 5, 10)})
    scores["mrr@10"], scores["ndcg@10"] = mrr_at_k(ranks, 10), ndcg_at_k(ranks, 10)
    scores["evidence_recall@5"] = evidence_recall_at_k(item, prediction, 5)
    scores["citation_precision"] = citation_precision(item, prediction)
    if refused:
        scores.update({"keyfact_recall": 0.0, "fully_correct": False, "token_f1": 0.0})
    else:
        scores["keyfact_recall"] = keyfact_recall(item, answer)
        scores["fully_correct"] = fully_correct(item, answer)
        scores["token_f1"] = token_f1(item.get("answer") or "", answer)
        scores["answer_chars"] = len(clean_answer(answer))
    return scores


def _mean(values: Sequence[Any]) -> float | None:
    """Return the mean of the non-None values as a float (None if there are none)."""
    present = [float(v) for v in values if v is not None]
    return sum(present) / len(present) if present else None


def aggregate(items: Sequence[Item], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Return a flat metrics dict over aligned items and predictions (None if nothing applies)."""
    scores = [score_item(i, p) for i, p in zip(items, predictions, strict=True)]
    ans = [s for s in scores if s["answerable"]]
    unans = [s for s in scores if not s["answerable"]]
    chars = [s["answer_chars"] for s in ans if s["answer_chars"] is not None]
    latencies = [s["latency_ms"] for s in scores if s["latency_ms"] is not None]
    result: dict[str, Any] = {"n": len(scores), "n_answerable": len(ans)}
    result["n_unanswerable"] = len(unans)
    for key in [*RETRIEVAL_KEYS, *ANSWER_KEYS, "citation_precision"]:
        result[key] = _mean([s[key] for s in ans])
    result["answer_chars_median"] = float(np.median(chars)) if chars else None
    result["citation_coverage"] = _mean([s["has_citation"] for s in ans])
    result["groundedness"] = _mean([s["groundedness"] for s in scores])
    result["support"] = _mean([s["support"] for s in scores])
    result["refusal_recall"] = _mean([s["refused"] for s in unans])
    result["false_refusal"] = _mean([s["refused"] for s in ans])
    result["latency_ms_p50"] = percentile(latencies, 50)
    result["latency_ms_p95"] = percentile(latencies, 95)
    return result


def aggregate_by(
    items: Sequence[Item], predictions: Sequence[Prediction], key: str
) -> dict[str, dict[str, Any]]:
    """Return aggregate() per group of item[key] (e.g. "type" or "lang"), groups sorted by name."""
    groups: dict[str, tuple[list[Item], list[Prediction]]] = {}
    for item, prediction in zip(items, predictions, strict=True):
        bucket = groups.setdefault(str(item.get(key)), ([], []))
        bucket[0].append(item)
        bucket[1].append(prediction)
    return {name: aggregate(*groups[name]) for name in sorted(groups)}
