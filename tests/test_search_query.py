"""Reading what a reader types into the search box, and spelling it for FTS5 and tsquery (pure)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.query import (
    MAX_TERMS,
    ParsedQuery,
    Term,
    fts5_any,
    fts5_string,
    parse_query,
    tsquery_any,
    tsquery_operand,
)

FAST = settings(max_examples=300, deadline=None, database=None)

# Pieces of queries that mean something to FTS5, tsquery or SQL, to mix with random text.
OPERATORS = [
    '"',
    "“",
    "”",
    "'",
    "-",
    "--",
    "+",
    "*",
    ":",
    "^",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "&",
    "|",
    "!",
    "<->",
    "<2>",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "title:",
    "body:",
    ":*",
    "\\",
    ";",
    "--",
    "/*",
    "*/",
    "DROP TABLE articles_article;",
    "' OR 1=1 --",
    "%",
    "_",
    "\x00",
]
queries = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(OPERATORS)), max_size=12).map(
    " ".join
)


def words(query: ParsedQuery, part: str = "include") -> list[tuple[str, ...]]:
    return [term.words for term in getattr(query, part)]


def test_words_are_all_required_and_lowercased():
    query = parse_query("Tariffs  Japan")

    assert words(query) == [("tariffs",), ("japan",)]
    assert words(query, "exclude") == []


def test_quoted_text_is_one_phrase_with_straight_or_curly_quotes():
    assert words(parse_query('"prime minister" Lee')) == [("prime", "minister"), ("lee",)]
    assert words(parse_query("“prime minister”")) == [("prime", "minister")]


def test_a_minus_before_a_word_or_phrase_excludes_it():
    query = parse_query('tariffs -China -"rare earth"')

    assert words(query) == [("tariffs",)]
    assert words(query, "exclude") == [("china",), ("rare", "earth")]


def test_a_hyphen_inside_a_word_makes_a_phrase_of_its_parts():
    assert parse_query("rare-earth").include == (Term(("rare", "earth"), "rare earth"),)
    assert words(parse_query("Lee Jae-myung")) == [("lee",), ("jae", "myung")]


def test_abbreviations_and_possessives_stay_one_term():
    assert parse_query("U.S.").include == (Term(("u", "s"), "U.S."),)
    curly = "Lee\N{RIGHT SINGLE QUOTATION MARK}s"
    assert parse_query(curly).include == (Term(("lee", "s"), curly),)


def test_stop_words_are_dropped_except_inside_a_phrase():
    query = parse_query('the tariffs and "bank of korea"')

    assert words(query) == [("tariffs",), ("bank", "of", "korea")]


def test_only_stop_words_or_punctuation_leave_nothing_to_search():
    assert not parse_query("the and OR")
    assert not parse_query('"to be or not to be" ... * -')
    assert not parse_query("   ")


def test_operators_typed_by_the_reader_are_words_or_dropped():
    query = parse_query("NEAR(tariffs japan) AND title:Seoul ^x OR y*")

    assert words(query) == [
        ("near",),
        ("tariffs",),
        ("japan",),
        ("title",),
        ("seoul",),
        ("x",),
        ("y",),
    ]


def test_a_quote_left_open_leaves_the_words_after_it_as_words():
    query = parse_query('"prime minister')

    assert words(query) == [("prime",), ("minister",)]


def test_only_exclusions_is_a_query_without_words_to_find():
    query = parse_query("-japan -china")

    assert query and not query.include
    assert words(query, "exclude") == [("japan",), ("china",)]


def test_repeated_terms_count_once_and_terms_are_capped():
    assert words(parse_query("japan Japan JAPAN")) == [("japan",)]
    many = parse_query(" ".join(f"word{n}" for n in range(50)))
    assert len(many.include) == MAX_TERMS


def test_fts5_strings_quote_every_term_so_nothing_is_an_operator():
    query = parse_query('"prime minister" NEAR tariffs')

    assert fts5_string(query.include[0]) == '"prime minister"'
    assert fts5_any(query.include) == '"prime minister" OR "NEAR" OR "tariffs"'


def test_tsquery_operands_are_quoted_and_escaped():
    assert tsquery_operand(Term(("lee", "s"), "Lee's")) == "'Lee''s'"
    query = parse_query('"prime minister" U.S.')
    assert tsquery_any(query.include) == "'prime minister' | 'U.S.'"


FTS5_QUERY = re.compile(r'"[^"]*"(?: OR "[^"]*")*')
TSQUERY = re.compile(r"'(?:[^'\\]|'')*'(?: \| '(?:[^'\\]|'')*')*")


@FAST
@given(queries)
def test_any_input_parses_into_searchable_terms_without_error(text):
    query = parse_query(text)

    for term in (*query.include, *query.exclude):
        assert term.words and term.literal
        assert '"' not in term.literal and "\\" not in term.literal and "\x00" not in term.literal
    assert len(query.include) + len(query.exclude) <= MAX_TERMS


@FAST
@given(queries)
def test_any_input_becomes_only_quoted_strings_for_fts5_and_tsquery(text):
    query = parse_query(text)
    terms = (*query.include, *query.exclude)
    if not terms:
        return

    assert FTS5_QUERY.fullmatch(fts5_any(terms))
    assert TSQUERY.fullmatch(tsquery_any(terms))


@pytest.mark.parametrize("text", ["", "   ", "-", '"', '""', "- - -", "***"])
def test_empty_looking_input_is_an_empty_query(text):
    assert parse_query(text) == ParsedQuery()
