"""The imports app: staff upload, preview, confirm and undo editorial imports in the admin."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Editorial imports"
