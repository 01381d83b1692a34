"""Install the 2023 rate table: a portal without rates can compute nothing."""

from django.db import migrations


def install(apps, schema_editor):
    from mobilities.rates import install_rates

    install_rates(
        RateTable=apps.get_model("mobilities", "RateTable"),
        TravelBand=apps.get_model("mobilities", "TravelBand"),
        IndividualSupportRate=apps.get_model("mobilities", "IndividualSupportRate"),
    )


class Migration(migrations.Migration):
    dependencies = [("mobilities", "0003_rate_rows")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
