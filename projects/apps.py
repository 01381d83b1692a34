from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "projects"

    def ready(self):
        from mobilities.services import freezes_rate_tables

        from .calls import call_freezing_rate_table

        # A rate table is mobilities'; the awards that freeze it are this app's.
        freezes_rate_tables(call_freezing_rate_table)
