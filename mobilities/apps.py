from django.apps import AppConfig


class MobilitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mobilities"
