"""Admin widgets that survive hostile input.

Django's AutocompleteSelect, shown again with an invalid form, looks the submitted value up
as an id as it stands: `country=aaa` raised "Field 'id' expected a number" and an id past
2**63 overflowed SQLite, both 500s where the form already says "Select a valid choice".
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import connections


class CheckedAutocompleteSelect(AutocompleteSelect):
    """Shows again only the submitted values that could name a row; the rest are dropped."""

    def could_name_a_row(self, value) -> bool:
        target = self.field.target_field
        try:
            python = target.to_python(value)
        except ValidationError:
            return False
        if isinstance(python, int):
            low, high = connections[self.db or "default"].ops.integer_field_range(
                target.get_internal_type()
            )
            return (low is None or python >= low) and (high is None or python <= high)
        return True

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self.could_name_a_row(v)], attr)


class CheckedAutocompleteAdmin:
    """A ModelAdmin mixin: its autocomplete_fields use CheckedAutocompleteSelect."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
