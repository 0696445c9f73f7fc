"""ingest/chunk.py: section-bound, sentence-aware passages; tables kept whole with their
caption, header and source line; verbatim spans; stable ids."""

from __future__ import annotations

import shutil
import statistics
from itertools import pairwise
from pathlib import Path

import pytest

from ingest.chunk import MAX_CHARS, TABLE_MAX_CHARS, Document, build_document
from ingest.loader import load
from ingest.parse import Line, Section
from rag.text import sentences
from rag.types import Passage

REPORT = (
    Path(__file__).resolve().parent.parent / "corpus" / "karriereveiledning-kunnskapsgrunnlag.txt"
)


@pytest.fixture(scope="module")
def document() -> Document:
    return load(REPORT)


def _by_section(passages: list[Passage]) -> list[list[Passage]]:
    groups: list[list[Passage]] = []
    for p in passages:
        if groups and groups[-1][0].section == p.section:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def test_passages_never_cross_a_section(document: Document) -> None:
    groups = _by_section(document.passages)
    sections = [g[0].section for g in groups]
    assert len(sections) == len(set(sections)), "a section's passages must be contiguous"
    text = document.text
    for group, following in pairwise(groups):
        end = max(p.end for p in group)
        start = min(p.start for p in following)
        assert end < start
        # The next section's heading stands between the two.
        assert f"\n{following[0].section}\n" in text[end:start]
    for group in groups:
        for p in group:
            assert f"\n{p.section}\n" not in text[p.start : p.end], p.id


def test_body_passages_are_sized_for_retrieval(document: Document) -> None:
    body = [p for p in document.passages if p.kind == "body"]
    assert len(body) > 150
    for p in body:
        # a short last passage of a run may take its passage a fifth over the limit
        if len(p.text) > MAX_CHARS + MAX_CHARS // 5:
            assert len(sentences(p.text)) == 1, f"{p.id} has {len(p.text)} chars"
    assert 500 <= statistics.median(len(p.text) for p in body) <= 1000
    # Most passages are in the 300–1000 band (short sections make a few small ones).
    in_band = [p for p in body if 300 <= len(p.text) <= 1000]
    assert len(in_band) >= 0.85 * len(body)


def test_consecutive_body_passages_overlap_by_one_sentence(document: Document) -> None:
    text = document.text
    pairs = overlapping = 0
    for group in _by_section(document.passages):
        for p, q in pairwise(group):
            if p.kind != "body" or q.kind != "body":
                continue
            if q.subheading != p.subheading:
                assert q.start >= p.end, (p.id, q.id)  # a sub-heading closes the run before it
                continue
            pairs += 1
            last = sentences(p.text)[-1]
            if q.start < p.end:
                overlapping += 1
                assert text[q.start : p.end] == last == sentences(q.text)[0], (p.id, q.id)
            else:
                # Only a very long last sentence is not carried over.
                assert len(last) > 300, (p.id, q.id)
    assert pairs > 100
    assert overlapping >= 0.9 * pairs


def test_tabell_1_is_one_table_passage_with_caption_header_rows_and_source(
    document: Document,
) -> None:
    holding = [p for p in document.passages if "Viken 6093 5777 8450 8238 337 76" in p.text]
    assert len(holding) == 1
    table = holding[0]
    assert table.kind == "table"
    assert table.section_number == "3.1"
    assert table.text.startswith("Tabell 1:")
    assert "Antall unike brukere" in table.text
    assert "Troms og Finnmark 752 828 1178 1406 65 47" in table.text
    assert "\nKilde: Kompetanse Norge" in table.text
    assert table.text.rstrip().endswith("s. 6.")
    assert sum("Tabell 1:" in p.text for p in document.passages) == 1


def test_tabell_2_is_one_table_passage_too(document: Document) -> None:
    holding = [p for p in document.passages if "Tabell 2:" in p.text]
    assert len(holding) == 1
    table = holding[0]
    assert table.kind == "table"
    assert table.text.startswith("Tabell 2: Alder, utdanningsbakgrunn")
    assert "Alder 2019 2020" in table.text
    assert "Menn 38 % 37 %" in table.text
    assert "Land utenfor Europa 23 % 23 %" in table.text
    assert "\nKilde: Kompetanse Norge" in table.text
    assert not any("Menn 38 % 37 %" in p.text for p in document.passages if p is not table)


def test_the_tables_are_table_passages_and_only_they(document: Document) -> None:
    tables = [p for p in document.passages if p.kind == "table"]
    assert [p.text.split(":")[0] for p in tables[:2]] == ["Tabell 1", "Tabell 2"]
    # three more in 4.2 carry their caption last, in the source line under the rows
    assert [p.text.rsplit("\n", 1)[-1] for p in tables[2:]] == [
        "Kilde: Tabell 1. Rådgivere fordelt på skoletrinn",
        "Kilde: Tabell 2. Tid som rådgiver (N=1167)",
        "Kilde: Tabell 4 Rådgiverfunksjon for hele utvalget og skoleslag",
    ]
    assert all(p.section_number == "4.2" for p in tables[2:])


def test_a_table_with_its_caption_last_keeps_one_row_a_line(document: Document) -> None:
    [table] = [p for p in document.passages if "Tid som rådgiver" in p.text and p.kind == "table"]
    assert table.text.startswith("Mindre enn 1 år 8,3 %\n1-5 år 35,4 %\n6-10 år 27,4 %\n")
    # the prose after a source line is prose again, in the next passage
    [funksjon] = [p for p in document.passages if "Tabell 4 Rådgiverfunksjon" in p.text]
    assert funksjon.text.endswith("Kilde: Tabell 4 Rådgiverfunksjon for hele utvalget og skoleslag")


def _long_table_sections(rows: int) -> list[Section]:
    body = [Line("Litt tekst før tabellen. Den forklarer hva tabellen viser."), Line("")]
    body += [Line("Tabell 3: Brukere per kommune, 2019-2020"), Line("")]
    body += [Line("Kommune Brukere Samtaler Kurs"), Line(""), Line("2019 2020 2019 2020"), Line("")]
    for i in range(rows):
        body += [Line(f"Kommune nummer {i:02d} i fylket {100 + i} {200 + i} {300 + i} {400 + i}")]
        body += [Line("")]
    body += [Line("Kilde: Testdata for kommunene, 2021."), Line("")]
    body += [Line("Etter tabellen kommer mer tekst. Den er kort.")]
    return [Section("1", "Tabeller", body)]


def test_a_long_table_is_split_repeating_caption_and_header() -> None:
    rows = 50
    doc = build_document("syntetisk.txt", _long_table_sections(rows))
    parts = [p for p in doc.passages if p.kind == "table"]
    assert len(parts) >= 2
    header = "Tabell 3: Brukere per kommune, 2019-2020\nKommune Brukere Samtaler Kurs\n2019 2020"
    for part in parts:
        assert part.text.startswith(header), part.text[:120]
        assert len(part.text) <= TABLE_MAX_CHARS
        assert part.section_number == "1"
        # The span points at the rows themselves; the text repeats the header before them.
        assert part.text.endswith(doc.text[part.start : part.end])
    for i in range(rows):
        row = f"Kommune nummer {i:02d} i fylket "
        assert sum(row in p.text for p in parts) == 1, row
    assert "Kilde: Testdata" in parts[-1].text
    assert all("Kilde:" not in p.text for p in parts[:-1])
    # Prose around the table stays prose.
    kinds = [p.kind for p in doc.passages]
    assert kinds[0] == "body" and kinds[-1] == "body"
    assert doc.passages[-1].text == "Etter tabellen kommer mer tekst. Den er kort."


def test_a_short_table_stays_whole() -> None:
    doc = build_document("syntetisk.txt", _long_table_sections(5))
    tables = [p for p in doc.passages if p.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text == doc.text[tables[0].start : tables[0].end]
    assert tables[0].text.startswith("Tabell 3:")
    assert tables[0].text.endswith("Kilde: Testdata for kommunene, 2021.")


def test_a_list_lead_in_stays_with_its_first_items() -> None:
    # the lead-in closes a paragraph past the minimum size, where a passage could end
    prose = " ".join(f"Setning nummer {i} handler om rådgivning i skolen." for i in range(10))
    body = [Line(prose), Line(""), Line("Eleven har blant annet rett til:"), Line("")]
    for i in range(8):
        body += [Line(f"•  punkt {i} om utdanningsveier, søknadsfrister og jobbsøking"), Line("")]
    doc = build_document("syntetisk.txt", [Section("4.1", "Retten til veiledning", body)])
    lead_ins = [p for p in doc.passages if "rett til:" in p.text]
    assert lead_ins
    for passage in lead_ins:
        assert not passage.text.rstrip().endswith("rett til:"), passage.text
        assert "punkt 0 om utdanningsveier" in passage.text


def test_passage_text_is_the_documents_text_at_its_span(document: Document) -> None:
    for p in document.passages:
        assert p.text == document.text[p.start : p.end], p.id
        assert p.text == p.text.strip()
        assert p.text


def test_ids_are_unique_and_stable_across_loads(document: Document, tmp_path: Path) -> None:
    ids = [p.id for p in document.passages]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("karriereveiledning-kunnskapsgrunnlag#") for i in ids)
    again = load(REPORT)
    assert [(p.id, p.text, p.start, p.end) for p in again.passages] == [
        (p.id, p.text, p.start, p.end) for p in document.passages
    ]
    # The id depends on the file's name and content, not on where it lies.
    copy = tmp_path / REPORT.name
    shutil.copy(REPORT, copy)
    assert [p.id for p in load(copy).passages] == ids


def test_ids_name_their_section(document: Document) -> None:
    for p in document.passages:
        key = p.id.split("#", 1)[1].rsplit("-", 1)[0]
        if p.section_number:
            assert key == p.section_number, p.id


def _section_with(line: str) -> list[Section]:
    """Two short runs of prose with `line` standing alone between them."""
    first = "Høgskolen tilbyr videreutdanning i karriereveiledning. Studiet gir 30 studiepoeng."
    second = "Universitetet tilbyr en master i rådgivning. Den gir 120 studiepoeng over fire år."
    body = [Line("Innledende tekst om studiene."), Line(""), Line("Høgskolen i Testby (HiT)")]
    body += [Line(""), Line(first), Line(""), Line(line), Line(""), Line(second)]
    return [Section("10", "Utdanningstilbud", body)]


def test_a_subheading_closes_the_passage_and_names_those_after_it() -> None:
    doc = build_document("syntetisk.txt", _section_with("Universitetet i Prøveby"))
    texts = [p.text for p in doc.passages]
    assert texts == [
        "Innledende tekst om studiene.",
        "Høgskolen i Testby (HiT)\n\nHøgskolen tilbyr videreutdanning i karriereveiledning. "
        "Studiet gir 30 studiepoeng.",
        "Universitetet i Prøveby\n\nUniversitetet tilbyr en master i rådgivning. "
        "Den gir 120 studiepoeng over fire år.",
    ]
    assert [p.subheading for p in doc.passages] == [
        "",
        "Høgskolen i Testby (HiT)",
        "Universitetet i Prøveby",
    ]
    assert all(p.section_number == "10" for p in doc.passages)  # no new section


@pytest.mark.parametrize(
    "line",
    [
        "Dette er kort.",  # a sentence
        "Studiene som tilbys er disse:",  # a lead-in
        "Tabell 5 Studier per institusjon",  # a caption
        "Begge rapportene ligger på nav.no: Karriereveiledning for NAV-brukere",  # an address
        "56 Evaluering av karriereveiledning ved NTNU",  # a footnote-like line
        "Menn 38 % 37 %",  # a table row
    ],
)
def test_a_line_that_is_no_subheading_leaves_the_run_whole(line: str) -> None:
    doc = build_document("syntetisk.txt", _section_with(line))
    assert [p.subheading for p in doc.passages] == ["", "Høgskolen i Testby (HiT)"]
    assert doc.passages[-1].text.endswith("over fire år.")


def test_a_subheading_needs_prose_after_it() -> None:
    body = [Line("Brukere etter kjønn"), Line(""), Line("Menn 38 % 37 %"), Line("")]
    body += [Line("Teksten fortsetter her med en hel setning om brukerne."), Line("")]
    body += [Line("Les mer i rapporten om karrieresentrene")]  # the section's last line
    doc = build_document("syntetisk.txt", [Section("3.1", "Bruken", body)])
    assert {p.subheading for p in doc.passages} == {""}


def test_the_reports_chapter_10_passages_carry_their_institution(document: Document) -> None:
    chapter = [p for p in document.passages if p.section_number == "10" and p.kind == "body"]
    headings = list(dict.fromkeys(p.subheading for p in chapter))
    assert headings == [
        "",
        "Universitetet i Sørøst-Norge (USN)",
        "Høgskolen i Innlandet (INN)",
        "Høgskolen på Vestlandet",
        "Nord Universitet",
        "OsloMet",
        "Universitetet i Agder",
        "NTNU",
        "Samlet tilbud av kompetanse",
    ]
    [master] = [p for p in chapter if "Videre tilbyr INN en Master" in p.text]
    assert master.subheading == "Høgskolen i Innlandet (INN)"
    [hvl] = [p for p in chapter if "Karriereveiledning (30 stp.), som går over" in p.text]
    assert hvl.subheading == "Høgskolen på Vestlandet"
    assert "Høgskolen i Innlandet" not in hvl.text and "INN" not in hvl.text
    # the sub-headings inside Tabell 2 («Kjønn», «Landbakgrunn») are row labels of the table
    [table] = [p for p in document.passages if p.text.startswith("Tabell 2:")]
    assert table.subheading == "Brukere av karrieresentrene"
    assert "\nKjønn\n" in table.text
    # a last line with a colon in it, and a footnote, name nothing
    assert {p.subheading for p in document.passages if p.section_number in ("6.3", "7.1")} == {""}
