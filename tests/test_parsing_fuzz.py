"""Property tests: whatever the input, the parser returns an editorial or refuses it cleanly."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.parsing import EditorialFormatError, ParsedEditorial, parse_editorial
from tests.editorial_text import CAPTION, editorial_text, sample_bytes

FAST = settings(max_examples=250, deadline=None, database=None)
SAMPLE = sample_bytes()
SAMPLE_LINES = SAMPLE.split(b"\n")
SAMPLE_HASH = parse_editorial(SAMPLE).content_hash()

# Lines in the format's own vocabulary, so random files reach every branch of the parser.
VOCABULARY = [
    "",
    "   ",
    "Tuesday, January 13, 2026",
    "Monday, February 30, 2026",
    "[Editorial] Seoul Must Act",
    "&#91EDITORIALS&#93 Seoul Must Act",
    "[fn Editorial]",
    "Input",
    "- Input",
    "Updated",
    "- Updated",
    "Input 2026-01-12 18:32:08",
    "2026-01-12 18:32:08",
    "- 2026-01-13 09:00:00",
    "2026-02-30 10:00:00",
    "0001-01-01 00:00:00",
    "A short deck line",
    CAPTION,
    "[Photo/Xinhua]",
    "(©Prime Minister's Office)",
    "“A quoted sentence.”",
    "* * *",
    "The government must act now.",
    "\u200b",
    "Chips &amp; batteries &#8212; now.",
]


def parse_or_refuse(data):
    """Parse, and check the invariants of whichever outcome there is."""
    try:
        parsed = parse_editorial(data)
    except EditorialFormatError as error:
        assert error.reason
        assert error.line is None or error.line >= 1
        assert str(error)
        return error
    assert isinstance(parsed, ParsedEditorial)
    assert parsed.title and parsed.paragraphs
    assert len(parsed.deck) <= 3 and len(set(parsed.deck)) == len(parsed.deck)
    assert parsed.published_at.utcoffset() is not None
    for text in (parsed.title, *parsed.deck, *parsed.paragraphs):
        assert text == text.strip() and text
        assert unicodedata.is_normalized("NFC", text)
        assert "\n" not in text and "\r" not in text
    assert len(parsed.content_hash()) == 64
    return parsed


@FAST
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_an_editorial_or_a_format_error(data):
    parse_or_refuse(data)


@FAST
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=2000))
def test_arbitrary_text_gives_an_editorial_or_a_format_error(text):
    parse_or_refuse(text)


@FAST
@given(
    st.lists(st.sampled_from(VOCABULARY), max_size=40),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_files_of_format_like_lines_give_an_editorial_or_a_format_error(lines, newline):
    parse_or_refuse(newline.join(lines))


@FAST
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=6))
def test_sample_with_lines_dropped_duplicated_or_shuffled_is_parsed_or_refused(rng, edits):
    lines = list(SAMPLE_LINES)
    for _ in range(edits):
        operation = rng.choice(["drop", "duplicate", "swap", "shuffle"])
        at = rng.randrange(len(lines)) if lines else 0
        if operation == "drop" and lines:
            del lines[at]
        elif operation == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif operation == "swap" and len(lines) > 1:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "shuffle":
            rng.shuffle(lines)
    parse_or_refuse(b"\n".join(lines))


@FAST
@given(st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), max_size=5))
def test_sample_with_random_bytes_inserted_is_parsed_or_refused(insertions):
    data = bytearray(SAMPLE)
    for position, chunk in insertions:
        data[position % (len(data) + 1) : position % (len(data) + 1)] = chunk
    parse_or_refuse(bytes(data))


@FAST
@given(st.integers(min_value=1, max_value=len(SAMPLE)))
def test_sample_cut_short_anywhere_is_parsed_or_refused(length):
    parse_or_refuse(SAMPLE[:length])


@FAST
@given(
    bom=st.booleans(),
    newline=st.sampled_from([b"\n", b"\r\n", b"\r"]),
    form=st.sampled_from(["NFC", "NFD"]),
    trailing=st.sampled_from([b"", b"\n", b"\n\n\n"]),
)
def test_bom_line_end_and_normalisation_variants_of_the_sample_share_its_hash(
    bom, newline, form, trailing
):
    text = unicodedata.normalize(form, SAMPLE.decode("utf-8"))
    data = text.encode("utf-8").replace(b"\n", newline) + trailing
    if bom:
        data = b"\xef\xbb\xbf" + data
    assert parse_editorial(data).content_hash() == SAMPLE_HASH


def test_parsing_the_same_bytes_twice_gives_the_same_hash():
    assert parse_editorial(SAMPLE).content_hash() == parse_editorial(bytes(SAMPLE)).content_hash()


PARAGRAPH = st.builds(
    lambda first, rest: first + rest + ".",
    st.characters(categories=("Lu", "Ll")),
    st.text(
        alphabet=st.characters(categories=("L", "N", "Zs", "Pd", "Ps", "Pe", "Pi", "Pf", "Sc")),
        max_size=80,
    ),
)


@FAST
@given(
    paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=6),
    blank_lines=st.integers(min_value=0, max_value=3),
    indent=st.sampled_from(["", "  ", "\t", "\u00a0"]),
)
def test_written_paragraphs_come_back_stripped_and_in_order(paragraphs, blank_lines, indent):
    parsed = parse_editorial(
        editorial_text(paragraphs=paragraphs, blank_lines=blank_lines, indent=indent)
    )
    assert parsed.paragraphs == tuple(unicodedata.normalize("NFC", p).strip() for p in paragraphs)
