"""Re-anchoring a quote when an editorial's paragraphs are corrected (pure, no database)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from annotations.anchoring import (
    CONTEXT_CHARS,
    FUZZY_THRESHOLD,
    Anchor,
    Quote,
    context_kept,
    quote_at,
    quote_find_in,
    quote_locate,
)

FAST = settings(max_examples=300, deadline=None, database=None)

BUDGET = (
    "The finance minister said on Monday that the budget would be balanced by 2026, "
    "a promise he has made, and broken, twice before."
)
TRADE = "Exports rose for a third month as chip makers shipped more to the United States."
APOSTROPHE = "\u2019"  # the typographic one editorials use
ALLIES = "Seoul and Tokyo agreed to resume the shuttle diplomacy that lapsed a decade ago."


def quote_of(text: str, words: str) -> Quote:
    start = text.index(words)
    return quote_at(text, start, start + len(words))


def placed(anchor: Anchor | None, texts: list[str]) -> str:
    assert anchor is not None
    return texts[anchor.paragraph_index][anchor.start : anchor.end]


# -- quote_at and quote_find_in --------------------------------------------------------------


def test_quote_keeps_up_to_context_chars_either_side():
    quote = quote_of(BUDGET, "balanced")
    assert quote.exact == "balanced"
    assert len(quote.prefix) == len(quote.suffix) == CONTEXT_CHARS
    assert BUDGET.index("balanced") == BUDGET.index(quote.prefix) + CONTEXT_CHARS
    assert quote.suffix == BUDGET[BUDGET.index("balanced") + 8 :][:CONTEXT_CHARS]


def test_quote_context_is_cut_short_at_the_paragraph_edges():
    assert quote_at("Short text.", 0, 5) == Quote("Short", "", " text.")
    assert quote_at("Short text.", 6, 11) == Quote("text.", "Short ", "")


@pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2), (-1, 4), (0, 99), (0.5, 3)])
def test_quote_at_refuses_an_empty_or_out_of_range_span(start, end):
    with pytest.raises(ValueError):
        quote_at("Short text.", start, end)


def test_find_in_lists_every_occurrence_including_overlapping_ones():
    assert quote_find_in("aaaa", "aa") == [0, 1, 2]
    assert quote_find_in("the cat and the hat", "the") == [0, 12]
    assert quote_find_in("text", "") == []
    assert quote_find_in("text", "absent") == []


# -- exact ---------------------------------------------------------------------------------


def test_unchanged_quote_is_found_exactly_where_it_was():
    texts = [TRADE, BUDGET]
    start = BUDGET.index("balanced by 2026")
    anchor = quote_locate(quote_at(BUDGET, start, start + 16), texts)
    assert anchor == Anchor(1, start, start + 16, "exact")


def test_reordered_paragraphs_keep_the_quote_on_its_words():
    quote = quote_of(TRADE, "chip makers")
    anchor = quote_locate(quote, [ALLIES, BUDGET, TRADE], hint_index=0)
    assert anchor == Anchor(2, TRADE.index("chip makers"), TRADE.index("chip makers") + 11, "exact")


def test_merged_paragraphs_hold_the_quote_inside_the_new_paragraph():
    quote = quote_of(ALLIES, "shuttle diplomacy")
    merged = TRADE + " " + ALLIES
    anchor = quote_locate(quote, [BUDGET, merged], hint_index=2)
    assert anchor is not None and anchor.method == "exact"
    assert anchor.paragraph_index == 1
    assert anchor.start == merged.index("shuttle diplomacy")


def test_repeated_words_are_told_apart_by_their_context():
    text = "The court ruled for the state. Later the court ruled against the state, again."
    second = text.index("the court ruled", 5)
    quote = quote_at(text, second, second + len("the court ruled"))
    edited = "Yesterday. " + text  # offsets moved; only the context tells the copies apart
    anchor = quote_locate(quote, [edited])
    assert anchor == Anchor(0, second + 11, second + 11 + len("the court ruled"), "exact")


def test_repeats_with_the_same_context_go_to_the_one_nearest_the_hint():
    text = "Vote now. Vote now. Vote now."
    texts = [text, text]
    quote = Quote("Vote now.")  # no context at all, as for a whole paragraph
    assert quote_locate(quote, texts) == Anchor(0, 0, 9, "exact")
    assert quote_locate(quote, texts, hint_index=1) == Anchor(1, 0, 9, "exact")
    assert quote_locate(quote, texts, hint_index=1, hint_start=12) == Anchor(1, 10, 19, "exact")


def test_a_whole_paragraph_quote_finds_the_paragraph_again():
    anchor = quote_locate(Quote(ALLIES), [TRADE, ALLIES])
    assert anchor == Anchor(1, 0, len(ALLIES), "exact")


def test_whitespace_changes_do_not_lose_the_quote_and_offsets_map_back():
    quote = quote_of(BUDGET, "would be balanced by 2026")
    rewrapped = BUDGET.replace("would be ", "would  be\n").replace(" by ", "\t by ")
    anchor = quote_locate(quote, [rewrapped])
    assert anchor is not None and anchor.method == "exact"
    assert placed(anchor, [rewrapped]) == "would  be\nbalanced\t by 2026"


def test_a_quote_with_whitespace_of_its_own_is_found_in_single_spaced_text():
    quote = Quote("minister  said\non", "The finance ", " Monday")
    anchor = quote_locate(quote, [BUDGET])
    assert placed(anchor, [BUDGET]) == "minister said on"


# -- context -------------------------------------------------------------------------------


def test_a_corrected_word_inside_the_quote_is_found_by_its_context():
    quote = quote_of(BUDGET, "the budget would be balanced by 2026")
    corrected = BUDGET.replace("by 2026", "by 2027")
    anchor = quote_locate(quote, [TRADE, corrected])
    assert anchor is not None and anchor.method == "context"
    assert placed(anchor, [TRADE, corrected]) == "the budget would be balanced by 2027"


def test_a_corrected_word_wins_over_the_old_spelling_in_an_unrelated_sentence():
    paragraph = "Opposition leader Kim Jong-seok walked out of the hearing before the vote."
    quote = quote_of(paragraph, "Jong-seok")
    corrected = paragraph.replace("Jong-seok", "Jong-suk")
    elsewhere = "A namesake, the actor Jong-seok, was not involved."
    anchor = quote_locate(quote, [elsewhere, corrected], hint_index=1)
    assert anchor is not None and anchor.method == "context"
    assert placed(anchor, [elsewhere, corrected]) == "Jong-suk"


def test_context_does_not_anchor_a_quote_whose_words_were_deleted():
    quote = quote_of(BUDGET, "and broken, ")
    removed = BUDGET.replace("and broken, ", "")
    assert quote_locate(quote, [removed]) is None


def test_context_ignores_a_gap_much_longer_than_the_quote():
    quote = quote_of(BUDGET, "2026")
    padded = BUDGET.replace("2026", "the end of the decade, or so the ministry now hopes")
    assert quote_locate(quote, [padded]) is None


# -- fuzzy ---------------------------------------------------------------------------------


def test_a_lightly_edited_quote_is_found_fuzzily_on_whole_words():
    quote = quote_of(BUDGET, "the budget would be balanced by 2026")
    edited = "Officials insisted that the budget should be balanced by 2026 at the latest."
    anchor = quote_locate(quote, [TRADE, edited])
    assert anchor is not None and anchor.method == "fuzzy"
    assert placed(anchor, [TRADE, edited]) == "the budget should be balanced by 2026"


def test_a_rewritten_quote_is_not_placed():
    quote = quote_of(BUDGET, "the budget would be balanced by 2026")
    rewritten = "Officials conceded that deficits will persist for years to come."
    assert quote_locate(quote, [rewritten]) is None


def test_short_quotes_are_never_placed_fuzzily():
    quote = Quote("by 2026")
    assert quote_locate(quote, ["It will be balanced by 2025 at the latest."]) is None


def test_a_short_paragraph_inside_a_long_quote_is_not_a_match():
    quote = quote_of(BUDGET, "said on Monday that the budget would be balanced")
    assert quote_locate(quote, ["the budget", "Monday"]) is None


def test_a_quote_split_across_two_paragraphs_goes_to_its_larger_part():
    quote = quote_of(BUDGET, "that the budget would be balanced by 2026")
    first, second = BUDGET[: BUDGET.index(" would")], BUDGET[BUDGET.index("would") :]
    anchor = quote_locate(quote, [first, second])
    assert anchor is not None and anchor.method == "fuzzy"
    assert anchor.paragraph_index == 1
    assert placed(anchor, [first, second]) == "would be balanced by 2026"


def test_a_quote_deleted_from_the_text_is_orphaned():
    quote = quote_of(BUDGET, "a promise he has made, and broken, twice before")
    assert quote_locate(quote, [TRADE, ALLIES]) is None
    assert quote_locate(quote, []) is None


# -- Unicode ---------------------------------------------------------------------------------


def test_offsets_count_code_points_through_accents_curly_quotes_and_emoji():
    text = f"Le ministre a dit « c{APOSTROPHE}est réglé » 🙂🇰🇷 puis a quitté la salle."
    words = "puis a quitté"
    quote = quote_of(text, words)
    edited = "🎉 " + text
    anchor = quote_locate(quote, [edited])
    assert anchor == Anchor(0, edited.index(words), edited.index(words) + len(words), "exact")
    assert anchor.start == text.index(words) + 2  # one code point for 🎉, one for the space


def test_fuzzy_offsets_stay_on_the_words_after_emoji():
    report = f"The committee{APOSTROPHE}s “final” report"
    text = f"🙂🙂🙂 {report} was delayed again on Friday."
    quote = quote_of(text, f"{report} was delayed")
    edited = text.replace("was delayed", "was postponed")
    anchor = quote_locate(quote, [edited])
    assert placed(anchor, [edited]) == f"{report} was postponed"


# -- properties ------------------------------------------------------------------------------

# A tiny alphabet makes repeated spans, and so ambiguous quotes, common.
paragraphs = st.lists(
    st.text(alphabet=st.sampled_from("ab é🙂\n"), min_size=1, max_size=60), min_size=1, max_size=5
)


@st.composite
def texts_and_span(draw):
    texts = draw(paragraphs)
    index = draw(st.integers(0, len(texts) - 1))
    start = draw(st.integers(0, len(texts[index]) - 1))
    end = draw(st.integers(start + 1, len(texts[index])))
    return texts, index, start, end


@FAST
@given(texts_and_span())
def test_unchanged_text_with_hints_gives_back_the_original_span(case):
    texts, index, start, end = case
    quote = quote_at(texts[index], start, end)
    anchor = quote_locate(quote, texts, hint_index=index, hint_start=start)
    assert anchor == Anchor(index, start, end, "exact")


@FAST
@given(texts_and_span())
def test_unchanged_text_without_hints_gives_a_span_with_the_same_words_and_context(case):
    """Without hints, a copy with the same words and context is as good as the original."""
    texts, index, start, end = case
    quote = quote_at(texts[index], start, end)
    anchor = quote_locate(quote, texts)
    assert anchor is not None and anchor.method == "exact"
    text = texts[anchor.paragraph_index]
    assert text[anchor.start : anchor.end] == quote.exact
    assert text[: anchor.start].endswith(quote.prefix)
    assert text[anchor.end :].startswith(quote.suffix)


words = st.lists(st.sampled_from(["budget", "vote", "Seoul", "rally", "été", "🙂"]), min_size=3)


@FAST
@given(words, st.data())
def test_rewrapped_whitespace_still_finds_the_same_words(vocabulary, data):
    text = " ".join(vocabulary)
    first = data.draw(st.integers(0, len(vocabulary) - 2))
    last = data.draw(st.integers(first + 1, len(vocabulary) - 1))
    start = len(" ".join(vocabulary[:first])) + (1 if first else 0)
    end = len(" ".join(vocabulary[: last + 1]))
    quote = quote_at(text, start, end)
    gaps = data.draw(
        st.lists(
            st.sampled_from([" ", "  ", "\n", " \t "]),
            min_size=len(vocabulary) - 1,
            max_size=len(vocabulary) - 1,
        )
    )
    rewrapped = vocabulary[0] + "".join(
        gap + word for gap, word in zip(gaps, vocabulary[1:], strict=True)
    )
    anchor = quote_locate(quote, [rewrapped], hint_index=0)
    found = placed(anchor, [rewrapped])
    assert found.split() == quote.exact.split()
    assert found == found.strip()


vocabulary_text = st.lists(
    st.sampled_from(["the", "budget", "would", "be", "balanced", "by", "2026,", "“final”", "🙂"]),
    min_size=1,
    max_size=30,
).map(" ".join)


@FAST
@given(st.lists(vocabulary_text, min_size=1, max_size=4), st.data())
def test_after_any_correction_an_anchor_is_a_non_empty_span_of_its_paragraph(texts, data):
    """Splits, merges and rewrites never yield an empty or out-of-range span."""
    index = data.draw(st.integers(0, len(texts) - 1))
    start = data.draw(st.integers(0, len(texts[index]) - 1))
    end = data.draw(st.integers(start + 1, len(texts[index])))
    quote = quote_at(texts[index], start, end)
    corrected = list(texts)
    for _ in range(data.draw(st.integers(0, 3))):
        i = data.draw(st.integers(0, len(corrected) - 1))
        text = corrected[i]
        cut = data.draw(st.integers(0, len(text)))
        change = data.draw(st.sampled_from(["rewrite", "split", "merge"]))
        if change == "rewrite":
            corrected[i] = text[:cut] + data.draw(vocabulary_text) + text[cut + 5 :]
        elif change == "split" and 0 < cut < len(text):
            corrected[i : i + 1] = [text[:cut], text[cut:]]
        elif change == "merge" and i + 1 < len(corrected):
            corrected[i : i + 2] = [corrected[i] + " " + corrected[i + 1]]
    anchor = quote_locate(quote, corrected, hint_index=index, hint_start=start)
    if anchor is not None:
        assert 0 <= anchor.start < anchor.end <= len(corrected[anchor.paragraph_index])
        assert anchor.method in {"exact", "context", "fuzzy"}


# -- the fuzzy threshold's edge --------------------------------------------------------------

RATE = "Today the central bank raised its key rate by half a point."
RATE_QUOTE = "the central bank raised its key rate by half a point"
JUST_ABOVE = "Today the central bank lifted its main rate by half a point."  # scores 86.5
JUST_BELOW = "Today the central bank lifted its policy rate by half a point."  # scores 84.6


def test_fuzzy_threshold_places_a_quote_just_above_it_and_not_one_just_below():
    """Pins FUZZY_THRESHOLD: moving it by two points either way fails one of the two."""
    quote = quote_of(RATE, RATE_QUOTE)  # context too short to place it by context
    above = fuzz.partial_ratio(RATE_QUOTE, JUST_ABOVE)
    below = fuzz.partial_ratio(RATE_QUOTE, JUST_BELOW)
    assert FUZZY_THRESHOLD <= above < FUZZY_THRESHOLD + 2
    assert FUZZY_THRESHOLD - 2 < below < FUZZY_THRESHOLD
    anchor = quote_locate(quote, [JUST_ABOVE])
    assert anchor is not None and anchor.method == "fuzzy"
    assert placed(anchor, [JUST_ABOVE]) == "the central bank lifted its main rate by half a point"
    assert quote_locate(quote, [JUST_BELOW]) is None


def test_context_kept_only_for_the_exact_words_with_their_old_surroundings():
    quote = quote_of(BUDGET, "balanced by 2026")
    start = BUDGET.index("balanced by 2026")
    assert context_kept(BUDGET, start, start + 16, quote)
    assert context_kept("Yesterday. " + BUDGET, start + 11, start + 27, quote)
    rewrapped = BUDGET.replace("would be ", "would\n be ")
    at = rewrapped.index("balanced")
    assert context_kept(rewrapped, at, at + 16, quote)
    neighbour = BUDGET.replace("a promise", "an old promise")
    assert not context_kept(neighbour, start, start + 16, quote)
