"""Hostile annotations through the protocol: a POST or a PUT whose JSON-LD is broken anywhere
(a random value in place of any part of a valid note or claim, or random JSON altogether) is refused
with a 400 that names a field, or accepted; never a 500, and nothing half-written.

Derandomised like tests/test_fuzz_requests.py: `FUZZ_RANDOM=1` draws new examples and
`FUZZ_EXAMPLES=N` sets how many.
"""

import json
import os

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.models import Annotation, Revision
from people.tokens import api_token_create
from tests.factories import annotation_factory
from tests.protocol.support import BASE, MEDIA_TYPE, container_url, url_of
from tests.test_fuzz_requests import FUZZ_SETTINGS

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 10)) * 4
# The words the parser looks for, so that broken documents are broken where it reads.
VOCABULARY = [
    "@context", "id", "type", "motivation", "body", "target", "source", "selector",
    "refinedBy", "exact", "prefix", "suffix", "start", "end", "value", "format", "purpose",
    "creator", "name", "canonical", "via", "conformsTo", "language",
]  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(
        [
            "",
            "p1",
            "p0",
            "p999999999999999999999",
            "commenting",
            "assessing",
            "replying",
            "TextQuoteSelector",
            "TextPositionSelector",
            "FragmentSelector",
            "SpecificResource",
            "TextualBody",
            "http://[",
            f"{BASE}/articles/",
            f"{BASE}/api/annotations/x/1",
            "\x00",
            "\ud800",
        ]
    )
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(VOCABULARY) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=12,
)


def valid_note(article) -> dict:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": "A *note*.", "format": "text/markdown"},
        "target": {
            "type": "SpecificResource",
            "source": BASE + article.get_absolute_url(),
            "selector": {
                "type": "FragmentSelector",
                "value": "p2",
                "refinedBy": {"type": "TextQuoteSelector", "exact": "Paragraph 2"},
            },
        },
    }


def paths_of(value, path=()) -> list[tuple]:
    """Every place in a JSON document, as a path of keys and indexes."""
    places = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            places += paths_of(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += paths_of(item, (*path, index))
    return places


def replaced(document, path: tuple, value):
    if not path:
        return value
    head, *rest = path
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = replaced(document[head], tuple(rest), value)
    return copy


def valid_claim(article) -> dict:
    claim = valid_note(article)
    claim["motivation"] = "assessing"
    claim["body"] = [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": "The summit changed nothing.",
            "creator": {"type": "Organization", "name": "The ministry"},
        },
        {"type": "TextualBody", "purpose": "classifying", "value": "Misleading"},
        {
            "type": "TextualBody",
            "purpose": "assessing",
            "value": "It *did*.",
            "format": "text/markdown",
        },
        {
            "type": "SpecificResource",
            "purpose": "linking",
            "source": {"id": "https://stats.example/1", "label": "Figures"},
        },
    ]
    return claim


@st.composite
def broken_documents(draw, article):
    document = draw(st.sampled_from([valid_note, valid_claim]))(article)
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    path = draw(st.sampled_from(paths_of(document)))
    return replaced(document, path, draw(json_values))


def encoded(document) -> str:
    # Lone surrogates cannot be UTF-8: send them as JSON escapes, as a client could.
    return json.dumps(document, ensure_ascii=True)


def assert_refused_or_done(response, accepted: int) -> None:
    assert response.status_code in (accepted, 400), response.content[:300]
    if response.status_code == 400:
        data = response.json()
        assert data["detail"]


@pytest.fixture
def token_client(author):
    _, token = api_token_create(user=author, name="fuzz")
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_broken_post_is_a_400_or_a_new_annotation(token_client, article):
    @settings(max_examples=EXAMPLES, **FUZZ_SETTINGS)
    @given(document=broken_documents(article))
    def post(document):
        before = Annotation.objects.count(), Revision.objects.count()
        response = token_client.post(
            container_url(article), encoded(document), content_type=MEDIA_TYPE
        )
        assert_refused_or_done(response, 201)
        if response.status_code == 400:
            assert (Annotation.objects.count(), Revision.objects.count()) == before

    post()


def test_a_broken_put_is_a_400_or_an_edit(token_client, article, author):
    note = annotation_factory(
        paragraph=article.paragraphs.get(position=2), author=author, quote="Paragraph 2"
    )

    @settings(max_examples=EXAMPLES, **FUZZ_SETTINGS)
    @given(document=broken_documents(article))
    def put(document):
        etag = token_client.get(url_of(note))["ETag"]
        versions = Revision.objects.filter(annotation=note).count()
        response = token_client.put(
            url_of(note), encoded(document), content_type=MEDIA_TYPE, HTTP_IF_MATCH=etag
        )
        assert_refused_or_done(response, 200)
        if response.status_code == 400:
            assert Revision.objects.filter(annotation=note).count() == versions

    put()
