"""`veiviser ingest | ask | serve | eval`. The only place errors become messages and exit codes."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from rag.errors import QuestionError, VeiviserError
from rag.settings import Settings, load_settings
from rag.types import Answer

USAGE_ERROR = 2


@contextmanager
def _user_errors(debug: bool) -> Iterator[None]:
    """Domain errors become one line on stderr and exit code 2; tracebacks only with --debug."""
    try:
        yield
    except VeiviserError as err:
        if debug:
            raise
        click.echo(f"Feil: {err}", err=True)
        sys.exit(USAGE_ERROR)
    except KeyboardInterrupt:
        click.echo("Avbrutt.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # the reader stopped reading (`… | head`): what is left goes nowhere, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


@click.group()
@click.option("--debug", is_flag=True, help="Show full tracebacks.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Veiviser: cited answers from «Karriereveiledning – et kunnskapsgrunnlag»."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING)
    import bm25s  # noqa: F401  (it sets its own logger to DEBUG on import; quiet it after)

    for noisy in ("bm25s", "chromadb", "httpx"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.WARNING)
    ctx.obj = {"debug": debug, "settings": load_settings}


def _settings(ctx: click.Context) -> Settings:
    factory: Callable[[], Settings] = ctx.obj["settings"]
    return factory()


@cli.command()
@click.option("--force", is_flag=True, help="Rebuild even when the index is up to date.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx: click.Context, force: bool, quiet: bool) -> None:
    """Build the index from the corpus folder (does nothing when it is up to date)."""
    from ingest.run import ingest as run_ingest

    with _user_errors(ctx.obj["debug"]):
        report = run_ingest(_settings(ctx), force=force, progress=not quiet)
        click.echo(report.summary())


@cli.command()
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="One question per line, read as a conversation (a blank line starts a new one); "
    "one JSON object per question, in order.",
)
@click.option("--scope", help="Limit retrieval to a chapter (3) or section (3.1).")
@click.pass_context
def ask(
    ctx: click.Context, question: str | None, as_json: bool, file: Path | None, scope: str | None
) -> None:
    """Answer QUESTION from the report, with numbered sources."""
    from rag.pipeline import Veiviser, check_question

    with _user_errors(ctx.obj["debug"]):
        if file is None and question is None:
            raise QuestionError("Skriv et spørsmål, eller bruk --file med ett spørsmål per linje.")
        if file is not None and question is not None:
            raise QuestionError("Bruk enten et spørsmål eller --file, ikke begge.")
        settings = _settings(ctx)
        # before the index loads: what is wrong with the question does not depend on one
        if question is not None:
            check_question(question, settings.max_question_chars)
        lines = _read_lines(file) if file is not None else []
        veiviser = Veiviser.open(settings)
        if file is None:
            answer = veiviser.ask(question or "", scope=scope)
            click.echo(_dumps(answer.to_json()) if as_json else render_text(answer))
            return
        history: list[str] = []
        for line in lines:
            if not line.strip():  # a blank line ends a conversation
                history = []
                continue
            click.echo(_dumps(_ask_line(veiviser, line, scope, history)))


def _ask_line(veiviser: Any, line: str, scope: str | None, history: list[str]) -> dict[str, Any]:
    """One line of --file, read as the next turn of a conversation (so «Og i 2019?» follows
    the line before it); a bad question yields an error object instead of stopping the run."""
    try:
        answer: Answer = veiviser.ask(line, history=history, scope=scope)
        history.append(line)
        return answer.to_json()
    except QuestionError as err:
        return {"question": line, "error": str(err)}


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is no question
    except UnicodeDecodeError as err:
        raise QuestionError(f"{path} er ikke UTF-8 (lagre filen som UTF-8).") from err
    except OSError as err:
        raise QuestionError(f"Kan ikke lese {path}: {err.strerror}.") from err
    return text.splitlines()


def _dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def render_text(answer: Answer) -> str:
    """The answer, then its numbered sources with section and quoted sentence."""
    lines = [answer.text, ""]
    if answer.citations:
        lines.append("Kilder:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.passage.section}")
            lines.append(f"    «{' '.join(c.quote.split())}»")
    else:
        lines.append("Nærmeste passasjer:")
        for h in answer.hits[:3]:
            lines.append(f"- {h.passage.section}: {' '.join(h.passage.text[:160].split())}…")
    return "\n".join(lines)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7860, show_default=True, type=int, envvar="GRADIO_SERVER_PORT")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Start the chat in the browser (Gradio)."""
    from ui.app import serve as run_server

    with _user_errors(ctx.obj["debug"]):
        run_server(_settings(ctx), host=host, port=port)


@cli.command(name="eval")
@click.option("--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--split", type=click.Choice(["dev", "test", "all"]), default="test", show_default=True
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--baseline", is_flag=True, help="Also run the LangChain-tutorial baseline.")
@click.option("--compare", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def evaluate(
    ctx: click.Context,
    dataset: Path | None,
    split: str,
    out: Path | None,
    baseline: bool,
    compare: Path | None,
) -> None:
    """Measure retrieval, answers, citations and refusals on a reference set."""
    from eval.runner import run_eval

    with _user_errors(ctx.obj["debug"]):
        summary = run_eval(
            _settings(ctx),
            dataset=dataset,
            split=split,
            out=out,
            baseline=baseline,
            compare=compare,
        )
        click.echo(summary)


def main() -> None:
    cli(prog_name="veiviser")
