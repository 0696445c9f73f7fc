"""`python -m eval.bench`: ingest throughput, query latency, cold start, memory, UI load.

Run by `make bench` after `veiviser ingest --quiet`. Numbers are printed, never asserted.
Use `--no-load` to skip the UI load check (it starts the real server on a free port).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from langchain_core.embeddings import Embeddings

from eval.dataset import DATA_DIR, load_items
from eval.metrics import percentile
from rag.embeddings import make_embedder
from rag.errors import VeiviserError
from rag.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
STORE_BATCH = 32  # rag.store embeds in batches of this size; the raw run does the same
BUILTIN_QUESTIONS = (
    "Hvor mange brukere hadde karrieresentrene i 2020?",
    "Hva er Rådgivningsløftet i Oslo?",
    "Hvilken kompetanse har rådgiverne i skolen?",
    "Hva er HK-dir sitt ansvar for karriereveiledning?",
    "Hvordan samarbeider NAV med karrieresentrene?",
    "What does the report say about career guidance in prisons?",
)
Row = tuple[str, str, str]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__)
    parser.add_argument("--no-load", action="store_true", help="Skip the UI load check.")
    parser.add_argument("--questions", type=int, default=30, help="Warm queries to time.")
    parser.add_argument("--clients", type=int, default=20, help="Concurrent UI calls.")
    args = parser.parse_args(argv)
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = load_settings()  # defaults → settings file → environment
    rows: list[Row] = []
    try:
        questions = _questions(args.questions)
        # Cold start first, while this process is still small: Linux carries the parent's
        # peak RSS into a spawned child's ru_maxrss, so a later spawn would report ours.
        cold = bench_cold(questions[0])
        embedder = make_embedder(settings.embedder)
        embedder.embed_documents(["oppvarming"])  # load and warm the model outside the timings
        rows += bench_ingest(settings, embedder)
        rows += bench_queries(settings, embedder, questions)
        rows += cold
        if args.no_load:
            rows.append(("ui load", "skipped", "--no-load"))
        else:
            rows += bench_load(questions, args.clients)
    except VeiviserError as err:
        print(f"Feil: {err}", file=sys.stderr)
        return 2
    print(render(rows, settings))
    return 0


def bench_ingest(settings: Settings, embedder: Embeddings) -> list[Row]:
    """A fresh ingest into a temp store next to the raw embedder on the same texts (the
    passages, then the answer sentences the store keeps beside them)."""
    from ingest.loader import corpus_files, load
    from ingest.run import ingest
    from rag.answer import answer_sentences
    from rag.store import index_text

    passages = [p for path in corpus_files(settings.corpus_dir) for p in load(path).passages]
    sentences = answer_sentences(passages)
    texts = [index_text(p) for p in passages] + sentences
    started = time.perf_counter()
    for i in range(0, len(texts), STORE_BATCH):
        embedder.embed_documents(texts[i : i + STORE_BATCH])
    raw_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="veiviser-bench-") as tmp:
        temp = settings.model_copy(update={"store_dir": Path(tmp), "chroma_url": None})
        report = ingest(temp, force=True, progress=False, embedder=embedder)
    ingest_rate = (report.passages + report.sentences) / report.seconds
    raw_rate = len(texts) / raw_s
    return [
        (
            "ingest",
            "fresh ingest, temp store",
            f"{report.seconds:.1f} s · {report.passages / report.seconds:.1f} passages/s "
            f"({report.passages} passages + {report.sentences} sentences)",
        ),
        (
            "ingest",
            "raw embed_documents, same texts",
            f"{raw_s:.1f} s · {raw_rate:.1f} texts/s ({len(texts)} texts)",
        ),
        ("ingest", "ingest ÷ raw throughput (texts/s)", f"{ingest_rate / raw_rate:.2f}"),
    ]


def bench_queries(settings: Settings, embedder: Embeddings, questions: list[str]) -> list[Row]:
    """Warm latency of the real pipeline over the active index, from `Answer.timings_ms`."""
    from rag.pipeline import Veiviser

    veiviser = Veiviser.open(settings, embedder=embedder)
    veiviser.ask(questions[0])  # warm-up, not counted
    retrieve, answer = [], []
    for question in questions:
        timings = veiviser.ask(question).timings_ms
        retrieve.append(timings["retrieve"])
        answer.append(timings["answer"])
    total = [r + a for r, a in zip(retrieve, answer, strict=True)]
    label = f"warm ({len(questions)} q)"
    return [
        (label, f"{name} p50 / p95", f"{_ms(percentile(v, 50))} / {_ms(percentile(v, 95))}")
        for name, v in (("retrieve", retrieve), ("answer", answer), ("total", total))
    ] + [("memory", "peak RSS, this process", _mb(resource.RUSAGE_SELF))]


def bench_cold(question: str) -> list[Row]:
    """Wall time of a fresh `veiviser ask` process, and its peak memory."""
    started = time.perf_counter()
    done = subprocess.run(
        [*_veiviser(), "ask", "--json", question], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    status = "" if done.returncode == 0 else f" (failed, exit {done.returncode})"
    return [
        ("cold", "`veiviser ask` wall time", f"{wall:.2f} s{status}"),
        ("memory", "peak RSS, cold `veiviser ask`", _mb(resource.RUSAGE_CHILDREN)),
    ]


def bench_load(questions: list[str], clients: int) -> list[Row]:
    """Concurrent `/ask` calls against the real server through gradio_client."""
    app = ROOT / "ui" / "app.py"
    if not app.is_file() or not re.search(
        r"api_name\s*=\s*[\"']/?ask[\"']", app.read_text(encoding="utf-8")
    ):
        return [("ui load", "skipped", "ui/app.py with api_name='ask' not there yet")]
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [*_veiviser(), "serve", "--port", str(port)], stdout=log, stderr=log
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            started = time.perf_counter()
            up = _wait_for(url, server, timeout=180.0)
            ready = (
                "ui load",
                "`veiviser serve` ready after",
                f"{time.perf_counter() - started:.1f} s",
            )
            if not up:
                log.seek(0)
                tail = log.read().decode(errors="replace").strip().splitlines()[-1:]
                return [("ui load", "server did not start", " ".join(tail) or "no output")]
            return [ready, *_load(url, questions, clients)]
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _load(url: str, questions: list[str], clients: int) -> list[Row]:
    import httpx
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
    times: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def call(question: str) -> None:
        started = time.perf_counter()
        try:
            client.predict(question, api_name="/ask")
        except (AppError, httpx.HTTPError, OSError, ValueError, RuntimeError) as err:
            with lock:
                failures.append(type(err).__name__)
            return
        with lock:
            times.append((time.perf_counter() - started) * 1000)

    batch = [questions[i % len(questions)] for i in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(call, batch))
    wall = time.perf_counter() - started
    kinds = ", ".join(sorted(set(failures)))
    return [
        ("ui load", f"{clients} concurrent /ask, wall", f"{wall:.1f} s"),
        (
            "ui load",
            "latency p50 / p95",
            f"{_ms(percentile(times, 50))} / {_ms(percentile(times, 95))}",
        ),
        ("ui load", "failures", f"{len(failures)}" + (f" ({kinds})" if kinds else "")),
    ]


def render(rows: list[Row], settings: Settings) -> str:
    """A plain aligned table."""
    head = ("part", "measure", "value")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(2)]
    lines = [
        f"Veiviser bench — embedder {settings.embedder}, store {settings.store_dir}",
        "",
        f"{head[0]:<{widths[0]}}  {head[1]:<{widths[1]}}  {head[2]}",
        f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 24}",
    ]
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]
    return "\n".join(lines)


def _questions(n: int) -> list[str]:
    """The dev split's questions when shipped, else the built-in ones, repeated to n."""
    dev = DATA_DIR / "dev.jsonl"
    pool = [i.question for i in load_items([dev])] if dev.is_file() else list(BUILTIN_QUESTIONS)
    return [pool[i % len(pool)] for i in range(max(1, n))]


def _veiviser() -> list[str]:
    """The venv's `veiviser` script, or `python -m veiviser` when the project isn't installed."""
    script = Path(sys.executable).parent / "veiviser"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "veiviser"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(url: str, server: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    return False


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def _mb(who: int) -> str:
    kib = resource.getrusage(who).ru_maxrss
    mib = kib / 1024 / (1024 if sys.platform == "darwin" else 1)  # macOS reports bytes
    return f"{mib:.0f} MiB"


if __name__ == "__main__":
    sys.exit(main())
