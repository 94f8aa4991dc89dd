"""JSON output: {"documents": [...]} with one entry per audited file."""
from __future__ import annotations

import json


def render(reports, lang: str = "id") -> str:
    return json.dumps({"documents": [r.to_dict(lang) for r in reports]}, ensure_ascii=False, indent=2)
