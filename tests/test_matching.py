"""The entity matcher (pure Python): whole words, longest match, titles resolved by date."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.matching import AGENDA, COUNTRY, LEADER, Matcher, Name, Rule, Target, Term, normalise

LEE_JAE_MYUNG, LEE_MYUNG_BAK, LEE_TENG_HUI, TAKAICHI, CHO_HYUN, CHO_TAE_YUL, TRUMP = range(1, 8)
KOREA, JAPAN, US, OMAN, TAIWAN, VENEZUELA, NORTH_KOREA, CHINA = range(1, 9)
CPTPP, FUKUSHIMA_BAN, RARE_EARTHS = range(1, 4)
DAY = date(2026, 1, 12)


def leader(number):
    return Target(LEADER, number)


def country(number):
    return Target(COUNTRY, number)


def agenda(number):
    return Target(AGENDA, number)


NAMES = [
    Name("Lee Jae-myung", (leader(LEE_JAE_MYUNG),)),
    Name("Lee Jaemyung", (leader(LEE_JAE_MYUNG),)),
    Name("Lee Myung-bak", (leader(LEE_MYUNG_BAK),)),
    Name("Lee Teng-hui", (leader(LEE_TENG_HUI),)),
    Name("Sanae Takaichi", (leader(TAKAICHI),)),
    Name("Takaichi Sanae", (leader(TAKAICHI),)),
    Name("Donald Trump", (leader(TRUMP),)),
    Name("South Korea", (country(KOREA),)),
    Name("Korea", (country(KOREA),)),
    Name("Korean", (country(KOREA),)),
    Name("Koreans", (country(KOREA),)),
    Name("North Korea", (country(NORTH_KOREA),)),
    Name("North Korean", (country(NORTH_KOREA),)),
    Name("inter-Korean", (country(KOREA), country(NORTH_KOREA))),
    Name("Japan", (country(JAPAN),)),
    Name("Japanese", (country(JAPAN),)),
    Name("United States", (country(US),)),
    Name("U.S.", (country(US),)),
    Name("US", (country(US),)),
    Name("Oman", (country(OMAN),)),
    Name("Taiwan", (country(TAIWAN),)),
    Name("Chinese", (country(CHINA),)),
    Name("Venezuelan", (country(VENEZUELA),)),
    Name("Korean Peninsula", ()),
    Name("CPTPP", (agenda(CPTPP),)),
    Name(
        "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
        (agenda(CPTPP),),
    ),
    Name("export controls on rare-earth elements", (agenda(RARE_EARTHS),)),
]
TERMS = [
    Term(LEE_JAE_MYUNG, "President", KOREA, date(2025, 6, 4)),
    Term(LEE_MYUNG_BAK, "President", KOREA, date(2008, 2, 25), date(2013, 2, 25)),
    Term(LEE_TENG_HUI, "President", TAIWAN, date(1988, 1, 13), date(2000, 5, 20)),
    Term(TAKAICHI, "Prime Minister", JAPAN, date(2025, 10, 21)),
    Term(CHO_TAE_YUL, "Foreign Minister", KOREA, date(2024, 1, 11), date(2025, 7, 19)),
    Term(CHO_HYUN, "Foreign Minister", KOREA, date(2025, 7, 19)),
    Term(TRUMP, "President", US, date(2017, 1, 20), date(2021, 1, 20)),
    Term(TRUMP, "President", US, date(2025, 1, 20)),
]
FAMILY_NAMES = {
    LEE_JAE_MYUNG: "Lee",
    LEE_MYUNG_BAK: "Lee",
    LEE_TENG_HUI: "Lee",
    TAKAICHI: "Takaichi",
    CHO_HYUN: "Cho",
    CHO_TAE_YUL: "Cho",
    TRUMP: "Trump",
}
TITLES = {
    "President": ["President"],
    "Prime Minister": ["Prime Minister", "PM"],
    "Foreign Minister": ["Foreign Minister"],
}
RULES = [
    Rule(
        agenda(FUKUSHIMA_BAN),
        (("Fukushima",), ("seafood", "fish"), ("ban", "import", "imports")),
    )
]


@pytest.fixture(scope="module")
def matcher():
    return Matcher(names=NAMES, titles=TITLES, family_names=FAMILY_NAMES, terms=TERMS, rules=RULES)


def found(matcher, text, on=DAY):
    """(matched text, target) pairs in text order."""
    return [(text[m.start : m.end], m.target) for m in matcher.find(text, on)]


def targets(matcher, text, on=DAY):
    return [target for _, target in found(matcher, text, on)]


def test_a_country_inside_another_word_is_not_found(matcher):
    assert found(matcher, "A woman from Omani waters, not Oman.") == [("Oman", country(OMAN))]


def test_an_acronym_needs_its_capitals(matcher):
    assert found(matcher, "Let us ask the US.") == [("US", country(US))]


def test_a_proper_name_needs_its_capital(matcher):
    assert found(matcher, "japan lacquer from Japan") == [("Japan", country(JAPAN))]


def test_the_longest_match_wins(matcher):
    text = "North Korean troops and South Korea's army"
    assert found(matcher, text) == [
        ("North Korean", country(NORTH_KOREA)),
        ("South Korea", country(KOREA)),
    ]


def test_a_full_name_beats_the_acronym_inside_it(matcher):
    text = "the Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)"
    assert targets(matcher, text) == [agenda(CPTPP), agenda(CPTPP)]


def test_a_shield_outranks_the_names_inside_it_and_tags_nothing(matcher):
    assert found(matcher, "peace on the Korean Peninsula") == []


def test_one_alias_can_tag_two_entities(matcher):
    assert set(targets(matcher, "inter-Korean talks")) == {country(KOREA), country(NORTH_KOREA)}


@pytest.mark.parametrize(
    "text",
    ["Lee Jae-myung", "Lee Jae Myung", "Lee Jaemyung", "LEE JAE-MYUNG", "Lee Jae\u2011myung"],
)
def test_hyphen_space_and_case_variants_of_a_name_are_one_name(matcher, text):
    assert targets(matcher, f"{text} said") == [leader(LEE_JAE_MYUNG)]


def test_both_name_orders_given_as_aliases_are_found(matcher):
    text = "Sanae Takaichi, or Takaichi Sanae in Japanese order"
    assert targets(matcher, text)[:2] == [leader(TAKAICHI), leader(TAKAICHI)]


@pytest.mark.parametrize("possessive", ["\u2019s", "'s"])
def test_possessives_do_not_hide_a_name(matcher, possessive):
    text = f"Japan{possessive} position and Lee Jae-myung{possessive} visit"
    assert found(matcher, text) == [
        ("Japan", country(JAPAN)),
        ("Lee Jae-myung", leader(LEE_JAE_MYUNG)),
    ]


def test_accents_are_optional(matcher):
    accented = Matcher(names=[Name("Nicolás Maduro", (leader(9),))])
    assert targets(accented, "Nicolas Maduro and Nicolás Maduro") == [leader(9), leader(9)]


def test_a_bare_surname_never_tags_a_person(matcher):
    assert found(matcher, "Lee said Takaichi and Trump agreed.") == []


def test_a_title_with_a_surname_resolves_by_the_articles_date(matcher):
    text = "President Lee met Prime Minister Takaichi."
    assert found(matcher, text, date(2026, 1, 12)) == [
        ("President Lee", leader(LEE_JAE_MYUNG)),
        ("Prime Minister Takaichi", leader(TAKAICHI)),
    ]
    assert targets(matcher, "President Lee spoke.", date(2010, 5, 1)) == [leader(LEE_MYUNG_BAK)]


def test_the_same_surname_in_one_office_resolves_by_term(matcher):
    assert targets(matcher, "Foreign Minister Cho", date(2024, 6, 1)) == [leader(CHO_TAE_YUL)]
    assert targets(matcher, "Foreign Minister Cho", date(2026, 1, 1)) == [leader(CHO_HYUN)]


def test_an_ambiguous_title_is_left_untagged(matcher):
    """In 2016 no Lee is president, and two former presidents are called Lee."""
    assert found(matcher, "President Lee", date(2016, 1, 1)) == []
    assert found(matcher, "former President Lee", DAY) == []


def test_a_former_holder_resolves_when_only_one_fits(matcher):
    assert targets(matcher, "President Trump", date(2022, 3, 1)) == [leader(TRUMP)]
    assert targets(matcher, "former President Trump", date(2022, 3, 1)) == [leader(TRUMP)]
    assert targets(matcher, "President Lee", date(2005, 1, 1)) == [leader(LEE_TENG_HUI)]


def test_the_holder_in_office_is_not_a_former_holder(matcher):
    assert targets(matcher, "former President Trump", DAY) == []


def test_a_country_before_the_title_narrows_it(matcher):
    text = "former Taiwanese President Lee"
    taiwanese = Matcher(
        names=[*NAMES, Name("Taiwanese", (country(TAIWAN),))],
        titles=TITLES,
        family_names=FAMILY_NAMES,
        terms=TERMS,
    )
    assert targets(taiwanese, text, date(2016, 1, 1)) == [country(TAIWAN), leader(LEE_TENG_HUI)]


def test_a_possessive_country_before_the_title_narrows_it(matcher):
    text = "Korea's President Lee"
    assert targets(matcher, text) == [country(KOREA), leader(LEE_JAE_MYUNG)]


@pytest.mark.parametrize(
    "text",
    ["Vice President Lee", "Democratic Party Chairman Lee", "Samsung President Lee"],
)
def test_someone_elses_title_does_not_tag(matcher, text):
    assert [t for t in targets(matcher, text) if t.kind == LEADER] == []


def test_a_title_before_a_sentence_start_still_resolves(matcher):
    assert targets(matcher, "They met in Tokyo. President Lee said") == [leader(LEE_JAE_MYUNG)]


def test_a_title_followed_by_another_given_name_is_someone_else(matcher):
    """Lee Myung-bak is named in full; a Lee the gazetteer does not know tags nobody."""
    assert targets(matcher, "President Lee Myung-bak", DAY) == [leader(LEE_MYUNG_BAK)]
    assert targets(matcher, "President Lee Seung-man", DAY) == []


def test_title_capitals_are_required(matcher):
    assert targets(matcher, "at 3 pm Takaichi spoke") == []


def test_a_rule_tags_an_item_described_rather_than_named(matcher):
    text = (
        "the ban on imports of seafood from eight Japanese prefectures following the "
        "Fukushima Daiichi nuclear disaster"
    )
    mentions = found(matcher, text)
    assert ("Japanese", country(JAPAN)) in mentions
    [(span, _)] = [m for m in mentions if m[1] == agenda(FUKUSHIMA_BAN)]
    assert span.startswith("ban") or span.startswith("imports")
    assert span.endswith("Fukushima")


def test_a_rule_needs_its_words_close_together(matcher):
    next_sentence = "Fukushima " + "word " * 30 + "ends. Then " + "word " * 5 + "seafood imports"
    long_sentence = "Fukushima " + "word " * 60 + "seafood imports"
    for text in (next_sentence, long_sentence, "Fukushima seafood is safe"):
        assert agenda(FUKUSHIMA_BAN) not in targets(matcher, text)


def test_a_rule_takes_its_words_from_anywhere_in_one_sentence(matcher):
    sentence = (
        "China halted seafood imports from Japan only months after partly lifting the ban it"
        " had imposed when the U.S. ally Japan began to release treated water from the"
        " Fukushima Daiichi nuclear plant."
    )
    assert len(sentence) > 150
    assert agenda(FUKUSHIMA_BAN) in targets(matcher, sentence)


def test_offsets_point_at_the_mention_in_the_original_text(matcher):
    text = "“Under orders from United States of America (U.S.) President Donald Trump,”"
    for mention in matcher.find(text, DAY):
        assert normalise(text[mention.start : mention.end]).strip()
    assert found(matcher, text)[-1] == ("Donald Trump", leader(TRUMP))


def test_an_empty_matcher_finds_nothing():
    assert Matcher().find("South Korea", DAY) == []
    assert len(Matcher()) == 0


@given(st.text())
def test_normalising_keeps_the_length_so_offsets_stay_valid(text):
    assert len(normalise(text)) == len(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_finding_never_fails_and_stays_in_bounds(text):
    matcher = Matcher(names=NAMES, titles=TITLES, family_names=FAMILY_NAMES, terms=TERMS)
    for mention in matcher.find(text, DAY):
        assert 0 <= mention.start < mention.end <= len(text)


def test_a_currency_sign_after_a_country_name_makes_it_money(matcher):
    assert found(matcher, "a pledge of US$350 billion to the US") == [("US", country(US))]


def test_an_honorific_names_the_only_leader_with_that_surname(matcher):
    assert found(matcher, "Mr. Trump said, and Mr Trump agreed.") == [
        ("Mr. Trump", leader(TRUMP)),
        ("Mr Trump", leader(TRUMP)),
    ]
    assert targets(matcher, "Ms. Takaichi replied.") == [leader(TAKAICHI)]


def test_an_honorific_before_anyone_held_office_names_nobody(matcher):
    assert found(matcher, "Mr. Trump said", date(2015, 1, 1)) == []


def test_an_honorific_shared_by_several_leaders_needs_the_article(matcher):
    """Three Lees had held office by 2026: "Mr. Lee" names the one the article names."""
    assert found(matcher, "Mr. Lee said.") == []
    first, second = matcher.find_in_article(["Lee Jae-myung flew to Japan.", "Mr. Lee said."], DAY)
    assert [m.target for m in second] == [leader(LEE_JAE_MYUNG)]
    assert [m.target for m in first] == [leader(LEE_JAE_MYUNG), country(JAPAN)]


def test_the_article_cannot_settle_an_honorific_between_two_leaders_it_names(matcher):
    texts = ["Lee Jae-myung and Lee Myung-bak met.", "Mr. Lee said."]
    assert matcher.find_in_article(texts, DAY)[1] == []


def test_a_title_the_date_leaves_open_is_settled_by_the_article(matcher):
    texts = ["Lee Myung-bak was mayor of Seoul.", "Later, former President Lee said"]
    [mention] = matcher.find_in_article(texts, DAY)[1]
    assert (texts[1][mention.start : mention.end], mention.target) == (
        "President Lee",
        leader(LEE_MYUNG_BAK),
    )


def test_the_article_settles_a_title_only_for_someone_who_held_it(matcher):
    """In 2016 Lee Jae-myung had not been president: naming him settles nothing."""
    texts = ["Lee Jae-myung leads the polls.", "President Lee said"]
    assert matcher.find_in_article(texts, date(2016, 1, 1))[1] == []


def test_an_elect_title_names_who_takes_office_soon(matcher):
    assert targets(matcher, "President-elect Trump said", date(2024, 12, 1)) == [leader(TRUMP)]
    assert targets(matcher, "President-elect Lee said", date(2025, 6, 3)) == [leader(LEE_JAE_MYUNG)]
    assert targets(matcher, "President-elect Trump said", date(2022, 12, 1)) == []


def test_an_agenda_item_named_after_a_country_still_names_the_country():
    """ "U.S. tariffs" is an issue and a mention of the United States; a shield still wins."""
    tariffs = agenda(4)
    issues = Matcher(
        names=[
            *NAMES,
            Name("U.S. tariffs", (tariffs,)),
            Name("Korean Peninsula", ()),
            Name("peace on the Korean Peninsula", (agenda(5),)),
        ]
    )
    assert found(issues, "U.S. tariffs rose") == [
        ("U.S.", country(US)),
        ("U.S. tariffs", tariffs),
    ]
    assert found(issues, "peace on the Korean Peninsula") == [
        ("peace on the Korean Peninsula", agenda(5))
    ]


def test_an_honorific_out_of_office_needs_the_article(matcher):
    """In 2022 "Mr. Trump" could be any Trump: the article naming Donald Trump settles it."""
    day = date(2022, 3, 1)
    assert found(matcher, "Mr. Trump said", day) == []
    texts = ["Donald Trump spoke in Ohio.", "Mr. Trump said"]
    assert [m.target for m in matcher.find_in_article(texts, day)[1]] == [leader(TRUMP)]


def test_a_shared_surname_in_office_still_needs_the_article(matcher):
    """Only one Lee is in office in 2026, but "Mr. Lee" may be Samsung's chairman."""
    assert found(matcher, "Samsung's chairman Lee Jae-yong arrived. Mr. Lee said") == []


def test_a_surname_that_names_a_country_is_still_only_a_person():
    title = Matcher(
        names=[Name("Oman", (country(OMAN),))],
        titles={"President": ["President"]},
        family_names={TRUMP: "Oman"},
        terms=[Term(TRUMP, "President", None, date(2020, 1, 1))],
    )

    assert [m.target for m in title.find("President Oman spoke.", date(2025, 1, 1))] == [
        leader(TRUMP)
    ]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("Basketball legend Michael Jordan once said", False),
        ("Chad Williams, a former interrogator, said", False),
        ("Talks in Jordan and Chad resumed.", True),
        ("The Jordan government agreed.", True),
        ("Jordan agreed.", True),
    ],
)
def test_a_country_that_is_also_a_persons_name_is_not_tagged_inside_one(text, tagged):
    countries = Matcher(
        names=[Name("Jordan", (country(OMAN),)), Name("Chad", (country(TAIWAN),))],
        personal_names=["Jordan", "Chad"],
    )

    assert bool(countries.find(text, DAY)) is tagged


def test_an_event_is_not_mentioned_before_it_began():
    camp_david = agenda(CPTPP)
    events = Matcher(
        names=[Name("Camp David summit", (camp_david,))], since={camp_david: date(2023, 8, 18)}
    )
    text = "the Camp David summit"

    assert events.find(text, date(2008, 4, 19)) == []
    assert [m.target for m in events.find(text, date(2023, 8, 24))] == [camp_david]


def test_clue_words_inside_an_exception_do_not_count():
    tariffs = Matcher(
        rules=[
            Rule(
                agenda(CPTPP),
                (("U.S.", "Washington"), ("tariffs",)),
                exceptions=("retaliatory tariffs", "U.S. goods"),
            )
        ]
    )

    assert tariffs.find("Beijing set retaliatory tariffs on U.S. goods.", DAY) == []
    assert tariffs.find("China set tariffs on U.S. goods.", DAY) == []
    assert [m.target for m in tariffs.find("Washington raised tariffs.", DAY)] == [agenda(CPTPP)]


def test_a_title_after_a_word_that_opens_the_sentence_is_still_the_office(matcher):
    assert targets(matcher, "When President Trump spoke, Samsung President Lee sat down.") == [
        leader(TRUMP)
    ]


def test_a_title_the_article_gives_to_someone_else_is_not_settled_by_the_date(matcher):
    paragraphs = [
        "Foreign Minister Cho Seung-hwan of another cabinet met reporters.",
        "Foreign Minister Cho said the talks went well. President Trump agreed.",
    ]

    found = matcher.find_in_article(paragraphs, DAY)

    assert found[0] == []
    assert [m.target for m in found[1]] == [leader(TRUMP)]


def test_a_leaders_full_name_after_the_title_still_lets_the_date_settle_it(matcher):
    paragraphs = ["President Lee Jae-myung arrived.", "President Lee spoke."]

    found = matcher.find_in_article(paragraphs, DAY)

    assert [m.target for ms in found for m in ms] == [leader(LEE_JAE_MYUNG)] * 2


def test_a_title_given_to_someone_else_in_an_apposition_is_not_settled_by_the_date(matcher):
    paragraphs = [
        "Cho Seung-hwan, the opposition\u2019s shadow foreign minister, objected.",
        "Foreign Minister Cho has a point.",
    ]

    assert matcher.find_in_article(paragraphs, DAY) == [[], []]


def test_a_longer_given_name_after_a_leaders_name_is_someone_else():
    names = Matcher(names=[Name("Park Jin", (leader(CHO_HYUN),))])

    assert names.find("By Park Jin-woo, Senior Editorial Writer", DAY) == []
    assert [m.target for m in names.find("the Park Jin-led ministry", DAY)] == [leader(CHO_HYUN)]


def test_a_lower_case_clue_does_not_let_a_capitalised_name_match_lower_case():
    item = agenda(CPTPP)
    both = Matcher(
        names=[Name("Shuttle diplomacy", (item,))],
        rules=[Rule(item, (("shuttle diplomacy",), ("Japan",)))],
    )

    assert both.find("envoys kept up shuttle diplomacy with Washington", DAY) == []
    assert [m.target for m in both.find("shuttle diplomacy with Japan", DAY)] == [item]
    assert [m.target for m in both.find("Shuttle diplomacy resumed.", DAY)] == [item]
