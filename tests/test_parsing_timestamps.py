"""The Input/Updated block in its written forms, and the optional page date line."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from articles.parsing import parse_editorial
from tests.editorial_text import editorial_text

SEOUL = ZoneInfo("Asia/Seoul")
PUBLISHED = datetime(2025, 7, 31, 18, 37, 21, tzinfo=SEOUL)
REVISED = datetime(2025, 8, 1, 9, 5, 0, tzinfo=SEOUL)


def parse_stamps(*stamps, bullets=False, **parts):
    return parse_editorial(editorial_text(stamps=stamps, bullets=bullets, **parts))


@pytest.mark.parametrize(
    "stamps",
    [
        ("Input", "2025-07-31 18:37:21", "Updated", "2025-08-01 09:05:00"),
        ("Input", "", "2025-07-31 18:37:21", "", "Updated", "", "2025-08-01 09:05:00", ""),
        ("", "Input", "2025-07-31 18:37:21", "", "", "Updated", "2025-08-01 09:05:00"),
        ("Input 2025-07-31 18:37:21", "Updated 2025-08-01 09:05:00"),
        ("Input: 2025-07-31 18:37:21", "Updated: 2025-08-01 09:05:00"),
        ("INPUT", "2025-07-31 18:37:21", "updated", "2025-08-01 09:05:00"),
        ("Input", "2025-07-31 18:37:21 KST", "Updated", "2025-08-01 09:05:00 KST"),
    ],
    ids=["plain", "blank-lines-between", "blank-lines-around", "same-line", "colon", "case", "kst"],
)
@pytest.mark.parametrize("bullets", [False, True], ids=["lines", "list-items"])
def test_input_and_updated_are_read_in_every_written_form(stamps, bullets):
    parsed = parse_stamps(*stamps, bullets=bullets)
    assert (parsed.published_at, parsed.revised_at) == (PUBLISHED, REVISED)


def test_bulleted_timestamps_as_in_real_pages_are_read():
    text = "\n".join(
        [
            "[EDITORIALS] Seoul Must Act",
            "- Input",
            "- 2025-07-31 18:37:21",
            "- Updated",
            "- 2025-08-01 09:05:00",
            "The government must act now.",
        ]
    )
    parsed = parse_editorial(text)
    assert (parsed.published_at, parsed.revised_at) == (PUBLISHED, REVISED)
    assert parsed.paragraphs == ("The government must act now.",)


def test_updated_later_than_input_is_kept_as_the_revision_time():
    parsed = parse_stamps("Input", "2026-01-12 18:32:08", "Updated", "2026-01-14 07:00:01")
    assert parsed.published_at == datetime(2026, 1, 12, 18, 32, 8, tzinfo=SEOUL)
    assert parsed.revised_at == datetime(2026, 1, 14, 7, 0, 1, tzinfo=SEOUL)


def test_missing_updated_gives_no_revision_time():
    parsed = parse_stamps("Input", "2026-01-12 18:32:08")
    assert parsed.published_at == datetime(2026, 1, 12, 18, 32, 8, tzinfo=SEOUL)
    assert parsed.revised_at is None


def test_updated_label_without_a_time_gives_no_revision_time():
    parsed = parse_stamps("Input", "2026-01-12 18:32:08", "Updated")
    assert parsed.revised_at is None
    assert len(parsed.paragraphs) == 3


def test_second_time_without_its_updated_label_is_the_revision_time():
    parsed = parse_stamps("Input", "2026-01-12 18:32:08", "2026-01-13 08:00:00")
    assert parsed.revised_at == datetime(2026, 1, 13, 8, 0, tzinfo=SEOUL)


def test_time_without_seconds_is_read_as_zero_seconds():
    parsed = parse_stamps("Input", "2026-01-12 18:32")
    assert parsed.published_at == datetime(2026, 1, 12, 18, 32, 0, tzinfo=SEOUL)


def test_times_are_korea_time_not_utc():
    parsed = parse_stamps("Input", "2026-01-12 00:30:00")
    assert parsed.published_at.astimezone(ZoneInfo("UTC")) == datetime(
        2026, 1, 11, 15, 30, tzinfo=ZoneInfo("UTC")
    )


def test_page_date_is_never_the_publication_time():
    parsed = parse_stamps("Input", "2026-01-11 18:32:08", date_line="Tuesday, January 13, 2026")
    assert parsed.page_date == date(2026, 1, 13)
    assert parsed.published_at.date() == date(2026, 1, 11)


def test_missing_date_line_gives_no_page_date():
    parsed = parse_editorial(editorial_text(date_line=None))
    assert parsed.page_date is None
    assert parsed.title == "Seoul and Tokyo Should Keep Talking"


@pytest.mark.parametrize(
    "date_line",
    [
        "Tuesday, January 13, 2026",
        "January 13, 2026",
        "Tue, Jan 13, 2026",
        "Tuesday, Jan. 13, 2026",
        "TUESDAY, JANUARY 13, 2026",
        "Tuesday January 13 2026",
    ],
)
def test_page_date_line_is_read_in_its_written_forms(date_line):
    parsed = parse_editorial(editorial_text(date_line=date_line))
    assert parsed.page_date == date(2026, 1, 13)
    assert parsed.label == "Editorial"


def test_title_that_starts_with_a_month_name_is_not_a_date_line():
    parsed = parse_editorial(editorial_text(date_line=None, title="May Day Rallies Need Calm"))
    assert (parsed.page_date, parsed.title) == (None, "May Day Rallies Need Calm")
