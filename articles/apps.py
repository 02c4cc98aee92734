"""The articles app: editorials, their paragraphs and the entities they discuss."""

from django.apps import AppConfig
from django.core import checks


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorials"

    def ready(self):
        from articles import page_receivers  # noqa: F401 - bumps page versions on writes
        from articles.checks import mention_months_zone_check

        checks.register(mention_months_zone_check, checks.Tags.database)
