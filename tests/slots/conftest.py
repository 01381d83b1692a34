"""The slots' tests: each starts in English, whatever language an earlier request left active."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
