"""`manage.py demo_accounts`: sign-ins for trying the archive on a laptop (DEBUG only)."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

from annotations.roles import MODERATORS_GROUP, role_group_ensure
from articles.accounts import EDITORS_GROUP, demo_account_ensure, editors_group_ensure

DEMO_PASSWORD = "editorial-archive"


class Command(BaseCommand):
    help = "Create (or reset) the demo editor and moderator accounts; refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="http://127.0.0.1:8000")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_accounts only runs with DEBUG on; create real accounts.")
        editors_group_ensure()
        # The editor annotates as a member of Editors; it is staff only so that it can
        # correct articles and tags in the admin (staff alone grants no annotation power).
        editor = demo_account_ensure(
            username="editor",
            password=DEMO_PASSWORD,
            groups=[role_group_ensure(EDITORS_GROUP)],
            is_staff=True,
        )
        # ... and can bulk-import editorials there (the imports app's permission).
        editor.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="imports", codename="add_importbatch"
            )
        )
        demo_account_ensure(
            username="moderator",
            password=DEMO_PASSWORD,
            groups=[role_group_ensure(MODERATORS_GROUP)],
        )
        host = options["host"]
        self.stdout.write(
            f"Sign in at {host}/accounts/login/ as an editor with username 'editor' and "
            f"password '{DEMO_PASSWORD}' (also for {host}/admin/, where it can import "
            f"editorials), or as a moderator with "
            f"username 'moderator' and the same password."
        )
