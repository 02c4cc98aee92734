"""The shipped gazetteer: what it holds, that its terms are consistent, and loading it."""

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pycountry
import pytest

from articles.gazetteer.loading import gazetteer_load
from articles.gazetteer.reading import (
    clue_exceptions,
    clue_groups,
    gazetteer_read,
    name_variants,
    plural,
)
from articles.matching import normalise
from articles.models import AgendaItem, Country, Leader, LeaderTerm

GAZETTEER = gazetteer_read()
LEADERS = {leader.name: leader for leader in GAZETTEER.leaders}
COUNTRIES = {country.key: country for country in GAZETTEER.countries}
AGENDA = {item.name: item for item in GAZETTEER.agenda}
LAST_DAY = date(2026, 1, 12)  # the sample editorial's date: the data is current to it


def holders(country: str, offices: set[str], day: date) -> set[str]:
    return {
        leader.name
        for leader in GAZETTEER.leaders
        for term in leader.terms
        if term.country == country
        and term.office in offices
        and term.start <= day
        and (term.end is None or day < term.end)
    }


def days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("country", "offices"),
    [
        ("KR", {"President", "Acting President"}),
        ("KP", {"Supreme Leader", "Chairman of the National Defence Commission"}),
        ("KP", {"Premier"}),
        ("JP", {"Prime Minister"}),
        ("CN", {"President"}),
        ("CN", {"Premier"}),
        ("CN", {"General Secretary"}),
        ("US", {"President"}),
        ("RU", {"President", "Acting President"}),
        ("TW", {"President"}),
        ("TW", {"Premier", "Acting Premier"}),
    ],
)
def test_every_day_since_2000_has_a_head_of_state_or_government(country, offices):
    missing = [d for d in days(date(2000, 1, 1), LAST_DAY) if not holders(country, offices, d)]
    assert missing == []


@pytest.mark.parametrize(
    ("country", "office"),
    [
        ("KR", "Foreign Minister"),
        ("KP", "Foreign Minister"),
        ("JP", "Foreign Minister"),
        ("CN", "Foreign Minister"),
        ("US", "Secretary of State"),
        ("RU", "Foreign Minister"),
        ("TW", "Foreign Minister"),
    ],
)
def test_each_new_year_since_2001_has_one_foreign_minister(country, office):
    """Acting ministers are left out, so a few days between two ministers may have none."""
    for year in range(2001, 2027):
        assert len(holders(country, {office}, date(year, 1, 1))) == 1, year


def test_no_two_people_hold_one_office_of_one_country_on_the_same_day():
    spells = defaultdict(list)
    for leader in GAZETTEER.leaders:
        for term in leader.terms:
            spells[term.country, term.office].append((term.start, term.end or LAST_DAY, leader))
    for (country, office), terms in spells.items():
        terms.sort(key=lambda spell: spell[0])
        for (_, end, one), (start, _, other) in pairwise(terms):
            if one is not other:
                assert end <= start, (country, office, one.name, other.name)


def test_every_term_ends_after_it_starts_and_names_a_known_country():
    for leader in GAZETTEER.leaders:
        assert leader.country == "" or leader.country in COUNTRIES, leader.name
        for term in leader.terms:
            assert term.end is None or term.start < term.end, leader.name
            assert term.country == "" or term.country in COUNTRIES, leader.name


@pytest.mark.parametrize(
    ("day", "president", "acting", "acting_prime_minister"),
    [
        # Checked against each holder's encyclopaedia article and the news of the day. A
        # suspended president keeps the office; the acting one holds an office of his own.
        (date(2024, 12, 20), "Yoon Suk Yeol", "Han Duck-soo", None),
        (date(2025, 1, 15), "Yoon Suk Yeol", "Choi Sang-mok", "Choi Sang-mok"),
        (date(2025, 4, 10), None, "Han Duck-soo", None),
        (date(2025, 5, 1), None, "Han Duck-soo", None),  # Choi resigned before he could act
        (date(2025, 5, 2), None, "Lee Ju-ho", "Lee Ju-ho"),
        (date(2025, 6, 4), "Lee Jae-myung", None, "Lee Ju-ho"),
        (date(2025, 7, 3), "Lee Jae-myung", None, None),
    ],
)
def test_south_koreas_acting_heads_of_2024_and_2025_follow_one_another(
    day, president, acting, acting_prime_minister
):
    def one(offices):
        [holder] = holders("KR", offices, day) or [None]
        return holder

    assert one({"President"}) == president
    assert one({"Acting President"}) == acting
    assert one({"Acting Prime Minister"}) == acting_prime_minister


def test_acting_holders_have_their_own_title_forms():
    offices = GAZETTEER.offices
    assert {"Acting President", "acting President"} <= set(offices["Acting President"])
    assert "acting Prime Minister" in offices["Acting Prime Minister"]
    assert "Acting President" not in offices["President"]


def test_no_leader_has_two_terms_of_one_office_that_overlap():
    for leader in GAZETTEER.leaders:
        spells = sorted((t.office, t.start, t.end or LAST_DAY) for t in leader.terms)
        for (office, _, end), (other, start, _) in pairwise(spells):
            assert office != other or end <= start, leader.name


def test_the_current_leaders_of_the_sample_and_the_g20_are_in_office():
    for name in [
        "Lee Jae-myung",
        "Sanae Takaichi",
        "Xi Jinping",
        "Donald Trump",
        "Vladimir Putin",
        "Lai Ching-te",
        "Kim Jong-un",
        "Javier Milei",
        "Anthony Albanese",
        "Luiz Inácio Lula da Silva",
        "Mark Carney",
        "Emmanuel Macron",
        "Friedrich Merz",
        "Narendra Modi",
        "Prabowo Subianto",
        "Giorgia Meloni",
        "Claudia Sheinbaum",
        "Mohammed bin Salman",
        "Cyril Ramaphosa",
        "Recep Tayyip Erdoğan",
        "Andy Burnham",
        "Ursula von der Leyen",
        "Nicolás Maduro",
    ]:
        assert any(term.end is None for term in LEADERS[name].terms), name


def test_every_iso_country_and_territory_is_there_under_its_everyday_name():
    assert set(COUNTRIES) == {country.alpha_2 for country in pycountry.countries}
    assert COUNTRIES["KR"].name == "South Korea"
    assert COUNTRIES["KP"].name == "North Korea"
    assert COUNTRIES["TW"].name == "Taiwan"
    assert COUNTRIES["US"].name == "United States"
    assert not any("," in country.name for country in GAZETTEER.countries)


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("U.S.", "US"),
        ("USA", "US"),
        ("United States of America", "US"),
        ("American", "US"),
        ("Americans", "US"),
        ("Korea", "KR"),
        ("ROK", "KR"),
        ("Republic of Korea", "KR"),
        ("Korean", "KR"),
        ("DPRK", "KP"),
        ("North Korean", "KP"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("Venezuelan", "VE"),
        ("Japanese", "JP"),
        ("Chinese", "CN"),
        ("Türkiye", "TR"),
    ],
)
def test_common_aliases_and_demonyms_belong_to_their_country(alias, code):
    assert alias in COUNTRIES[code].aliases


def test_no_alias_names_two_countries_except_the_ones_meant_for_both_koreas():
    owners = defaultdict(set)
    for country in GAZETTEER.countries:
        for name in [country.name, *country.aliases]:
            owners[normalise(name).strip()].add(country.key)
    shared = {name for name, codes in owners.items() if len(codes) > 1}
    assert shared == {"inter korean", "koreas"}


def test_no_alias_names_two_leaders():
    owners = defaultdict(set)
    for leader in GAZETTEER.leaders:
        for name in [leader.name, *leader.aliases]:
            owners[normalise(name).strip()].add(leader.key)
    assert {name: keys for name, keys in owners.items() if len(keys) > 1} == {}


def test_korean_names_get_both_orders_and_the_joined_given_name():
    assert {"Lee Jaemyung", "Jae-myung Lee"} <= set(LEADERS["Lee Jae-myung"].aliases)
    assert "Takaichi Sanae" in LEADERS["Sanae Takaichi"].aliases
    assert name_variants("Moon", "Jae-in", both_orders=False) == ["Moon Jae-in", "Moon Jaein"]


def test_demonym_plurals_skip_words_that_have_none():
    assert plural("Korean") == "Koreans"
    assert [plural(word) for word in ("Chinese", "British", "French", "Swiss")] == [None] * 4


def test_the_sample_agenda_items_have_the_names_and_rules_they_need():
    assert "Comprehensive and Progressive Agreement for Trans-Pacific Partnership" in (
        AGENDA["CPTPP"].aliases
    )
    assert "Takeshima" in AGENDA["Dokdo"].aliases
    [rule] = AGENDA["Fukushima seafood import ban"].clues
    assert clue_groups(rule)[0] == ("Fukushima",)


def test_clue_lines_split_into_groups_of_alternatives():
    assert clue_groups("Fukushima + seafood | fish + ban") == (
        ("Fukushima",),
        ("seafood", "fish"),
        ("ban",),
    )


def test_phrases_after_an_exclamation_mark_are_the_rules_exceptions():
    line = "US + tariffs ! retaliatory tariffs | US goods"

    assert clue_groups(line) == (("US",), ("tariffs",))
    assert clue_exceptions(line) == ("retaliatory tariffs", "US goods")
    assert clue_exceptions("US + tariffs") == ()


@pytest.mark.django_db
def test_loading_replaces_a_clue_line_an_earlier_release_shipped():
    gazetteer_load()
    tariffs = AgendaItem.objects.get(key="us-tariffs")
    (old,) = AGENDA["US tariffs"].superseded_clues
    tariffs.clues = [old, "Trump + duties"]  # as shipped before, and a line an editor added
    tariffs.save()

    gazetteer_load()

    tariffs.refresh_from_db()
    assert tariffs.clues == ["Trump + duties", *AGENDA["US tariffs"].clues]


@pytest.mark.django_db
def test_loading_drops_an_alias_an_earlier_release_shipped_and_keeps_editors_aliases():
    gazetteer_load()
    sharing = AgendaItem.objects.get(key="defense-cost-sharing")
    (old,) = AGENDA["Defense cost-sharing"].superseded_aliases
    sharing.aliases = [*sharing.aliases, old, "SMA talks"]
    sharing.save()

    gazetteer_load()

    sharing.refresh_from_db()
    assert old not in sharing.aliases
    assert "SMA talks" in sharing.aliases


@pytest.mark.django_db
def test_loading_writes_every_entity_and_term_once():
    first = gazetteer_load()
    second = gazetteer_load()

    assert Leader.objects.count() == len(GAZETTEER.leaders)
    assert Country.objects.count() == len(GAZETTEER.countries)
    assert AgendaItem.objects.count() == len(GAZETTEER.agenda)
    assert LeaderTerm.objects.count() == sum(len(leader.terms) for leader in GAZETTEER.leaders)
    assert first.created["country"] == len(GAZETTEER.countries)
    assert sum(second.created.values()) == sum(second.updated.values()) == second.terms == 0
    lee = Leader.objects.get(name="Lee Jae-myung")
    assert (lee.family_name, lee.country.code, lee.key) == ("Lee", "KR", "lee-jae-myung")


@pytest.mark.django_db
def test_loading_gives_events_their_first_day_and_an_archive_loaded_before_gets_it_too():
    gazetteer_load()
    camp_david = AgendaItem.objects.get(key="camp-david-summit")
    assert camp_david.since == date(2023, 8, 18)
    AgendaItem.objects.filter(pk=camp_david.pk).update(since=None)  # loaded before `since`

    gazetteer_load()

    camp_david.refresh_from_db()
    assert camp_david.since == date(2023, 8, 18)


@pytest.mark.django_db
def test_loading_adopts_an_entity_an_editor_made_and_keeps_its_edits():
    made = Country.objects.create(name="Japan", description="Our neighbour.", aliases=["Nippon"])

    gazetteer_load()

    made.refresh_from_db()
    assert (made.key, made.code, made.description) == ("JP", "JP", "Our neighbour.")
    assert made.aliases[0] == "Nippon"
    assert "Japanese" in made.aliases
    assert Country.objects.filter(name="Japan").count() == 1


@pytest.mark.django_db
def test_loading_again_keeps_renames_and_does_not_bring_back_merged_entities():
    gazetteer_load()
    Leader.objects.filter(key="lee-jae-myung").update(name="President Lee Jae-myung")
    Leader.objects.filter(key="sanae-takaichi").update(merged_keys=["shinzo-abe"])
    Leader.objects.filter(key="shinzo-abe").delete()

    report = gazetteer_load()

    assert report.created["leader"] == 0
    assert Leader.objects.get(key="lee-jae-myung").name == "President Lee Jae-myung"
    assert not Leader.objects.filter(name="Shinzo Abe").exists()


@pytest.mark.django_db
def test_loading_again_corrects_the_terms_an_earlier_release_got_wrong():
    gazetteer_load()
    # The archive as the earlier release left it, and one term an editor changed.
    cho, han, choi, powell = (
        Leader.objects.get(key=key)
        for key in ("cho-hyun", "han-duck-soo", "choi-sang-mok", "colin-powell")
    )
    cho.terms.update(start=date(2025, 7, 19))
    han.terms.filter(office="Prime Minister", start=date(2022, 5, 21)).update(end=date(2025, 5, 1))
    LeaderTerm.objects.create(
        leader=choi, office="Acting President", start=date(2025, 5, 1), end=date(2025, 5, 2)
    )
    powell.terms.update(start=date(2001, 1, 22))

    report = gazetteer_load()

    assert report.corrected == 3
    assert list(cho.terms.values_list("start", "end")) == [(date(2025, 7, 21), None)]
    assert han.terms.get(office="Prime Minister", start=date(2022, 5, 21)).end == date(2025, 5, 2)
    assert not choi.terms.filter(start=date(2025, 5, 1)).exists()
    assert powell.terms.filter(start=date(2001, 1, 22)).exists()  # the editor's, kept
    assert gazetteer_load().corrected == 0


def test_a_superseded_term_is_not_also_a_current_one():
    for leader in GAZETTEER.leaders:
        current = {(t.office, t.start, t.end) for t in leader.terms}
        for term in leader.superseded:
            assert (term.office, term.start, term.end) not in current, leader.name


@pytest.mark.django_db
def test_loading_again_adds_the_clue_lines_an_item_lacks():
    gazetteer_load()
    item = AgendaItem.objects.get(key="north-korean-missile-program")
    item.clues = ["North Korea + ballistic missile"]  # an earlier release's narrower rule
    item.save()

    gazetteer_load()

    item.refresh_from_db()
    assert item.clues == ["North Korea + ballistic missile", *AGENDA[item.name].clues]
