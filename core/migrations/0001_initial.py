# The header and footer settings moved here from the home app (they are the
# site chrome, which core owns). Their tables are taken over as they are:
# this migration only tells Django's state that the models now live in core;
# 0002 renames the tables.

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

MODELS = [
    migrations.CreateModel(
        name="FooterSettings",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("contact_email", models.EmailField(blank=True, max_length=254)),
        ],
        options={"verbose_name": "footer", "db_table": "home_footersettings"},
    ),
    migrations.CreateModel(
        name="NavigationSettings",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ],
        options={"verbose_name": "navigation", "db_table": "home_navigationsettings"},
    ),
    migrations.CreateModel(
        name="FooterLink",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
            (
                "page",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.WAGTAIL_PAGE_MODEL
                ),
            ),
            (
                "setting",
                modelcluster.fields.ParentalKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="links", to="core.footersettings"
                ),
            ),
        ],
        options={"ordering": ["sort_order"], "abstract": False, "db_table": "home_footerlink"},
    ),
    migrations.CreateModel(
        name="NavigationLink",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
            (
                "page",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.WAGTAIL_PAGE_MODEL
                ),
            ),
            (
                "setting",
                modelcluster.fields.ParentalKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="links",
                    to="core.navigationsettings",
                ),
            ),
        ],
        options={"ordering": ["sort_order"], "abstract": False, "db_table": "home_navigationlink"},
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("home", "0002_alter_homepage_body_alter_standardpage_body"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=MODELS, database_operations=[])]
