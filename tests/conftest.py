import os
import sys

import pytest

from auditor.engine import RAISE_RULE_ERRORS

sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture(autouse=True)
def rule_errors_fail_the_test(monkeypatch):
    """Users get "not checkable" from a rule that breaks; a test gets the exception (subprocesses too)."""
    monkeypatch.setenv(RAISE_RULE_ERRORS, "1")
