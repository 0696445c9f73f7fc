"""The Gradio Blocks app: `build_app(pipeline, settings)` wires `ui.chat` to a page; `serve()`
starts it on loopback. Gradio is imported inside these functions (analytics switched off
first), so importing this module has no side effects."""

# No `from __future__ import annotations` here: Gradio reads the real type hints of the
# `/ask` endpoint and of the event-data parameters (gr.LikeData, gr.SelectData).

import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.errors import VeiviserError
from rag.settings import Settings
from ui.chat import ChatHandlers, Pipeline, PipelineSlot, UserFacingError
from ui.feedback import FeedbackLog
from ui.render import EXAMPLES, REPORT, WHOLE_REPORT_VALUE, Turn, kilder_html

if TYPE_CHECKING:
    import gradio as gr

logger = logging.getLogger("ui.app")

DEFAULT_CONCURRENCY = 4  # the pipeline is CPU-bound; more parallel asks only share 2 cores
QUEUE_SIZE = 200
TITLE = "Veiviser – karriereveiledning"
INTRO = (
    f"**Veiviser** svarer på spørsmål om rapporten {REPORT} med kildehenvisninger [n] — "
    "skriv et spørsmål eller klikk et eksempel, og se de siterte passasjene under «Kilder»."
)
PLACEHOLDER = (
    "**Spør om karriereveiledning i Norge** — karrieresentrene, rådgivning i skolen, NAV, "
    "kompetansekrav, samarbeid og evalueringer.\n\nHvert svar er setninger sitert fra "
    "rapporten. Svaret står ikke i rapporten? Da sier Veiviser fra i stedet for å gjette."
)
CSS = """
.gradio-container { max-width: 1280px !important; }
#vv-intro p { font-size: 1.02rem; margin: 0; }
#vv-banner { border-left: 4px solid #d97706; background: #fffbeb; color: #78350f;
  padding: .5rem 1rem; border-radius: 6px; }
.vv-label { display: inline-block; font-size: .75rem; font-weight: 600; line-height: 1.4;
  padding: .05rem .5rem; border-radius: 999px; margin-right: .35rem; }
.vv-label-refusal { background: #fef3c7; color: #92400e; border: 1px solid #f59e0b; }
.vv-label-error { background: #fee2e2; color: #991b1b; border: 1px solid #ef4444; }
#vv-kilder { max-height: 760px; overflow-y: auto; padding-right: .25rem; }
.vv-kilder-title { margin: 0 0 .5rem; font-size: 1.15rem; font-weight: 700; }
.vv-kilder ol { list-style: none; padding: 0; margin: 0; }
.vv-source, .vv-hit { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .55rem .75rem; margin-bottom: .6rem; background: var(--block-background-fill); }
.vv-source { border-left: 4px solid var(--color-accent); }
.vv-source-head { font-weight: 600; margin-bottom: .3rem; }
.vv-n { color: var(--color-accent); margin-right: .2rem; }
.vv-rank { color: var(--body-text-color-subdued); margin-right: .2rem; }
.vv-passage { font-size: .88rem; line-height: 1.5; color: var(--body-text-color);
  white-space: pre-line; }
.vv-passage mark { background: #fde68a; color: #1f2937; padding: 0 .1rem; border-radius: 2px; }
.vv-more summary { cursor: pointer; font-weight: 600; margin: .5rem 0; }
.vv-refusal-note { background: #fffbeb; border-left: 4px solid #f59e0b; color: #92400e;
  padding: .45rem .75rem; border-radius: 4px; }
.vv-muted { color: var(--body-text-color-subdued); }
#vv-examples { gap: .35rem; }
#vv-examples-title p { margin: .25rem 0 0; font-size: .9rem; }
button.vv-example { justify-content: flex-start; text-align: left; white-space: normal;
  font-weight: 400; height: auto; min-height: 0; padding: .3rem .6rem; }
#vv-status { font-size: .85rem; color: var(--body-text-color-subdued); }
#vv-status p { margin: 0; }
"""


def build_app(
    pipeline: Pipeline | None,
    settings: Settings,
    *,
    loader: Callable[[], Pipeline] | None = None,
    stream_delay: float = 0.1,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> "gr.Blocks":
    """The chat page over any object with the `Veiviser` interface (or a `loader` for one:
    without an index the page still opens and says which command to run)."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio as gr

    handlers = ChatHandlers(
        PipelineSlot(pipeline, loader),
        FeedbackLog(settings.store_dir / "feedback.jsonl"),
        Path(tempfile.mkdtemp(prefix="veiviser-export-")),
        stream_delay=stream_delay,
    )
    status_text, problem, choices = handlers.page_state()
    if problem is not None:
        logger.warning("Veiviser kan ikke svare ennå: %s", problem)

    def on_like(turns: list[Turn], data: gr.LikeData) -> None:
        if handlers.vote(turns, data.index, data.liked):
            gr.Info("Takk! Tilbakemeldingen er lagret.", duration=3)

    def on_select(turns: list[Turn], data: gr.SelectData) -> tuple[str, Any]:
        return handlers.selected(turns, data.index)

    def on_load() -> tuple[Any, ...]:
        status, problem, choices = handlers.page_state()
        banner_update = gr.update(value=_banner_text(problem), visible=problem is not None)
        return status, banner_update, gr.update(choices=choices)

    def reset() -> tuple[Any, ...]:
        status, _, _ = handlers.page_state()
        return "", [], kilder_html(None), status, [], gr.update(value=None, interactive=False)

    def ask(question: str, scope: str = "", history: list[str] | None = None) -> dict[str, Any]:
        """Answer a question from the report: the same JSON object as `veiviser ask --json`.

        Args:
            question: the question, in Norwegian or English.
            scope: optional chapter ("3") or section ("3.1"); empty for the whole report.
            history: earlier questions of the conversation, oldest first, so that a follow-up
                («Og i 2019?») is read with them; pass each answer's own question back.
        """
        try:
            return handlers.ask_json(question, scope, history or ())
        except UserFacingError as err:
            raise gr.Error(str(err), print_exception=False) from err

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        turns = gr.State([])
        gr.Markdown(INTRO, elem_id="vv-intro")
        banner = gr.Markdown(
            _banner_text(problem), visible=problem is not None, elem_id="vv-banner"
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                chatbot = gr.Chatbot(
                    label="Samtale",
                    show_label=False,
                    height=540,
                    placeholder=PLACEHOLDER,
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy"],
                    elem_id="vv-chat",
                )
                with gr.Row(equal_height=True):
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="Skriv et spørsmål om rapporten …",
                        max_lines=6,
                        autofocus=True,
                        scale=6,
                        elem_id="vv-question",
                    )
                    send = gr.Button("Spør", variant="primary", scale=1, min_width=80)
                with gr.Row(equal_height=False):
                    scope = gr.Dropdown(
                        choices=choices,
                        value=WHOLE_REPORT_VALUE,
                        label="Avgrens til kapittel",
                        interactive=True,
                        scale=3,
                        elem_id="vv-scope",
                    )
                    with gr.Column(scale=2, min_width=200):
                        download = gr.DownloadButton(
                            "Last ned samtale", interactive=False, size="md", elem_id="vv-download"
                        )
                        clear = gr.Button("Ny samtale", size="md", elem_id="vv-clear")
                with gr.Column(elem_id="vv-examples"):
                    gr.Markdown("**Eksempler** – klikk for å spørre:", elem_id="vv-examples-title")
                    example_buttons = [
                        (gr.Button(q, size="sm", elem_classes="vv-example"), q) for q in EXAMPLES
                    ]
            with gr.Column(scale=2, min_width=320):
                kilder = gr.HTML(kilder_html(None), elem_id="vv-kilder")
        status = gr.Markdown(status_text, elem_id="vv-status")

        outputs = [question, chatbot, kilder, status, turns, download]
        asking: dict[str, Any] = {
            "outputs": outputs,
            "concurrency_limit": concurrency,
            "concurrency_id": "pipeline",
            "api_visibility": "private",
            "show_progress": "hidden",
        }
        question.submit(handlers.respond, [question, scope, turns], **asking)
        send.click(handlers.respond, [question, scope, turns], **asking)
        for button, example in example_buttons:
            button.click(_asker(handlers, example), [scope, turns], **asking)
        cheap: dict[str, Any] = {"concurrency_limit": None, "api_visibility": "private"}
        chatbot.like(on_like, [turns], None, **cheap)
        chatbot.select(on_select, [turns], [kilder, status], **cheap)
        clear.click(reset, None, outputs, **cheap)
        chatbot.clear(reset, None, outputs, **cheap)  # the chat's own 🗑 starts over too
        demo.load(on_load, None, [status, banner, scope], **cheap)
        gr.api(ask, api_name="ask", concurrency_limit=concurrency, concurrency_id="pipeline")
    return demo.queue(default_concurrency_limit=concurrency, max_size=QUEUE_SIZE)


def _asker(
    handlers: ChatHandlers, question: str
) -> Callable[[str | None, list[Turn] | None], Iterator[tuple[Any, ...]]]:
    """The chat event for one example button: ask `question` as if it had been typed."""

    def ask_example(
        scope_choice: str | None, turns: list[Turn] | None
    ) -> Iterator[tuple[Any, ...]]:
        yield from handlers.respond(question, scope_choice, turns)

    return ask_example


def _banner_text(problem: str | None) -> str:
    """The warning above the chat when there is no usable index."""
    return f"**Veiviser kan ikke svare ennå.** {problem}" if problem else ""


def theme() -> Any:
    """A calm theme with bundled fonts (nothing is fetched from the internet)."""
    import gradio as gr

    return gr.themes.Soft(primary_hue="teal", secondary_hue="amber", neutral_hue="slate")


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start the chat on `host:port` (loopback by default; never a public share link)."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    _log_to_file(settings.store_dir / "ui.log")
    from rag.pipeline import Veiviser

    demo = build_app(None, settings, loader=lambda: Veiviser.open(settings))
    try:
        _, url, _ = launch(demo, host, port)
    except OSError as err:
        if "empty port" in str(err):
            raise VeiviserError(
                f"Porten {port} er i bruk. Velg en annen: `veiviser serve --port {port + 1}`."
            ) from err
        raise VeiviserError(f"Kan ikke starte serveren på {host}:{port}: {err}") from err
    print(f"Veiviser kjører på {url} (Ctrl+C stopper).", flush=True)
    demo.block_thread()


def launch(demo: "gr.Blocks", host: str, port: int) -> tuple[Any, str, Any]:
    """Start `demo` in the background: loopback unless told otherwise, no share link, no
    telemetry, no monitoring or MCP endpoints; only the documented `/ask` API."""
    return demo.launch(
        server_name=host,
        server_port=port,
        share=False,
        inbrowser=False,
        prevent_thread_lock=True,
        quiet=True,
        show_error=False,
        footer_links=["api"],
        enable_monitoring=False,
        mcp_server=False,
        ssr_mode=False,
        run_history=False,
        theme=theme(),
        css=CSS,
    )


def _log_to_file(path: Path) -> None:
    """UI errors (with tracebacks) also go to `<store_dir>/ui.log`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    ui_logger = logging.getLogger("ui")
    ui_logger.addHandler(handler)
    ui_logger.setLevel(logging.INFO)
