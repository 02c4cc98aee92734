"""`manage.py rebuild_mention_months`: count the entity charts' mentions per month again."""

from django.core.management.base import BaseCommand

from articles.mention_months import mention_months_rewrite


class Command(BaseCommand):
    help = (
        "Write the triggers that count mentions per month anew, for the current TIME_ZONE, and"
        " count every mention again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, database="default", **options):
        mention_months_rewrite(using=database)
        self.stdout.write("Mentions per month counted again.")
