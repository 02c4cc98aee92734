"""`manage.py load_gazetteer`: write the shipped leaders, countries and agenda items."""

from django.core.management.base import BaseCommand

from articles.gazetteer.loading import gazetteer_load


class Command(BaseCommand):
    help = (
        "Load the gazetteer shipped with the archive (leaders with their terms, countries, "
        "agenda items): adds what is missing, keeps editors' changes, deletes nothing. "
        "Run retag_articles afterwards to tag archived editorials with what is new."
    )

    def handle(self, *args, **options):
        report = gazetteer_load()
        self.stdout.write(report.summary())
