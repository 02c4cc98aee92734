"""The people app: each account's public display name, and its personal API tokens."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Which origins may read or write /api/ is decided by a django-cors-headers signal
        # receiver. The project package that holds it is not an app and has no ready() of
        # its own; this app owns the rest of what programs on /api/ meet (token_auth.py).
        import editorial_archive.cors  # noqa: F401
