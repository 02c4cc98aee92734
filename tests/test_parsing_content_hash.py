"""content_hash: equal content gives an equal hash, any change gives another."""

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from articles.parsing import Caption, parse_editorial
from tests.editorial_text import editorial_text, sample_bytes


@pytest.fixture(scope="module")
def parsed():
    return parse_editorial(editorial_text(deck=("A deck line",)))


def test_content_hash_is_a_sha256_hex_digest(parsed):
    digest = parsed.content_hash()
    assert len(digest) == 64
    assert int(digest, 16) >= 0


def test_content_hash_of_the_same_file_is_stable(parsed):
    again = parse_editorial(editorial_text(deck=("A deck line",)))
    assert again.content_hash() == parsed.content_hash()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("label", "fn Editorial"),
        ("title", "Another Title"),
        ("published_at", datetime(2026, 1, 12, 18, 32, 9, tzinfo=UTC)),
        ("revised_at", None),
        ("page_date", date(2026, 1, 14)),
        ("page_date", None),
        ("deck", ()),
        ("deck", ("A deck line", "Another")),
        ("caption", None),
        ("caption", Caption(text="Other.", credit="Photo by Newsis")),
        ("paragraphs", ("One paragraph only.",)),
        ("publication", "The Korea Herald"),
        ("layout", "koreaherald"),
    ],
)
def test_changing_any_field_changes_the_content_hash(parsed, field, value):
    changed = dataclasses.replace(parsed, **{field: value})
    assert changed.content_hash() != parsed.content_hash()


def test_moving_text_between_paragraphs_changes_the_content_hash(parsed):
    first, second, *rest = parsed.paragraphs
    merged = dataclasses.replace(parsed, paragraphs=(first + " " + second, *rest))
    split = dataclasses.replace(parsed, paragraphs=(first, second, *rest))
    assert merged.content_hash() != split.content_hash()


def test_same_instant_in_another_zone_gives_the_same_content_hash(parsed):
    in_utc = dataclasses.replace(parsed, published_at=parsed.published_at.astimezone(UTC))
    assert in_utc == parsed
    assert in_utc.content_hash() == parsed.content_hash()


def test_another_instant_gives_another_content_hash(parsed):
    later = dataclasses.replace(parsed, published_at=parsed.published_at + timedelta(seconds=1))
    assert later.content_hash() != parsed.content_hash()


def test_sample_with_bom_and_crlf_has_the_sample_content_hash():
    variant = b"\xef\xbb\xbf" + sample_bytes().replace(b"\n", b"\r\n")
    assert parse_editorial(variant).content_hash() == parse_editorial(sample_bytes()).content_hash()
