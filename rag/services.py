"""The services the report covers one by one, each in a chapter of its own: the county career
centres (3), the schools (4), higher education (5), NAV (6), the introduction programme (7)
and the prisons (8).

A follow-up naming one («og i fengslene?», «hva med NAV?») swaps it for the one asked about
before and is answered from its chapter first (rag/followup.py, rag/pipeline.py); a question
naming one is refused when its closest evidence is all about other services (rag/refusal.py).
"""

from __future__ import annotations

import re

from rag.text import fold

# chapter → the words naming its service (folded; Norwegian and English)
SERVICES = (
    ("3", r"karrieresent\w*|cent(re|er)s?"),
    (
        "4",
        r"(ungdoms|grunn)?sk[ou]l\w*|videregaende|vidarega?ande|elev(?!ator)\w*|schools?|pupils?",
    ),
    (
        "5",
        r"universitet\w*|h[oø]y?g?sk[ou]l\w*|uh|uh-sektor\w*|hoyere|hogare|"
        r"universit(y|ies)|colleges?",
    ),
    ("6", r"nav"),
    # not «immigrants»: «users with an immigrant background» are the career centres' users
    ("7", r"introduksjonsprogram\w*|flyktning\w*|introduction|refugees?"),
    ("8", r"fengs\w*|kriminalomsorg\w*|innsatte|prisons?|inmates|prisoners?"),
)
# «asylum reception centres» are where the introduction programme's pilot ran, not career centres
_NOT_A_SERVICE = re.compile(r"\b(asylum\s+)?reception\s+cent(re|er)s?\b", re.IGNORECASE)
# «høyere utdanning» names the universities; «høyere» alone compares («høyere skår», «høyere
# grad»), though a follow-up may say it for short («og høyere?»)
_COMPARING = re.compile(r"\b(h[øo]y?ere|h[øo]gare)\s+(?!utdanning)(?=\w)", re.IGNORECASE)
SERVICE = re.compile("|".join(pattern for _, pattern in SERVICES))  # any service word
SERVICE_CHAPTERS = frozenset(chapter for chapter, _ in SERVICES)
_TOKEN = re.compile(r"[\wÆØÅæøå-]+")


def services_named(text: str) -> list[str]:
    """The chapters on the services `text` names («rådgiverne i fengslene» → ["8"])."""
    # «NAV-veilederne» names NAV: a hyphenated word by each of its parts too
    folded = [
        p
        for w in _TOKEN.findall(_COMPARING.sub(" ", _NOT_A_SERVICE.sub(" ", text)))
        for p in dict.fromkeys([fold(w), *fold(w).split("-")])
    ]
    return list(
        dict.fromkeys(
            chapter for w in folded for chapter, pattern in SERVICES if re.fullmatch(pattern, w)
        )
    )
