"""rag/retrieve.py and rag/glossary.py: hybrid ranking, scope filters, query terms (typos,
lost æøå, English, nynorsk), the LangChain adapter and the optional reranker.

A small report in the real report's shape (chapters with numbered sections) is ingested with
the fake embedder into each test's own store."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest import FakeEmbeddings
from langchain_core.documents import Document

from ingest.run import ingest
from rag.glossary import NYNORSK, gloss, plain_to_report, to_bokmal
from rag.pipeline import Veiviser
from rag.retrieve import (
    INSTITUTIONS,
    HybridRetriever,
    VeiviserRetriever,
    acronyms,
    acronyms_in,
    closest_word,
    in_scope,
    known_acronyms,
    section_filter,
    spell_out,
)
from rag.settings import Settings
from rag.store import Store, index_text
from rag.text import terms
from rag.types import Passage

REPORT = (
    "Testrapport om veiledning\n\n"
    "SAMMENDRAG\n\n"
    "Karrieresentrene hadde mange brukere i 2020. NAV gir karriereorientert veiledning.\n\n"
    "1 Innledning\n\n"
    "Rapporten beskriver karriereveiledning i Norge. Den dekker skoler, NAV og fengsler.\n\n"
    "2 Karrieresentre\n\n"
    "Karrieresentrene i fylkene tilbyr karriereveiledning til voksne.\n\n"
    "2.1 Brukere av karrieresentrene\n\n"
    "Viken hadde 5777 brukere i 2020. Oslo åpnet sitt karrieresenter i 2020. "
    "Brukerne var fornøyde med veiledningen.\n\n"
    "2.2 Ansatte ved karrieresentrene\n\n"
    "Karriereveilederne ved sentrene har høy kompetanse. Mange rådgivere har master i "
    "karriereveiledning.\n\n"
    "3 Skoler\n\n"
    "Rådgiveren i skolen gir elevene karriereveiledning om utdanningsvalg.\n\n"
    "3.1 Rådgiving i ungdomsskolen\n\n"
    "I Elevundersøkinga fekk rådgiving skåren 3,8 på 10. trinn.\n"
)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    corpus = tmp_path_factory.mktemp("sections-corpus")
    (corpus / "rapport.txt").write_text(REPORT, encoding="utf-8")
    store = tmp_path_factory.mktemp("sections-store")
    return Settings(
        corpus_dir=corpus, store_dir=store, top_k=10, candidates=40, rrf_k=60, reranker=None
    )


@pytest.fixture(scope="module")
def veiviser(settings: Settings) -> Veiviser:
    """Built once for the module: every test here only reads the index."""
    embedder = FakeEmbeddings()
    ingest(settings, embedder=embedder, progress=False)
    return Veiviser.open(settings, embedder=embedder)


@pytest.fixture
def retriever(veiviser: Veiviser) -> HybridRetriever:
    return veiviser.retriever


def test_the_corpus_has_chapters_and_sections(retriever: HybridRetriever) -> None:
    numbers = {p.section_number for p in retriever.passages}
    assert {"1", "2", "2.1", "2.2", "3", "3.1"} <= numbers


# --- ranking -------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 3, 5, 50])
def test_hits_are_ranked_one_to_k_with_descending_fused_scores(
    retriever: HybridRetriever, k: int
) -> None:
    hits = retriever.search("Hvor mange brukere hadde karrieresentrene i 2020?", k=k).hits
    assert len(hits) == min(k, len(retriever.passages))
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
    assert len({h.passage.id for h in hits}) == len(hits)


def test_k_defaults_to_settings_top_k(veiviser: Veiviser, settings: Settings) -> None:
    assert len(veiviser.retriever.search("brukere").hits) == min(
        10, len(veiviser.retriever.passages)
    )
    small_k = settings.model_copy(update={"top_k": 2})
    hits = Veiviser.open(small_k, embedder=FakeEmbeddings()).retriever.search("brukere").hits
    assert len(hits) == 2


def test_the_passage_with_the_query_words_ranks_first(retriever: HybridRetriever) -> None:
    hits = retriever.search("Viken 5777 brukere").hits
    assert hits[0].passage.section_number == "2.1"
    assert hits[0].dense_rank is not None
    assert hits[0].bm25_rank is not None


def test_hits_carry_their_dense_and_bm25_ranks(retriever: HybridRetriever) -> None:
    query = "Hvor mange brukere hadde Viken i 2020?"
    hits = retriever.search(query, k=50).hits
    query_terms = set(retriever.query_terms(query))
    for hit in hits:
        assert hit.dense_rank is not None or hit.bm25_rank is not None
        has_term = bool(query_terms & set(terms(index_text(hit.passage))))
        # BM25 ranks exactly the passages that share a term with the question
        assert (hit.bm25_rank is not None) == has_term, hit.passage.id
    for side in ("dense_rank", "bm25_rank"):
        ranks = sorted(getattr(h, side) for h in hits if getattr(h, side) is not None)
        assert ranks == list(range(1, len(ranks) + 1)), side
    # candidates (40) cover this small index, so the dense side ranks every passage
    assert all(h.dense_rank is not None for h in hits)


def test_a_passage_ranked_first_by_both_sides_is_first(retriever: HybridRetriever) -> None:
    hits = retriever.search("Viken 5777 brukere", k=50).hits
    both_first = [h for h in hits if h.dense_rank == 1 and h.bm25_rank == 1]
    if both_first:
        assert both_first[0].rank == 1


def test_a_question_with_no_known_words_still_gets_dense_hits(
    retriever: HybridRetriever,
) -> None:
    hits = retriever.search("xyzzy plugh", k=3).hits
    assert len(hits) == 3
    assert all(h.bm25_rank is None and h.dense_rank is not None for h in hits)


# --- scope ---------------------------------------------------------------------------------


def test_section_filter_and_in_scope_agree() -> None:
    assert section_filter(None) is None
    assert section_filter("") is None
    assert section_filter("2") == {"chapter": "2"}
    assert section_filter("2.1") == {"section_number": "2.1"}


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [
        ("1", {"1"}),
        ("2", {"2", "2.1", "2.2"}),
        ("3", {"3", "3.1"}),
        ("2.1", {"2.1"}),
        ("2.2", {"2.2"}),
        ("3.1", {"3.1"}),
    ],
)
def test_a_scope_keeps_only_its_chapter_or_section(
    retriever: HybridRetriever, scope: str, allowed: set[str]
) -> None:
    # a question whose words occur all over the report, so both sides would range widely
    query = "karriereveiledning brukere rådgivere veiledning karrieresentrene skoler"
    everything = retriever.search(query, k=50).hits
    assert {h.passage.section_number for h in everything} - allowed  # the scope matters
    hits = retriever.search(query, scope=scope, k=50).hits
    assert hits
    assert {h.passage.section_number for h in hits} <= allowed
    assert all(in_scope(h.passage, scope) for h in hits)
    in_scope_ids = {p.id for p in retriever.passages if p.section_number in allowed}
    assert {h.passage.id for h in hits} == in_scope_ids
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_a_scope_filters_the_dense_and_the_bm25_side(retriever: HybridRetriever) -> None:
    query = "karriereveiledning brukere rådgivere"
    hits = retriever.search(query, scope="2", k=50).hits
    dense_side = [h for h in hits if h.dense_rank is not None]
    bm25_side = [h for h in hits if h.bm25_rank is not None]
    assert dense_side and bm25_side
    for hit in dense_side + bm25_side:
        assert hit.passage.chapter == "2"
    # ranks are counted within the scope: they run 1..n over the in-scope passages only
    assert sorted(h.dense_rank or 0 for h in dense_side) == list(range(1, len(dense_side) + 1))
    assert sorted(h.bm25_rank or 0 for h in bm25_side) == list(range(1, len(bm25_side) + 1))


def test_bm25_alone_respects_the_scope(retriever: HybridRetriever) -> None:
    # «Viken» only occurs in 2.1: scoped to chapter 3, BM25 must find nothing
    hits = retriever.search("Viken", scope="3", k=50).hits
    assert all(h.bm25_rank is None for h in hits)
    assert all(h.passage.chapter == "3" for h in hits)


def test_an_unnumbered_section_is_a_scope_by_its_title(retriever: HybridRetriever) -> None:
    hits = retriever.search("brukere karrieresentrene", scope="SAMMENDRAG", k=50).hits
    assert hits
    assert {h.passage.section_title for h in hits} == {"SAMMENDRAG"}


# --- query terms ---------------------------------------------------------------------------


def test_query_terms_keep_known_terms(retriever: HybridRetriever) -> None:
    assert retriever.query_terms("karrieresentrene") == terms("karrieresentrene")


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("karriereseneter", ("karrieresenter", "karrieresentre")),
        ("karriereveildning", ("karriereveiledning",)),
        ("Elevundersøkinnga", ("Elevundersøkinga",)),
    ],
)
def test_query_terms_map_a_typo_to_the_index_term(
    retriever: HybridRetriever, typo: str, meant: tuple[str, ...]
) -> None:
    vocab = {t for p in retriever.passages for t in terms(index_text(p))}
    [typo_term] = terms(typo)
    assert typo_term not in vocab  # really a word the index does not know
    [mapped] = retriever.query_terms(typo)
    assert mapped in vocab
    assert mapped in {terms(m)[0] for m in meant}


@pytest.mark.parametrize(
    ("plain", "proper"),
    [("radgiver", "rådgiver"), ("radgivere", "rådgivere"), ("hoy", "høy"), ("skaren", "skåren")],
)
def test_query_terms_meet_words_written_without_aeoeaa(
    retriever: HybridRetriever, plain: str, proper: str
) -> None:
    assert retriever.query_terms(plain) == retriever.query_terms(proper)
    vocab = {t for p in retriever.passages for t in terms(index_text(p))}
    assert set(retriever.query_terms(plain)) <= vocab


@pytest.mark.parametrize(
    ("typed", "respelled"),
    [
        ("Hva gjør radgiveren i skolen?", "Hva gjør rådgiveren i skolen?"),  # lost æøå
        ("Hvor mange brukere hadde karriersentrene?", "Hvor mange brukere hadde karrieresentrene?"),
        ("skaren i Elevundersokinga", "skåren i Elevundersøkinga"),
    ],
)
def test_the_dense_query_is_respelled_as_the_report_writes(
    retriever: HybridRetriever, typed: str, respelled: str
) -> None:
    assert retriever.respell(typed) == respelled


@pytest.mark.parametrize(
    "question",
    [
        "Hvor mange brukere hadde Viken i 2020?",  # every word as the report writes it
        "Hva er dårlig med elevene før?",  # short words the report lacks are left alone
    ],
)
def test_words_the_report_has_or_short_unknown_ones_are_left_alone(
    retriever: HybridRetriever, question: str
) -> None:
    assert retriever.respell(question) == question


def test_the_dense_query_of_a_nynorsk_question_is_heard_in_bokmal(
    retriever: HybridRetriever,
) -> None:
    question = "Kva meinte brukarane om rettleiinga?"
    heard = FakeEmbeddings().embed_query("Hva mente brukerne om veiledningen?")
    assert retriever.search(question).query_vector == heard


def test_english_questions_are_not_respelled(retriever: HybridRetriever) -> None:
    question = "How many users did the centres have?"  # English has its gloss instead
    assert retriever.search(question).query_vector == FakeEmbeddings().embed_query(question)


def test_numbers_are_never_fuzzed(retriever: HybridRetriever) -> None:
    # 2021 is not in the index but close to 2020: a year must stay the year asked about
    assert retriever.query_terms("2021") == ["2021"]
    assert retriever.query_terms("5778") == ["5778"]


def test_an_unknown_word_far_from_the_index_stays_as_is(retriever: HybridRetriever) -> None:
    assert retriever.query_terms("xyzzy") == ["xyzzy"]


def test_english_questions_get_the_norwegian_glossary_terms(retriever: HybridRetriever) -> None:
    got = retriever.query_terms("How many users did the career centres have in 2020?")
    assert terms("brukere")[0] in got
    assert terms("karrieresentre")[0] in got
    assert "2020" in got


def test_english_questions_keep_only_terms_the_report_has(retriever: HybridRetriever) -> None:
    # English words are not typos of Norwegian ones: «have» must not become «halv»
    vocab = {t for p in retriever.passages for t in terms(index_text(p))}
    got = retriever.query_terms("What did the pupils have to say about Viken in 2020?")
    assert set(got) - {"2020"} <= vocab
    assert terms("elever")[0] in got  # the gloss of «pupils»
    assert terms("Viken")[0] in got  # a name the report writes the same way
    assert terms("have")[0] not in got


def test_norwegian_questions_get_no_glossary_terms(retriever: HybridRetriever) -> None:
    # «skole» is in the glossary's values, «Hvor mange» is Norwegian: nothing is added
    question = "Hvor mange brukere hadde karrieresentrene?"
    assert retriever.query_terms(question) == terms(question)


def test_english_questions_reach_norwegian_passages_by_bm25(retriever: HybridRetriever) -> None:
    hits = retriever.search("How many users did the career centre in Viken have?", k=50).hits
    top = hits[0]
    assert top.passage.section_number == "2.1"
    assert top.bm25_rank == 1


def test_nynorsk_question_words_map_to_bokmal_terms(retriever: HybridRetriever) -> None:
    got = retriever.query_terms("Kva er rettleiing for vaksne?")
    assert terms("veiledning")[0] in got
    assert terms("voksne")[0] in got
    # «kvart … skildra» is «hvert … beskrevet»
    got = retriever.query_terms("Kvifor er kvart tilbod skildra for seg?")
    assert terms("hvert")[0] in got
    assert any(t.startswith("beskr") for t in got)  # (this corpus has «beskrive»)
    # «tilrådingar» are «anbefalinger»
    assert terms("anbefalinger")[0] in retriever.query_terms("Kva tilrådingar kom utvalet med?")


def test_nynorsk_words_the_report_itself_uses_are_kept(retriever: HybridRetriever) -> None:
    # the report writes «rådgiving» (3.1): the question's «rådgiving» must meet it as written
    got = retriever.query_terms("Kva skår fekk rådgiving i Elevundersøkinga?")
    assert terms("rådgiving")[0] in got
    assert terms("Elevundersøkinga")[0] in got


def test_nynorsk_forms_no_word_list_has_are_read_by_their_endings(
    retriever: HybridRetriever,
) -> None:
    # «fylkane» is in no list: its ending «-ane» is bokmål «-ene», and «fylkene» the report's
    assert "fylkane" not in NYNORSK
    assert retriever.bokmal("Kor mange brukarar hadde fylkane?") == (
        "Hvor mange brukere hadde fylkene?"
    )
    # a form the report writes itself stays; so does a short word, likelier «år» without «å»
    assert retriever.bokmal("rådgiving i Elevundersøkinga") == "rådgiving i Elevundersøkinga"
    assert retriever.bokmal("hvor mange ar") == "hvor mange ar"


def test_a_nynorsk_form_whose_stem_the_report_has_is_still_made_bokmal(
    retriever: HybridRetriever,
) -> None:
    # «karrieresentera» stems to «karrieresenter» (the report's «karrieresenteret»), not to the
    # plural «karrieresentrene» the question means
    assert retriever.bokmal("Kva med karrieresentera?") == "Hva med karrieresentrene?"


def test_the_retriever_knows_the_words_the_report_writes_in_any_spelling(
    retriever: HybridRetriever,
) -> None:
    assert retriever.knows("brukere")
    assert retriever.knows("radgivere")  # without its «å»
    assert retriever.knows("karriersentrene")  # mistyped
    assert retriever.knows("karrieresentera")  # nynorsk
    assert retriever.knows("skulerådgjevarar")  # a nynorsk compound, by its head
    assert not retriever.knows("fagforeninger")  # the report never writes it


def test_acronyms_are_read_from_the_names_before_them() -> None:
    texts = [
        "Universitetet i Sørøst-Norge (USN) samarbeider med Høgskolen i Innlandet (INN).",
        "11 Rådgivningsløftet i Oslo (RiO) og Rogaland (RiR)",
        "Rådgivningsløftet i Rogaland (RiR) startet i 2018. Rådgivningsløftet i Rogaland (RiR).",
    ]
    assert acronyms(texts) == {
        "USN": "Universitetet i Sørøst-Norge",
        "INN": "Høgskolen i Innlandet",
        "RiO": "Rådgivningsløftet i Oslo",
        "RiR": "Rådgivningsløftet i Rogaland",  # the name written most often
    }


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("har usn et karrieresenter?", "har usn (Universitetet i Sørøst-Norge) et karrieresenter?"),
        ("Hva tilbyr INN?", "Hva tilbyr INN (Høgskolen i Innlandet)?"),
        ("Hva kom inn i loven?", "Hva kom inn i loven?"),  # the word «inn», not INN
        ("Hva tilbyr Høgskolen i Innlandet (INN)?", "Hva tilbyr Høgskolen i Innlandet (INN)?"),
    ],
)
def test_the_reports_acronyms_are_spelled_out_for_search(typed: str, searched: str) -> None:
    defined = {"USN": "Universitetet i Sørøst-Norge", "INN": "Høgskolen i Innlandet"}
    named = acronyms_in(typed, defined, written={"USN", "INN", "inn"})
    assert spell_out(typed, named) == searched


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        (
            "Hvor mange studiepoeng kreves ved UiA?",
            "Hvor mange studiepoeng kreves ved UiA (Universitetet i Agder)?",
        ),
        ("studier ved hvl", "studier ved hvl (Høgskolen på Vestlandet)"),
        ("Hva tilbyr HINN?", "Hva tilbyr HINN (Høgskolen i Innlandet)?"),
    ],
)
def test_the_institutions_short_names_are_spelled_out_as_the_report_writes(
    typed: str, searched: str
) -> None:
    known = known_acronyms({})
    assert spell_out(typed, acronyms_in(typed, known, written=set())) == searched


def test_the_reports_own_definitions_win_over_the_table() -> None:
    known = known_acronyms({"UIA": "Universitetets Innovasjonsavdeling"})
    assert known["UIA"] == "Universitetets Innovasjonsavdeling"
    assert "UiA" not in known  # one name per acronym, whichever way it is cased
    assert known["HVL"] == INSTITUTIONS["HVL"]


def test_a_search_records_the_acronyms_it_spelled_out(retriever: HybridRetriever) -> None:
    retrieval = retriever.search("Hvilke studier har UiA?")
    assert retrieval.acronyms == {"UiA": "Universitetet i Agder"}
    assert retriever.search("Hvilke studier har skolen?").acronyms == {}


def test_the_index_text_holds_the_subheading_once() -> None:
    def passage(text: str) -> Passage:
        return Passage(
            "r#10-01",
            text,
            "r.txt",
            "10",
            "Utdanningstilbud",
            0,
            len(text),
            subheading="Høgskolen i Innlandet (INN)",
        )

    later = index_text(passage("Videre tilbyr INN en master (120 stp.)."))
    assert later == (
        "10 Utdanningstilbud\nHøgskolen i Innlandet (INN)\nVidere tilbyr INN en master (120 stp.)."
    )
    first = passage("Høgskolen i Innlandet (INN)\n\nHøgskolen presenterer sitt tilbud.")
    assert index_text(first).count("Høgskolen i Innlandet (INN)") == 1


# --- glossary ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Who is the University of Agder's course aimed at?", "rettet mot"),
        ("What does career guidance give people the opportunity to do?", "mulighet"),
        ("What support role do the career centres have?", "kompetansestøtte rolle"),
        ("Who ran the career services at the universities?", "drev drevet"),
    ],
)
def test_everyday_english_is_glossed_in_the_reports_words(question: str, said: str) -> None:
    assert said in gloss(question)


def test_the_gloss_leaves_web_addresses_as_written() -> None:
    assert "utdanning.no" in gloss("Is utdanning.no used in Østfold?")
    assert "ingen" in gloss("Is there no guidance?")


def test_the_gloss_reads_ordinals_and_founding_verbs() -> None:
    assert "10. trinn" in gloss("pupil survey score in 10th grade")
    assert "opprettet" in gloss("when was HK-dir set up")


@pytest.mark.parametrize(
    ("english", "norwegian"),
    [
        ("which centre dealt with people on sick leave?", "sykmeldte"),
        ("where did users hear about the centres?", "fått informasjon om"),
        ("what did students ask about least?", "etterspurte"),
        ("what makes up a joined-up system?", "helhetlig"),
        ("which policy areas does it touch on?", "satsningsområder"),
        ("who wrote the phd thesis on quality?", "avhandling"),
        ("did residents of reception centres find it useful?", "beboere"),
        ("the committee's interim report from 2015", "delrapport"),
        ("NAV's allocation letter", "tildelingsbrev"),
        ("run by the student welfare org", "studentsamskipnaden"),
        ("gave it a thumbs up", "tommel opp"),
        ("what should counselling help reduce?", "redusert"),
        ("did staff do personal counselling too?", "sosialpedagogiske samtaler"),
        ("at the job centre", "NAV"),
        ("uni careers services", "karrieretjenester"),
        ("And conferences and similar?", "konferanser"),
        ("who gives you advice about studying?", "råd"),
        ("did the clients find the trial worthwhile?", "brukere utprøving nyttig"),
        ("what made the NAV bosses uneasy?", "ledere ledelsen skepsis"),
        ("while serving time", "soner"),
        ("anything for students with disabilities?", "funksjonshemninger"),
        ("how many schools got the email?", "e-post"),
        ("what would counsellors like to learn more about?", "ønsket kompetansebehov"),
        # how people ask: whether it was worth it, the age limit
        ("Did they think it was worth it?", "nyttig"),
        ("What's the upper age limit?", "alder"),
        # plain words standing by themselves, outside the field's phrases
        (
            "according to the regulations, what should school counselling prevent?",
            "ifølge rådgivning",
        ),
        ("which group of inmates", "gruppe"),
        ("what did the participants say?", "deltakere"),
        ("which model did the new job specialists prefer?", "nye heller"),
        ("how many schools were sent the survey?", "sendt"),
        ("which years did the analysis cover?", "omfatter"),
        ("when clients came back", "tilbake"),
        ("were they female?", "kvinner"),
        ("And what are the answer options?", "svaralternativ"),
        ("guidance on their education options", "utdanningsmuligheter"),
        ("the welfare agency's staff", "NAV ansatte"),
        # how wide a service's reach is, how busy it was, what it was folded into
        ("which services reach the widest range of people?", "tjenester bredest målgruppe"),
        ("and which the narrowest?", "smalest"),
        ("how busy was the chat service?", "mange samtaler"),
        ("what was folded into the directorate?", "slått sammen"),
        ("what did they look at?", "undersøkte"),
        ("is it meant to replace the centres?", "supplement"),
    ],
)
def test_the_gloss_knows_everyday_english_nouns_of_the_field(english: str, norwegian: str) -> None:
    got = gloss(english)
    assert all(word in got for word in norwegian.split())


def test_the_gloss_tells_this_report_from_another_and_principle_from_principal() -> None:
    assert "rapport" not in gloss("What does the report say?").replace("rapporten", "")
    assert "rapport" in gloss("the 2012 Vox report").split()
    # «principle» is no typo of «principal» (a head teacher)
    assert gloss("the work first principle") == "arbeidslinja prinsipp"


def test_the_gloss_knows_the_institutions_english_names() -> None:
    got = gloss("Where is the master's taught at Inland Norway University?")
    assert "Høgskolen i Innlandet" in got
    assert "lovkrav" in gloss("Is there any legal requirement for career services?")


@pytest.mark.parametrize(
    ("plain", "report"),
    [
        ("Hva mener sjefene?", "senterlederne"),
        # «uansett alder» is the report's «uavhengig av alder»; one hears «fått informasjon om»
        ("uansett alder", "uavhengig"),
        ("Hvem hadde de hørt om senteret fra?", "informasjon"),
        # who paid for a piece of work: on whose «oppdrag», with whose «midler»
        ("Hvem finansierte evalueringen?", "oppdrag"),
        # the report's business and industry is mostly «arbeidslivet»
        ("Samarbeidet de med næringslivet?", "arbeidslivet"),
        ("Hvorfor kom den tidligere enn planlagt?", "fremskyndet"),
        # the report writes «en sammenslåing av», people «ble slått sammen»
        ("Hvilke etater ble slått sammen til HK-dir?", "sammenslåing"),
        ("Når ble HK-dir opprettet?", "etablert"),
        # «store stillinger i snitt» is the report's «gjennomsnittlig stillingsandel»
        ("Hvor store stillinger har rådgiverne?", "stillingsandel"),
        ("Hvor store stillinger har rådgiverne i snitt?", "gjennomsnittlig"),
        # hope for the future, meeting in person, learning more, as people say them
        ("Ble de mer optimistiske?", "fremtidstro"),
        ("Hvordan ville folk helst treffe veilederen?", "oppmøte"),
        ("Trengte de ansatte å lære mer?", "kompetanseheving"),
        ("Hvem gir råd bak murene?", "fengsel"),
        ("Hva gjør fengselsvesenet?", "kriminalomsorgen"),
        ("Får jobbsøkere hjelp?", "arbeidsledige"),
        ("Får de hjelp til å søke jobb?", "jobbsøking"),
        ("Hvordan gikk det med prosjektet?", "resultat"),
        # how often or how much is «i høyest/lavest grad» in the report
        ("Hva ba studentene sjeldnest om?", "lavest grad"),
        ("Hvem ba om informasjon?", "etterspurte"),
        ("Når tar de oftest kontakt?", "høyest grad"),
        ("Hvem avgjør hvor stor ressursen blir?", "fastsatte"),
        ("Hvorfor var NAV skeptisk?", "skepsis"),
        ("Hvem var sentrene ment for?", "målgruppe"),
        ("Hva skal sykmeldte gjøre?", "sykemeldte"),
        # the prisons, NAV, pupils and Oslo in other words
        ("Får de store anstaltene mer tid?", "fengslene"),
        ("Hva gjør velferdsetaten?", "NAV"),
        ("Hva mener tiendeklassingene?", "10. trinn"),
        ("Kjente hovedstadsskolene regelverket?", "Oslo-skolene"),
        ("Hvem lå under minstekravet?", "minimumskravet"),
        # how things differ is «ulikt» and «variasjoner» in the report
        ("Hvorfor er tilbudet forskjellig fra fengsel til fengsel?", "variasjoner"),
        ("Hvem fastsetter ressursen?", "fastsatte"),
        # what the law demands, what people complain of
        ("lovpålagt karriereveiledning for studenter", "lovkrav"),
        ("Er tjenestene forpliktet til å følge rammeverket?", "krav"),
        ("Hva klager rådgiverne mest på?", "utfordringen"),
        ("Ble de flinkere på regelverket?", "bedre"),
        ("Blir folk mindre interessert i studier?", "ønsket"),
        ("Ønsker de mindre veiledning jo eldre de er?", "alder"),
        ("hvor lang fartstid hadde de", "tid som rådgiver"),
        ("Gikk tallet på gruppetilbud ned?", "gruppeveiledninger"),
        ("Hva sier arbeidstidsavtalen om rådgivere?", "tariffavtalens"),
    ],
)
def test_everyday_norwegian_words_bring_the_reports_words_along(plain: str, report: str) -> None:
    assert report in plain_to_report(plain)


def test_the_reports_words_follow_the_everyday_word_and_leave_the_rest() -> None:
    assert plain_to_report("hva gjorde korona med veiledningen?").startswith(
        "hva gjorde korona pandemien koronapandemien med"
    )
    assert plain_to_report("Hvor mange brukere?") == "Hvor mange brukere?"


def test_to_bokmal_maps_nynorsk_names_of_places() -> None:
    assert to_bokmal("Når bytta Vox namn til Kompetanse Noreg?").endswith(
        "navn til Kompetanse Norge?"
    )


def test_to_bokmal_maps_nynorsk_words() -> None:
    out = to_bokmal("Kva gjer rådgjevarane i skulen for elevane?")
    assert out.lower() == "hva gjør rådgiverne i skolen for elevene?"


def test_to_bokmal_maps_nynorsk_verbs_and_feelings() -> None:
    out = to_bokmal("Kven gav råd, og kor nøgde var dei som gjekk dit, trur du?")
    assert out.lower() == "hvem ga råd, og hvor fornøyde var de som gikk dit, tror du?"


def test_to_bokmal_keeps_words_the_keep_callback_accepts() -> None:
    keep = {"rådgiving"}
    out = to_bokmal("Kva skår fekk rådgiving i skulen?", keep=lambda w: w.lower() in keep)
    assert "rådgiving" in out
    assert "rådgivning" not in out
    assert "skolen" in out  # the others are still mapped
    assert out.lower().startswith("hva ")


def test_to_bokmal_leaves_bokmal_and_punctuation_alone() -> None:
    text = "Hvor mange brukere hadde Viken i 2020? (se tabell 1, s. 12)"
    assert to_bokmal(text) == text


def test_to_bokmal_only_maps_whole_words() -> None:
    # «kor» is nynorsk for «hvor», but not inside «korrekt» or «kort»
    assert to_bokmal("korrekt og kort") == "korrekt og kort"
    assert "kor" in NYNORSK


def test_to_bokmal_maps_the_nynorsk_head_of_a_compound() -> None:
    # «rettleiarar» is a word of its own; a compound ending in it gets the bokmål head
    assert to_bokmal("Kvar elles jobbar karriererettleiarar?") == (
        "Kvar ellers jobbar karriereveiledere?"
    )
    # a short nynorsk word («kor») is no head: «rekor» is not «rehvor»
    assert to_bokmal("rekor") == "rekor"


def test_gloss_translates_domain_phrases_longest_first() -> None:
    assert gloss("career centres") == "karrieresentre"
    assert gloss("careers advisers") == "karriereveiledere"  # not «career rådgivere»
    got = gloss("How do counsellors in upper secondary schools work?").split()
    assert "rådgivere" in got
    assert "videregående" in got
    assert "secondary" not in got


def test_gloss_renders_question_words_and_drops_english_filler() -> None:
    got = gloss("How many people used the county career centres in 2020?")
    assert got.startswith("hvor mange personer")
    assert "the" not in got.split()
    assert got.endswith("i 2020?")
    assert gloss("Viken 2020") == "Viken 2020"  # nothing to translate: left as it is
    # «how big» asks a size, not a manner: «hvor stor», as a study's intake is told
    assert gloss("how big is the course?").startswith("hvor stor kapasitet")


# --- LangChain adapter ---------------------------------------------------------------------


def test_veiviser_retriever_returns_langchain_documents(retriever: HybridRetriever) -> None:
    query = "Hvor mange brukere hadde Viken, 5777?"
    docs = VeiviserRetriever(hybrid=retriever).invoke(query)
    hits = retriever.search(query).hits
    assert docs
    assert all(isinstance(d, Document) for d in docs)
    assert [d.page_content for d in docs] == [h.passage.text for h in hits]
    assert [d.id for d in docs] == [h.passage.id for h in hits]
    for doc, hit in zip(docs, hits, strict=True):
        assert doc.metadata["section"] == hit.passage.section
        assert doc.metadata["score"] == pytest.approx(hit.score)
        assert doc.metadata["rank"] == hit.rank
    assert docs[0].metadata["section"] == "2.1 Brukere av karrieresentrene"
    assert "Viken hadde 5777 brukere i 2020." in docs[0].page_content


def test_veiviser_retriever_applies_its_scope(retriever: HybridRetriever) -> None:
    docs = VeiviserRetriever(hybrid=retriever, scope="3").invoke("karriereveiledning")
    assert docs
    assert all(d.metadata["section"].startswith("3") for d in docs)


# --- reranker ------------------------------------------------------------------------------


class FakeReranker:
    """A cross-encoder stand-in: scores each (query, passage) pair by a table of words."""

    def __init__(self, preferences: dict[str, float]) -> None:
        self.preferences = preferences
        self.calls: list[list[tuple[str, str]]] = []

    def score(self, text: str) -> float:
        return sum(w for word, w in self.preferences.items() if word in text)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        self.calls.append(list(pairs))
        return [self.score(text) for _, text in pairs]


def _reranked(veiviser: Veiviser, settings: Settings, reranker: FakeReranker) -> HybridRetriever:
    plain = veiviser.retriever
    return HybridRetriever(
        plain.passages, plain._embedder, Store(settings), veiviser.info, settings, reranker
    )


def test_the_reranker_decides_the_order(veiviser: Veiviser, settings: Settings) -> None:
    # prefers exactly what the question is least about: the order must follow it anyway
    reranker = FakeReranker({"Elevundersøkinga": 5.0, "Rådgiveren": 4.0, "NAV": 3.0})
    query = "Hvor mange brukere hadde Viken i 2020?"
    fused = veiviser.retriever.search(query, k=50).hits
    hits = _reranked(veiviser, settings, reranker).search(query, k=50).hits
    assert reranker.calls, "the reranker was never asked"
    assert {h.passage.id for h in hits} == {h.passage.id for h in fused}
    scores = [reranker.score(index_text(h.passage)) for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert hits[0].passage.section_number == "3.1"
    assert [h.passage.id for h in hits] != [h.passage.id for h in fused]
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_the_reranker_sees_the_query_and_the_indexed_text(
    veiviser: Veiviser, settings: Settings
) -> None:
    reranker = FakeReranker({"Viken": 1.0})
    query = "Viken 2020"
    hits = _reranked(veiviser, settings, reranker).search(query, k=3).hits
    [pairs] = reranker.calls
    assert {q for q, _ in pairs} == {query}
    indexed = {index_text(p) for p in veiviser.retriever.passages}
    assert {t for _, t in pairs} <= indexed
    assert len(hits) == 3
    assert hits[0].passage.section_number == "2.1"


def test_the_reranker_keeps_the_scope(veiviser: Veiviser, settings: Settings) -> None:
    reranker = FakeReranker({"Viken": 5.0})
    hits = _reranked(veiviser, settings, reranker).search("brukere", scope="3", k=50).hits
    assert hits
    assert all(h.passage.chapter == "3" for h in hits)


@pytest.mark.parametrize(
    ("typed", "glossed"),
    [
        ("carreer centre", "karrieresenter"),
        ("guidence", "veiledning"),
        ("career counseling centers", "karrieresentre"),  # the longer phrase wins
        ("youth guarantee", "ungdomsgarantien"),  # NAV's own term
    ],
)
def test_gloss_mends_english_typos_and_knows_longer_phrases(typed: str, glossed: str) -> None:
    assert gloss(typed) == glossed


def test_gloss_leaves_an_unknown_word_far_from_the_glossary_alone() -> None:
    assert gloss("entries") == "entries"  # close to «centres», but it does not start like it


def test_gloss_knows_through_is_no_typo_of_thought() -> None:
    # «thought» is glossed «mente»; «through the chat» asks how people got in touch
    assert gloss("through the chat") == "gjennom chat"


def test_a_typo_meets_the_word_the_report_uses_most_not_its_own_slip() -> None:
    # the report once writes «kvalitetsrammverket»; a reader's typo means the usual word
    frequency = {"kvalitetsrammverket": 1, "kvalitetsrammeverket": 17}
    got = closest_word("kvalitetsramverket", list(frequency), 0.84, frequency)
    assert got == "kvalitetsrammeverket"
    # a short word is only ever its closest neighbour
    assert closest_word("vits", ["vist", "vikt"], 0.7, {"vikt": 50, "vist": 1}) == "vist"


def test_a_typo_keeps_its_first_letter() -> None:
    # «chattet» stems to «chatt»: «chat» and the far commoner «hatt» are as close
    frequency = {"hatt": 40, "chat": 3}
    assert closest_word("chatt", list(frequency), 0.84, frequency) == "chat"


def test_to_bokmal_maps_nynorsk_words_of_school_leaders_and_methods() -> None:
    assert (
        to_bokmal("Kva meinte skuleleiarane om forskrifta?")
        == "Hva mente skolelederne om forskriften?"
    )
    assert (
        to_bokmal("Kva rettleiingsmetode nytta færrast?")
        == "Hva veiledningsmetode benyttet færrest?"
    )


def test_nynorsk_gaa_foere_seg_is_foregaa_with_its_object_between() -> None:
    assert "undervisninga foregår" in to_bokmal("Korleis går undervisninga føre seg?")
    assert to_bokmal("Kva gjekk føre seg i prosjektet?") == "Hva foregikk i prosjektet?"
    assert to_bokmal("Hun går for seg selv.") == "Hun går for seg selv."
