"""Schemathesis against the OpenAPI schema, in process on the WSGI app: every operation the
schema describes answers without a 5xx, and every response (status, media type, headers,
body) is what the schema says, on an archive of real editorials with entities and
annotations.

Two parts: each operation called on the real objects (an imported editorial, its entities,
its annotations), and then Schemathesis's own generated requests, valid and invalid. As in
tests/test_fuzz_requests.py, `make test` draws the same examples every run (FUZZ_RANDOM=1
draws new ones, FUZZ_EXAMPLES=N more of them), and each operation gets a few examples only,
so that the whole file runs in well under a minute.
"""

import os
from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from annotations.models import Annotation
from articles.gazetteer.loading import gazetteer_load
from articles.models import Article
from editorial_archive.wsgi import application
from tests.editorial_text import SAMPLE_PATH
from tests.factories import annotation_factory, user_factory

EDITORIALS = SAMPLE_PATH.parent.parent / "tests" / "editorials"
REAL_FILES = [
    SAMPLE_PATH,
    EDITORIALS / "fnnews-2005-10-17-koizumi-yasukuni.txt",
    EDITORIALS / "fnnews-2006-10-09-nk-nuclear-test.txt",
    EDITORIALS / "fnnews-2008-06-20-lee-beef-protests.txt",
]
SCHEMA_URL = "/api/schema/?format=json"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 10))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def archive(db):
    """Four real editorials, tagged by the gazetteer, with a note and a claim on the first."""
    gazetteer_load()
    call_command("import_editorials", *map(str, REAL_FILES), stdout=StringIO())
    article = Article.objects.get(title__startswith="President Lee Should Also Pursue")
    editor = user_factory("editor")
    first, second = article.paragraphs.order_by("position")[:2]
    annotation_factory(paragraph=first, author=editor, quote=first.text.split()[3])
    annotation_factory(
        paragraph=second,
        author=editor,
        kind="claim",
        claim_text="Trade doubled.",
        claimant="The trade ministry",
        claimant_type="organisation",
        verdict="false",
        body="It did not.",
    )
    return article


@pytest.fixture
def in_process():
    """Requests to the WSGI app leave the test's database connection open, as Django's test
    client does: at the start and end of a request Django would close it, and the test's
    transaction with it."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_schema(archive, in_process):
    return schemathesis.openapi.from_wsgi(SCHEMA_URL, application)


def real_path_parameters(article: Article) -> dict[str, dict]:
    """For each templated path, path parameters that name real objects."""
    leader, country, agenda = (getattr(article, kind).first() for kind in KIND_MANAGERS)
    annotation = Annotation.objects.filter(article=article).first()
    return {
        "/api/articles/{slug}/": {"slug": article.slug},
        "/api/leaders/{slug}/": {"slug": leader.slug},
        "/api/countries/{slug}/": {"slug": country.slug},
        "/api/agenda/{slug}/": {"slug": agenda.slug},
        "/api/annotations/{slug}/": {"slug": article.slug},
        "/api/annotations/{slug}/{pk}": {"slug": article.slug, "pk": annotation.pk},
        "/api/articles/{slug}/annotations/": {"slug": article.slug},
    }


KIND_MANAGERS = ("leaders", "countries", "agenda")
# What each list is also asked, besides nothing: its own parameters with real values.
REAL_QUERIES = {
    "/api/articles/": [
        {"paragraphs": True, "page_size": 2},
        {"q": "Japan", "page_size": 1, "page": 2},
        {"country": "japan", "year": 2026},
        {"q": "summit diplomacy", "leader": "lee-jae-myung", "paragraphs": True},
    ],
    "/api/leaders/": [{"page_size": 100}, {"page": 2}],
    "/api/annotations/": [{"iris": 1}, {"page": 0, "page_size": 1}],
    "/api/annotations/{slug}/": [{"iris": 0, "page": 0}],
}


def test_every_operation_answers_as_described_on_real_objects(api_schema, archive):
    """Each operation with real path parameters and real query values: the answers are 2xx
    or 3xx, and conform to the schema."""
    real = real_path_parameters(archive)
    called = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET":  # writes: test_a_real_write_answers_as_described
            continue
        path = operation.path
        for query in [{}, *REAL_QUERIES.get(path, [])]:
            case = operation.Case(path_parameters=real.get(path, {}), query=query)
            response = case.call_and_validate()
            assert response.status_code < 400, f"{path} {query}: {response.status_code}"
            called.append(path)
    assert set(real) | set(REAL_QUERIES) <= set(called)


def test_a_real_write_answers_as_described(api_schema, archive):
    """A note POSTed with an editor's token, then replaced with PUT and deleted: each answer
    conforms to the schema's description of the protocol's writes."""
    from people.tokens import api_token_create
    from tests.factories import user_factory

    _, token = api_token_create(user=user_factory("editor"), name="schema")
    auth = {"Authorization": f"Bearer {token}"}
    paragraph = archive.paragraphs.order_by("position").first()
    note = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "Checked.", "format": "text/markdown"},
        "target": f"http://localhost{archive.get_absolute_url()}#{paragraph.anchor}",
    }
    post = api_schema["/api/annotations/{slug}/"]["POST"]
    created = post.Case(
        path_parameters={"slug": archive.slug},
        body=note,
        media_type="application/ld+json",
        headers=auth,
    ).call_and_validate()
    assert created.status_code == 201, created.text
    pk = int(created.headers["location"][0].rsplit("/", 1)[1])
    where = {"slug": archive.slug, "pk": pk}
    put = api_schema["/api/annotations/{slug}/{pk}"]["PUT"]
    replaced = put.Case(
        path_parameters=where,
        body={**created.json(), "body": {**note["body"], "value": "Checked again."}},
        media_type="application/ld+json",
        headers={**auth, "If-Match": created.headers["etag"][0]},
    ).call_and_validate()
    assert replaced.status_code == 200, replaced.text
    delete = api_schema["/api/annotations/{slug}/{pk}"]["DELETE"]
    gone = delete.Case(path_parameters=where, headers=auth).call_and_validate()
    assert gone.status_code == 204


# Where an invalid value can be sent only as a valid one: a query string has no types, so
# `leader=false` "was array, became boolean" is the array ["false"], a slug like any other;
# and a `year` that names no year is ignored on purpose, as on the search page. Schemathesis
# reports those as accepted invalid data; the list's own refusals (page, page_size,
# paragraphs) are tested in test_api.py.
UNTYPED_QUERIES = {"/api/articles/"}


def probe(operation, strategy, failures: list[str], *, negative: bool = False) -> None:
    """Run `EXAMPLES` of the strategy's cases against the app; note each failure once."""
    excluded = [negative_data_rejection] if negative and operation.path in UNTYPED_QUERIES else []
    if operation.method.upper() != "GET":
        # A write's schema says "a JSON object": whether it is an annotation of this archive
        # (a paragraph whose text its selectors match) no schema can say, so a schema-valid
        # body is mostly refused (400); the protocol tests check what is taken.
        excluded.append(positive_data_acceptance)

    @FUZZ_SETTINGS
    @given(case=strategy)
    def run(case):
        try:
            case.call_and_validate(excluded_checks=excluded)
        except (AssertionError, FailureGroup) as failure:  # Schemathesis's failed checks
            # The checks that failed, without the reproduction hints after them.
            lines = [line for line in str(failure).splitlines() if line.strip()]
            shown = [line.strip() for line in lines[1:8] if "curl" not in line]
            what = " | ".join(shown)[:400]
            summary = f"{operation.label}: {what}"
            if summary not in failures:
                failures.append(f"{summary}\n    {case.as_curl_command()[:300]}")

    run()


def test_generated_requests_answer_as_described(api_schema, archive):
    """Schemathesis's own requests to every operation: valid ones (on random and on real
    objects) and invalid ones. No 5xx, every answer as the schema describes it, invalid
    requests refused. (Its pytest loader, `from_fixture`, fails on pytest 9, so the
    operations are run here one by one.)"""
    real = real_path_parameters(archive)
    failures: list[str] = []
    unrefusable: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        probe(operation, operation.as_strategy(GenerationMode.POSITIVE), failures)
        try:
            negative = operation.as_strategy(GenerationMode.NEGATIVE)
            probe(operation, negative, failures, negative=True)
        except Unsatisfiable:  # nothing it takes can be invalid (a path's free string)
            unrefusable.append(operation.label)
        if operation.path in real:
            strategy = operation.as_strategy(path_parameters=real[operation.path])
            probe(operation, strategy, failures)
    assert len(operations) >= 12
    assert len(unrefusable) < len(operations) / 2, unrefusable
    assert not failures, f"{len(failures)} failure(s):\n" + "\n".join(failures)
