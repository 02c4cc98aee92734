"""Editorials written and laid out like real ones get exactly the tags a careful reader gives.

The files in tests/editorials are new editorials on East Asian topics of 2005-2026 (summits,
North Korean missiles and troops in Ukraine, US tariffs and chip controls, rare earths, the
G20 and APEC, the impeachments and acting presidents, Taiwan, the economy and domestic
politics), each in one of the layouts of FORMAT.md, each with a `.expected.toml` of the tags
a careful reader gives and notes on its traps. Thirty-eight of them were written by someone
who had not seen the tagger, as a check on it.

A careful reader tags every leader, country and agenda item the paragraphs name or plainly
describe, and nothing else: a capital standing for its government tags the country ("Seoul
and Tokyo agreed"); "Korea" alone is South Korea; the "Korean Peninsula", "Chinatown",
"Georgia" (the US state), "Michael Jordan", a "guinea pig" and "US$" tag nothing; names in
a photo caption only are not tagged (captions are not a tagged part of the page).
"""

import tomllib
from datetime import date
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import pytest
from django.core.management import call_command

from articles.gazetteer.loading import gazetteer_load
from articles.models import Article, Leader, Mention
from articles.tagging import matcher_current

pytestmark = pytest.mark.django_db

EDITORIALS = Path(__file__).resolve().parent / "editorials"


class Tags(NamedTuple):
    leaders: set[str]
    countries: set[str]
    agenda: set[str]


def expected_tags(path: Path) -> Tags:
    """What a careful reader tags in one editorial: its `.expected.toml` (with `notes` on
    the traps it holds)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Tags(set(data["leaders"]), set(data["countries"]), set(data["agenda"]))


EXPECTED = {
    path.name.removesuffix(".expected.toml") + ".txt": expected_tags(path)
    for path in sorted(EDITORIALS.glob("*.expected.toml"))
}


@pytest.fixture
def editorials(db) -> dict[str, Article]:
    """Every file in tests/editorials imported into a fresh archive, by file name."""
    gazetteer_load()
    out = StringIO()
    call_command("import_editorials", str(EDITORIALS), stdout=out)
    summary = f"imported {len(EXPECTED)}, updated 0, unchanged 0, failed 0"
    assert out.getvalue().strip().endswith(summary)
    return {Path(a.source_name).name: a for a in Article.objects.all()}


def names(article: Article, manager: str) -> set[str]:
    return {tag.name for tag in getattr(article, manager).all()}


def mentions(article: Article, kind: str | None = None) -> list[tuple[str, str]]:
    """(text, entity name) of the article's mentions, in text order."""
    rows = Mention.objects.in_articles([article]).in_text_order()
    if kind:
        rows = rows.filter(kind=kind)
    rows = rows.select_related("paragraph", "leader", "country", "agenda_item")
    return [(m.text, m.entity.name) for m in rows]


def test_the_folder_holds_one_file_per_expected_editorial(editorials):
    assert sorted(p.name for p in EDITORIALS.glob("*.txt")) == sorted(EXPECTED)
    assert sorted(editorials) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_leaders_are_exactly_those_a_careful_reader_tags(editorials, name):
    assert names(editorials[name], "leaders") == EXPECTED[name].leaders


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_countries_are_exactly_those_a_careful_reader_tags(editorials, name):
    assert names(editorials[name], "countries") == EXPECTED[name].countries


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_agenda_items_are_exactly_those_a_careful_reader_tags(editorials, name):
    assert names(editorials[name], "agenda") == EXPECTED[name].agenda


def test_capitals_standing_for_governments_tag_their_countries(editorials):
    """ "Seoul and Tokyo agreed to restore shuttle diplomacy" names two governments."""
    found = mentions(editorials["fnnews-2025-08-24-lee-ishiba-summit.txt"], "country")
    assert ("Seoul", "South Korea") in found
    assert ("Tokyo", "Japan") in found
    missiles = mentions(editorials["fnnews-2025-10-23-north-korea-missiles.txt"], "country")
    assert {("Pyongyang", "North Korea"), ("Washington", "United States")} <= set(missiles)
    assert ("Moscow", "Russia") in missiles


def test_titles_and_honorifics_resolve_by_the_date_and_the_article(editorials):
    summit = mentions(editorials["fnnews-2025-08-24-lee-ishiba-summit.txt"], "leader")
    assert ("President Lee", "Lee Jae-myung") in summit
    assert ("Prime Minister Ishiba", "Shigeru Ishiba") in summit
    assert ("Mr. Lee", "Lee Jae-myung") in summit  # the one Lee the article names
    assert ("Mr. Trump", "Donald Trump") in summit
    missiles = mentions(editorials["fnnews-2025-10-23-north-korea-missiles.txt"], "leader")
    assert ("General Secretary Kim", "Kim Jong-un") in missiles


def test_the_acting_president_is_found_by_his_acting_title(editorials):
    acting = mentions(editorials["fnnews-2025-01-20-acting-president-trump.txt"], "leader")
    assert ("Choi Sang-mok", "Choi Sang-mok") in acting
    assert ("Acting President Choi", "Choi Sang-mok") in acting


def test_possessives_with_curly_apostrophes_keep_the_name(editorials):
    summit = mentions(editorials["fnnews-2025-08-24-lee-ishiba-summit.txt"], "leader")
    assert (
        "Yoon Suk Yeol",
        "Yoon Suk Yeol",
    ) in summit  # curly: former President Yoon Suk Yeol\u2019s
    tariffs = mentions(editorials["fnnews-2025-11-15-tariff-fact-sheet.txt"], "leader")
    assert ("President Lee", "Lee Jae-myung") in tariffs  # curly: President Lee\u2019s request


def test_a_bare_surname_tags_nobody(editorials):
    """ "Lee\u2019s pragmatism", "the Ishiba government", "the Xi\u2013Trump meeting" name no
    one by themselves: only full names, titles and honorifics with a surname do."""
    for article in editorials.values():
        for text, _ in mentions(article, "leader"):
            assert text not in {"Lee", "Ishiba", "Xi", "Trump", "Kim", "Yoon"}


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("fnnews-2025-11-24-g20-johannesburg.txt", "Chinatown"),
        ("fnnews-2025-11-24-g20-johannesburg.txt", "guinea pig"),
        ("fnnews-2025-11-15-tariff-fact-sheet.txt", "Georgia"),
        ("fnnews-2025-11-15-tariff-fact-sheet.txt", "Indiana"),
        ("fnnews-2025-11-15-tariff-fact-sheet.txt", "US$350 billion"),
        ("fnnews-2025-10-23-north-korea-missiles.txt", "Kim Yo-jong"),
    ],
)
def test_words_that_only_look_like_names_tag_nothing(editorials, name, phrase):
    article = editorials[name]
    [paragraph] = [p for p in article.paragraphs.all() if phrase in p.text]
    start = paragraph.text.index(phrase)
    end = start + len(phrase)
    overlapping = Mention.objects.filter(paragraph=paragraph, start__lt=end, end__gt=start)
    assert [m.text for m in overlapping] == []


def test_the_two_koreas_tag_both_and_the_peninsula_neither(editorials):
    missiles = mentions(editorials["fnnews-2025-10-23-north-korea-missiles.txt"])
    assert ("Koreas", "South Korea") in missiles
    assert ("Koreas", "North Korea") in missiles
    assert ("denuclearization of the Korean Peninsula", "North Korean nuclear program") in missiles
    assert not any(text == "Korean Peninsula" for text, _ in missiles)


def test_other_names_of_an_agenda_item_tag_it(editorials):
    summit = mentions(editorials["fnnews-2025-08-24-lee-ishiba-summit.txt"], "agenda")
    assert ("wartime forced labour", "Wartime forced labor") in summit
    assert ("Takeshima", "Dokdo") in summit
    assert ("TPP", "Trans-Pacific Partnership") in summit
    assert (
        "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
        "CPTPP",
    ) in summit
    g20 = mentions(editorials["fnnews-2025-11-24-g20-johannesburg.txt"])
    assert ("Group of 20", "G20") in g20
    assert ("Türkiye", "Turkey") in g20


@pytest.mark.parametrize(
    ("text", "day", "leader"),
    [
        ("Acting President Han", date(2024, 12, 20), "Han Duck-soo"),
        ("acting President Choi", date(2025, 2, 1), "Choi Sang-mok"),
        ("Acting President Han", date(2025, 4, 10), "Han Duck-soo"),
        ("acting President Lee", date(2025, 5, 20), "Lee Ju-ho"),
        ("Prime Minister Han", date(2025, 2, 1), "Han Duck-soo"),  # suspended, still in office
        ("acting Prime Minister Choi", date(2025, 2, 1), "Choi Sang-mok"),
        ("acting Prime Minister Choi", date(2015, 5, 20), "Choi Kyoung-hwan"),
        ("acting Prime Minister Lee", date(2004, 6, 10), "Lee Hun-jai"),
        ("acting Prime Minister Han", date(2006, 4, 1), "Han Duck-soo"),
        ("former acting President Choi", date(2026, 1, 10), "Choi Sang-mok"),
        ("Acting Prime Minister Aoki", date(2000, 4, 4), "Mikio Aoki"),
        ("Acting President Hwang", date(2017, 1, 5), "Hwang Kyo-ahn"),
        ("Acting President Goh", date(2004, 4, 1), "Goh Kun"),
        ("Foreign Minister Cho", date(2025, 7, 20), "Cho Tae-yul"),
        ("Foreign Minister Cho", date(2025, 7, 21), "Cho Hyun"),
    ],
)
def test_an_acting_title_names_who_was_acting_on_that_day(db, text, day, leader):
    gazetteer_load()
    [mention] = matcher_current().find(f"They met {text} on Monday.", day)
    assert Leader.objects.get(pk=mention.target.id).name == leader


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("President Choi", date(2025, 2, 1)),  # Choi was never president, only acting
        ("President Han", date(2024, 12, 20)),
        ("acting Prime Minister Choi", date(2026, 1, 10)),  # two former acting ones
        ("President Lee", date(2025, 5, 20)),  # no President Lee then; two former ones
    ],
)
def test_an_acting_title_the_date_does_not_settle_tags_nobody(db, text, day):
    gazetteer_load()
    found = matcher_current().find(f"They met {text} on Monday.", day)
    assert [m for m in found if m.target.kind == "leader"] == []
