"""`manage.py api_token USERNAME`: a new personal API token for a script, alone on stdout."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from people.forms import ApiTokenForm
from people.tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Make a personal API token for an account and print it, alone, on stdout "
        "(TOKEN=$(manage.py api_token alice)). It is shown once: only its hash is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="manage.py api_token", help="What it is for.")
        parser.add_argument(
            "--read-only", action="store_true", help="May read the API but not write."
        )

    def handle(self, *args, username, name, read_only, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"There is no account with the username “{username}”.") from None
        if not user.is_active:
            raise CommandError(f"The account “{username}” is not active; its token would not work.")
        # The page's form, so that a name the page refuses is refused here too.
        form = ApiTokenForm({"name": name, "read_only": read_only})
        if not form.is_valid():
            raise CommandError(" ".join(form.errors["name"]))
        _, plaintext = api_token_create(
            user=user, name=form.cleaned_data["name"], read_only=read_only
        )
        self.stdout.write(plaintext)
