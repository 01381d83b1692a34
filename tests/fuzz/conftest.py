"""Hypothesis profiles of the fuzz tests: a short run by default (CI, the whole suite), more with
``HYPOTHESIS_PROFILE=thorough`` (locally, before a release). ``--hypothesis-show-statistics`` prints
the cases run per target."""

import os

from hypothesis import HealthCheck, settings

COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("default", max_examples=30, **COMMON)
settings.register_profile("thorough", max_examples=500, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
