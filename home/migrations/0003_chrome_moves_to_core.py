# The header and footer settings now belong to core (core.0001 takes over
# their tables); this only removes them from the home app's state.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_alter_homepage_body_alter_standardpage_body"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="FooterLink"),
                migrations.DeleteModel(name="NavigationLink"),
                migrations.DeleteModel(name="FooterSettings"),
                migrations.DeleteModel(name="NavigationSettings"),
            ],
            database_operations=[],
        )
    ]
