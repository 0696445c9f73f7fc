"""The optional language-model answerer: what the model writes is checked against the report."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from pydantic import ValidationError

from ingest.run import ingest
from rag.answer import REFUSAL, ExtractiveAnswerer
from rag.errors import LLMError
from rag.generate import GenerativeAnswerer, make_chat_model
from rag.pipeline import Veiviser
from rag.retrieve import Retrieval
from rag.settings import Settings
from rag.text import terms
from rag.types import Hit
from tests.conftest import free_port, passage

USERS = (
    "I alt 23 636 personer var til individuell karriereveiledning ved offentlig "
    "karrieresenter i 2020. Det var en jevn økning fra 2019."
)
PRISONS = (
    "Mer enn 60 prosent hadde mindre enn halv stilling som rådgiver i fengselsundervisningen. "
    "Skolen i fengselet er en avdeling under den videregående skolen."
)
NAV = "NAV gir karriereorientert veiledning til brukere som trenger det."


PASSAGES = [
    passage("3.1-00", USERS, "3.1", "Bruken av tilbudet og brukererfaringer"),
    passage("8.2-00", PRISONS, "8.2", "Kompetanse og kompetansebehov"),
    passage("6-00", NAV, "6", "«Karriereorientert veiledning» i NAV"),
]


class _Refuses(FakeListChatModel):
    """A chat model that must not be asked."""

    def invoke(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the model was asked")


class _Down(FakeListChatModel):
    """A chat model whose server is gone."""

    def invoke(self, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("Connection refused")


def _answerer(embedder: Embeddings, chat: BaseChatModel) -> GenerativeAnswerer:
    settings = Settings(
        refusal_threshold=-1.0, refusal_threshold_en=-1.0, answerer="openai:testmodell"
    )
    df: dict[str, int] = {}
    for p in PASSAGES:
        for t in set(terms(p.text)):
            df[t] = df.get(t, 0) + 1
    fallback = ExtractiveAnswerer(embedder, settings, df, len(PASSAGES))
    return GenerativeAnswerer(chat, fallback, settings)


def _ask(embedder: Embeddings, reply: str | BaseChatModel, question: str) -> Any:
    chat = reply if isinstance(reply, BaseChatModel) else FakeListChatModel(responses=[reply])
    hits = [Hit(p, 1.0 / (60 + r), r) for r, p in enumerate(PASSAGES, start=1)]
    retrieval = Retrieval(hits, embedder.embed_query(question), question)
    return _answerer(embedder, chat).answer(question, retrieval, terms(question))


def _quotes_are_verbatim(citations: Sequence[Any]) -> None:
    for c in citations:
        assert c.quote and c.quote in c.passage.text


# --- checking the model's reply ------------------------------------------------------------


def test_a_supported_cited_sentence_is_kept_with_a_verbatim_quote(
    fake_embedder: Embeddings,
) -> None:
    reply = "I 2020 fikk 23 636 personer individuell karriereveiledning ved karrieresentrene [1]."
    draft = _ask(fake_embedder, reply, "Hvor mange fikk veiledning i 2020?")
    assert not draft.refused
    assert draft.text == (
        "I 2020 fikk 23 636 personer individuell karriereveiledning ved karrieresentrene. [1]"
    )
    assert [(c.n, c.passage.id) for c in draft.citations] == [(1, "rapport#3.1-00")]
    assert draft.citations[0].quote.startswith("I alt 23 636 personer")
    _quotes_are_verbatim(draft.citations)


def test_markers_are_renumbered_by_first_use(fake_embedder: Embeddings) -> None:
    reply = (
        "Mer enn 60 prosent av rådgiverne i fengselsundervisningen hadde mindre enn halv "
        "stilling [2]. Karrieresentrene hadde 23 636 personer til veiledning i 2020 [1]."
    )
    draft = _ask(fake_embedder, reply, "Hvor stor stilling har rådgiverne?")
    assert [(c.n, c.passage.id) for c in draft.citations] == [
        (1, "rapport#8.2-00"),
        (2, "rapport#3.1-00"),
    ]
    assert draft.text.index("[1]") < draft.text.index("[2]")
    _quotes_are_verbatim(draft.citations)


@pytest.mark.parametrize(
    ("reply", "kept", "dropped"),
    [
        (  # a number no cited passage holds
            "I 2020 fikk 23 636 personer individuell karriereveiledning [1]. "
            "I 2021 fikk 30 000 personer individuell karriereveiledning [1].",
            "23 636",
            "30 000",
        ),
        (  # words the cited passage does not have
            "NAV gir karriereorientert veiledning til brukere [3]. "
            "Veilederne i NAV har master i karriereveiledning fra Lillehammer [3].",
            "NAV gir karriereorientert veiledning",
            "Lillehammer",
        ),
    ],
)
def test_a_sentence_its_cited_passage_does_not_support_is_dropped(
    fake_embedder: Embeddings, reply: str, kept: str, dropped: str
) -> None:
    draft = _ask(fake_embedder, reply, "Hva fikk brukerne?")
    assert kept in draft.text
    assert dropped not in draft.text


def test_a_marker_beyond_the_shown_passages_is_dropped(fake_embedder: Embeddings) -> None:
    reply = "NAV gir karriereorientert veiledning til brukere [3]. NAV gir veiledning [9]."
    draft = _ask(fake_embedder, reply, "Hva gjør NAV?")
    assert "[9]" not in draft.text
    assert [c.n for c in draft.citations] == [1]


def test_an_unmarked_sentence_borrows_the_next_marker_of_its_paragraph(
    fake_embedder: Embeddings,
) -> None:
    reply = (
        "Skolen i fengselet er en avdeling under den videregående skolen. "
        "Mer enn 60 prosent hadde mindre enn halv stilling som rådgiver. [2]"
    )
    draft = _ask(fake_embedder, reply, "Hvordan er skolen i fengsel organisert?")
    assert draft.text.count("[1]") == 2
    assert "Skolen i fengselet" in draft.text


def test_the_model_saying_the_report_does_not_answer_is_a_refusal(
    fake_embedder: Embeddings,
) -> None:
    draft = _ask(fake_embedder, REFUSAL, "Hva synes arbeidsgivere om NAV?")
    assert draft.refused
    assert draft.text == REFUSAL
    assert draft.citations == ()


def test_a_reply_with_nothing_supported_gives_the_extractive_answer(
    fake_embedder: Embeddings,
) -> None:
    draft = _ask(fake_embedder, "Det vet jeg ikke sikkert.", "Hvor mange fikk veiledning i 2020?")
    assert not draft.refused
    assert draft.citations
    for c in draft.citations:  # extractive: every quote stands verbatim in the answer
        assert c.quote in draft.text
    assert draft.by == "extractive (openai:testmodell uten støtte)"


def test_a_question_naming_what_no_passage_mentions_is_refused_without_asking(
    fake_embedder: Embeddings,
) -> None:
    draft = _ask(fake_embedder, _Refuses(responses=["x"]), "Hvor mange brukere hadde Bodø?")
    assert draft.refused


def test_a_model_that_cannot_be_reached_is_an_error_that_says_what_to_do(
    fake_embedder: Embeddings,
) -> None:
    with pytest.raises(LLMError, match="VEIVISER_ANSWERER=extractive"):
        _ask(fake_embedder, _Down(responses=["x"]), "Hva gjør NAV?")


@pytest.mark.parametrize("value", ["gpt-4", "openai:", "ollama:llama3"])
def test_the_answerer_setting_is_validated(value: str) -> None:
    with pytest.raises(ValidationError):
        Settings(answerer=value)


# --- a real OpenAI-compatible HTTP server on 127.0.0.1 -------------------------------------


class _Server:
    """A minimal OpenAI-compatible chat server that answers every request with one reply."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                server.requests.append({"path": self.path, **json.loads(self.rfile.read(length))})
                body = json.dumps(
                    {
                        "id": "chatcmpl-1",
                        "object": "chat.completion",
                        "created": 0,
                        "model": "testmodell",
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": server.reply},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@pytest.fixture
def chat_server() -> Iterator[_Server]:
    server = _Server("Karrieresentrene hadde 23 636 brukere i 2020 [1].")
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def test_the_pipeline_answers_through_an_openai_compatible_server(
    small_settings: Settings, fake_embedder: Embeddings, chat_server: _Server
) -> None:
    ingest(small_settings, embedder=fake_embedder, progress=False)
    settings = small_settings.model_copy(
        update={"answerer": "openai:testmodell", "llm_url": chat_server.url}
    )
    veiviser = Veiviser.open(settings, embedder=fake_embedder)
    answer = veiviser.ask("Hvor mange brukere hadde karrieresentrene i 2020?")
    assert answer.text == "Karrieresentrene hadde 23 636 brukere i 2020. [1]"
    assert "23 636" in answer.citations[0].quote
    assert answer.citations[0].passage in [h.passage for h in answer.hits]
    (request,) = chat_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["model"] == "testmodell"
    prompt = request["messages"][-1]["content"]
    assert "Hvor mange brukere hadde karrieresentrene i 2020?" in prompt
    assert "[1] " in prompt and "23 636" in prompt
    assert answer.answered_by == "openai:testmodell"


def test_a_server_that_is_not_running_is_an_error(
    small_settings: Settings, fake_embedder: Embeddings
) -> None:
    ingest(small_settings, embedder=fake_embedder, progress=False)
    settings = small_settings.model_copy(
        update={
            "answerer": "openai:testmodell",
            "llm_url": f"http://127.0.0.1:{free_port()}/v1",
            "llm_timeout": 5.0,
        }
    )
    veiviser = Veiviser.open(settings, embedder=fake_embedder)
    with pytest.raises(LLMError, match="Språkmodellen svarte ikke"):
        veiviser.ask("Hva gjør NAV?")


def test_the_chat_model_is_made_from_the_settings() -> None:
    chat = make_chat_model(
        Settings(answerer="openai:llama3.1", llm_url="http://127.0.0.1:11434/v1", llm_timeout=9)
    )
    assert chat.model_name == "llama3.1"  # type: ignore[attr-defined]
    assert chat.openai_api_base == "http://127.0.0.1:11434/v1"  # type: ignore[attr-defined]
