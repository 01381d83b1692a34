"""The versioned cache of what public pages show: an entry is read until its namespace changes."""

import pytest
from django.core.cache import cache
from django.db import transaction

from icm_portal import public_cache


def _counting():
    calls = []

    def compute():
        calls.append(1)
        return f"value {len(calls)}"

    return compute, calls


def test_an_entry_is_computed_once_until_its_namespace_is_bumped():
    compute, calls = _counting()
    assert public_cache.cached("test-ns", ("a",), compute) == "value 1"
    assert public_cache.cached("test-ns", ("a",), compute) == "value 1"
    assert public_cache.cached("test-ns", ("b",), compute) == "value 2"  # other parts, other entry
    public_cache._bump("test-ns")
    assert public_cache.cached("test-ns", ("a",), compute) == "value 3"
    assert len(calls) == 3


def test_a_cache_that_lost_its_versions_never_serves_an_older_entry():
    compute, _calls = _counting()
    public_cache.cached("test-lost", ("a",), compute)
    cache.delete(public_cache._version_key("test-lost"))  # Redis restarted, say
    assert public_cache.cached("test-lost", ("a",), compute) == "value 2"


def test_a_value_true_for_no_time_is_not_kept():
    compute, calls = _counting()
    public_cache.cached("test-ns", ("now",), compute, timeout=lambda value: 0)
    public_cache.cached("test-ns", ("now",), compute, timeout=lambda value: 0)
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_bump_inside_a_transaction_is_repeated_when_it_commits():
    """A reader between the change and the commit stores the old rows under the version it saw; the
    bump at commit makes that entry stale too."""
    compute, calls = _counting()
    with transaction.atomic():
        public_cache.bump("test-tx")
        public_cache.cached("test-tx", ("a",), compute)  # as if computed from the rows before the commit
    public_cache.cached("test-tx", ("a",), compute)
    assert len(calls) == 2
