"""Hypothesis profiles of the fuzz tests: a short run by default (CI, the whole suite), more with
``HYPOTHESIS_PROFILE=thorough`` (locally, before a release); ``examples`` runs only the
recorded ``@example`` cases (the bugs found so far). ``--hypothesis-show-statistics`` prints
the cases run per target."""

import os

from hypothesis import HealthCheck, Phase, settings

COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("default", max_examples=30, **COMMON)
settings.register_profile("thorough", max_examples=500, **COMMON)
settings.register_profile("examples", phases=[Phase.explicit], **COMMON)  # only the @example cases
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
