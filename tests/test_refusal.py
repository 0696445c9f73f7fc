"""rag/refusal.py: the evidence rules on their own, with texts and document frequencies built
by hand (tests/test_answer.py asserts them through the answerer)."""

from __future__ import annotations

import pytest

from rag.refusal import (
    ASKS_NOTE,
    asked_but_not_given,
    asked_facts,
    asks_advice_or_forecast,
    blank_cell,
    code_apart_from_fact,
    compares_services_apart,
    counts_something_else,
    degree_off_evidence,
    disclaims,
    full_name,
    full_names_asked,
    grade_off_evidence,
    group_off_evidence,
    holds,
    lacks_asked_fact,
    missing_specifics,
    names_no_county,
    place_and_year_apart,
    place_apart_from_fact,
    places_off_evidence,
    reports_unfinished,
    satisfaction_of_another_year,
    services_off_evidence,
    span_unstated,
    specifics,
    unknown_institution,
    years_off_evidence,
)
from rag.services import services_named
from rag.text import terms
from rag.types import Hit, Passage

DISCLAIMER = "Vi har ikke gjennomgått rapporten Karriereveiledning for innvandrere i Bærum."


@pytest.mark.parametrize(
    ("year", "text"),
    [
        ("2021", "Skåren var 3,6 i 2020-21."),
        ("2019", "Temaene var stabile i treårsperioden 2018 til 2020."),
        ("2020", "Tabell 1: Antall brukere fordelt på fylker, 2019–2020"),
        ("2020", "Nordland hadde 2769 brukere i 2020."),
        ("2017", "På Vg1 var skåret fra 2015-2016 til 2019-20 på 3,5."),  # school years
    ],
)
def test_a_year_inside_a_span_of_years_counts(year: str, text: str) -> None:
    assert not years_off_evidence([year, "Nordland"], [text])


def test_a_year_outside_the_evidence_is_off() -> None:
    assert years_off_evidence(["2022"], ["Temaene var stabile i treårsperioden 2018 til 2020."])
    assert years_off_evidence(["2021"], ["I alt 23 636 brukere i 2020.", "Viken 6093 5777"])


def test_a_question_without_a_year_is_never_off() -> None:
    assert not years_off_evidence(["Nordland", "12"], ["Viken hadde 6093 brukere i 2019."])


def test_results_of_work_going_on_are_not_there() -> None:
    going_on = "FAFO evaluerer for tiden integreringsloven, og prosjektet går til mars 2023."
    assert reports_unfinished("Hva ble resultatene av evalueringen?", going_on)
    assert reports_unfinished("What did the evaluation conclude?", going_on)
    # who evaluates and for how long: the same sentence answers it
    assert not reports_unfinished("Hvem evaluerer integreringsloven?", going_on)


def test_a_disclaimer_counts_only_when_it_shares_a_rare_word_with_the_question() -> None:
    df = {"karriereveiledning": 160, "innvandr": 4, "barum": 1, "asylmottak": 3}
    assert disclaims("Hva med innvandrere i Bærum?", ["innvandr", "barum"], [DISCLAIMER], df)
    # only a common word in common: the disclaimer is about something else
    assert not disclaims(
        "Hva med asylmottak?", ["karriereveiledning", "asylmottak"], [DISCLAIMER], df
    )
    # a misspelt question word is unknown to the report, not rare in it
    assert not disclaims(
        "karrierveiledning?", ["karrierveiledning"], [DISCLAIMER], {"karriereveiledning": 160}
    )


def test_a_disclaimer_on_a_compound_counts_only_when_the_question_says_its_rest_too() -> None:
    text = "Vi har ikke gått gjennom høringssvarene."
    df = {t: 2 for t in terms("høringssvarene høringsinstansene høringsfristen svarte")}
    asked, other = "Hvordan svarte høringsinstansene?", "Når var høringsfristen?"
    # «høringssvar»: the question's «svarte» says the rest of the compound
    assert disclaims(asked, terms(asked), [text], df)
    # «høringsfrist» is another thing than the answers to the hearing
    assert not disclaims(other, terms(other), [text], df)


def test_a_disclaimers_own_words_are_no_word_it_shares_with_the_question() -> None:
    text = "Det har ikke lyktes å finne spørreundersøkelsen."
    question = "Hva forklarer at Oslo-satsingen har lyktes?"
    df = {t: 1 for t in terms(f"{text} {question}")}
    assert not disclaims(question, terms(question), [text], df)
    asked = "Hva viste spørreundersøkelsen i Oslo?"
    assert disclaims(asked, terms(asked), [text], df)


def test_a_disclaimer_is_undone_by_a_close_sentence_giving_the_asked_fact() -> None:
    # they could not find the survey itself, but the report does say who got it
    lost = "Det har ikke lyktes å finne spørreundersøkelsen."
    given = "I 2017 ble det gjennomført en spørreundersøkelse til 175 rådgivere i Oslo-skolen."
    other = "Ifølge en undersøkelse var 20 prosent av rådgiverne ikke med."
    question = "Hvor mange rådgivere fikk spørreundersøkelsen?"
    df = {t: 1 for t in terms(f"{lost} {given} {question}")}
    assert not disclaims(question, terms(question), [other, given, lost], df)
    # with no close sentence giving a count, the disclaimer stands
    assert disclaims(question, terms(question), [other.replace("20 prosent", "noen"), lost], df)
    # a sentence giving the asked share names the survey by its head: «en undersøkelse»
    share = "Hvor stor andel av rådgiverne var ikke med, ifølge spørreundersøkelsen?"
    df |= {t: 1 for t in terms(share)}
    assert not disclaims(share, terms(share), [other, lost], df)
    assert disclaims(share, terms(share), [other.replace("20 prosent", "noen"), lost], df)


def test_a_disclaimer_below_a_sentence_saying_it_is_about_other_work() -> None:
    df = {"evaluer": 5, "prosjekt": 9}
    found = "Rambøll evaluerte utprøvingen på oppdrag fra Kompetanse Norge."
    other = "Vi har ikke funnet informasjon om prosjektet, det er ikke evaluert."
    question = "Hvem evaluerte det?"
    asked = terms(question)
    assert not disclaims(question, asked, [found, other], df)
    assert disclaims(question, asked, [other, found], df)  # the disclaimer is the closest sentence


def test_a_disclaimer_below_a_sentence_saying_it_in_a_compound_is_about_other_work() -> None:
    # «samarbeidsprosjekt» and «evaluering» say «prosjekt» and «evaluer» too
    df = {"evaluer": 5, "prosjekt": 9, "buskerud": 2}
    found = "Mordal gjennomførte en evaluering av et samarbeidsprosjekt mellom NAV Buskerud."
    other = "Vi har ikke funnet informasjon om prosjektet, det er ikke evaluert."
    question = "Hvem evaluerte NAV Buskerud-prosjektet?"
    assert not disclaims(question, terms(question), [found, other], df)


def test_an_evaluation_of_work_said_to_be_unevaluated_is_not_there() -> None:
    named = "Trøndelag fylkeskommune jobber med noe de kaller Karriereløftet."
    after = ["Vi har ikke funnet informasjon om prosjektet, det er ikke evaluert."]
    assert reports_unfinished("Hva fant evalueringen av Karriereløftet?", named, after)
    assert reports_unfinished("Who evaluated Karriereløftet?", named, after)
    # asked yes or no, the sentence after answers it; nor is a question of no evaluation refused
    assert not reports_unfinished("Er Karriereløftet evaluert?", named, after)
    assert not reports_unfinished("Hva er Karriereløftet?", named, after)
    assert not reports_unfinished("Hva fant evalueringen av Karriereløftet?", named)


def test_a_disclaimer_saying_no_answers_a_yes_or_no_question() -> None:
    df = {"evaluer": 5, "prosjekt": 9, "karrierelo": 1}
    text = "Vi har ikke funnet informasjon om prosjektet, det er ikke evaluert."
    yes_or_no = "Er Karriereløftet evaluert?"
    assert not disclaims(yes_or_no, terms(yes_or_no), [text], df)
    # what the evaluation found it does not say
    found = "Hva fant evalueringen av Karriereløftet?"
    assert disclaims(found, terms(found), [text], df)
    # «were they able to find it?» is answered by «they were not»
    lost = "Det har ikke lyktes å finne spørreundersøkelsen."
    df = {t: 1 for t in terms(lost)}
    for asked in ("fant forfatterne sporreundersokelsen om rio", "Did they find the survey?"):
        assert not disclaims(asked, terms(asked), [lost], df)
    what = "Hva viste spørreundersøkelsen?"
    assert disclaims(what, terms(what), [lost], df)


def test_a_disclaimer_followed_by_what_was_found_answers() -> None:
    text = "Vi har ikke funnet evalueringer av samarbeidet, men det foregår mye samarbeid."
    assert not disclaims(
        "Hvordan er samarbeidet evaluert?",
        ["evaluering", "samarbeid"],
        [text],
        {"evaluering": 2, "samarbeid": 2},
    )


@pytest.mark.parametrize(
    ("question", "sentence", "lacks"),
    [
        ("Hvor mange timer veiledning får hver elev?", "Elevene har rett til veiledning.", True),
        # «alle fylkene» says nothing of how many inmates; «De fleste» is a (vague) count
        ("Hvor mange innsatte fikk veiledning?", "Fylkene hadde et tilbud i 2020.", True),
        (
            "Hvor mange rådgivere hadde kombinasjonsstillinger?",
            "De fleste rådgiverne hadde det.",
            False,
        ),
        ("Hvor mange timer veiledning får hver elev?", "Elevene får 2 timer i året.", False),
        ("How many credits is the master?", "Masteren er på 120 stp.", False),
        ("How many credits is the master?", "Masteren går over 4 år.", True),
        ("Hvor stor andel hadde innvandrerbakgrunn?", "En tredjedel hadde det.", False),
        ("Hvor stor andel hadde innvandrerbakgrunn?", "7 av 11 fylker økte.", False),
        ("Hvor stor andel hadde innvandrerbakgrunn?", "Det var 2 500 personer.", True),
        # when a law takes effect: the hearing's date does not say
        (
            "When will the new Education Act come into force?",
            "Forslaget var på høring høsten 2021 (høringsfrist 20. desember 2021).",
            True,
        ),
        ("Når trådte loven i kraft?", "Loven trådte i kraft 1. januar 2021.", False),
        ("When did the duty come into force?", "Fra 1. januar 2021 fikk fylkene en plikt.", False),
        # a response rate is a share: the survey's size is no answer to it
        ("svarprosent kartleggingen 2020", "1701 skoler mottok e-posten.", True),
        ("What was the response rate?", "Estimert svarprosent var 28 %.", False),
        # what it costs the user, and what the staff earn
        ("Hva koster veiledningen?", "Alle fylker har et gratis tilbud.", False),
        ("Hvor mye tjener en karriereveileder?", "Alle fylker har et gratis tilbud.", True),
        ("What is a counsellor's salary?", "Lønnen er 550 000 kroner.", False),
        # how satisfied: said in words or by a score, not by how many took part
        ("Kor nøgde er studentane?", "Alle universitetene var representert.", True),
        ("Hvor fornøyde var brukerne?", "94 prosent var ganske eller svært fornøyde.", False),
        ("How satisfied were the pupils?", "Elevene ga rådgivningen skåren 3,8.", False),
        # an average, also in a compound («snittalder»)
        ("snittalder brukere 2020", "Flere brukere var 30–49 år i 2020.", True),
        ("Hva var snittalderen?", "Gjennomsnittsalderen var 38 år.", False),
        # by how much: «bedre enn gjennomsnittet» says better, not how much
        ("Hvor mye bedre skåret skolene?", "Skolene skåret bedre enn gjennomsnittet.", True),
        ("Hvor mye høyere var skåren?", "Skåren var 0,2 høyere.", False),
        # what follows: a duty stated is no consequence of breaking it
        ("Hva skjer hvis fylket ikke gir et tilbud?", "Fylket skal ha et tilbud.", True),
        ("What happens if a participant refuses?", "Deltakeren kan miste stønaden.", False),
        # how often, who paid, who wrote, how to reach, how examined, how sure, how many questions
        ("Hvor ofte møtes forumet?", "I forumet sitter 30 organisasjoner.", True),
        ("How often is the survey run?", "Undersøkelsen gjennomføres årlig.", False),
        ("Hvem betalte for prosjektet?", "Prosjektet startet i 2018.", True),
        ("Who funded the evaluation?", "Evalueringen ble finansiert av direktoratet.", False),
        # who paid for it is no question of wages, how well paid is
        ("Who paid for RiO?", "RiO startet med midler fra Utdanningsdirektoratet.", False),
        ("How well paid are counsellors?", "RiO startet med midler fra direktoratet.", True),
        ("Hvem har skrevet rapporten?", "Rapporten ble lagt frem i 2020.", True),
        ("hvem skrev doktorgraden", "Se doktorgraden til Erik Hagaseth Haug (2017).", False),
        ("Who wrote the NIFU report?", "Buland mfl. (2020) fant at …", False),
        ("What is the phone number of the service?", "Brukerne kan ringe eller chatte.", True),
        ("e-postadresse til senteret", "Kontakt samfunnskontakt@uit.no.", False),
        ("Is there a written exam?", "Emnet gir 10 studiepoeng.", True),
        ("What was examined in the survey?", "Undersøkelsen kartla rådgivernes oppgaver.", False),
        ("What is the margin of error?", "Kun 11 prosent svarte.", True),
        ("What is the significance of career guidance?", "Veiledning er viktig.", False),
        ("Kor mange spørsmål hadde undersøkinga?", "Undersøkelsen hadde 34 respondenter.", True),
        ("How many questions did the survey have?", "Den hadde 12 spørsmål.", False),
        # opening hours, a deadline, an age limit, a language, other countries, complaints
        (
            "What are the opening hours of the chat?",
            "Brukerne var fornøyde med åpningstider.",
            True,
        ),
        ("Når har senteret åpent?", "Senteret har åpent kl. 9–15.", False),
        ("Når er søknadsfristen for masteren?", "Masteren tar opp 30 studenter.", True),
        ("Har eleven krav på å vite om søknadsfrister?", "Eleven har rett til rådgivning.", False),
        ("Er det en aldersgrense for å få veiledning?", "Tilbudet er for alle.", True),
        ("Hvilke språk kan man chatte på?", "Brukerne kan chatte med en veileder.", True),
        ("is it taught in English?", "Studiet er samlingsbasert.", True),
        ("Which language centres did they work with?", "De samarbeidet med NAV.", False),
        ("Hvordan er det i Sverige?", "Tilbudet i Norge er fylkesvis.", True),
        ("How does Norway compare to other countries?", "OECD påpekte variasjoner.", False),
        ("Hvordan klager jeg på rådgivningen?", "Eleven har rett til rådgivning.", True),
        ("What do counsellors complain about?", "De største utfordringene var tid.", False),
        # which countries (a region names none), how old
        ("Hvilke land kom de fra?", "23 prosent kom fra land utenfor Europa.", True),
        ("Hvor gamle var brukerne?", "Flere brukere var 30–49 år i 2020.", False),
        ("aldersfordeling ansatte", "51 ansatte deltok i undersøkelsen.", True),
        ("How old is the Oslo centre?", "Senteret i Oslo startet i 2010.", False),
        # per inhabitant: a count is no count in proportion to the population
        ("Hvilket fylke har flest brukere per innbygger?", "Viken hadde 5777 brukere.", True),
        ("Which county had most users per capita?", "Viken hadde 5777 brukere.", True),
        # which of the two: a sentence must set them side by side
        ("Hvilken av de to klassene har flest studenter?", "Det er en klasse på 25-30.", True),
        ("Which of the two centres had more users?", "Viken hadde flere brukere enn Oslo.", False),
        # when a law takes effect: a sentence must date it, not only say that it did
        (
            "Når trer den nye opplæringsloven i kraft?",
            "Samarbeidet startet etter at den nye integreringsloven trådte i kraft.",
            True,
        ),
        (
            "Når trådte integreringsloven i kraft?",
            "Integreringsloven, som trådte i kraft 1. januar 2021, sier at …",
            False,
        ),
        # an age distribution is no year; how old a thing is may be the year it began
        (
            "aldersfordeling ansatte karrieretjenester",
            "Det er bekreftet av HK-dir i e-post av 14.12.2021.",
            True,
        ),
        ("Hvor gammel er karrieresenteret?", "Karrieresenteret ble etablert i 2010.", False),
    ],
)
def test_the_kind_of_fact_asked_for(question: str, sentence: str, lacks: bool) -> None:
    assert lacks_asked_fact(question, [sentence]) is lacks


VG1_SCORE = "På Vg1 var skåret for alle elever i 2020-2021 på 3,6."
GRADE10_SCORE = "På 10. trinn har resultatet ligget jevnt, med en skår på 3,8."
BOTH_ASKED = "På Vg1 og Vg2 skal man vurdere påstanden «Jeg har fått et godt grunnlag».35"


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # the report gives scores for Vg1 and 10. trinn only; that Vg2 is asked is no score
        ("Hva var skåren på Vg2 i 2020-21?", [VG1_SCORE, BOTH_ASKED], True),
        ("What score did Vg3 pupils give counselling?", [VG1_SCORE, GRADE10_SCORE], True),
        ("Hvor fornøyde er elevene på 7. trinn med rådgivningen?", [GRADE10_SCORE], True),
        ("Hva var skåren på Vg1 i 2020-21?", [GRADE10_SCORE, VG1_SCORE], False),
        ("Hvilken skår har 10. trinn?", [VG1_SCORE, GRADE10_SCORE], False),
        # a question of no score, or of no one school year, or no score close at all
        ("Hva spør Elevundersøkelsen elevene på Vg2 om?", [VG1_SCORE, BOTH_ASKED], False),
        ("Hva var skåren på Vg2 og Vg3?", [VG1_SCORE], False),
        ("Hva var skåren på Vg2?", [BOTH_ASKED], False),
    ],
)
def test_a_score_for_another_school_year_is_off(
    question: str, closest: list[str], off: bool
) -> None:
    assert grade_off_evidence(question, closest) is off


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # the report gives no score by gender
        (
            "Hvordan skåret jentene sammenlignet med guttene?",
            ["For 10. trinn var skåren 3,6."],
            True,
        ),
        (
            "What share of the staff were men?",
            ["Et flertall av de ansatte hadde høyere utdanning."],
            True,
        ),
        ("Hvor stor andel var kvinner?", ["Kjønn\nKvinner  62 %  63 %"], False),
        # naming a gender is not enough: it must stand with the kind of fact asked for
        (
            "Kva skår gav gutar og jenter på 10. trinn?",
            ["Man kan foreta sorteringer etter fylker, kjønn etc. på nettsiden 10. trinn."],
            True,
        ),
        ("Kva skår gav gutane?", ["Gutane gav skåren 3,7."], False),
        # nor by programme: vocational against general studies
        (
            "Was the Vg1 score higher for vocational students than in general studies?",
            ["For Vg1 var skåren 3,6 i 2020."],
            True,
        ),
        ("Hadde rådgiverne behov for kompetanse om yrkesfag?", ["Behov for yrkesfag."], False),
        # vocational guidance is a kind of guidance, no group of pupils
        ("Which chapter deals with vocational guidance?", ["Indeksen står i kap. 4.12."], False),
        # a gender named does not answer for a programme
        ("Hvilken skår ga jentene på yrkesfag?", ["Jentene ga skåren 3,7."], True),
        ("rusmestringskurs kvinner fengsel", ["Kurset var kun forbeholdt menn."], False),
        # Norwegian «men» is «but», and asks about no one
        ("Hva tilbys, men ikke brukes?", ["Tilbudet er gratis."], False),
        ("Hva ble tilbudt?", ["Tilbudet er gratis, men lite brukt."], False),
    ],
)
def test_a_question_of_a_group_needs_evidence_naming_the_group(
    question: str, closest: list[str], off: bool
) -> None:
    assert group_off_evidence(question, closest) is off


INTAKE = "Det tas opp 40 studenter på hvert av studiene pr år."
MASTERS = "Nord Universitet tilbyr to rådgivingsstudier på masternivå. " + INTAKE


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # a degree the question counts must stand in the passage of a sentence holding the fact
        (
            "Hvor stor andel av NAV-medarbeiderne hadde mastergrad?",
            [
                (
                    "Flest var engasjert i brukeroppfølging (66 prosent).",
                    "6.1 Kompetanse\nFlest var engasjert i brukeroppfølging (66 prosent).",
                )
            ],
            True,
        ),
        ("Hvor mange tar Nord opp på bachelor i rådgiving?", [(INTAKE, MASTERS)], True),
        ("Hvor mange tar Nord opp på masteren?", [(INTAKE, MASTERS)], False),
        ("How many are admitted to the master's programmes?", [(INTAKE, MASTERS)], False),
        ("Hvor mange tar opp studenter på masteren?", [(INTAKE, "Studiet er på 30 stp.")], True),
        # one degree in other words: «ph.d.», «PhD», «doktorgrad»
        ("Hvor mange tok ph.d.?", [("To av dem.", "Begge tok en doktorgrad.")], False),
        # naming a degree asks for no fact, or the passage names it beside the count
        ("Hvilke masterstudier finnes?", [("Ingen.", "Studiet er på 30 stp.")], False),
        (
            "Hvor mange masterstudenter har INN?",
            [
                (
                    "På masterstudiet tar høgskolen opp ca. 30 nye studenter hvert år.",
                    "På masterstudiet tar høgskolen opp ca. 30 nye studenter hvert år.",
                )
            ],
            False,
        ),
    ],
)
def test_a_count_of_a_degree_needs_evidence_naming_the_degree(
    question: str, closest: list[tuple[str, str]], off: bool
) -> None:
    assert degree_off_evidence(question, closest) is off


APART = "Karrieresentrene er gratis for alle.", "I NAV er veiledningen arbeidsrettet."
SIDE_BY_SIDE = "Karrieresentrene var utdanningsorientert, mens NAV var arbeidsorientert."


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # which of two services is more so: a close sentence must set the two side by side
        ("Er brukerne mer fornøyde med karrieresentrene enn med NAV?", APART, True),
        ("Er karrieresentrene eller skolerådgiverne best til å veilede?", APART, True),
        ("Are the career centres better than NAV at guidance?", APART, True),
        ("Er NAV mer arbeidsorientert enn karrieresentrene?", [SIDE_BY_SIDE], False),
        # a superlative of one service's own doings ranks no services
        ("Samarbeidet fengselsrådgiverne mest med NAV?", APART, False),
        # one service, or no comparison
        ("Er karrieresentrene bedre enn før?", APART, False),
        ("Samarbeider karrieresentrene og NAV?", APART, False),
        # «høyere» compares here; it is no higher education
        ("Er den høyere eller lavere enn på videregående skole?", APART, False),
        ("Er høyere utdanning bedre enn skolene på veiledning?", APART, True),
    ],
)
def test_a_comparison_of_two_services_needs_them_side_by_side(
    question: str, closest: list[str], off: bool
) -> None:
    assert compares_services_apart(question, closest) is off


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Bør jeg velge yrkesfag eller studiespesialisering?", True),
        ("Bør eg ta Rådgiving 1 ved NTNU eller ved Nord?", True),
        ("I was laid off – should I go to NAV or to a career centre?", True),
        ("Kommer betegnelsen til å bli byttet ut?", True),
        ("Will the standards become mandatory?", True),
        ("Blir NAV viktigere i fremtiden?", True),
        # what would have been
        ("How many would have come if there had been no pandemic?", True),
        ("Hvor mange ville brukt sentrene hvis det ikke hadde vært en pandemi?", True),
        ("Hvor stor andel av brukerne ville helst møte veilederen fysisk?", False),
        # asking where to go, or what was recommended, is asking what the report says
        ("Hvor kan jeg ta master i karriereveiledning?", False),
        ("Hva anbefalte Proba om NAV og karrieresentrene?", False),
        ("Hva bør en karriereveileder kunne?", False),
        ("Hvor bør jeg henvende meg for å få karriereveiledning?", False),
        ("Where should I go for career guidance?", False),
        ("Når trer den nye opplæringsloven i kraft?", False),
        ("Hvem kommer til å ha ansvaret for karriereveiledning.no?", False),
    ],
)
def test_advice_and_forecasts_are_no_questions_for_the_report(question: str, asks: bool) -> None:
    assert asks_advice_or_forecast(question) is asks


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        ("Hvilken videreutdanning er den beste?", ["Studiet går over to år."], True),
        ("Hvilket av delprosjektene fungerte best?", ["Kongsberg hadde sykemeldte."], True),
        ("Hvilket fylke var best på 10. trinn?", ["Agder hadde høyest skår."], False),
        # «består», «bestemme» rank nothing
        ("Hvilket studium er best?", ["Studiet består av to moduler.", "De bestemmer selv."], True),
        # a score is a measure, not a verdict
        ("Hvilket fylke var best skår?", ["Studiet går over to år."], False),
        ("Hva må en veileder kunne aller best?", ["Studiet går over to år."], False),
    ],
)
def test_a_verdict_needs_a_close_sentence_that_ranks(
    question: str, closest: list[str], off: bool
) -> None:
    assert asked_but_not_given(question, closest) is off


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # a judgement asked for: a close sentence must give a finding or a verdict
        ("Er faget utdanningsvalg et godt fag?", ["Faget har ingen karakter."], True),
        ("Was the merger a good idea?", ["HK-dir ble etablert 1. juli 2021."], True),
        ("Er tilbudet et godt tilbud?", ["Evalueringen viste at tilbudet var nyttig."], False),
        ("Er rådgivningen bra nok?", ["Elevene var fornøyd med rådgivningen."], False),
        # «godt kjent» asks how known, not how good
        ("Er tilbudet godt kjent?", ["Faget har ingen karakter."], False),
        # whether doing something was right; not whether a statement is true
        ("Var det riktig å legge ned senteret?", ["Senteret er lagt ned."], True),
        ("Er det riktig at senteret er lagt ned?", ["Senteret er lagt ned."], False),
    ],
)
def test_a_judgement_needs_a_close_finding(question: str, closest: list[str], off: bool) -> None:
    assert asked_but_not_given(question, closest) is off


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # whether work goes on: a close sentence must say it goes on, or that it ended
        ("Skal RiR fortsette etter 2021?", ["RiR ble startet i 2018."], True),
        ("Will RiO be continued?", ["RiO startet i 2010 med midler fra Udir."], True),
        ("Skal RiR fortsette etter 2021?", ["Prosjektet videreføres i 2022."], False),
        ("Will the project continue?", ["Prosjektet ble avsluttet i 2019."], False),
        # the authors' own advice is theirs only in their own voice
        ("Kva tilrår forfattarane sjølve?", ["Karriereutvalget foreslo en ny lov."], True),
        ("What do the authors recommend?", ["Proba anbefalte mer samarbeid."], True),
        ("Hva anbefaler forfatterne?", ["Vi anbefaler at HK-dir får ansvaret."], False),
        # what someone else recommended another rule reads
        ("Hva anbefalte Proba?", ["Proba anbefalte mer samarbeid."], False),
        # what some people thought: one of the two closest sentences must tell it
        ("Kva meinte elevane om prosjektet?", ["Prosjektet starta i 2018.", "USN er med."], True),
        ("What did the pupils think of it?", ["The project began in 2018."], True),
        ("Hva mente Rambøll om tiltaket?", ["Rambøll konkluderte med at det var nyttig."], False),
        ("Kva meinte utvalet om NAV?", ["Utvalget påpekte at NAV er sentral."], False),
        # the third closest sentence is about something else
        (
            "Hva syntes brukerne?",
            ["Senteret åpnet.", "Det har to ansatte.", "De var fornøyd."],
            True,
        ),
    ],
)
def test_continuation_advice_and_opinions_need_a_close_sentence_saying_so(
    question: str, closest: list[str], off: bool
) -> None:
    assert asked_but_not_given(question, closest) is off


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # the report tells of the Oslo centre opening in 2019, never of it closing
        (
            "Hvorfor ble karrieresenteret i Oslo lagt ned i 2019?",
            ["Den største økningen foregikk i Oslo, som var oppstartsåret for karrieresenteret."],
            True,
        ),
        ("When was karriereveiledning.no shut down?", ["Tjenesten ble lansert i 2019."], True),
        # a closure the report states, or a renaming, answers
        (
            "Kvifor vart senteret ved UiT lagt ned?",
            ["Senter for karriere og arbeidsliv ved UiT er lagt ned."],
            False,
        ),
        ("Når ble Vox lagt ned?", ["Vox skiftet navn til Kompetanse Norge i 2014."], False),
        ("Hvorfor ble det færre kurs?", ["Det ble færre kurs."], False),  # no closure asked
        ("Did the survey use open or closed questions?", ["Det var åpne spørsmål."], False),
        # stopping something is a closure too, and a project «avsluttet» states one
        ("Kvifor slutta Oslo med RiO-samlingane?", ["RiO startet i 2010."], True),
        ("Why was the project stopped?", ["Prosjektet ble avsluttet i 2019."], False),
    ],
)
def test_a_closure_taken_for_granted_must_be_stated(
    question: str, closest: list[str], off: bool
) -> None:
    assert asked_but_not_given(question, closest) is off


REVIEW = "Agenda Kaupang foretok en gjennomgang av karriereveiledningen i daværende Østfold fylke."


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        ("Hvilke anbefalinger ga Agenda Kaupang for Østfold?", [REVIEW], True),
        # «rådgivere» is no «råd» given
        ("What did Agenda Kaupang recommend?", [REVIEW, "Rådgiverne samarbeider med NAV."], True),
        ("Hva anbefalte Proba i 2014?", ["Proba anbefalte et tettere samarbeid."], False),
        ("Kven tilrådde ei nasjonal eining?", ["Utvalget foreslo en nasjonal enhet."], False),
        ("Hva bør NAV gjøre, ifølge anbefalingene?", ["NAV bør samarbeide tettere."], False),
        ("Hva gjorde Agenda Kaupang i Østfold?", [REVIEW], False),  # no recommendation asked
    ],
)
def test_a_recommendation_asked_for_must_be_given(
    question: str, closest: list[str], off: bool
) -> None:
    assert asked_but_not_given(question, closest) is off


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        ("Kor mange prosent var mellom 40 og 49 år?", ["30–49 49 % 52 %"], True),
        ("Hvor mange var mellom 40 og 59 år?", ["De fleste var mellom 40 og 59 år gamle."], False),
        ("Og i 21–30 år?", ["21-30 år 4,8 %"], False),  # either dash
        ("what share had worked 11 to 20 years?", ["11-20 år 23 %"], False),
        ("what share had worked 11 to 20 years?", ["6-10 år 27,4 %"], True),
        ("Hva sier § 22-3 om rådgivning?", ["§ 22-3 gir rett til rådgivning."], False),  # no span
    ],
)
def test_a_span_of_years_asked_about_must_be_given(
    question: str, closest: list[str], off: bool
) -> None:
    assert span_unstated(question, closest) is off


@pytest.mark.parametrize(
    ("question", "closest", "off"),
    [
        # the work is going on; when another thing began is no end date
        (
            "når blir hk-dir ferdig med kvalitetsgjennomgangen av skolerådgivningen",
            ["HK-dir opplyser at det pågår et arbeid.", "HK-dir har fra 2021 overtatt ansvaret."],
            True,
        ),
        ("When will the review be finished?", ["The review started in 2020."], True),
        ("Når blir prosjektet ferdig?", ["Prosjektet ble avsluttet i 2019."], False),
        ("Når skal loven være klar?", ["Loven skal være klar innen 2024."], False),
        ("Når startet prosjektet?", ["Det pågår."], False),  # no end asked for
    ],
)
def test_when_work_will_be_done_must_be_dated(question: str, closest: list[str], off: bool) -> None:
    assert asked_but_not_given(question, closest) is off


THESIS = "For en dypere kunnskapsgjennomgang se doktorgraden til Erik Hagaseth Haug (2017)."


def test_a_conclusion_asked_for_must_be_found_in_the_two_closest_sentences() -> None:
    question = "Hva konkluderte Haug med om kvaliteten i skolens karriereveiledning?"
    assert asked_but_not_given(question, [THESIS])
    # a finding of another study, further off, is not the thesis's
    assert asked_but_not_given(question, [THESIS, "Studien hadde til hensikt …", "Det var funn."])
    assert not asked_but_not_given(question, [THESIS, "Haug fant at kvaliteten varierte."])
    assert not asked_but_not_given(
        "What did Rambøll conclude?", ["Rambøll mente at det var nyttig."]
    )
    assert not asked_but_not_given("Hva fant Haug?", [THESIS])  # no conclusion asked


def test_a_county_the_closest_evidence_does_not_name_is_off() -> None:
    survey = "4.5 Elevundersøkelsen\nI 2020-21 hadde Agder høyest skår, mens Oslo var lavest."
    assert places_off_evidence(["Vestland", "2020"], [survey])
    assert not places_off_evidence(["Oslo", "2020"], [survey])
    assert not places_off_evidence(["2020"], [survey])  # no place named
    assert not places_off_evidence(["Møre"], ["Møre og Romsdal 1204 1233"])
    assert places_off_evidence(["Østfold"], [survey])  # æøå in a county's name
    assert not places_off_evidence(["Østfold"], ["Karrieresenter Østfold er et partnerskap."])
    # the region is not the county, though it opens alike; the county's genitive is the county
    assert places_off_evidence(["Vestland"], ["Høgskulen på Vestlandet tilbyr 30 studiepoeng."])
    assert not places_off_evidence(["Vestland"], ["Vestlands fylkeskommune har et senter."])


@pytest.mark.parametrize(
    ("question", "sentence", "lacks"),
    [
        # «når» with a verb of happening asks for a time
        ("Når trer den nye opplæringsloven i kraft?", "Loven trådte i kraft etter vedtak.", True),
        ("Når trådte loven i kraft?", "Loven trådte i kraft 1. januar 2021.", False),
        # what it costs the user: «gratis» answers; a budget or what a project cost: it does not
        ("Koster det noe å få veiledning?", "Tilbudet er gratis for alle.", False),
        ("Is there a fee for guidance?", "Tilbudet er gratis for alle.", False),
        # «in charge of» asks who is responsible, not what it costs
        ("Who is in charge of the user survey?", "HK-dir har ansvar for undersøkelsen.", False),
        ("Hva er budsjettet til karrieresentrene?", "Tilbudet er gratis for alle.", True),
        ("Hva kostet prosjektet?", "Tilbudet er gratis for alle.", True),
        ("Hva kostet prosjektet?", "Prosjektet fikk 2 millioner kroner.", False),
        # how much money something got or costs to run: that it had funds, or is free, is no sum
        ("Kor mykje pengar fekk RiO?", "RiO starta med midlar frå Udir.", True),
        ("how much money did RiO get?", "RiO startet med midler fra Udir.", True),
        ("Hva koster det å drive tjenesten?", "Tjenesten er gratis for brukerne.", True),
        # what a named work costs is a budget: that some other offer is free does not say
        ("Hva koster Karriereløftet?", "Tilbudet er gratis for alle.", True),
        ("What does RiO cost?", "Tilbudet er gratis for alle.", True),
        ("Hva koster Karriereløftet?", "Karriereløftet fikk 2 millioner kroner.", False),
        ("Kor mykje pengar fekk RiO?", "RiO fikk 3 millioner kroner.", False),
        ("Hvor fikk RiO penger fra?", "RiO startet med midler fra Udir.", False),
        ("radgiver lonnstillegg hvor mye", "Rådgiverne hadde ikke godt nok tid.", True),
        # which section of a law: a sentence must cite one
        ("integreringsloven hvilken paragraf", "Loven gir fylkeskommunen en plikt.", True),
        ("Hvilken paragraf gir elevene rett?", "Det står i opplæringslova § 9-2 at …", False),
        ("Which section of the act is it?", "Se forskriftens § 22-3.", False),
        # «når» typed without «å» asks for a time as well
        ("nar trer loven i kraft?", "Loven trådte i kraft etter vedtak.", True),
        # «nok» (enough) is no «NOK»
        ("Hva tjener en rådgiver?", "Rådgiverne hadde ikke godt nok tid.", True),
        ("Hva tjener en rådgiver?", "Rådgiverne tjente 500 000 NOK.", False),
        # a year with a footnote marker glued on («fra 20022») is still a year
        ("Hvilket år kom OECD-rapporten?", "OECD i en landrapport fra 20022 påpekte", False),
        # a footnote's own number at the start of its line counts nothing
        ("Hvor mange karrieresentre har Viken?", "21 Kilde Viken: Fylkeskommunens arbeid", True),
        ("Hvor mange svarte?", "17 institusjoner svarte på undersøkelsen.", False),
        # when something began: a year of some other event does not date it
        ("Når ble senteret opprettet?", "Undersøkelsen ble gjennomført i 2017.", True),
        ("When did NTNU open its centre?", "NTNU evaluerte prosjektet i 2016-2019.", True),
        ("Når ble senteret opprettet?", "Senteret ble opprettet i 2017.", False),
        # an average: a sentence must give one, or a score
        ("Hva er gjennomsnittsalderen til brukerne?", "Unge under 24 år var en fjerdedel.", True),
        (
            "What is the average position size?",
            "Gjennomsnittlig stillingsandel var 37 prosent.",
            False,
        ),
        ("Hvilket fylke hadde høyest snitt?", "Agder hadde høyest skår på 3,7.", False),
        # a keyword question ending in «år» asks for one
        ("bi karriereservice startet aar", "BI har en karriereservice.", True),
        ("bi karriereservice startet aar", "Den startet ved BI i 1990.", False),
        ("rio årstall", "RiO samlet skolene.", True),
        # typed without «å»
        ("hvilket ar fikk elevene rett til radgivning", "Elevane har rett til rådgiving.", True),
        ("kva ar vart senteret oppretta", "Senteret ble opprettet i 2019.", False),
        ("When was the service launched?", "Den ble lansert 2. september 2020.", False),
        # who heads something: a sentence must speak of heading
        ("Hvem er direktør for HK-dir?", "HK-dir ble etablert 1. juli 2021.", True),
        ("Who is the head of HK-dir?", "HK-dir ble etablert 1. juli 2021.", True),
        ("Hvem var utvalgsleder i Karriereutvalget?", "Utvalget la fram NOU 2016:7.", True),
        ("Hvem er leder for forumet?", "Forumet ledes av HK-dir.", False),
        ("Hvem eier karriereveiledning.no?", "HK-dir eier karriereveiledning.no.", False),
        ("Hvem ledet Karriereutvalget?", "Ifølge Karriereutvalget har NAV vært en aktør.", True),
        ("Who leads the forum?", "Forumet, som HK-dir har i oppdrag å lede, møtes årlig.", False),
        # who led a piece of work is who did it
        ("Hvem ledet evalueringen?", "NTNU gjennomførte evalueringen i 2016-2019.", False),
        # nynorsk earnings, English spending
        ("Kor mykje tener ein rådgjevar?", "Rådgivarane har ulik stillingsressurs.", True),
        ("How much does the state spend on guidance?", "Tilbudet er gratis for alle.", True),
        ("What do counsellors spend their time on?", "De bruker mest tid på samtaler.", False),
        # «alle» answers how many
        (
            "partnerskap hvor mange fylker",
            "Det er inngått partnerskap i nesten alle fylker.",
            False,
        ),
        # a date or a score is no count
        ("Hvor mange flyktninger fikk veiledning?", "Plikten gjelder fra 1. januar 2021.", True),
        ("Hvor mange elever svarte?", "Skåren var 3,6 for elevene.", True),
        # how long: a number of years, months …, or a span of years
        ("hvor lang tid varer en samtale", "Samtalene foregikk på karrieresenteret.", True),
        ("Kor lenge etter busetjing?", "Det skal skje innen tre måneder.", False),
        ("Hvor lenge holdt gruppen på?", "Den arbeidet fra 2018 til 2020.", False),
        ("How long is the course?", "Det går på deltid over et halvt år.", False),
        ("Hvor lenge har RiO holdt på?", "RiO startet i 2010.", False),  # since when
        ("Hvor lang er ventetiden?", "De var fornøyd med ventetid etter bestilling.", True),
        ("Hvor lang ventetid er det?", "Oslo fikk sitt første senter i 2019.", True),
        ("Hva var gjennomsnittlig ventetid i 2020?", "Tallene gjelder 2020.", True),
        ("Hva var ventetiden?", "Svaret kom innen to uker.", False),
        ("What was the average waiting time?", "Tallene gjelder 2020.", True),
        ("How long do users wait for a session?", "Tallene gjelder 2020.", True),
        # whether users liked the waiting time asks for no length of it
        ("Var brukerne fornøyd med ventetiden?", "De fleste var fornøyd med ventetid.", False),
        ("Were users happy with the waiting time?", "De fleste var fornøyd med ventetid.", False),
        # how long something lasts: a year does not say it («2019 2020» in a table's header)
        ("How long does a session last?", "Antall samtaler 2019 2020", True),
        ("Hvor lenge varer kurset?", "Kurset startet i 2019.", True),
        ("Hvor lenge varer kurset?", "Kurset varer i seks uker.", False),
        ("Hvor lenge måtte brukerne vente på en time?", "Sentrene åpnet i 2019.", True),
        ("Hvor lenge måtte brukerne vente?", "Brukerne ventet i snitt to uker.", False),
        # how satisfied: a share or a score
        ("Hvor fornøyde er NAV-brukerne?", "NAV gir karriereorientert veiledning.", True),
        ("how satisfied are users", "Av disse var 94 prosent fornøyde.", False),
        ("Kor nøgde var elevane?", "Skåret var 3,6 i 2020-2021.", False),
        ("Hvor fornøyde var beboerne?", "De opplevde veiledningen som nyttig.", False),
        # «spend a day» is no money, «which paragraph» asks for a §
        ("Where do pupils spend a day at a company?", "Elevene får en fagdag i bedrift.", False),
        ("How much does the state spend each year?", "Tilbudet er gratis.", True),
        # what it costs a public body: a free service to its user does not say
        ("What will the new rules cost the municipalities?", "Tilbudet er gratis.", True),
        ("Hva koster ordningen kommunene?", "Tilbudet er gratis.", True),
        ("Does it cost anything to visit the county centre?", "Tilbudet er gratis.", False),
        # a wage by the hour is a wage; a principal heads a school
        ("hva er timelonna til en karriereveileder", "NAV lyser ut stillinger.", True),
        ("Hvem var rektor på skolen?", "Skolen samarbeidet med USN fra 2018.", True),
        ("Hvem var rektor på skolen?", "Det var rektor på skolen som fastsatte ressursen.", False),
        # until when: a year
        ("until when was it called Vox?", "Vox skiftet navn til Kompetanse Norge.", True),
        ("Fram til når het det Vox?", "Fra 1. januar 2017 skiftet Vox navn.", False),
        ("Which paragraph gives the duty?", "Opplæringsloven gir fylket en plikt.", True),
        # which month: a month's name, also in a date («1. januar 2021»)
        ("I hvilken måned ble skjemaet sendt ut?", "Skjemaet ble sendt ut i 2020.", True),
        ("In which month did Oslo's centre open?", "Oslo fikk senter i november 2019.", False),
        ("Kva månad tok plikta til å gjelde?", "Plikten gjelder fra 1. januar 2021.", False),
        # a spread or a median: the report gives means, never these
        ("Kor stort var standardavviket mellom fylka?", "Skåret var 3,6 i 2020.", True),
        ("What was the median age of the counsellors?", "Snittalderen var 45 år.", True),
    ],
)
def test_more_kinds_of_fact_asked_for(question: str, sentence: str, lacks: bool) -> None:
    assert lacks_asked_fact(question, [sentence]) is lacks


@pytest.mark.parametrize(
    ("question", "closest", "headers", "off"),
    [
        # the only number near the question counts counties with more users, not what is asked
        (
            "Hvor mange fylker har egne veiledere for samiske brukere?",
            ["Antallet brukere økte i 7 av 11 fylker."],
            [],
            False,  # «7 av 11 fylker»: a number stands by «fylker»
        ),
        (
            "Hvor mange karrieresentre har Viken?",
            ["Viken hadde 5777 brukere i 2020.", "Antall karrieresentre varierer."],
            [],
            True,
        ),
        # inflected, compounded, nynorsk, misspelt
        ("Hvor mange rådgivere svarte?", ["Av disse svarte 34 rådgiverne."], [], False),
        ("Hvor mange fengselsrådgivere samarbeidet?", ["13 av 34 rådgivere"], [], False),
        ("Kor mange brukarar hadde dei?", ["I alt 23 636 brukere."], [], False),
        ("hvor mange brukre var det", ["I alt 23 636 brukere."], [], False),
        ("hvor mange bukere var det", ["I alt 23 636 brukere."], [], False),
        # «hvor mange foretrakk …»: a verb, what is counted goes unsaid
        ("hvor mange foretrakk oppmøte", ["70 prosent ønsket oppmøte."], [], False),
        # a table whose caption or header names what is counted
        ("Hvor mange samtaler hadde Vestland?", ["Vestland 1316 1344"], ["Antall samtaler"], False),
        # the report's abbreviation
        ("Hvor mange studiepoeng er masteren?", ["Master (120 stp.)"], [], False),
        # shares, hours and questions without «hvor mange» are other rules' work
        ("Hvor mange prosent var kvinner?", ["Det var flest kvinner."], [], False),
        ("Hva gjør rådgiverne?", ["De veileder."], [], False),
        # a name after the counted noun is where, not what is counted
        ("Hvor mange karrieresentre har Viken?", ["Viken hadde 5777 brukere."], [], True),
        # «hvor mange fikk …» leaves what is counted unsaid
        ("Hvor mange fikk veiledning i 2020?", ["De fleste var fornøyde."], [], False),
        # a date, a score or a word on another noun counts nothing
        ("Hvor mange brukere var det?", ["Tallene gjelder brukere til 31. desember."], [], True),
        ("Hvor mange elever svarte?", ["Elevene ga skåren 3,6 i 2021."], [], True),
        (
            "Hvor mange veiledere jobber der?",
            ["Nettstedet er for alle sektorer; veiledere"],
            [],
            True,
        ),
        ("Hvor mange rådgivere svarte?", ["Alle rådgiverne svarte."], [], False),
        ("Hvor mange rådgivere svarte?", ["Halvparten av rådgiverne svarte."], [], False),
        # a keyword question names what it counts before «hvor mange per …»
        ("koordinatorer nav hvor mange per fylke", ["fire koordinatorer i hvert fylke"], [], False),
        # «hvor mange av brukerne …» asks a part of them: a share answers, a bare number not
        ("Hvor mange av brukerne var i jobb?", ["Det var 66 prosent i arbeid."], [], False),
        ("Hvor mange av brukerne var i jobb?", ["Det var 11 fylker."], [], True),
        ("Hvor mange brukere var i jobb?", ["Det var 66 prosent i arbeid."], [], True),
        # «hvor mange (av dem) som …» counts people by what they did: no noun is named
        ("Hvor mange av dem som fikk hjelp sa ja?", ["Det var 11 fylker."], [], False),
        ("Hvor mange som fikk hjelp var i jobb?", ["Det var 11 fylker."], [], False),
        # a document's number and a footnote's mark count nothing
        ("Hvor mange anbefalinger ga utvalget?", ["Utvalget anbefalte (NOU 2016:7)."], [], True),
        ("Hvor mange anbefalinger ga de?", ["Anbefalingene kom i ettertid.9"], [], True),
        ("Hvor mange anbefalinger ga de?", ["De ga 9 anbefalinger."], [], False),
        # a question of why asks a reason, whatever count it names
        ("Hvorfor vet ingen hvor mange rådgivere det er?", ["Ingen registrerer det."], [], False),
        # a range counts what follows its second «hvor mange»
        ("Fra hvor mange til hvor mange fylker gikk vi?", ["fra 18 til 11 fylker"], [], False),
        ("Fra hvor mange til hvor mange fylker gikk vi?", ["fra 18 til 11 skoler"], [], True),
        # what the counted people do is not them: «veiledning» counts no «veiledere»
        ("Hvor mange karriereveiledere er ansatt?", ["7 av 11 fikk karriereveiledning."], [], True),
        ("Hvor mange karriereveiledere er ansatt?", ["Det er 12 karriereveiledere."], [], False),
        # «tre eller flere X» counts X
        ("Med hvor mange aktører samarbeidet de?", ["med tre eller flere aktører"], [], False),
        ("Med hvor mange aktører samarbeidet de?", ["med tre eller flere skoler"], [], True),
    ],
)
def test_a_count_must_stand_by_what_is_counted(
    question: str, closest: list[str], headers: list[str], off: bool
) -> None:
    assert counts_something_else(question, closest, headers) is off


@pytest.mark.parametrize(
    "question",
    [
        "Hvorfor vet ingen nøyaktig hvor mange som driver elevrådgivning på videregående?",
        "Kvifor veit ingen kor mange rådgjevarar det er?",
        "Why did it cost so much money to run?",
    ],
)
def test_a_question_of_why_asks_no_kind_of_fact(question: str) -> None:
    assert asked_facts(question) == []
    assert asked_facts(question.split(maxsplit=1)[1])  # without «why» it asks one


def test_a_modal_verb_after_how_many_is_no_counted_noun() -> None:
    # «Hvor mange ville …?» counts people, not «ville»: a share of them answers
    closest = ["Det var 70 prosent som foretrakk fysisk oppmøte."]
    assert not counts_something_else("Hvor mange ville helst møte opp fysisk?", closest)


def test_how_many_more_counts_the_noun_after_more() -> None:
    closest = ["I alt 15 rådgivere hadde oppgaver overfor 0–9 innsatte."]
    assert counts_something_else("Hvor mange flere lærere fikk skolene?", closest)
    assert not counts_something_else("Hvor mange flere rådgivere var det?", closest)


def test_a_pronoun_after_how_many_is_no_counted_noun() -> None:
    # «how many do they admit?» (glossed «hvor mange they ta opp») leaves its noun unsaid
    closest = ["Det tas opp 40 studenter på hvert av studiene pr år."]
    assert not counts_something_else("og hvor mange they ta opp hver år?", closest)
    assert not counts_something_else("Hvor mange tar de opp?", closest)
    assert counts_something_else("Hvor mange lærere tar de opp?", closest)


def test_a_range_counts_but_a_span_of_years_does_not() -> None:
    question = "Hvor mange studenter er det plass til per studium?"
    assert not counts_something_else(question, ["Det er plass til ca. 30-35 studenter."])
    assert counts_something_else(question, ["Studentene ble spurt i 2008-2009."])


def test_a_keyword_count_names_what_it_counts_first() -> None:
    # «Antall X …» asks how many X, as «hvor mange X» does
    closest = ["I alt 23 636 personer var til individuell karriereveiledning i 2020."]
    assert counts_something_else("Antall introdeltakere som fikk veiledning i 2021?", closest)
    assert not counts_something_else("antall personer til veiledning 2020", closest)
    assert not counts_something_else("Hva var antallet?", closest)  # names nothing counted


def test_naming_something_is_what_is_counted_not_a_noun() -> None:
    # «Hvor mange nevnte …?» counts those who named it: «fire av ti» answers
    closest = ["Halvparten mente de ble ivaretatt, og fire av ti trakk fram de eldste."]
    assert not counts_something_else("Hvor mange nevnte de eldste?", closest)
    assert counts_something_else("Hvor mange rådgivere nevnte de eldste?", closest)


def test_a_glossed_english_count_may_name_its_noun_third() -> None:
    glossed = "hvor mange fengsel kriminalomsorgen rådgivere hadde formell utdanning"
    closest = ["Det var også elleve rådgivere som ikke hadde formell utdanning."]
    assert counts_something_else(glossed, closest)  # two words reach «kriminalomsorgen»
    assert not counts_something_else(glossed, closest, reach=3)


def _hit(text: str) -> Hit:
    passage = Passage("r#10-12", text, "r.txt", "10", "Utdanningstilbud", 0, len(text))
    return Hit(passage, 1.0, 1)


def test_an_acronym_is_there_when_its_spelled_out_name_is() -> None:
    question = "Hvor mange studiepoeng kreves for opptak til karriereveiledning ved UiA?"
    agder = _hit("Universitetet i Agder tilbyr etter- og videreutdanning i karriereveiledning.")
    assert "UiA" in specifics(question)
    assert missing_specifics(specifics(question), [agder]) == ["UiA"]  # the name unknown
    spelled = {"UiA": "Universitetet i Agder"}
    assert missing_specifics(specifics(question), [agder], spelled) == []
    # the name must be in a passage: another institution's does not do
    other = _hit("Høgskolen på Vestlandet tilbyr Karriereveiledning (30 stp.).")
    assert missing_specifics(specifics(question), [other], spelled) == ["UiA"]


def test_a_number_of_thousands_is_one_number_however_it_is_grouped() -> None:
    users = _hit("Det var kun 11 prosent av de totalt 23 636 brukerne i 2020 som svarte.")
    for typed in ("23,636", "23 636", "23636"):
        question = f"How many of the {typed} users answered in 2020?"
        assert "23636" in specifics(question)
        assert missing_specifics(specifics(question), [users]) == []
    assert missing_specifics(["236"], [users]) == ["236"]  # a part of it is another number
    assert missing_specifics(["13636"], [users]) == ["13636"]


def test_a_month_is_no_name_in_an_english_question() -> None:
    question = "Which sources does the report give for the duty from 1 January 2021?"
    assert "January" not in specifics(question)


def test_an_acronyms_name_stands_with_the_questions_year() -> None:
    spelled = {"UiA": "Universitetet i Agder"}
    agder = _hit("Universitetet i Agder tok opp 40 studenter i 2020.")
    assert missing_specifics(["UiA", "2020"], [agder], spelled) == []
    assert missing_specifics(["UiA", "2021"], [agder], spelled) == ["2021"]


def test_an_acronym_is_a_word_of_its_own() -> None:
    studies = _hit("Høgskolen på Vestlandet har videreutdanning; NTNU tar opp 30 studenter i 2020.")
    assert missing_specifics(["VID"], [studies]) == ["VID"]  # not the «vid» of «videre»
    assert missing_specifics(["NTNU"], [studies]) == []
    # «NTNUs analyse for 2020» is NTNU's, and stands with its year
    assert missing_specifics(["NTNUs", "2020"], [studies]) == []
    assert missing_specifics(["NTNUs", "2021"], [studies]) == ["2021"]


def test_an_institution_named_by_its_place_must_be_named_whole() -> None:
    hits = [
        _hit("Høgskolen i Innlandet tilbyr master. Karrieresenter Østfold har et partnerskap."),
        _hit("Vox fant at karrieretjenestene ved UiO og UiB ble drevet av studentsamskipnaden."),
    ]
    # «Høgskolen» and «Østfold» stand apart: no college in Østfold is named
    assert unknown_institution("Har Høgskolen i Østfold et studium?", hits) == [
        "Høgskolen i Østfold"
    ]
    assert unknown_institution("Hva tilbyr høgskolen i Molde?", hits) == ["høgskolen i Molde"]
    assert unknown_institution("Hva tilbyr Høgskulen i Innlandet?", hits) == []
    assert unknown_institution("Hvem driver tjenesten ved Universitetet i Bergen?", hits) == []
    # the university in Trondheim is NTNU, which the report names by its short name only
    ntnu = [_hit("NTNU i Trondheim tilbyr bachelor i rådgivning.")]
    assert unknown_institution("Hva tilbyr universitetet i Trondheim?", ntnu) == []
    # a place after «høgskolen i» is capitalised: «på høgskolen i dag» names none
    assert unknown_institution("Hva tilbys på høgskolen i dag?", hits) == []


def _in(chapter: str, text: str) -> Passage:
    return Passage(f"r#{chapter}-00", text, "r.txt", chapter, "Tittel", 0, len(text))


def test_a_service_the_closest_evidence_of_other_services_never_names_is_off() -> None:
    prisons = _in("8", "65 prosent av rådgiverne i fengselsundervisningen var kvinner.")
    question = "Hvor mange prosent av rådgiverne i grunnskolen er kvinner?"
    assert services_off_evidence(question, [prisons])
    # the schools' own chapter, the summary, or a passage naming the schools answers
    assert not services_off_evidence(question, [_in("4", "Rådgiverne var kvinner.")])
    assert not services_off_evidence(question, [_in("", "Rådgiverne var kvinner.")])
    named = _in("8", "Skolen i fengselet er en avdeling under den videregående skolen.")
    assert not services_off_evidence(question, [named])
    # no service named, or two: nothing to tell
    assert not services_off_evidence("Hvor mange rådgivere er kvinner?", [prisons])


def test_higher_education_is_named_by_the_phrase_not_by_higher_alone() -> None:
    assert services_named("Hvor mange studenter er det i høyere utdanning?") == ["5"]
    assert services_named("karriererettleiing i høgare utdanning") == ["5"]
    assert services_named("Hvor stor del av brukerne hadde høyere grad?") == []
    assert services_named("Var skåren høyere enn i fjor?") == []


def test_a_hyphenated_word_names_the_service_of_its_parts() -> None:
    assert services_named("NAV-veilederne henviste ikke til karrieresentrene.") == ["6", "3"]
    assert services_named("Høgskole-/karrieresenter") == ["5", "3"]
    # the asylum reception centres the pilot ran in are no career centres
    assert services_named("Did guidance in asylum reception centres motivate residents?") == []
    assert services_named("Which centres had the most users?") == ["3"]
    # the NAV officers are NAV: a comparison with them needs both services side by side
    question = "Hadde rådgiverne i fengslene mer utdanning enn NAV-veilederne?"
    assert compares_services_apart(question, ["65 prosent av rådgiverne i fengsler var kvinner."])


def test_the_english_school_alone_may_be_a_university() -> None:
    universities = _in("5", "Ved UiB drives karrieresenteret av studentsamskipnaden.")
    own = "Which institutions had career services run by the welfare org, not the school itself?"
    assert not services_off_evidence(own, [universities])
    counsellors = "How many school counsellors have a master's degree?"
    assert services_off_evidence(counsellors, [_in("8", "To rådgivere hadde mastergrad.")])
    # a high school is a school: with a university, two services are named
    both = "Which high school worked with a university on guidance?"
    assert not services_off_evidence(both, [_in("4", "Røyken vgs samarbeidet med USN.")])


def test_being_at_school_names_no_service() -> None:
    centres = _in("3", "Det var 74 prosent som var under utdanning som ønsket veiledning.")
    users = "Hvor mange av brukerne som gikk på skole ville ha veiledning?"
    assert not services_off_evidence(users, [centres])
    assert services_off_evidence("Hva gjør rådgiverne på skolen?", [centres])


@pytest.mark.parametrize(
    ("items", "values", "blank"),
    [
        (["2019"], " %  4 %", True),  # «Under 20 år  %  4 %»: no share for 2019
        (["2020"], " %  4 %", False),
        (["2019"], " 20 %  19 %", False),
        ([], " %  4 %", False),  # no year asked
        (["2019"], " 6093 5777", False),  # counts, not shares: nothing to tell
    ],
)
def test_a_blank_cell_of_the_asked_year(items: list[str], values: str, blank: bool) -> None:
    header = "Tabell 2: Alder, 2019-2020\nAlder 2019  2020\nKilde: X"
    assert blank_cell(items, header, values) is blank


SCORES = [
    "På Vg1 var skåret fra 2015-2016 til 2019-20 på 3,5.",
    "I 2020-21 hadde Agder, Innlandet og Nordland høyest skår på 3,7.",
]


@pytest.mark.parametrize(
    ("question", "apart"),
    [
        ("Hva var Agders skår på Vg1 i 2018-19?", True),  # Agder's score is for 2020-21 only
        ("Hva skåret Agder på Vg1 i 2020-21?", False),
        ("Hva var skåren på Vg1 i 2018-19?", False),  # no county: other rules' work
        ("Hadde Agder og Nordland høyere skår enn 3,5 i 2021?", False),  # each with the year
    ],
)
def test_a_county_and_a_year_must_stand_together(question: str, apart: bool) -> None:
    assert place_and_year_apart(specifics(question), SCORES) is apart


def test_a_place_in_the_genitive_is_that_place() -> None:
    assert places_off_evidence(specifics("Hva var Vestlands skår?"), ["Agder hadde 3,7."])
    assert not places_off_evidence(specifics("Hva var Agders skår?"), ["Agder hadde 3,7."])


def test_an_immigrant_background_names_no_service() -> None:
    # the career centres' users with an immigrant background are no question on chapter 7
    closest = [_in("3", "En tredjedel hadde innvandrerbakgrunn.")]
    assert not services_off_evidence("What share of users had an immigrant background?", closest)


@pytest.mark.parametrize(
    ("text", "strict", "lenient"),
    [
        ("Karriereutvalget (NOU 2016:7) anbefalte et rammeverk.", False, True),
        ("Meld. St. 14 (2019–2020) omtaler veiledning.", False, True),
        ("Rammeverket kom på plass i oktober 2020.", True, True),
    ],
)
def test_a_documents_name_dates_nothing_when_an_answer_is_chosen(
    text: str, strict: bool, lenient: bool
) -> None:
    (year,) = asked_facts("Når kom rammeverket?")
    assert holds(text, year, documents=False) is strict
    assert holds(text, year) is lenient  # the refusal rules let a close document's year be


@pytest.mark.parametrize(
    ("question", "quote", "refused"),
    [
        # a national share does not say which county
        (
            "Which county's career centre had the most satisfied users?",
            "94 prosent var fornøyde.",
            True,
        ),
        ("Hvilket fylke kom dårligst ut?", "Oslo var lavest med 3,4.", False),
        ("Kva fylke hadde flest brukarar?", "Viken 6093 5777 8450 8238 337 76", False),
        # «kva fylkeskommunen skal tilby» asks what the county offers, not which county
        ("Kva seier lova om kva fylkeskommunen skal tilby?", "Alle skal ha tilbud.", False),
    ],
)
def test_which_county_is_answered_by_a_quote_naming_one(
    question: str, quote: str, refused: bool
) -> None:
    assert names_no_county(question, [quote]) is refused


def test_a_share_counts_the_noun_for_a_refusal_but_not_when_looking_for_the_count() -> None:
    question = "Hvor mange rådgivere fikk undersøkelsen?"
    share = ["Det var kun 20 prosent av rådgiverne som ikke hadde deltatt."]
    assert not counts_something_else(question, share)  # no reason to refuse
    assert counts_something_else(question, share, shares=False)  # but no count either
    count = ["Undersøkelsen ble sendt til 175 rådgivere."]
    assert not counts_something_else(question, count, shares=False)


def test_a_place_must_stand_in_a_passage_with_the_asked_fact() -> None:
    question = "Hvilken skår hadde Troms og Finnmark for rådgivning på 10. trinn?"
    items = ["Troms", "Finnmark"]
    row = "Troms og Finnmark 752 828 1178 1406"
    users = f"Tabell 1: Antall brukere fordelt på fylker\n{row}"
    score = "På 10. trinn var skåren 3,8."
    scores = f"4.5 Elevenes vurdering\n{score} Innlandet hadde høyest skår."
    assert place_apart_from_fact(question, items, [(row, users), (score, scores)])
    # a score in a passage naming the county answers
    named = f"{scores} Troms og Finnmark skåret 3,7."
    assert not place_apart_from_fact(question, items, [(score, named)])
    # no kind of fact asked, or no place named: nothing to check
    assert not place_apart_from_fact("Hva sa elevene i Troms og Finnmark?", items, [(row, users)])
    assert not place_apart_from_fact("Hvilken skår hadde 10. trinn?", [], [(row, users)])


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Hvilken skår hadde Agder?", True),
        ("What was the score in Oslo?", True),
        ("Hvordan gikk det med elevene i Oslo?", False),
    ],
)
def test_a_score_is_a_kind_of_fact(question: str, asks: bool) -> None:
    assert bool(asked_facts(question)) is asks
    if asks:
        assert not lacks_asked_fact(question, ["Oslo hadde den laveste skåren."])
        assert lacks_asked_fact(question, ["Oslo hadde flest brukere."])


def test_a_course_code_must_stand_with_the_asked_fact() -> None:
    closest = [
        "NTNU tar opp ca. 30 studenter i året på Rådgiving 1 og 2.",
        "Dessuten tilbyr NTNU RAD6000 Karriererådgiving for privat og offentlig virksomhet.",
        "KARRE1001 (Karriereveiledning i arbeids- og inkluderingsbedrifter): ca. 40 studenter",
    ]
    assert code_apart_from_fact("Hvor mange studenter tar RAD6000 hvert år?", closest)
    assert not code_apart_from_fact("Hvor mange studenter tar KARRE1001 hvert år?", closest)
    # no kind of fact asked, or no code named: nothing to check
    assert not code_apart_from_fact("Hva er RAD6000?", closest)
    assert not code_apart_from_fact("Hvor mange studenter tar NTNU opp?", closest)


def test_half_of_two_merged_counties_is_no_answer_for_that_half_alone() -> None:
    row = "Troms og Finnmark 752 828 1178 1406"
    where = f"Tabell 1: Antall brukere fordelt på fylker\n{row}"
    question = "Hvor mange brukere hadde Finnmark i 2020?"
    assert place_apart_from_fact(question, ["Finnmark", "2020"], [(row, where)])
    both = "Hvor mange brukere hadde Troms og Finnmark i 2020?"
    assert not place_apart_from_fact(both, ["Troms", "Finnmark", "2020"], [(row, where)])
    alone = "Finnmark hadde 752 brukere."
    assert not place_apart_from_fact(question, ["Finnmark", "2020"], [(alone, alone)])
    # the half left out («uten Troms») is not asked about: Finnmark alone is
    without = "tall for finnmark uten troms"
    assert place_apart_from_fact(without, ["finnmark", "troms"], [(row, where)])
    assert not place_apart_from_fact(without, ["finnmark", "troms"], [(alone, alone)])


def test_satisfaction_told_of_another_year_does_not_answer() -> None:
    before = "Det var 11 prosent av brukerne i 2020 som svarte.29"
    told = ("Av disse var 94 prosent fornøyde.", f"{before} Av disse var 94 prosent fornøyde.")
    other = ("Det var flere brukere i 2020 enn i 2019.",) * 2
    question = "Hvor fornøyde var brukerne i 2019?"
    assert satisfaction_of_another_year(question, ["2019"], [told, other])
    assert not satisfaction_of_another_year(question.replace("2019", "2020"), ["2020"], [told])
    # no close sentence tells of satisfaction at all: the other rules judge
    assert not satisfaction_of_another_year(question, ["2019"], [other])


def test_who_paid_may_stand_in_the_next_sentence() -> None:
    named = "NTNU gjennomførte en evaluering av prosjektet."
    paid = "Evalueringen ble finansiert av Arbeids- og velferdsdirektoratet."
    assert not lacks_asked_fact("Who funded the evaluation?", [named], [paid])
    # a count must stand in the close sentences themselves
    assert lacks_asked_fact("Hvor mange deltok?", [named], ["Det deltok 40 personer."])


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Hva står HK-dir for?", ["HK-dir"]),
        ("Hva står forkortelsene HiNT og HiBV for?", ["HiNT", "HiBV"]),
        ("hva står rio for", ["rio"]),
        ("Hva betyr RiO?", ["RiO"]),
        ("What does NOKUT stand for?", ["NOKUT"]),
        # what a word means, or what something is, asks no full name
        ("Hva betyr karrierekompetanse?", []),
        ("Hva er NAV?", []),
    ],
)
def test_full_names_asked(question: str, asked: list[str]) -> None:
    assert full_names_asked(question) == asked


def test_full_name_as_the_report_writes_it() -> None:
    assert full_name("RiO").search("Rådgivningsløftet i Oslo (RiO) startet i 2010")
    assert full_name("HK-dir").search(
        "Direktoratet for høyere utdanning og kompetanse, HK-dir, ble"
    )
    assert full_name("UiA", "Universitetet i Agder").search("Universitetet i Agder tilbyr")
    assert not full_name("HiNT").search("ved UiO, UiB, HiNT og HiBV")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("hvilken kilde viser rapporten til for dette?", True),
        ("Which page of the report is cited?", True),
        ("Hvor kan jeg lese mer om det arbeidet?", True),
        ("opplæringsteam prop 1 s kilde", True),
        ("Hvem satt i referansegruppen?", False),  # a group, not a reference
        ("Hvor mange sider har rapporten?", False),
    ],
)
def test_a_question_asking_for_a_source(question: str, asks: bool) -> None:
    assert bool(ASKS_NOTE.search(question)) == asks
