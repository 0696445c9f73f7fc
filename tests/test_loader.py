"""ingest/loader.py: which files are read, encoding errors, Markdown and real PDF sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.loader import corpus_files, corpus_hash, load
from rag.errors import CorpusError, VeiviserError


def test_non_utf8_text_raises_corpus_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "rapport-latin1.txt"
    bad.write_bytes("Rådgiverne i skolen får veiledning.\n".encode("latin-1"))
    with pytest.raises(CorpusError) as info:
        load(bad)
    message = str(info.value)
    assert "rapport-latin1.txt" in message
    assert "UTF-8" in message
    assert isinstance(info.value, VeiviserError)


def test_missing_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="finnes-ikke"):
        corpus_files(tmp_path / "finnes-ikke")


def test_folder_without_report_files_is_a_corpus_error(tmp_path: Path) -> None:
    (tmp_path / "notater.docx").write_bytes(b"PK")
    (tmp_path / "bilde.png").write_bytes(b"\x89PNG")
    with pytest.raises(CorpusError, match="Ingen"):
        corpus_files(tmp_path)


def test_corpus_files_are_sorted_and_filtered_by_suffix(tmp_path: Path) -> None:
    for name in ["b.md", "a.txt", "c.PDF", "d.docx", "e.txt.bak"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in corpus_files(tmp_path)] == ["a.txt", "b.md", "c.PDF"]


def test_the_corpus_readme_is_not_part_of_the_corpus(tmp_path: Path) -> None:
    """DESIGN: corpus/ holds the report and a README saying where it came from."""
    (tmp_path / "README.md").write_text("# Om korpuset\n\nHentet fra …\n", encoding="utf-8")
    (tmp_path / "rapport.txt").write_text("Tekst.\n", encoding="utf-8")
    assert [p.name for p in corpus_files(tmp_path)] == ["rapport.txt"]


def test_corpus_hash_changes_with_content_and_name(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("én", encoding="utf-8")
    first = corpus_hash([f])
    assert corpus_hash([f]) == first
    f.write_text("to", encoding="utf-8")
    assert corpus_hash([f]) != first
    g = tmp_path / "b.txt"
    g.write_text("to", encoding="utf-8")
    assert corpus_hash([g]) != corpus_hash([f])


MARKDOWN = """# Min rapport

Innledende tekst om rapporten.

## 1 Innledning

Rapporten beskriver karriereveiledning i Norge. Den dekker skoler og NAV.

## 1.1 Bakgrunn

Bakgrunnen er viktig for rådgiverne.
https://example.org/bakgrunn

## Vedlegg

Ekstra tekst i vedlegget.
"""


def test_markdown_headings_make_sections(tmp_path: Path) -> None:
    md = tmp_path / "rapport.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    doc = load(md)
    got = [(p.section_number, p.section_title, p.text) for p in doc.passages]
    assert got == [
        ("", "Min rapport", "Innledende tekst om rapporten."),
        (
            "1",
            "Innledning",
            "Rapporten beskriver karriereveiledning i Norge. Den dekker skoler og NAV.",
        ),
        ("1.1", "Bakgrunn", "Bakgrunnen er viktig for rådgiverne."),
        ("", "Vedlegg", "Ekstra tekst i vedlegget."),
    ]
    by_section = {p.section: p for p in doc.passages}
    assert by_section["1.1 Bakgrunn"].links == ("https://example.org/bakgrunn",)
    assert all(p.page is None for p in doc.passages)
    assert all(p.source == "rapport.md" for p in doc.passages)
    assert all(p.text == doc.text[p.start : p.end] for p in doc.passages)


def _write_pdf(path: Path, pages: list[tuple[str, list[str]]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path, metadata={"Title": "Testrapport om veiledning"}) as pdf:
        for heading, body in pages:
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.1, 0.9, heading, fontsize=14)
            for i, sentence in enumerate(body):
                fig.text(0.1, 0.85 - 0.03 * i, sentence, fontsize=10)
            pdf.savefig(fig)
            plt.close(fig)


PDF_PAGES = [
    (
        "1 Innledning",
        ["Rapporten beskriver karriereveiledning i Norge.", "Den dekker skoler og NAV."],
    ),
    (
        "2 Karrieresentre",
        ["Viken hadde 5777 brukere i 2020.", "Oslo åpnet sitt senter i 2020."],
    ),
]


def test_a_real_pdf_is_read_with_its_page_numbers(tmp_path: Path) -> None:
    pdf = tmp_path / "rapport.pdf"
    _write_pdf(pdf, PDF_PAGES)

    from pypdf import PdfReader

    extracted = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(extracted) == 2
    assert "1 Innledning" in extracted[0]
    assert "Viken hadde 5777 brukere i 2020." in extracted[1]

    doc = load(pdf)
    got = [(p.section_number, p.section_title, p.page, p.text) for p in doc.passages]
    assert got == [
        (
            "1",
            "Innledning",
            1,
            "Rapporten beskriver karriereveiledning i Norge. Den dekker skoler og NAV.",
        ),
        (
            "2",
            "Karrieresentre",
            2,
            "Viken hadde 5777 brukere i 2020. Oslo åpnet sitt senter i 2020.",
        ),
    ]
    assert all(p.kind == "body" and p.source == "rapport.pdf" for p in doc.passages)
    assert [p.to_metadata()["page"] for p in doc.passages] == [1, 2]


def test_a_broken_pdf_is_a_corpus_error(tmp_path: Path) -> None:
    broken = tmp_path / "ødelagt.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(CorpusError, match=r"ødelagt\.pdf"):
        load(broken)
