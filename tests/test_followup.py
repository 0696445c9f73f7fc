"""rag/followup.py: short follow-ups borrow the previous question's topic; what they name
themselves (a year, a county, an institution) replaces the same kind of thing."""

from __future__ import annotations

import pytest

from rag.followup import (
    is_followup,
    known_things,
    only_by_known_things,
    resolve,
    service_chapter,
)
from rag.text import words

USERS_2020 = "Hvor mange brukere hadde karrieresentrene i 2020?"
SCHOOLS = "Hvilke tilbud gir skolene om karriereveiledning?"


def test_another_year_replaces_the_year_and_keeps_the_topic() -> None:
    got = resolve("Og i 2019?", [USERS_2020])
    got_words = words(got)
    assert "2019" in got_words
    assert "2020" not in got_words
    assert {"brukere", "karrieresentrene"} <= set(got_words)


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("Og året før?", "2019"),
        ("Hva med året etter?", "2021"),
        ("And the year before?", "2019"),
        ("what about the following year?", "2021"),
    ],
)
def test_a_year_told_by_the_one_before_replaces_it(question: str, year: str) -> None:
    got_words = words(resolve(question, [USERS_2020]))
    assert year in got_words
    assert "2020" not in got_words
    assert {"brukere", "karrieresentrene"} <= set(got_words)


def test_a_relative_year_without_a_year_before_is_left_alone() -> None:
    got = resolve("Og året før?", ["Hvor mange brukere hadde karrieresentrene?"])
    assert not any(w.isdigit() for w in words(got))


def test_the_follow_up_itself_leads_the_query() -> None:
    assert resolve("Og i 2019?", [USERS_2020]).startswith("Og i 2019?")


def test_a_service_replaces_the_service_asked_about_before() -> None:
    # «Hva med NAV?» after a question about the schools asks the same about NAV
    got = resolve("Hva med NAV?", [SCHOOLS])
    assert "NAV" in got
    assert "skolene" not in words(got)
    assert {"tilbud", "karriereveiledning"} <= set(words(got))


@pytest.mark.parametrize(
    ("follow_up", "previous", "gone"),
    [
        ("og i fengslene?", "Hvilken kompetanse har rådgiverne i skolen?", "skolen"),
        (
            "og i høyere utdanning?",
            "Hvem har ansvaret for veiledningen i ungdomsskolen?",
            "ungdomsskolen",
        ),
        ("kva med fengsla?", "Korleis samarbeider NAV og karrieresentra?", "karrieresentra"),
    ],
)
def test_any_service_the_report_covers_swaps_for_another(
    follow_up: str, previous: str, gone: str
) -> None:
    got = resolve(follow_up, [previous])
    assert gone not in words(got)
    assert got.startswith(follow_up)


def test_a_county_replaces_the_county_and_keeps_year_and_topic() -> None:
    got = resolve("Og Oslo?", ["Hvor mange unike brukere hadde Viken i 2020?"])
    assert "Oslo" in got
    assert "Viken" not in got
    assert {"unike", "brukere", "2020"} <= set(words(got))


def test_a_county_and_a_year_replace_both() -> None:
    got = resolve("Hva med Oslo i 2019?", ["Hvor mange unike brukere hadde Viken i 2020?"])
    assert {"oslo", "2019", "brukere"} <= set(words(got))
    assert "Viken" not in got
    assert "2020" not in words(got)


def test_a_year_keeps_the_previous_county() -> None:
    got = resolve("Og i 2019?", ["Hvor mange unike brukere hadde Oslo i 2020?"])
    assert {"oslo", "2019", "brukere"} <= set(words(got))
    assert "2020" not in words(got)


def test_only_the_last_question_counts() -> None:
    got = resolve("Og i 2019?", ["Hva gjør NAV for de arbeidsledige?", USERS_2020])
    assert "karrieresentrene" in words(got)
    assert "NAV" not in got
    assert "arbeidsledige" not in words(got)


def test_a_chain_of_follow_ups_keeps_the_topic() -> None:
    # the history is the questions as asked; each is read with the one before it
    got = resolve("Hva med Oslo?", ["Hvor mange unike brukere hadde Viken i 2020?", "Og i 2019?"])
    assert "Oslo" in got and "Viken" not in got
    assert {"unike", "brukere", "2019"} <= set(words(got))
    assert "2020" not in words(got)


def test_stopwords_of_the_previous_question_are_not_borrowed() -> None:
    got = resolve("Og i 2019?", [USERS_2020])
    borrowed = words(got)[len(words("Og i 2019?")) :]
    assert "hvor" not in borrowed
    assert "mange" not in borrowed
    assert "hadde" not in borrowed


@pytest.mark.parametrize(
    "question",
    [
        "Hvilke oppgaver har rådgiverne i ungdomsskolen?",
        "Hva sier rapporten om karriereveiledning i fengslene?",
        "How many counsellors work in upper secondary schools?",
        "Is there a fee for career guidance at the county centres?",  # «is there» asks anew
        "Hva sier den nye opplæringsloven om rådgivning for voksne?",  # an adjective between
    ],
)
def test_a_full_new_question_is_left_as_is(question: str) -> None:
    assert not is_followup(question)
    assert resolve(question, [USERS_2020]) == question


@pytest.mark.parametrize("question", ["Og i 2019?", "Hva med NAV?", "What about 2019?"])
def test_without_history_the_question_is_unchanged(question: str) -> None:
    assert resolve(question, []) == question
    assert resolve(question, ()) == question


@pytest.mark.parametrize(
    "question",
    [
        "Og i 2019?",
        "Hva med NAV?",
        "Kva med Oslo?",
        "What about 2019?",
        "And in Viken?",
        "How about NAV?",
        "I 2019?",
        "2019?",
        "Which year was that review done?",  # English «that» + noun points back
        "What did this study find?",
        "Who are the partners behind the career centre there?",  # «there» ends it
        # a fragment: a preposition, and its question word last
        "på oppdrag fra hvem?",
        "Av hvem?",
        "by whom?",
        "Fra hvilket år?",
        "in which county?",
        "Over hvilken periode?",
        "Gjennom hvilket program?",
        "during which years?",
        # the same thing asked again of another year, «… da?»
        "Samme tall for 2019, da?",
        "Og i Oslo, da?",
        # nynorsk «ho» stands for the survey or report just asked about
        "Kven stod bak ho, og kva heiter rapporten?",
        # a work named by a demonstrative and its definite form is the one just asked about
        "hvor kan jeg lese mer om det arbeidet?",
        "Kven skreiv den rapporten, og når kom ho ut?",
        "Hvem evaluerte denne ordningen i ettertid?",
        "Hvor mange svarte på den undersøkelsen?",
    ],
)
def test_follow_ups_are_recognised(question: str) -> None:
    assert is_followup(question)


def test_english_what_about_a_year() -> None:
    previous = "How many users did the career centre in Viken have in 2020?"
    got = resolve("What about 2019?", [previous])
    assert "2019" in words(got)
    assert "2020" not in words(got)
    assert {"users", "career", "centre", "viken"} <= set(words(got))


def test_a_long_question_opening_like_a_follow_up_is_left_as_is() -> None:
    question = (
        "Og hva sier rapporten om hvordan rådgiverne i videregående skole samarbeider med "
        "karrieresentrene og NAV om elever som står i fare for å falle ut?"
    )
    assert len(words(question)) > 12
    assert resolve(question, [USERS_2020]) == question


def test_a_longer_question_opening_like_a_follow_up_is_read_with_the_one_before() -> None:
    question = "And how much of a full-time job comes on top of that for each school?"
    assert 12 < len(words(question)) <= 20
    assert "SFS 2213" in resolve(question, ["How many hours does SFS 2213 set aside?"])


def test_whitespace_around_the_follow_up_is_dropped() -> None:
    assert resolve("  Og i 2019?  ", [USERS_2020]).startswith("Og i 2019?")


@pytest.mark.parametrize(
    ("follow_up", "previous", "borrowed"),
    [
        ("Hvem eier den?", "Hva er karriereveiledning.no?", "karriereveiledning.no"),
        ("Hvor mange av dem var kvinner?", USERS_2020, "brukere"),
        ("kan du si mer om det?", "Hva er kvalitetsrammeverket?", "kvalitetsrammeverket"),
        ("Why is that?", "Do school counsellors have enough time?", "counsellors"),
    ],
)
def test_a_short_question_pointing_back_borrows_the_topic(
    follow_up: str, previous: str, borrowed: str
) -> None:
    assert is_followup(follow_up)
    assert borrowed in resolve(follow_up, [previous])


@pytest.mark.parametrize(
    "question",
    [
        "Hva er den viktigste utfordringen for rådgivere i skolen i dag?",
        "Hva er den nye integreringsloven?",  # «den» before a noun: a determiner
        "Hva er dette kvalitetsrammeverket?",
    ],
)
def test_a_question_with_den_before_a_noun_is_its_own(question: str) -> None:
    assert resolve(question, [USERS_2020]) == question


def test_a_county_in_a_follow_up_drops_the_superlative() -> None:
    got = resolve("Hva med Nordland?", ["Hvilket fylke hadde flest brukere i 2020?"])
    assert "flest" not in got and "brukere" in got


@pytest.mark.parametrize(
    ("follow_up", "previous", "dropped", "kept"),
    [
        (
            "Og på 10. trinn?",
            "Hva var skåren på Vg1 i Elevundersøkelsen?",
            "Vg1",
            "Elevundersøkelsen",
        ),
        (
            "Og Vg1?",
            "Hva var skåren på 10. trinn i Elevundersøkelsen?",
            "trinn",
            "Elevundersøkelsen",
        ),
    ],
)
def test_a_school_level_replaces_the_level_asked_about_before(
    follow_up: str, previous: str, dropped: str, kept: str
) -> None:
    got = resolve(follow_up, [previous]).removeprefix(follow_up)
    assert dropped not in got
    assert kept in got


@pytest.mark.parametrize(
    ("follow_up", "previous", "chapter"),
    [
        ("Hva med NAV?", "Hvilke kompetansekrav stilles til rådgivere i skolen?", "6"),
        ("Og i fengslene?", SCHOOLS, "8"),
        ("and in prisons?", "What do school counsellors spend most of their time on?", "8"),
        ("Og universitetene?", "Hvilke samarbeidspartnere har karrieresentrene?", "5"),
        ("Og elevene?", "Hvor fornøyde er brukerne av karrieresentrene?", "4"),  # the pupils
    ],
)
def test_a_service_swap_names_the_chapter_on_that_service(
    follow_up: str, previous: str, chapter: str
) -> None:
    assert service_chapter(follow_up, [previous]) == chapter


@pytest.mark.parametrize(
    ("question", "history"),
    [
        ("Og i 2019?", [USERS_2020]),  # a year, no service
        ("Hva med NAV?", ["Hva er kvalitetsrammeverket?"]),  # nothing to swap
        ("Hva med NAV?", ["Hvordan samarbeider karrieresentrene med NAV?"]),  # the same one
        ("Hva gjør NAV?", []),  # no conversation
    ],
)
def test_no_chapter_without_a_service_swap(question: str, history: list[str]) -> None:
    assert service_chapter(question, history) is None


def test_an_english_service_swap_drops_the_service_asked_about_before() -> None:
    got = resolve("What about prisons?", ["What education do the school counsellors have?"])
    assert "prisons" in got and "school" not in words(got)


def test_what_the_follow_up_names_weighs_twice() -> None:
    got = resolve("Hva med NAV?", [SCHOOLS])
    assert words(got).count("nav") == 2


@pytest.mark.parametrize(
    "follow_up", ["Hva anbefalte de?", "Hvem evaluerte det?", "kan du utdype?", "why?"]
)
def test_a_short_question_pointing_back_or_asking_for_more_is_a_follow_up(follow_up: str) -> None:
    assert is_followup(follow_up)


def test_a_keyword_question_ending_in_a_pronoun_is_no_follow_up() -> None:
    # five words of its own: it says what it is about
    assert not is_followup("proba evaluering karrieresentre nav hva fant de")


def test_another_school_level_replaces_the_one_asked_about_before() -> None:
    previous = "Kor mange rådgjevarar på ungdomstrinnet svarte på kartlegginga i 2020?"
    got = resolve("Og på vidaregåande?", [previous])
    assert "ungdomstrinnet" not in words(got)
    assert "kartlegginga" in words(got)


def test_a_comparison_of_what_was_asked_about_keeps_both_levels() -> None:
    previous = "Hvor stor var stillingsandelen til rådgivere på ungdomstrinnet i 2020?"
    follow_up = "Er den høyere eller lavere enn på videregående skole i samme år?"  # 12 words
    assert is_followup(follow_up)
    got = words(resolve(follow_up, [previous]))
    assert "ungdomstrinnet" in got and "videregående" in got and "stillingsandelen" in got


@pytest.mark.parametrize(
    "question",
    [
        "Er den nye loven bedre enn den gamle for voksne elever?",
        "Er karrieresentrene i Viken flere enn i Oslo i dag?",
    ],
)
def test_a_comparison_without_a_pronoun_is_its_own(question: str) -> None:
    assert not is_followup(question)


@pytest.mark.parametrize("question", ["Hvor mange svarte?", "Hvem deltok?", "Hva fant de?"])
def test_a_question_with_only_a_verb_is_a_follow_up(question: str) -> None:
    assert is_followup(question)


@pytest.mark.parametrize("question", ["Hvor mange fikk veiledning?", "Hva er karriereveiledning?"])
def test_a_question_naming_a_thing_is_no_follow_up(question: str) -> None:
    assert not is_followup(question)


def test_a_county_swaps_only_the_county_and_keeps_the_topics_names() -> None:
    got = words(resolve("Og i Rogaland?", ["Hvilken skår hadde Oslo på Vg1 i Elevundersøkelsen?"]))
    assert "rogaland" in got and "oslo" not in got
    assert {"vg1", "elevundersøkelsen"} <= set(got)


def test_another_name_swaps_the_names() -> None:
    got = words(resolve("Hva med OsloMet?", ["Hvilke studier tilbyr Høgskolen i Innlandet?"]))
    assert "oslomet" in got and "innlandet" not in got


@pytest.mark.parametrize(
    "question",
    [
        "Hva var svarprosenten?",
        "Hvor er studiestedet?",
        "Hvor fornøyde var brukerne?",
        "Når ble undersøkelsen gjennomført?",
        "Hvilket år ble undersøkelsen gjort?",  # «år» and «gjort» name nothing
    ],
)
def test_a_short_question_about_something_in_definite_form_is_a_follow_up(
    question: str,
) -> None:
    assert is_followup(question)
    assert "Innlandet" in resolve(question, ["Hvilken master tilbyr Høgskolen i Innlandet?"])


@pytest.mark.parametrize(
    "question",
    [
        "Hva gjør karrieresentrene?",  # a service: a question of its own
        "svarprosent rådgiverundersøkelsen 2020",  # a year
        "nar startet radgivningsloftet i rogaland",  # a county, however typed
        "Hva er Rådgivningsløftet?",  # a name
        "Hvordan defineres karriereveiledning i kvalitetsrammeverket?",  # six words
        "I hvilket år startet RiO?",  # a fragment ends in its question word
    ],
)
def test_a_question_naming_its_own_thing_in_definite_form_is_no_follow_up(question: str) -> None:
    assert not is_followup(question)


@pytest.mark.parametrize(
    "follow_up",
    ["Hva skjedde med den i 2021?", "Hva het den etterpå?", "Kor mange av dei var menn?"],
)
def test_a_pronoun_before_a_time_alone_points_back(follow_up: str) -> None:
    assert is_followup(follow_up)


def test_nynorsk_dei_before_a_noun_is_a_determiner() -> None:
    assert not is_followup("Kva er dei fire områda i kvalitetsrammeverket?")


def test_a_definite_thing_alone_makes_a_follow_up_only_by_its_form() -> None:
    assert only_by_known_things("Hva var svarprosenten?")
    assert known_things("Hva var svarprosenten?") == ["svarprosenten"]
    assert not only_by_known_things("Og svarprosenten?")  # opens like a follow-up
    assert not only_by_known_things("Hvem eier den?")  # points back
    assert not only_by_known_things("Hva er karriereveiledning?")  # no definite thing


def test_an_english_thing_after_the_is_definite() -> None:
    assert known_things("who were the users?") == ["users"]
    assert known_things("what was the response rate?") == ["response rate"]
    assert only_by_known_things("how satisfied were the users?")
    assert not known_things("who uses career centres?")  # no «the»
    assert not known_things("Who is the University of Agder course for?")  # a name


@pytest.mark.parametrize(
    "follow_up",
    [
        "hvor ble den prøvd ut?",
        "Når ble det opprettet?",
        "Har den endret seg de siste årene?",
        "når startet det, og hvem betalte?",
        "Anbefalte de noe om forholdet til NAV?",
        "which one is taught in Bergen?",
        "how many of the users were women?",
        # an English question whose subject is a pronoun, however long its rest
        "why do they admit more than the number of places?",
        # «den» before a comparison is the pronoun, not a determiner
        "Hvorfor kom den tidligere enn planlagt?",
        # «de» after a modal verb is the subject; «et slikt tilbud» is the one just asked of
        "Hvem skal de samarbeide med om tilbudet?",
        "Er lærestedene pålagt å ha et slikt tilbud?",
        "Do universities have to offer such a service?",
        # a possessive stands for what was asked about, however long the rest
        "how many of its users were on temporary layoff?",
        "Kva var dei viktigaste funna deira?",
    ],
)
def test_a_short_question_with_a_pronoun_inside_is_a_follow_up(follow_up: str) -> None:
    got = resolve(follow_up, ["Hva het evalueringen av karriereveiledning i asylmottak?"])
    assert "asylmottak" in words(got)


def test_the_number_asked_before_named_by_what_it_is_follows_up() -> None:
    previous = ["Hvor mange brukere hadde Oslo i 2020?"]
    assert "oslo" in words(resolve("Hva var tallet i 2019?", previous))
    assert "oslo" in words(resolve("What was the figure in 2019?", previous))
    # a share of something named is a question of its own
    assert resolve("Hva var andelen innvandrere i 2020?", previous) == (
        "Hva var andelen innvandrere i 2020?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Hva er den nye integreringsloven?",  # a determiner before an adjective
        "Hva er det nasjonale kvalitetsrammeverket?",
        "Finnes det karriereveiledning i fengslene?",  # «det» points at nothing
        "Hvor mange rådgivere var det i videregående skole?",
        "Hvilket karrieresenter har de mest fornøyde brukerne?",  # «de» before a noun phrase
        "Hva sier rapporten om hvordan den nasjonale karriereveiledningen er organisert?",  # long
    ],
)
def test_a_determiner_or_an_empty_det_makes_no_follow_up(question: str) -> None:
    assert not is_followup(question)
    assert resolve(question, [USERS_2020]) == question


@pytest.mark.parametrize(
    "question", ["Hvem er det ment for?", "Når ble det startet?", "Er det evaluert?"]
)
def test_det_before_a_participle_is_what_was_just_asked_about(question: str) -> None:
    previous = ["Hva slags studium tilbyr Høgskulen på Vestlandet?"]
    assert "vestlandet" in words(resolve(question, previous))


def test_there_is_the_county_named_turns_before() -> None:
    history = ["Hvem samarbeider i Østfold?", "Hvor i rapporten står oversikten over aktørene?"]
    assert "østfold" in words(resolve("Og hva gjorde utdanning.no der?", history).lower())
    # a question of its own borrows nothing
    assert resolve("Hva er utdanning.no?", history) == "Hva er utdanning.no?"


def test_a_service_the_question_before_named_too_is_not_swapped() -> None:
    previous = "Hvor mange fengselsrådgivere samarbeidet med NAV-veiledere i fengselet?"
    got = words(resolve("Enn med det lokale NAV-kontoret?", [previous]))
    assert "fengselsrådgivere" in got  # still the prison counsellors
    # another school level swaps the level
    got = words(resolve("Og i ungdomsskolen?", ["Hvem har ansvaret i videregående skole?"]))
    assert "ungdomsskolen" in got and "videregående" not in got
