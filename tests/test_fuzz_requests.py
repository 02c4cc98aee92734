"""Every URL answers hostile input with a page or a 4xx, never a 5xx, and a refusal writes
nothing.

The URLs are read from the resolver, so a new one is fuzzed without being listed here. Their
path parameters are filled with real objects (an editorial with paragraphs, its entities,
annotations, a reply, an orphan, an import) or with hostile values; each request carries
hostile query parameters (the names the views read, found in the source, and others) or,
for a POST, every known form field with a valid value and some of them hostile. Requests
are made as each role. A refusal (4xx) must leave every table's row count and newest row as
they were.

Problems are collected, not raised one by one, so that a run reports every URL that failed:
method, address, role, status and the exception.

`make test` draws the same examples every run, so that a green suite stays green for the
same code (CI included). `FUZZ_RANDOM=1` draws new ones each run, and `FUZZ_EXAMPLES=60`
more of them: that is how to look for what the fixed draw misses.
"""

import os
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.models import Annotation
from annotations.services import annotation_hide, reply_create
from tests import hostile
from tests.admin_import_support import (
    UPLOAD_URL,
    confirm,
    editorial,
    importer_user,
    text_file,
    upload,
)
from tests.factories import (
    agenda_item_factory,
    annotation_factory,
    article_factory,
    country_factory,
    leader_factory,
    user_factory,
)
from tests.request_surface import (
    PARAMETERS,
    ROUTES,
    Route,
    admin_model,
    fields_for,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "moderator", "staff", "superuser"]
PASSWORD = "a-long-test-password"
# Examples per URL: the project's own pages get more than Django's admin and accounts pages.
# FUZZ_EXAMPLES=200 digs deeper, for a while.
OWN_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 10))
DJANGO_EXAMPLES = max(2, OWN_EXAMPLES // 5)
# django-axes records the failed sign-in that locks a sign-in out (answered 429) on purpose.
UNCOUNTED_APPS = {"axes"}


# --- the world the URLs are about ----------------------------------------------------------


@dataclass
class World:
    users: dict
    values: dict  # path parameter name -> real values
    slugs: dict  # entity kind in a route's name -> slugs

    def real_values(self, route: Route, param: str) -> list[str]:
        if param == "slug":
            for kind, slugs in self.slugs.items():
                if kind in route.name:
                    return slugs
            return self.slugs["article"]
        if param in {"object_id", "id"} and (model := admin_model(route)):
            return [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:3]]
        if param == "pk" and "importbatch" in route.name:
            return self.values["batch"]
        return self.values.get(param, self.values["pk"])


@pytest.fixture
def world(import_settings) -> World:
    """One editorial of each kind of object, and a user of each role; made once per test."""
    leader, country, agenda = leader_factory(), country_factory(), agenda_item_factory()
    article = article_factory(paragraphs=3, leaders=[leader], countries=[country], agenda=[agenda])
    article_factory(paragraphs=2, leaders=[leader])
    editor, other = user_factory("editor"), user_factory("editor")
    moderator = user_factory("moderator")
    staff = importer_user()
    superuser = user_factory("superuser")
    first = article.paragraphs.get(position=1)
    words = first.text.split()[2]
    note = annotation_factory(paragraph=first, author=editor, quote=words)
    claim = annotation_factory(
        paragraph=article.paragraphs.get(position=2),
        author=editor,
        kind="claim",
        claim_text="Trade doubled.",
        claimant_leader=leader,
        verdict="false",
        body="It did not.",
    )
    reply = reply_create(parent=note, author=other, body="A reply.")
    hidden = annotation_factory(paragraph=first, author=other)
    annotation_hide(annotation=hidden, actor=moderator, reason="Off topic.")
    orphan = annotation_factory(paragraph=article.paragraphs.get(position=3), author=editor)
    Annotation.objects.filter(pk=orphan.pk).update(paragraph=None)

    importer = Client()
    importer.force_login(staff)
    batch_preview = upload(importer, text_file("a.txt", editorial(3))).preview_url
    batch = confirm(importer, batch_preview).resolver_match.kwargs["pk"]
    held = upload(importer, text_file("b.txt", editorial(4))).preview_url.rstrip("/")
    annotation_pks = [str(a.pk) for a in (note, claim, reply, hidden, orphan)]
    return World(
        users={
            "editor": editor,
            "moderator": moderator,
            "staff": staff,
            "superuser": superuser,
        },
        values={
            "pk": annotation_pks,
            "batch": [str(batch)],
            "position": ["1", "2", "3"],
            "year": [str(article.published_at.year)],
            "month": [str(article.published_at.month)],
            "token": [held.rsplit("/", 1)[-1]],
            "content_type_id": [str(ContentType.objects.get_for_model(type(article)).pk)],
            "app_label": [model._meta.app_label for model in admin.site._registry][:3],
            "uidb64": ["MQ"],
            "url": ["articles/article/"],
        },
        slugs={
            "leader": [leader.slug],
            "country": [country.slug],
            "agenda": [agenda.slug],
            "article": [article.slug],
        },
    )


# --- requests and what they may do ---------------------------------------------------------


def fingerprint() -> tuple:
    """Each table's row count and highest primary key, in one statement."""
    parts = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in UNCOUNTED_APPS or not meta.managed or meta.proxy:
            continue
        table, pk = connection.ops.quote_name(meta.db_table), meta.pk.column
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        # PostgreSQL has no MAX of a uuid (the task queue's ids): counted, not maxed.
        if meta.pk.get_internal_type() != "UUIDField":
            parts.append(f"(SELECT MAX({connection.ops.quote_name(pk)}) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return cursor.fetchone()


class Problems(list):
    """What went wrong, one line per distinct failure, with the first request that showed it."""

    def __init__(self):
        super().__init__()
        self.seen = set()

    def add(self, key: tuple, line: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.append(line)

    def report(self) -> str:
        return f"{len(self)} problem(s):\n" + "\n".join(sorted(self))


def client_for(world: World, role: str) -> Client:
    """A fresh client (no cookies left by an earlier request) signed in as the role."""
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def send(problems: Problems, route: Route, role: str, description: str, request) -> None:
    """Make the request; note a 5xx, or a refusal that changed a table."""
    before = fingerprint()
    response = None
    try:
        # A savepoint, so that a statement PostgreSQL refused does not abort the test's
        # transaction (and every later request with it).
        with transaction.atomic():
            response = request()
    except DatabaseError as error:
        if response is None:  # raised by the request itself, not by leaving the savepoint
            problems.add((str(route), type(error).__name__), f"{description}: {error!r}")
            return
    status = response.status_code
    if status >= 500:
        exc = response.exc_info[1] if getattr(response, "exc_info", None) else None
        cause = f"{type(exc).__name__}: {str(exc)[:160]}" if exc else "no exception"
        key = (str(route), status, type(exc).__name__, str(exc)[:60])
        problems.add(key, f"{description} as {role}: {status} ({cause})")
    elif 400 <= status < 500 and fingerprint() != before:
        problems.add((str(route), "write"), f"{description} as {role}: {status} after a write")


def path_values(world: World, route: Route):
    strategies = {}
    choices = dict(route.choices)
    for param, kind in route.kinds:
        real = world.real_values(route, param) or ["1"]
        if kind == "choice":
            real = list(choices[param])
            kind = "str"
        # Twice the real values: most requests reach a view with a real object.
        strategies[param] = st.one_of(
            st.sampled_from(real), st.sampled_from(real), hostile.hostile_segment(kind)
        )
    return st.fixed_dictionaries(strategies)


def address(route: Route, values: dict) -> str:
    return "/" + route.template % {name: hostile.encoded(value) for name, value in values.items()}


def query_pairs(world: World):
    """Query parameters, in one of five shapes: one hostile value in every name the views read
    (so one request tries them all), a search with one hostile parameter, a search with a
    hostile page number, a few random pairs, or one name repeated."""
    names = st.one_of(
        st.sampled_from(PARAMETERS), st.sampled_from(PARAMETERS), hostile.hostile_names()
    )
    real = [
        *sorted({v for slugs in world.slugs.values() for v in slugs}),
        "summit",
        "on",
        "note",
        "claim",
        "false",
        "last",
        "1",
        "2",
        "2026",
        world.users["editor"].username,
    ]
    values = st.one_of(st.sampled_from(real), hostile.hostile_text())
    short = hostile.hostile_text().filter(lambda value: len(value) <= 1000)
    # Not in `page`, which most pages refuse first (a 404) before reading the others.
    everywhere = short.map(lambda value: [(name, value) for name in PARAMETERS if name != "page"])
    searching = st.tuples(st.sampled_from(PARAMETERS), hostile.hostile_text()).map(
        lambda pair: [("q", "summit"), pair]
    )
    paging = hostile.hostile_text().map(lambda value: [("q", "summit"), ("page", value)])
    pairs = st.lists(st.tuples(names, values), max_size=4)
    repeated = st.tuples(st.sampled_from(PARAMETERS), values, st.integers(2, 30)).map(
        lambda t: [(t[0], t[1])] * t[2]
    )
    return st.one_of(everywhere, searching, paging, pairs, repeated)


def examples(route: Route) -> int:
    return OWN_EXAMPLES if route.own else DJANGO_EXAMPLES


FUZZ_SETTINGS = {
    "deadline": None,
    "database": None,
    "derandomize": os.environ.get("FUZZ_RANDOM") != "1",
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


def test_every_url_is_fuzzed_with_real_objects(world):
    """Given the real objects, each URL's address reaches its own view (or, for the two
    addresses another app serves first, that app's view at the same address)."""
    templates = {route.name: route.template for route in ROUTES}
    unreached = []
    for route in ROUTES:
        values = {p: (world.real_values(route, p) or ["1"])[0] for p, _ in route.kinds}
        values |= {p: choices[0] for p, choices in route.choices}
        path = address(route, values)
        reached = resolve(path).view_name
        if route.name and reached != route.name and templates.get(reached) != route.template:
            unreached.append(f"{route.name}: {path} reaches {reached}")
    assert len(ROUTES) > 100
    assert {"search:search", "annotations:create", "articles:leader_feed"} <= set(templates)
    assert not unreached


def get_probe(world: World, problems: Problems, route: Route):
    """GET requests to the route with hostile query parameters, as any role."""

    @settings(max_examples=examples(route), **FUZZ_SETTINGS)
    @given(role=st.sampled_from(ROLES), values=path_values(world, route), pairs=query_pairs(world))
    def probe(role, values, pairs):
        url = address(route, values)
        query = hostile.query_string(pairs)
        client = client_for(world, role)
        shown = f"GET {url}?{query}"
        if len(shown) > 300:
            shown = f"GET {url[:150]}…?{query[:100]}… ({len(url) + len(query):,} long)"
        send(problems, route, role, shown, lambda: client.get(f"{url}?{query}"))

    return probe


def test_no_url_answers_a_server_error_to_hostile_query_parameters(world):
    problems = Problems()
    for route in ROUTES:
        get_probe(world, problems, route)()
    assert not problems, problems.report()


def form_body(world: World, values: dict) -> dict:
    """Valid values for the forms' required fields, so that a hostile value in another field
    gets past the form's own checks to the code behind it."""
    version = ""
    pk = values.get("pk", "")
    if isinstance(pk, str) and pk.isascii() and pk.isdigit() and len(pk) < 10:
        found = Annotation.objects.filter(pk=pk).values_list("version", flat=True)
        version = str(found[0]) if found else ""
    return {
        "kind": "note",
        "body": "A careful note.",
        "reason": "Off topic.",
        "position": "1",
        "version": version,
        "username": world.users["editor"].username,
        "password": PASSWORD,
    }


def post_probe(world: World, problems: Problems, route: Route):
    """POST requests to the route: every form field, some of them hostile, as any role."""
    fields = fields_for(route)
    # A few fields changed, or one hostile value in every field at once.
    some = st.lists(
        st.tuples(
            st.one_of(st.sampled_from(fields), hostile.hostile_names()), hostile.hostile_text()
        ),
        min_size=1,
        max_size=3,
    )
    every = hostile.hostile_text().map(lambda value: [(name, value) for name in fields])
    changes = st.one_of(some, every)

    @settings(max_examples=examples(route), **FUZZ_SETTINGS)
    @given(
        role=st.sampled_from(ROLES),
        values=path_values(world, route),
        keep_valid=st.booleans(),
        changes=changes,
    )
    def probe(role, values, keep_valid, changes):
        url = address(route, values)
        valid = form_body(world, values) if keep_valid else {}
        changed = {name for name, _ in changes}
        pairs = [(k, v) for k, v in valid.items() if k not in changed] + changes
        body = hostile.query_string(pairs)
        client = client_for(world, role)
        fields_shown = ", ".join(
            f"{hostile.printable(k, 30)}={hostile.printable(v)}" for k, v in changes[:3]
        ) + (f" (and {len(changes) - 3} more fields)" if len(changes) > 3 else "")
        send(
            problems,
            route,
            role,
            f"POST {url[:150]} {fields_shown}",
            lambda: client.post(url, body, content_type="application/x-www-form-urlencoded"),
        )

    return probe


def test_no_form_answers_a_server_error_or_writes_when_it_refuses(world):
    problems = Problems()
    for route in ROUTES:
        post_probe(world, problems, route)()
    assert not problems, problems.report()


def file_names():
    # Names Django's test client cannot send at all ("..", a path ending in "/") are left
    # out: a browser's are cut to their last part by the server's own parser anyway.
    return hostile.hostile_text().filter(
        lambda value: (
            isinstance(value, str)
            and os.path.basename(value.encode("utf-8", "replace").decode("utf-8"))
            not in {"", ".", ".."}
        )
    )


@settings(max_examples=25, **FUZZ_SETTINGS)
@given(
    files=st.lists(
        st.tuples(
            st.one_of(file_names(), file_names().map(lambda name: f"{name}.txt")),
            st.one_of(
                st.binary(max_size=200), st.sampled_from([b"", b"\x00" * 100, b"PK\x03\x04"])
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_the_import_upload_answers_hostile_files_without_a_server_error(world, files):
    problems = Problems()
    route = next(r for r in ROUTES if r.name == "admin:imports_importbatch_upload")
    client = client_for(world, "staff")
    uploads = [
        SimpleUploadedFile(name.encode("utf-8", "replace").decode("utf-8"), content)
        for name, content in files
    ]
    sent = [(hostile.printable(name, 40), len(content)) for name, content in files]
    shown = f"POST {UPLOAD_URL} files={sent}"
    send(problems, route, "staff", shown, lambda: client.post(UPLOAD_URL, {"files": uploads}))
    assert not problems, problems.report()
