"""The one registry of injected inconsistencies: name -> inject(report, rng), which breaks one printed fact
of a generated report and returns the Expected finding, or None when the report has nothing to break.

The functions live by what they break: figures in tables (generator.py), the narrative
(narrative_injections.py), table structure, totals and polarity (table_injections.py).
"""
from __future__ import annotations

import random
from types import ModuleType
from typing import Callable

import generator
import narrative_injections
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


INJECTIONS: dict[str, Inject] = _named((generator, narrative_injections, table_injections))


def from_module(module: ModuleType) -> list[str]:
    """The names of the injections one module defines, sorted (a test file's family)."""
    return sorted(name for name, function in INJECTIONS.items() if function.__module__ == module.__name__)
