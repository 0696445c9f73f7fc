"""English → Norwegian domain terms, so English questions also reach the report's words (BM25).

The dense model is multilingual; the lexical side is not. This is a glossary of the field
(career guidance in Norway), not of any question set: add terms, never whole questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable

GLOSSARY: dict[str, str] = {
    "career guidance": "karriereveiledning",
    "career counselling": "karriereveiledning",
    "career counseling": "karriereveiledning",
    "guidance": "veiledning",
    "counsellor": "rådgiver",
    "counsellors": "rådgivere",
    "counselor": "rådgiver",
    "counselors": "rådgivere",
    "adviser": "rådgiver",
    "advisers": "rådgivere",
    "career centre": "karrieresenter",
    "career centres": "karrieresentre",
    "career center": "karrieresenter",
    "career centers": "karrieresentre",
    "career services": "karrieretjenester",
    "career service": "karrieretjeneste",
    "county": "fylke",
    "counties": "fylker",
    "county authority": "fylkeskommune",
    "county authorities": "fylkeskommunene",
    "municipality": "kommune",
    "municipalities": "kommuner",
    "lower secondary": "ungdomsskole",
    "upper secondary": "videregående",
    "secondary school": "videregående skole",
    "school": "skole",
    "schools": "skoler",
    "pupils": "elever",
    "pupil": "elev",
    "students": "studenter elever",
    "student": "student elev",
    "university": "universitet",
    "universities": "universiteter",
    "university college": "høgskole",
    "higher education": "høyere utdanning",
    "prison": "fengsel kriminalomsorgen",
    "prisons": "fengsler kriminalomsorgen",
    "inmates": "innsatte",
    "prisoners": "innsatte",
    "correctional service": "kriminalomsorgen",
    "refugees": "flyktninger",
    "refugee": "flyktning",
    "introduction programme": "introduksjonsprogrammet",
    "introduction program": "introduksjonsprogrammet",
    "asylum reception centre": "asylmottak",
    "asylum centres": "asylmottak",
    "immigrant": "innvandrer",
    "immigrant background": "innvandrerbakgrunn",
    "users": "brukere",
    "user": "bruker",
    "survey": "undersøkelse",
    "evaluation": "evaluering",
    "evaluations": "evalueringer",
    "competence": "kompetanse",
    "qualifications": "kompetanse utdanning",
    "training": "opplæring kompetanseheving",
    "education": "utdanning",
    "master's": "master",
    "credits": "studiepoeng",
    "cooperation": "samarbeid",
    "collaboration": "samarbeid",
    "quality framework": "kvalitetsrammeverk",
    "framework": "rammeverk",
    "law": "lov",
    "legally required": "lovkrav",
    "requirement": "krav",
    "requirements": "krav",
    "right": "rett",
    "directorate": "direktorat",
    "ministry": "departement",
    "ministry of education": "kunnskapsdepartementet",
    "employees": "ansatte",
    "staff": "ansatte",
    "satisfied": "fornøyd",
    "satisfaction": "fornøyd tilfredshet",
    "score": "skår",
    "women": "kvinner",
    "men": "menn",
    "age": "alder",
    "conversations": "samtaler",
    "sessions": "samtaler",
    "courses": "kurs",
    "group guidance": "gruppeveiledning",
    "digital": "digital",
    "chat": "chat",
    "phone": "telefon",
    "unemployed": "arbeidsledige",
    "laid off": "permittert",
    "employment": "arbeid",
    "labour market": "arbeidsmarkedet",
    "welfare": "velferd",
    "work-oriented": "arbeidsrettet",
    "posters": "plakater",
    "nordic": "nordisk nordiske",
    "working group": "arbeidsgruppe",
    "pilot": "prøveprosjekt utprøving",
    "project": "prosjekt",
    "network": "nettverk",
    "teachers": "lærere",
    "teacher": "lærer",
    "subject": "fag",
    "educational choices": "utdanningsvalg",
}

_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(GLOSSARY, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def norwegian_terms(english: str) -> str:
    """The Norwegian words for the domain terms an English text uses (space-separated)."""
    return " ".join(GLOSSARY[m.group(1).lower()] for m in _PATTERN.finditer(english))


# Nynorsk → bokmål for the words questions use most, so BM25 meets the report's bokmål.
NYNORSK: dict[str, str] = {
    "kva": "hva",
    "korleis": "hvordan",
    "kvifor": "hvorfor",
    "kven": "hvem",
    "kor": "hvor",
    "rådgjevar": "rådgiver",
    "rådgjevarar": "rådgivere",
    "rådgjevarane": "rådgiverne",
    "rådgjeving": "rådgivning",
    "rådgiving": "rådgivning",
    "rettleiing": "veiledning",
    "karriererettleiing": "karriereveiledning",
    "rettleiar": "veileder",
    "rettleiarar": "veiledere",
    "skule": "skole",
    "skulen": "skolen",
    "ungdomsskulen": "ungdomsskolen",
    "ungdomsskule": "ungdomsskole",
    "vidaregåande": "videregående",
    "elevane": "elevene",
    "vaksne": "voksne",
    "opplæringslova": "opplæringsloven",
    "integreringslova": "integreringsloven",
    "fylkeskommunane": "fylkeskommunene",
    "kommunane": "kommunene",
    "tilbod": "tilbud",
    "tilboda": "tilbudene",
    "krav": "krav",
    "gjeld": "gjelder",
    "tilsette": "ansatte",
    "dei": "de",
    "ikkje": "ikke",
    "berre": "bare",
    "mykje": "mye",
    "fleire": "flere",
    "utdanningsval": "utdanningsvalg",
    "yrkesval": "yrkesvalg",
    "undersøkinga": "undersøkelsen",
    "elevundersøkinga": "elevundersøkelsen",
    "fengsla": "fengslene",
    "innsette": "innsatte",
    "samarbeider": "samarbeider",
    "evalueringa": "evalueringen",
    "kompetansen": "kompetansen",
    "høgskular": "høgskoler",
    "universiteta": "universitetene",
}
_WORDS = re.compile(r"\w+", re.UNICODE)


def to_bokmal(text: str, keep: Callable[[str], bool] = lambda word: False) -> str:
    """Replace common nynorsk words with their bokmål forms, except words `keep` accepts
    (the report itself quotes nynorsk: «rådgiving» must stay where the report has it)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if keep(word) or word.lower() not in NYNORSK:
            return word
        swapped = NYNORSK[word.lower()]
        return swapped[:1].upper() + swapped[1:] if word[:1].isupper() else swapped

    return _WORDS.sub(swap, text)
