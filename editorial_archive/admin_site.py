"""The archive's admin site: Django's, with one hole in its input checks closed.

Django's admin checks a `_to_field` parameter only when it is not empty, then looks the empty
name up as a field: `?_to_field=` on any change, delete or history page was a 500, before
the permission check. Here that failure is the 400 that Django gives any other bad
`_to_field`.
"""

from functools import wraps

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.exceptions import DisallowedModelAdminToField
from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import FieldDoesNotExist


class ArchiveAdminSite(AdminSite):
    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            try:
                return checked(request, *args, **kwargs)
            except FieldDoesNotExist:
                # The view has read the body by now, so asking request.POST costs nothing.
                if TO_FIELD_VAR in request.GET or TO_FIELD_VAR in request.POST:
                    raise DisallowedModelAdminToField(
                        f"The field named in {TO_FIELD_VAR} does not exist."
                    ) from None
                raise

        return inner


class ArchiveAdminConfig(AdminConfig):
    default_site = "editorial_archive.admin_site.ArchiveAdminSite"
