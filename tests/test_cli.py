"""veiviser/cli.py through click's runner: exit codes, user messages, and the --json contract."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from rag.errors import NoIndexError
from rag.settings import Settings
from veiviser.cli import cli

REPORT = (
    Path(__file__).resolve().parent.parent / "corpus" / "karriereveiledning-kunnskapsgrunnlag.txt"
)
NO_INDEX = "Ingen indeks funnet — kjør `veiviser ingest`"
QUESTION = "Hvor mange brukere hadde karrieresentrene i 2020?"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ask_file(folder: Path, text: str, encoding: str = "utf-8") -> list[dict[str, Any]]:
    """`ask --json --file` on a file holding `text`: the objects it prints."""
    questions = folder / "spørsmål.txt"
    questions.write_text(text, encoding=encoding)
    result = run("ask", "--json", "--file", str(questions))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _assert_user_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Feil: ")
    for needle in needles:
        assert needle in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_ask_without_an_index_exits_2_and_says_to_ingest() -> None:
    _assert_user_error(run("ask", QUESTION), NO_INDEX)


def test_ask_json_without_an_index_exits_2_too() -> None:
    _assert_user_error(run("ask", "--json", QUESTION), NO_INDEX)


def test_asking_makes_no_store_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "nowhere"
    monkeypatch.setenv("VEIVISER_STORE_DIR", str(store))
    _assert_user_error(run("ask", QUESTION), NO_INDEX)
    assert not store.exists()


def test_a_damaged_store_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "chroma").mkdir()
    (tmp_path / "chroma" / "chroma.sqlite3").write_text("garbage", encoding="utf-8")
    monkeypatch.setenv("VEIVISER_STORE_DIR", str(tmp_path))
    _assert_user_error(run("ask", QUESTION), "slett mappen", "veiviser ingest")


def test_debug_shows_the_real_exception() -> None:
    result = run("--debug", "ask", QUESTION)
    assert result.exit_code != 0
    assert isinstance(result.exception, NoIndexError)


@pytest.mark.parametrize("question", ["", "   ", "\t\n "])
def test_an_empty_question_exits_2(question: str) -> None:
    _assert_user_error(run("ask", question), "tomt")


def test_a_question_without_words_exits_2() -> None:
    _assert_user_error(run("ask", "🙂"), "ingen ord")


def test_no_question_at_all_exits_2() -> None:
    _assert_user_error(run("ask"), "--file")


def test_a_question_over_2000_characters_exits_2_naming_the_limit() -> None:
    result = run("ask", "a" * 2001)
    _assert_user_error(result, "2000")
    assert "2001" in result.stderr


def test_a_question_of_exactly_2000_characters_passes_the_length_check() -> None:
    # It gets as far as looking for the index.
    _assert_user_error(run("ask", "a" * 2000), NO_INDEX)


def test_question_and_file_together_exit_2(tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text(QUESTION + "\n", encoding="utf-8")
    _assert_user_error(run("ask", QUESTION, "--file", str(questions)), "--file")


def test_a_non_utf8_corpus_file_exits_2_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "latin1-rapport.txt").write_bytes("Rådgivning i skolen.\n".encode("latin-1"))
    monkeypatch.setenv("VEIVISER_CORPUS_DIR", str(corpus))
    _assert_user_error(run("ingest", "--quiet"), "latin1-rapport.txt", "UTF-8")


def test_a_missing_corpus_folder_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEIVISER_CORPUS_DIR", str(tmp_path / "borte"))
    _assert_user_error(run("ingest", "--quiet"), "VEIVISER_CORPUS_DIR")


# --- with the real index -------------------------------------------------------------------


@pytest.mark.integration
def test_ask_prints_an_answer_with_numbered_sources(real_settings: Settings) -> None:
    result = run("ask", QUESTION)
    assert result.exit_code == 0, result.output
    out = result.stdout
    answer, _, sources = out.partition("\nKilder:\n")
    assert "[1]" in answer
    assert "23 636" in answer
    assert re.search(r"^\[1\] \S", sources, re.MULTILINE), sources
    assert re.search(r"^    «.+»$", sources, re.MULTILINE), sources


@pytest.mark.integration
def test_ask_json_is_the_answer_contract_exactly(real_settings: Settings) -> None:
    result = run("ask", "--json", QUESTION)
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == {"question", "answer", "refused", "citations", "passages", "timings_ms"}
    assert data["question"] == QUESTION
    assert data["refused"] is False
    assert isinstance(data["answer"], str) and data["answer"]

    citations = data["citations"]
    assert citations
    for c in citations:
        assert set(c) == {"n", "chunk_id", "section", "text", "quote"}
        assert isinstance(c["n"], int)
        assert c["quote"] and c["quote"] in c["text"]
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}
    assert numbers
    assert numbers <= {c["n"] for c in citations}

    passages = data["passages"]
    assert len(passages) >= 10
    for p in passages:
        assert set(p) == {"chunk_id", "section", "text", "score"}
        assert isinstance(p["score"], float)
    ids = [p["chunk_id"] for p in passages]
    assert len(ids) == len(set(ids))
    assert {c["chunk_id"] for c in citations} <= set(ids)
    by_id = {p["chunk_id"]: p for p in passages}
    for c in citations:
        assert by_id[c["chunk_id"]]["text"] == c["text"]
        assert by_id[c["chunk_id"]]["section"] == c["section"]

    assert set(data["timings_ms"]) == {"retrieve", "answer"}
    assert all(v >= 0 for v in data["timings_ms"].values())


@pytest.mark.integration
def test_ask_json_file_prints_one_object_per_question_in_order(
    real_settings: Settings, tmp_path: Path
) -> None:
    questions = [
        QUESTION,
        "Hva er Rådgivningsløftet i Oslo?",
        "Hvilken kompetanse har rådgiverne i kriminalomsorgen?",
    ]
    objects = ask_file(tmp_path, f"{questions[0]}\n\n   \n{questions[1]}\n\t\n{questions[2]}\n")
    assert [o["question"] for o in objects] == questions
    for o in objects:
        assert set(o) == {"question", "answer", "refused", "citations", "passages", "timings_ms"}


@pytest.mark.integration
def test_ingest_on_an_up_to_date_index_does_nothing(
    real_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)  # the same bytes the session index was built from
    monkeypatch.setenv("VEIVISER_CORPUS_DIR", str(corpus))
    from rag.store import Store

    before = Store(real_settings).active()
    result = run("ingest", "--quiet")
    assert result.exit_code == 0, result.output
    assert "ingenting å gjøre" in result.stdout
    assert Store(real_settings).active() == before


@pytest.mark.integration
def test_ask_json_file_reads_a_follow_up_with_the_line_before_it(
    real_settings: Settings, tmp_path: Path
) -> None:
    # saved with a byte-order mark, as some Windows editors do
    text = "Hvor mange unike brukere hadde Oslo i 2020?\nOg i 2019?\n"
    first, second = ask_file(tmp_path, text, encoding="utf-8-sig")
    assert first["question"] == "Hvor mange unike brukere hadde Oslo i 2020?"
    assert second["question"] == "Og i 2019?"  # shown as typed
    assert not second["refused"]
    assert "Oslo 68" in second["answer"]  # Tabell 1: Oslo had 68 unique users in 2019


@pytest.mark.integration
def test_ask_json_file_starts_a_new_conversation_at_a_blank_line(
    real_settings: Settings, tmp_path: Path
) -> None:
    first, second = ask_file(
        tmp_path, "Hvor mange unike brukere hadde Oslo i 2020?\n\nOg i 2019?\n"
    )
    assert "answer" in first
    assert "skriv hele spørsmålet" in second["error"]  # nothing before it to follow up


def test_a_missing_question_file_exits_2_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "borte.txt"
    _assert_user_error(run("ask", "--file", str(missing)), "borte.txt")


def test_a_bad_setting_exits_2_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEIVISER_TOP_K", "mange")
    _assert_user_error(run("ask", QUESTION), "VEIVISER_TOP_K")


def test_a_malformed_settings_file_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "veiviser.toml"
    bad.write_text("top_k = [\n", encoding="utf-8")
    monkeypatch.setenv("VEIVISER_SETTINGS_FILE", str(bad))
    _assert_user_error(run("ask", QUESTION), "innstillingsfilen")


def test_serve_takes_its_port_from_gradio_server_port(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_serve(settings: Settings, host: str, port: int) -> None:
        seen.update(host=host, port=port)

    monkeypatch.setattr("ui.app.serve", fake_serve)
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7901")
    result = run("serve")
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 7901}


def test_a_reader_that_stops_reading_ends_the_run_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `veiviser ask --file … | head`: the pipe closes; exit 0, no traceback
    from veiviser.cli import _user_errors

    with (tmp_path / "out").open("w") as out:
        monkeypatch.setattr("sys.stdout", out)
        with pytest.raises(SystemExit) as ended, _user_errors(debug=False):
            raise BrokenPipeError
    assert ended.value.code == 0
