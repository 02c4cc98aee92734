"""Splitting a paragraph into flat runs for overlapping quotes and mentions (pure Python)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.highlighting import runs_of as annotated_runs_of
from articles.text_runs import Run, runs_of, spans_within

FAST = settings(max_examples=300, deadline=None, database=None)


def pieces(runs) -> list[tuple[str, tuple]]:
    return [(run.text, run.labels) for run in runs]


def test_text_without_spans_is_one_unlabelled_run():
    assert runs_of("Seoul and Tokyo", []) == [Run("Seoul and Tokyo", 0, 15)]


def test_empty_text_is_one_empty_run():
    assert runs_of("", [(0, 3, "x")]) == [Run("", 0, 0)]


def test_a_span_cuts_the_text_around_it():
    assert pieces(runs_of("Seoul and Tokyo", [(10, 15, "japan")])) == [
        ("Seoul and ", ()),
        ("Tokyo", ("japan",)),
    ]


def test_runs_carry_their_offsets_in_the_whole_text():
    runs = runs_of("Seoul and Tokyo", [(6, 9, "and")])
    assert [(run.start, run.end) for run in runs] == [(0, 6), (6, 9), (9, 15)]


def test_overlapping_spans_split_into_runs_carrying_both():
    text = "President Lee of South Korea"
    runs = runs_of(text, [(0, 13, "leader"), (10, 28, "quote")])
    assert pieces(runs) == [
        ("President ", ("leader",)),
        ("Lee", ("leader", "quote")),
        (" of South Korea", ("quote",)),
    ]


def test_a_nested_span_keeps_the_outer_label_on_both_sides():
    text = "imports of Japanese seafood"
    runs = runs_of(text, [(0, 27, "ban"), (11, 19, "japan")])
    assert pieces(runs) == [
        ("imports of ", ("ban",)),
        ("Japanese", ("ban", "japan")),
        (" seafood", ("ban",)),
    ]


def test_labels_keep_the_order_the_spans_were_given():
    text = "Japan"
    assert runs_of(text, [(0, 5, "b"), (0, 5, "a")])[0].labels == ("b", "a")


def test_equal_spans_make_one_run_with_both_labels():
    assert pieces(runs_of("Dokdo", [(0, 5, 1), (0, 5, 2)])) == [("Dokdo", (1, 2))]


def test_adjacent_spans_do_not_share_a_run():
    assert pieces(runs_of("U.S.Japan", [(0, 4, "us"), (4, 9, "japan")])) == [
        ("U.S.", ("us",)),
        ("Japan", ("japan",)),
    ]


def test_spans_outside_the_text_or_empty_or_reversed_are_ignored():
    text = "Seoul"
    spans = [(-1, 2, "before"), (3, 9, "after"), (2, 2, "empty"), (4, 1, "reversed")]
    assert runs_of(text, spans) == [Run("Seoul", 0, 5)]
    assert spans_within(text, [*spans, (0, 5, "all")]) == [(0, 5, "all")]


def test_offsets_count_code_points_so_emoji_and_astral_characters_stay_whole():
    text = "🇰🇷 and 🇯🇵: 𠮷野家 met 🙂Takaichi"
    astral = text.index("𠮷")
    leader = text.index("Takaichi")
    runs = runs_of(text, [(leader, leader + 8, "leader"), (astral, astral + 3, "shop")])
    assert "".join(run.text for run in runs) == text
    assert [run.text for run in runs if run.labels] == ["𠮷野家", "Takaichi"]
    assert runs[-1].start == len(text) - 8


@FAST
@given(
    text=st.text(max_size=40),
    spans=st.lists(
        st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.integers(0, 9)), max_size=8
    ),
)
def test_runs_always_rebuild_the_text_and_label_exactly_the_covered_characters(text, spans):
    runs = runs_of(text, spans)
    assert "".join(run.text for run in runs) == text
    valid = spans_within(text, spans)
    for run in runs:
        assert run.text == text[run.start : run.end]
        expected = tuple(label for start, end, label in valid if start <= run.start < end)
        assert run.labels == expected
    assert all(run.text for run in runs) or runs == [Run("", 0, 0)]


def test_annotated_runs_keep_quotes_in_id_order_apart_from_mentions():
    text = "imports of Japanese seafood"
    runs = annotated_runs_of(text, [(11, 27, 9), (0, 19, 4)], [(11, 19, "japan")])
    assert [(run.text, run.annotation_ids, run.mentions) for run in runs] == [
        ("imports of ", (4,), ()),
        ("Japanese", (4, 9), ("japan",)),
        (" seafood", (9,), ()),
    ]
    assert runs[1].first_id == 4


def test_annotated_runs_without_mentions_are_the_quote_runs_as_before():
    runs = annotated_runs_of("Seoul and Tokyo", [(10, 15, 3)])
    assert [(run.text, run.annotation_ids, run.first_id) for run in runs] == [
        ("Seoul and ", (), None),
        ("Tokyo", (3,), 3),
    ]
