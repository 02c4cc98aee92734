"""The reference sample, parsed field by field."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from articles.parsing import Caption, parse_editorial
from tests.editorial_text import sample_bytes

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture(scope="module")
def sample():
    return parse_editorial(sample_bytes())


def test_sample_label_is_editorial(sample):
    assert sample.label == "Editorial"


def test_sample_title_has_no_label(sample):
    assert sample.title == (
        "President Lee Should Also Pursue Pragmatic, National-Interest-First Diplomacy with Japan"
    )


def test_sample_is_published_at_the_input_time_in_seoul(sample):
    assert sample.published_at == datetime(2026, 1, 12, 18, 32, 8, tzinfo=SEOUL)
    assert sample.published_at.utcoffset() == timedelta(hours=9)
    assert sample.published_at.tzinfo.key == "Asia/Seoul"


def test_sample_is_revised_at_the_updated_time(sample):
    assert sample.revised_at == datetime(2026, 1, 12, 18, 32, 8, tzinfo=SEOUL)


def test_sample_page_date_is_the_date_line(sample):
    assert sample.page_date == date(2026, 1, 13)


def test_sample_has_no_deck(sample):
    assert sample.deck == ()


def test_sample_caption_is_split_from_its_credit(sample):
    assert isinstance(sample.caption, Caption)
    assert sample.caption.credit == "Photo by Newsis News Agency"
    assert sample.caption.text.startswith("President Lee Jae-myung of South Korea will visit Japan")
    assert sample.caption.text.endswith("last November.")
    assert "The photo shows the leaders of South Korea and Japan" in sample.caption.text


def test_sample_has_seven_body_paragraphs_in_order(sample):
    assert len(sample.paragraphs) == 7
    assert sample.paragraphs[0].startswith(
        "President Lee Jae-myung of South Korea will visit Japan on the 13th"
    )
    assert sample.paragraphs[1].startswith("President Lee\u2019s back-to-back visits")
    assert sample.paragraphs[-1].endswith("in an age of uncertainty.")


def test_sample_caption_is_not_a_paragraph(sample):
    assert all("The photo shows" not in paragraph for paragraph in sample.paragraphs)
    assert all("Photo by" not in paragraph for paragraph in sample.paragraphs)


def test_sample_keeps_curly_apostrophes_dashes_and_accents(sample):
    body = "\n".join(sample.paragraphs)
    assert "President Lee\u2019s" in body
    assert "South Korea\u2013Japan summit" in body
    assert "Nicolás Maduro" in body
    assert "U.S.\u2013China tensions" in body


def test_sample_names_its_publication_and_layout(sample):
    assert sample.publication == "The Financial News"
    assert sample.layout == "fnnews"


def test_sample_parses_the_same_from_text_and_from_bytes(sample):
    assert parse_editorial(sample_bytes().decode("utf-8")) == sample
