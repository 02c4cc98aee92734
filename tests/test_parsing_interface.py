"""The parser's public interface: Django-free import, records, errors and layouts."""

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import articles.parsing as parsing
from articles.parsing import (
    LAYOUTS,
    MAX_EDITORIAL_BYTES,
    Caption,
    EditorialFormatError,
    ParsedEditorial,
    parse_editorial,
)
from tests.editorial_text import editorial_text

PROJECT = Path(__file__).resolve().parent.parent


def test_parser_imports_and_parses_without_django():
    code = (
        "import sys; from articles.parsing import parse_editorial; "
        "parse_editorial(open('samples/fnnews-2026-01-13-lee-japan-diplomacy.txt','rb').read()); "
        "assert not any(name.split('.')[0] == 'django' for name in sys.modules), 'django imported'"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_size_limit_is_one_megabyte():
    assert MAX_EDITORIAL_BYTES == 1_000_000


def test_format_error_is_a_value_error_with_reason_and_line():
    error = EditorialFormatError("no title", 3)
    assert isinstance(error, ValueError)
    assert (error.reason, error.line, str(error)) == ("no title", 3, "line 3: no title")


def test_format_error_without_a_line_reads_as_its_reason():
    assert str(EditorialFormatError("no title")) == "no title"


def test_parsed_editorial_and_caption_are_immutable():
    parsed = parse_editorial(editorial_text())
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.title = "Other"
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.caption.credit = "Other"


def test_parsed_sequences_are_tuples():
    parsed = parse_editorial(editorial_text(deck=("A deck line",)))
    assert isinstance(parsed.deck, tuple)
    assert isinstance(parsed.paragraphs, tuple)


def test_every_layout_offers_a_name_detect_and_parse():
    for layout in LAYOUTS:
        assert isinstance(layout.NAME, str) and layout.NAME
        assert callable(layout.detect) and callable(layout.parse)


def test_financial_news_layout_detects_its_pages_only():
    fnnews = LAYOUTS[0]
    assert fnnews.detect(editorial_text().split("\n"))
    assert not fnnews.detect(["Korea must act", "Published: 13 Jan. 2026, 12:09", "Body."])


def test_parsed_editorial_names_the_layout_that_read_it():
    assert parse_editorial(editorial_text()).layout == LAYOUTS[0].NAME


def test_public_names_are_exported():
    for name in ("parse_editorial", "ParsedEditorial", "Caption", "EditorialFormatError"):
        assert name in parsing.__all__
    assert ParsedEditorial.__dataclass_params__.frozen
    assert Caption.__dataclass_params__.frozen
