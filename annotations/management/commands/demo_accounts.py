"""`manage.py demo_accounts`: a sign-in for trying the archive on a laptop (DEBUG only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.accounts import demo_editor_ensure

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "editorial-archive"


class Command(BaseCommand):
    help = "Create (or reset) the demo editor account; refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="http://127.0.0.1:8000")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_accounts only runs with DEBUG on; create real accounts.")
        demo_editor_ensure(username=DEMO_USERNAME, password=DEMO_PASSWORD)
        self.stdout.write(
            f"Sign in as an editor at {options['host']}/admin/ "
            f"with username '{DEMO_USERNAME}' and password '{DEMO_PASSWORD}'."
        )
