"""The versions reader pages are cached under (articles/page_versions.py), in the database.

Kept here rather than in the cache, so that every app server process reads the same
version: with a cache of each process's own (local memory, several gunicorn workers), a
write made through one process would leave the others serving, and answering 304 for,
the page as it was.
"""

from django.db import models


class PageVersion(models.Model):
    scope = models.CharField(max_length=100, primary_key=True)
    token = models.CharField(max_length=16)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "page version"

    def __str__(self) -> str:
        return f"{self.scope} {self.token}"
