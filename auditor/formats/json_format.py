"""JSON output: {"documents": [...]} with one entry per audited file, plus top-level keys such as the tool version."""
from __future__ import annotations

import json

from auditor.formats.common import DEFAULT, Options


def render(reports, lang: str = "id", options: Options = DEFAULT) -> str:
    return json.dumps({**options.extra, "documents": [r.to_dict(lang) for r in reports]}, ensure_ascii=False,
                      indent=2)
