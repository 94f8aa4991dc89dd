import os
import sys

import pytest

from auditor.engine import RAISE_RULE_ERRORS

sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture(autouse=True, scope="session")
def rule_errors_fail_the_test():
    """Users get "not checkable" from a rule that breaks; a test gets the exception (subprocesses too).
    Session scope, so that module fixtures which audit a document run under it as well."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(RAISE_RULE_ERRORS, "1")
        yield
