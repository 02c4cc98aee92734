"""The annotations app: editors' notes and fact-check claims on paragraphs of editorials."""

from django.apps import AppConfig


class AnnotationsConfig(AppConfig):
    name = "annotations"
    verbose_name = "Annotations"

    def ready(self):
        from annotations import receivers  # noqa: F401 - re-anchoring, page versions
