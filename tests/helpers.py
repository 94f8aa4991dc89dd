"""Shared test helper: audit markdown text with the default configuration."""
from __future__ import annotations

from auditor.config import Config
from auditor.document import Document, normalise
from auditor.engine import Result, run_rules
from auditor.ingest.markdown import read_markdown


def audit_markdown(text: str, path: str = "generated.md", config: Config | None = None) -> tuple[Document, Result]:
    config = config or Config()
    document = normalise(read_markdown(path, text), config)
    return document, run_rules(document, config)
