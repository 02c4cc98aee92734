"""`manage.py rebuild_search_index`: refill the full-text index from the editorials."""

from django.core.management.base import BaseCommand

from search.indexing import search_index_rebuild


class Command(BaseCommand):
    help = "Refill the search index from all titles and paragraphs (triggers keep it current)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, database="default", **options):
        search_index_rebuild(using=database)
        self.stdout.write("Search index rebuilt.")
