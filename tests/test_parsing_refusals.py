"""Files that are not editorials are refused with a reason and, where it applies, a line."""

import pytest

from articles.parsing import MAX_EDITORIAL_BYTES, EditorialFormatError, parse_editorial
from tests.editorial_text import editorial_text, line_number, sample_bytes


def refusal(data, **options) -> EditorialFormatError:
    with pytest.raises(EditorialFormatError) as caught:
        parse_editorial(data, **options)
    return caught.value


def test_file_over_the_size_limit_is_refused_with_its_size_and_the_limit():
    error = refusal(b"a" * (MAX_EDITORIAL_BYTES + 1))
    assert error.reason == "file is too large: 1,000,001 bytes, over the limit of 1,000,000 bytes"
    assert error.line is None


def test_size_limit_can_be_lowered_per_call():
    data = sample_bytes()
    error = refusal(data, max_bytes=len(data) - 1)
    assert error.reason == (
        f"file is too large: {len(data):,} bytes, over the limit of {len(data) - 1:,} bytes"
    )


def test_file_of_exactly_the_size_limit_is_read():
    data = sample_bytes()
    assert parse_editorial(data, max_bytes=len(data)).label == "Editorial"


def test_text_argument_is_measured_in_utf8_bytes():
    text = editorial_text(paragraphs=("é" * 600 + ".",))
    size = len(text.encode("utf-8"))
    assert refusal(text, max_bytes=size - 1).reason.startswith(f"file is too large: {size:,}")


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b" \n\t\r\n ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n\r\n", "", "\u200b\n"],
    ids=["empty", "spaces", "whitespace", "bom", "bom-blank-lines", "empty-text", "zero-width"],
)
def test_empty_or_whitespace_only_file_is_refused(data):
    error = refusal(data)
    assert error.reason == "file is empty or holds only whitespace"
    assert error.line is None


def test_nul_byte_is_refused_as_binary_with_its_offset_and_line():
    data = b"Tuesday\n[Editorial] Title\x00\x01\x02 more"
    error = refusal(data)
    assert error.reason == "not text: NUL byte at byte offset 25 (binary data)"
    assert error.line == 2


def test_invalid_utf8_is_refused_with_its_byte_offset_and_line():
    data = editorial_text().encode("utf-8") + b"\nCaf\xe9 au lait."
    offset = data.index(b"\xe9")
    error = refusal(data)
    assert error.reason == f"not text: invalid UTF-8 at byte offset {offset}"
    assert error.line == data.count(b"\n") + 1


def test_invalid_utf8_offset_counts_the_byte_order_mark():
    error = refusal(b"\xef\xbb\xbfab\xff")
    assert error.reason == "not text: invalid UTF-8 at byte offset 5"
    assert error.line == 1


def test_latin1_file_is_refused_as_not_utf8():
    error = refusal(editorial_text(paragraphs=("Nicolás Maduro.",)).encode("latin-1"))
    assert error.reason.startswith("not text: invalid UTF-8 at byte offset")


def test_text_with_a_lone_surrogate_is_refused_as_not_text():
    assert refusal("[Editorial] A\ud800 title").reason.startswith("not text: invalid UTF-8")


def test_png_image_is_refused_as_not_text():
    error = refusal(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert error.reason.startswith("not text:")


def test_many_control_characters_are_refused_as_binary():
    error = refusal("Title\n" + "\x01\x02\x03" * 10 + "\nbody")
    assert error.reason == "not text: 30 control characters (binary data)"
    assert error.line == 2


def test_file_without_a_title_is_refused_at_the_timestamps():
    text = editorial_text(title=None)
    error = refusal(text)
    assert error.reason == "no title before the timestamps"
    assert error.line == line_number(text, "Input")


def test_date_line_alone_is_refused_for_want_of_a_title():
    error = refusal("Tuesday, January 13, 2026\n\n")
    assert (error.reason, error.line) == ("no title", None)


def test_title_line_of_only_a_label_is_refused():
    text = editorial_text(title="[Editorial]")
    error = refusal(text)
    assert error.reason == "no title: the title line holds only a label"
    assert error.line == line_number(text, "[Editorial]")


def test_file_without_an_input_timestamp_is_refused():
    text = editorial_text(stamps=("Updated", "2026-01-12 18:32:08"))
    error = refusal(text)
    assert error.reason == "no 'Input' timestamp"
    assert error.line == line_number(text, "Updated")


def test_file_without_any_timestamps_is_refused_at_the_title():
    text = editorial_text(stamps=())
    error = refusal(text)
    assert error.reason == "no 'Input' timestamp after the title"
    assert error.line == line_number(text, "[Editorial] Seoul and Tokyo Should Keep Talking")


def test_input_label_without_a_time_is_refused_at_the_label():
    text = editorial_text(stamps=("Input", "Updated", "2026-01-12 18:32:08"))
    error = refusal(text)
    assert error.reason == "no 'Input' timestamp: 'Input' is not followed by a date and time"
    assert error.line == line_number(text, "Input")


def test_input_label_followed_by_text_is_refused_at_the_label():
    text = editorial_text(stamps=("Input",), caption=None)
    error = refusal(text)
    assert error.reason == "no 'Input' timestamp: 'Input' is not followed by a date and time"
    assert error.line == line_number(text, "Input")


def test_another_papers_layout_is_refused_for_want_of_an_input_timestamp():
    text = "Korea must act\nPublished: 13 Jan. 2026, 12:09\nThe body.\nMore body."
    error = refusal(text)
    assert (error.reason, error.line) == ("no 'Input' timestamp after the title", 1)


@pytest.mark.parametrize(
    "written",
    [
        "2026-02-30 10:00:00",
        "2026-01-12 25:61:00",
        "2026-13-01 00:00:00",
        "2026-01-12 23:59:60",
        "2026-00-10 12:00:00",
        "2025-02-29 12:00:00",
    ],
)
@pytest.mark.parametrize("label", ["Input", "Updated"])
def test_impossible_timestamp_is_refused_at_its_line(written, label):
    stamps = {
        "Input": ("Input", written, "Updated", "2026-01-12 18:32:08"),
        "Updated": ("Input", "2026-01-12 18:32:08", "Updated", written),
    }[label]
    text = editorial_text(stamps=stamps)
    error = refusal(text)
    assert error.reason == f"impossible '{label}' timestamp '{written}'"
    assert error.line == line_number(text, written)


def test_timestamp_in_an_impossible_year_is_refused():
    text = editorial_text(stamps=("Input", "0001-01-01 00:00:00"))
    error = refusal(text)
    assert (
        error.reason == "impossible 'Input' timestamp '0001-01-01 00:00:00': year outside 1900-2100"
    )
    assert error.line == line_number(text, "0001-01-01 00:00:00")


def test_impossible_bulleted_timestamp_names_its_line():
    text = editorial_text(stamps=("Input", "2026-02-30 10:00:00"), bullets=True)
    error = refusal(text)
    assert (
        str(error) == f"line {line_number(text, '- 2026-02-30 10:00:00')}: impossible 'Input' "
        "timestamp '2026-02-30 10:00:00'"
    )


def test_impossible_page_date_is_refused_at_line_one():
    error = refusal(editorial_text(date_line="Monday, February 30, 2026"))
    assert (error.reason, error.line) == ("impossible page date 'Monday, February 30, 2026'", 1)


def test_file_without_a_body_after_the_caption_is_refused():
    text = editorial_text(paragraphs=())
    error = refusal(text)
    assert error.reason == "no body paragraph after the caption"
    assert error.line == len(text.splitlines())


def test_file_without_a_body_after_the_timestamps_is_refused():
    header = editorial_text(caption=None, paragraphs=())
    error = refusal(header + "\n\n* * *\n")
    assert error.reason == "no body paragraph after the timestamps"
    assert error.line == len(header.splitlines())


def test_caption_after_a_deck_without_a_body_is_refused():
    text = editorial_text(deck=("A deck line",), caption="[Photo/Xinhua]", paragraphs=())
    error = refusal(text)
    assert (error.reason, error.line) == ("no body paragraph after the caption", 10)


def test_refusal_message_names_the_line():
    error = refusal(editorial_text(stamps=("Input", "2026-02-30 10:00:00")))
    assert str(error) == "line 6: impossible 'Input' timestamp '2026-02-30 10:00:00'"


def test_refusal_message_without_a_line_is_the_reason():
    assert str(refusal(b"")) == "file is empty or holds only whitespace"
