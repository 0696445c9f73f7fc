"""Domain errors. Each carries a message meant for the user; the CLI and UI show it as is."""


class VeiviserError(Exception):
    """Base class: something the user can act on."""


class NoIndexError(VeiviserError):
    def __init__(self) -> None:
        super().__init__("Ingen indeks funnet — kjør `veiviser ingest`")


class EmbedderMismatchError(VeiviserError):
    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(
            f"Indeksen er bygget med embedderen «{built_with}», men innstillingene sier "
            f"«{configured}». Bygg den på nytt med `veiviser ingest --force`, "
            f"eller sett VEIVISER_EMBEDDER={built_with}."
        )


class QuestionError(VeiviserError):
    """The question itself cannot be asked (empty, too long)."""


class CorpusError(VeiviserError):
    """A corpus file cannot be read."""


class StoreError(VeiviserError):
    """The vector store cannot be reached or used."""


class MissingDependencyError(VeiviserError):
    """An optional backend was chosen whose package is not installed."""


class SettingsError(VeiviserError):
    """A setting (environment variable or settings file) has a value that cannot be used."""


class LLMError(VeiviserError):
    """The language model chosen as answerer cannot be reached or failed to answer."""
