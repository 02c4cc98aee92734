"""`manage.py demo_accounts`: sign-ins for trying the archive on a laptop (DEBUG only)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError

from annotations.permissions import MODERATORS_GROUP
from articles.accounts import demo_account_ensure, editors_group_ensure

DEMO_PASSWORD = "editorial-archive"


class Command(BaseCommand):
    help = "Create (or reset) the demo editor and moderator accounts; refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="http://127.0.0.1:8000")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_accounts only runs with DEBUG on; create real accounts.")
        moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        # The editor is staff too, so that it can correct articles and tags in the admin.
        editor = demo_account_ensure(
            username="editor",
            password=DEMO_PASSWORD,
            groups=[editors_group_ensure()],
            is_staff=True,
        )
        # ... and can bulk-import editorials there (the imports app's permission).
        editor.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="imports", codename="add_importbatch"
            )
        )
        demo_account_ensure(username="moderator", password=DEMO_PASSWORD, groups=[moderators])
        host = options["host"]
        self.stdout.write(
            f"Sign in at {host}/accounts/login/ as an editor with username 'editor' and "
            f"password '{DEMO_PASSWORD}' (also for {host}/admin/, where it can import "
            f"editorials), or as a moderator with "
            f"username 'moderator' and the same password."
        )
