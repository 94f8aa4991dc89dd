"""A small sample of benchmarks/precision.py as a test: per route, clean reports give no error and
the same findings as their markdown; injected inconsistencies are found; no empty subject, no error whose
figures agree."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import pdf_render  # noqa: E402
import precision  # noqa: E402

# A few reports per route (shared among the layouts): CI time is the limit; benchmarks/precision.py runs the hundreds.
CLEAN, INJECTED = 4, 6
# a kecamatan template, another unit type's layout and the second generator's reports (on its routes)
LAYOUTS = ("sumenep", "bappeda", precision.FRESH)


@pytest.mark.slow
@pytest.mark.parametrize("route", precision.ROUTES)
def test_route_sample(route):
    why = pdf_render.route_missing("reportlab" if route == "flipped" else route)
    if why:
        pytest.skip(why)
    todo = precision.tasks([route], CLEAN, INJECTED, first_seed=7, layouts=LAYOUTS)
    outcomes = [outcome for chunk in precision.chunks(todo) for outcome in precision.run_tasks(chunk)]
    summary = precision.summarise(outcomes)[route]
    assert summary["crash"] == 0, summary["examples"]
    assert summary["empty_subject"] == 0
    assert summary["violations"] == 0, summary["examples"]
    if route == "flipped":
        return  # a flipped byte may change a figure: only crashes and empty subjects count
    assert summary["unusable"] == 0, summary["examples"]
    assert summary["clean_errors"] == 0, summary["examples"]
    assert all(hit == tried for hit, tried in summary["recall"].values()), summary["examples"]
    assert summary["parity"][0] == summary["parity"][1], summary["examples"]
