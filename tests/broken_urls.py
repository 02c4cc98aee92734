"""The project's URLs plus one view that fails for a reason other than the database."""

from django.urls import path

from editorial_archive.urls import handler500
from editorial_archive.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise ZeroDivisionError("a bug, not an outage")


urlpatterns = [path("broken/", broken), *project_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
