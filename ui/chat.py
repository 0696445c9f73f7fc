"""What the chat does on each event, as plain methods over a pipeline: tested without a browser.

`ui.app` wires these to Gradio events. Gradio itself is imported lazily (only for `gr.skip()`
and `gr.update()`), so importing this module starts nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from rag.errors import VeiviserError
from rag.types import Answer
from ui.feedback import FeedbackLog
from ui.render import (
    INTERNAL_ERROR,
    Turn,
    chat_messages,
    conversation_markdown,
    feedback_record,
    index_line,
    kilder_html,
    reply_markdown,
    scope_choices,
    scope_value,
    status_line,
    stream_chunks,
)

logger = logging.getLogger("ui.chat")

EXPORT_MAX_AGE_S = 3600
SEARCHING = "_Søker i rapporten …_"
CURSOR = " ▍"
THANKS = "Takk! Tilbakemeldingen er lagret."


class Pipeline(Protocol):
    """What the UI needs from `rag.pipeline.Veiviser` (tests pass a fake one)."""

    info: Any
    retriever: Any

    def ask(
        self, question: str, history: Sequence[str] = (), scope: str | None = None
    ) -> Answer: ...


class UserFacingError(Exception):
    """A message for the person asking (the API turns it into `gr.Error`)."""


class PipelineSlot:
    """The pipeline, loaded once per process. Without an index the app still starts: each
    question retries the load, so `veiviser ingest` in another terminal is enough."""

    def __init__(
        self, pipeline: Pipeline | None = None, loader: Callable[[], Pipeline] | None = None
    ) -> None:
        self._pipeline = pipeline
        self._loader = loader
        self._lock = threading.Lock()

    def get(self) -> Pipeline:
        """The pipeline, or the `VeiviserError` that says why there is none (e.g. no index)."""
        if self._pipeline is None:
            with self._lock:
                if self._pipeline is None:
                    if self._loader is None:
                        raise VeiviserError("Ingen pipeline er lastet.")
                    self._pipeline = self._loader()
        return self._pipeline

    def problem(self) -> str | None:
        """Why there is no pipeline, as a user message; None when it is loaded."""
        try:
            self.get()
        except VeiviserError as err:
            return str(err)
        return None


def _gr() -> Any:
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio

    return gradio


class ChatHandlers:
    """One instance per app, shared by all sessions; the conversation lives in `gr.State`."""

    def __init__(
        self,
        slot: PipelineSlot,
        feedback: FeedbackLog,
        export_dir: Path,
        stream_delay: float = 0.1,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.slot = slot
        self.feedback = feedback
        self.export_dir = export_dir
        self.stream_delay = stream_delay
        self.now = now

    # --- asking --------------------------------------------------------------------------

    @staticmethod
    def history(turns: Sequence[Turn]) -> list[str]:
        """Earlier questions as they were asked, for follow-up resolution (the pipeline reads
        each with the one before it, so «Og i 2018?» after «Og i 2019?» keeps the topic)."""
        return [t.question for t in turns if t.answer is not None]

    def answer(self, question: str, turns: Sequence[Turn], scope: str | None) -> Turn:
        """Ask the pipeline; domain errors and internal failures become an error turn."""
        try:
            pipeline = self.slot.get()
            answer = pipeline.ask(question, history=self.history(turns), scope=scope)
        except VeiviserError as err:  # no index, too long, store down: the message says what to do
            return Turn(question, error=str(err), scope=scope)
        except Exception:  # the UI edge: details to the log, a short message to the user
            logger.exception("Svaret feilet for spørsmålet %r", question)
            return Turn(question, error=INTERNAL_ERROR, scope=scope)
        return Turn(question, answer=answer, scope=scope)

    def respond(
        self, question: str | None, scope_choice: str | None, turns: list[Turn] | None
    ) -> Iterator[tuple[Any, ...]]:
        """The chat event, streamed. Yields (textbox, chatbot, kilder, status, turns, download).

        The pipeline answers in one go (extractive); the chat then shows the answer sentence
        by sentence with its `[n]` markers, and the «Kilder» panel as soon as the first is out.
        """
        gr = _gr()
        skip = gr.skip()
        text = (question or "").strip()
        if not text:
            yield skip  # empty input is ignored
            return
        turns = list(turns or [])
        scope = scope_value(scope_choice)
        pending = [*chat_messages(turns, pending=text), {"role": "assistant", "content": SEARCHING}]
        yield "", pending, skip, "Søker i rapporten …", skip, skip

        turn = self.answer(text, turns, scope)
        done = [*turns, turn]
        if turn.answer is not None and not turn.answer.refused:
            chunks = stream_chunks(turn.answer.text)
            for upto in range(1, len(chunks)):
                partial = {"role": "assistant", "content": reply_markdown(turn, upto) + CURSOR}
                kilder = kilder_html(turn) if upto == 1 else skip
                yield skip, [*pending[:-1], partial], kilder, skip, skip, skip
                time.sleep(self.stream_delay)
        yield (
            text if turn.answer is None else skip,  # give a failed question back for editing
            chat_messages(done),
            kilder_html(turn),
            self.status(turn),
            done,
            gr.update(value=str(self.export(done)), interactive=True),
        )

    def status(self, turn: Turn) -> str:
        if turn.answer is None:
            return f"⚠️ {turn.error}"
        return status_line(turn.answer, self.slot.get().info)

    def ask_json(
        self, question: str, scope: str = "", history: Sequence[str] = ()
    ) -> dict[str, Any]:
        """The `/ask` API: the same object `veiviser ask --json` prints. `history` holds the
        conversation's earlier questions, so a follow-up is read as in the chat."""
        if not isinstance(question, str):
            raise UserFacingError(
                "`question` må være tekst, for eksempel «Hvem eier utdanning.no?»."
            )
        if scope is not None and not isinstance(scope, str):
            raise UserFacingError(
                "`scope` må være et kapittel eller delkapittel som tekst («3» eller «3.1»), eller "
                "tomt for hele rapporten; tidligere spørsmål sendes som `history=[…]`."
            )
        history = [history] if isinstance(history, str) else list(history or ())
        if not all(isinstance(h, str) for h in history):
            raise UserFacingError("`history` må være en liste med tidligere spørsmål (tekst).")
        try:
            answer = self.slot.get().ask(question, history=history, scope=scope_value(scope))
        except VeiviserError as err:
            raise UserFacingError(str(err)) from err
        except Exception as err:  # the API edge: details to the log only
            logger.exception("API-svaret feilet for spørsmålet %r", question)
            raise UserFacingError(INTERNAL_ERROR) from err
        return answer.to_json()

    # --- the rest of the page ------------------------------------------------------------

    def vote(self, turns: Sequence[Turn] | None, index: Any, liked: Any) -> str | None:
        """👍/👎 on the assistant message at chat `index`; returns the thank-you, or None when
        the click only cleared a vote or points at nothing."""
        if liked is True:
            vote = "up"
        elif liked is False:
            vote = "down"
        else:
            return None
        position = index[0] if isinstance(index, list | tuple) else index
        turns = list(turns or [])
        if not isinstance(position, int) or not 0 <= position // 2 < len(turns):
            return None
        self.feedback.append(feedback_record(turns[position // 2], vote, self.now()))
        return THANKS

    def selected(self, turns: Sequence[Turn] | None, index: Any) -> tuple[str, Any]:
        """The «Kilder» panel and status line for the message clicked in the chat."""
        position = index[0] if isinstance(index, list | tuple) else index
        turns = list(turns or [])
        if isinstance(position, int) and 0 <= position // 2 < len(turns):
            turn = turns[position // 2]
            return kilder_html(turn), self.status(turn)
        return kilder_html(None), _gr().skip()

    def export(self, turns: Sequence[Turn]) -> Path:
        """Write the conversation as Markdown into a fresh folder; the download serves it.
        Gradio copies it into its own cache, so folders older than an hour are removed."""
        now = self.now()
        self.export_dir.mkdir(parents=True, exist_ok=True)
        for old in self.export_dir.iterdir():
            if time.time() - old.stat().st_mtime > EXPORT_MAX_AGE_S:
                shutil.rmtree(old, ignore_errors=True)
        folder = self.export_dir / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"veiviser-samtale-{now:%Y%m%d-%H%M%S}.md"
        path.write_text(conversation_markdown(turns, now), encoding="utf-8")
        return path

    def page_state(self) -> tuple[str, str | None, list[tuple[str, str]]]:
        """On page load: the status line, a problem to show (or None), the scope choices."""
        problem = self.slot.problem()
        if problem is not None:
            return f"⚠️ {problem}", problem, scope_choices(())
        pipeline = self.slot.get()
        passages, chapters = pipeline.retriever.passages, pipeline.info.chapters
        return index_line(pipeline.info), None, scope_choices(passages, chapters)
