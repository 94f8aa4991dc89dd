"""The one registry of injected inconsistencies: name -> inject(report, rng), which breaks one printed fact
of a generated report and returns the Expected finding, or None when the report has nothing to break.

The functions live by what they break: figures in tables (generator.py), the narrative
(narrative_injections.py), table structure, totals and polarity (table_injections.py). Reports of the
other unit types' layouts (opd_layouts.py) are broken by that module's own function of the same kind;
a kind it does not have does not apply to them.
"""
from __future__ import annotations

import random
from types import ModuleType
from typing import Callable

import generator
import narrative_injections
import opd_injections
import opd_layouts
import table_injections
from generator import Expected, Report

Inject = Callable[[Report, random.Random], "Expected | None"]


def _named(modules: tuple[ModuleType, ...]) -> dict[str, Inject]:
    registry: dict[str, Inject] = {}
    for module in modules:
        for name, function in vars(module).items():
            if name.startswith("inject_") and callable(function):
                key = name.removeprefix("inject_")
                assert key not in registry, f"two injections named {key}"
                registry[key] = function
    return registry


def _by_layout(name: str, own: Inject | None) -> Inject:
    """The kind's function for the report's layout family."""
    other = opd_injections.INJECT.get(name)

    def inject(report: Report, rng: random.Random) -> "Expected | None":
        chosen = other if report.template in opd_layouts.LAYOUTS else own
        return chosen(report, rng) if chosen else None

    inject.__name__ = f"inject_{name}"
    inject.__module__ = (own or other).__module__
    return inject


_OWN = _named((generator, narrative_injections, table_injections))
INJECTIONS: dict[str, Inject] = {name: _by_layout(name, _OWN.get(name)) for name in sorted({*_OWN, *opd_injections.INJECT})}


def from_module(module: ModuleType) -> list[str]:
    """The names of the injections one module defines, sorted (a test file's family)."""
    return sorted(name for name, function in INJECTIONS.items() if function.__module__ == module.__name__)


def for_layout(template: str) -> list[str]:
    """The kinds that apply to a layout's reports."""
    return sorted(opd_injections.INJECT if template in opd_layouts.LAYOUTS else _OWN)
