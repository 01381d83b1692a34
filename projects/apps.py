from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"

    def ready(self):
        from icm_portal import public_cache
        from mobilities.models import Flow
        from mobilities.services import freezes_rate_tables

        from . import comparison
        from .calls import call_freezing_rate_table
        from .models import Call, Institution, Proposal

        # A rate table is mobilities'; the awards that freeze it are this app's.
        freezes_rate_tables(call_freezing_rate_table)
        # What the comparison of calls reads: calls, their proposals and flows, the partners' countries.
        public_cache.invalidate_on_change(comparison.CACHE_NAMESPACE, Call, Proposal, Flow, Institution)
