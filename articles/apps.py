"""The articles app: editorials, their paragraphs and the entities they discuss."""

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Editorials"
