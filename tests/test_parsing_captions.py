"""The photo caption: one line ending with a credit, split into text and credit."""

import pytest

from articles.parsing import Caption, parse_editorial
from tests.editorial_text import PARAGRAPHS, editorial_text

SHOWS = "Leaders meet in Tokyo. The photo shows the two leaders last November."


@pytest.mark.parametrize(
    ("written", "credit"),
    [
        (" / Photo by Newsis News Agency", "Photo by Newsis News Agency"),
        (" /Photo by Newsis", "Photo by Newsis"),
        ("/Photo by Newsis", "Photo by Newsis"),
        (" Photo: Yonhap News", "Photo: Yonhap News"),
        (" [Photo/Xinhua]", "Photo/Xinhua"),
        (" /Courtesy of News1", "Courtesy of News1"),
        (" (©Prime Minister's Office)", "©Prime Minister's Office"),
        (" (© Yonhap)", "© Yonhap"),
        (" / Photo by  Newsis   News Agency ", "Photo by Newsis News Agency"),
        (" / Photo by Newsis.", "Photo by Newsis"),
        (" [Yonhap]", "Yonhap"),
        (" / Yonhap News", "Yonhap News"),
        (" (AP Photo)", "AP Photo"),
        (" Photo=Yonhap", "Photo=Yonhap"),
    ],
)
def test_caption_credit_is_split_and_unwrapped_in_every_written_form(written, credit):
    parsed = parse_editorial(editorial_text(caption=SHOWS + written))
    assert parsed.caption == Caption(text=SHOWS, credit=credit)
    assert parsed.paragraphs == PARAGRAPHS


def test_caption_text_drops_a_trailing_slash_before_the_credit():
    parsed = parse_editorial(editorial_text(caption="Leaders meet in Tokyo /  / Photo by Newsis"))
    assert parsed.caption == Caption(text="Leaders meet in Tokyo", credit="Photo by Newsis")


def test_credit_alone_on_the_caption_line_gives_an_empty_caption_text():
    parsed = parse_editorial(editorial_text(caption="[Photo/Xinhua]"))
    assert parsed.caption == Caption(text="", credit="Photo/Xinhua")


def test_caption_line_is_not_a_paragraph_even_when_it_repeats_the_first_sentence():
    parsed = parse_editorial(editorial_text())
    assert parsed.caption is not None
    assert parsed.caption.text.startswith(PARAGRAPHS[0].split(". ")[0])
    assert parsed.paragraphs == PARAGRAPHS


def test_line_without_a_credit_is_the_first_paragraph_not_a_caption():
    parsed = parse_editorial(editorial_text(caption=None))
    assert parsed.caption is None
    assert parsed.paragraphs == PARAGRAPHS


def test_first_paragraph_ending_with_a_sentence_is_not_a_caption():
    first = "The photo shows what diplomacy can achieve when both sides are willing."
    parsed = parse_editorial(editorial_text(caption=None, paragraphs=(first, *PARAGRAPHS)))
    assert parsed.caption is None
    assert parsed.paragraphs[0] == first


def test_credit_form_later_in_the_body_stays_a_paragraph():
    later = "A second picture of the talks. / Photo by Yonhap News Agency"
    parsed = parse_editorial(editorial_text(paragraphs=(*PARAGRAPHS, later)))
    assert parsed.caption.credit == "Photo by Newsis News Agency"
    assert parsed.paragraphs[-1] == later


def test_caption_keeps_html_entities_decoded():
    parsed = parse_editorial(editorial_text(caption="Chips &amp; batteries. / Photo by Newsis"))
    assert parsed.caption == Caption(text="Chips & batteries.", credit="Photo by Newsis")
