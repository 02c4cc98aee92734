"""The search app: a full-text index of titles and paragraphs, and the search page."""

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search.checks import facet_years_zone_check
        from search.indexing import search_index_repair

        checks.register(facet_years_zone_check, checks.Tags.database)

        # Rebuilding a table (as SQLite migrations do) drops the triggers that keep the index
        # current; after every migrate they are put back and the index refilled if needed.
        post_migrate.connect(search_index_repair, sender=self, dispatch_uid="search_index_repair")
