"""What the fuzz tests send requests to (no tests here): every URL pattern of the project, read
from the resolver, and the query parameters and form fields its views read.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth import forms as auth_forms
from django.db import models
from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

from annotations import forms as annotation_forms
from imports import forms as import_forms
from search.facets import FACET_PARAMS

PROJECT = Path(__file__).resolve().parent.parent
APPS = ["articles", "annotations", "search", "imports", "editorial_archive"]


@dataclass(frozen=True)
class Route:
    """One URL pattern: its name, its address with `%(param)s` holes, and each hole's kind
    (`int`, `slug`, `str`, `path`, or `choice` with its choices)."""

    name: str
    template: str
    kinds: tuple[tuple[str, str], ...]
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def own(self) -> bool:
        return not self.template.startswith(("admin/", "accounts/"))

    def __str__(self) -> str:
        return f"/{self.template}"


CONVERTER_KINDS = {
    "IntConverter": "int",
    "SlugConverter": "slug",
    "StringConverter": "str",
    "PathConverter": "path",
}
GROUP = re.compile(r"\(\?P<(\w+)>([^)]*)\)")


def _regex_text(pattern) -> str:
    return pattern.regex.pattern.removeprefix("^").removesuffix(r"\Z").removesuffix("$")


def _routes(patterns, prefix="", namespace="", converters=None):
    for entry in patterns:
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        regex = prefix + _regex_text(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _routes(entry.url_patterns, regex, inner, found)
        elif isinstance(entry, URLPattern):
            yield _route(f"{namespace}{entry.name}" if entry.name else "", regex, found)


def _route(name: str, regex: str, converters: dict) -> Route:
    template, _ = normalize(regex)[0]
    kinds, choices = [], []
    for param, group in GROUP.findall(regex):
        if param in converters:
            kind = CONVERTER_KINDS.get(type(converters[param]).__name__, "str")
        elif group in {"[0-9]+", r"\d+"}:
            kind = "int"
        elif group in {".+", ".*"}:
            kind = "path"
        elif re.fullmatch(r"[\w|]+", group):
            kind = "choice"
            choices.append((param, tuple(group.split("|"))))
        else:
            kind = "str"
        kinds.append((param, kind))
    return Route(name, template, tuple(kinds), tuple(choices))


def all_routes() -> list[Route]:
    """Every URL pattern of the project, admin included; the ones that delete or sign out come
    last, so that the objects they remove serve the others first."""
    routes = list(_routes(get_resolver().url_patterns))
    return sorted(routes, key=lambda r: "delete" in r.template or "logout" in r.template)


ROUTES = all_routes()


READS = re.compile(r"""\b(?:GET|POST)(?:\.get|\.getlist|\.pop)?\s*[(\[]\s*["']([^"']+)["']""")


def parameters_read() -> list[str]:
    """The query parameter names the project's code reads, found in its source, with those
    read through a constant or Django itself (ListView's `page`, the admin's list options)."""
    names = {
        name
        for app in APPS
        for path in (PROJECT / app).rglob("*.py")
        for name in READS.findall(path.read_text(encoding="utf-8"))
    }
    names |= set(FACET_PARAMS) | {"page", "mentions", "kind", "verdict", "author", "article"}
    names |= {"q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "next"}
    # Read through DRF serializers and the protocol's paging (no GET.get in the source).
    names |= {"page_size", "paragraphs", "iris", "target", "format"}
    return sorted(names)


PARAMETERS = parameters_read()


def form_classes() -> list[type[BaseForm]]:
    """The forms of the annotations and imports apps, and Django's sign-in and password forms."""
    modules = [annotation_forms, import_forms]
    found = [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseForm)
        and value.__module__ == module.__name__
    ]
    django_forms = [
        auth_forms.AuthenticationForm,
        auth_forms.PasswordChangeForm,
        auth_forms.PasswordResetForm,
        auth_forms.SetPasswordForm,
    ]
    return [*found, *django_forms]


FORM_FIELDS = sorted({name for form in form_classes() for name in form.base_fields})
ADMIN_KEYS = ["_save", "_continue", "_addanother", "action", "_selected_action", "index", "post"]


def admin_model(route: Route) -> type[models.Model] | None:
    """The model an admin address is about (`admin/articles/article/...`), if any."""
    parts = route.template.split("/")
    if len(parts) > 2 and parts[0] == "admin":
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None
    return None


def fields_for(route: Route) -> list[str]:
    if model := admin_model(route):
        names = [field.name for field in model._meta.get_fields() if field.concrete]
        return names + ADMIN_KEYS
    return FORM_FIELDS
