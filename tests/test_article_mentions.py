"""On an editorial's page, `?mentions=on` marks each mention of a tagged entity in the text."""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains, assertNotContains

from articles.gazetteer.loading import gazetteer_load
from articles.models import Article, Country, Mention, TagRejection
from articles.tagging import article_entity_ids, tag_decisions_record
from tests.editorial_text import SAMPLE_PATH
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

ON = "?mentions=on"
KIND_FIELDS = {"leader": "leader", "country": "country", "agenda": "agenda_item"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}


class MarkedText(HTMLParser):
    """Reads every paragraph's text and the mention elements in it, checking the nesting.

    Each mention element becomes a piece: its paragraph, [start, end) in the paragraph's
    text, kind, entity name (from its title), link (or None) and whether a quote holds it.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.texts: dict[int, str] = {}
        self.pieces: list[dict] = []
        self.position: int | None = None
        self.ids: set[str] = set()
        self.described_by: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a":
            assert all(open_tag != "a" for open_tag, _ in self.stack), "a link inside a link"
        if attrs.get("aria-describedby"):
            self.described_by.update(attrs["aria-describedby"].split())
        if "para-text" in classes:
            self.position = int(attrs["data-position"])
            self.texts[self.position] = ""
        if self.position is not None and "mention" in classes:
            offset = len(self.texts[self.position])
            kind = next(c.removeprefix("mention-") for c in classes if c.startswith("mention-"))
            self.pieces.append(
                {
                    "position": self.position,
                    "start": offset,
                    "end": None,
                    "kind": kind,
                    "name": attrs["title"].rsplit(" (", 1)[0],
                    "href": attrs.get("href"),
                    "in_quote": any("quote" in a.get("class", "") for _, a in self.stack),
                }
            )
            attrs["piece"] = self.pieces[-1]
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        open_tag, attrs = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if "piece" in attrs:
            attrs["piece"]["end"] = len(self.texts[self.position])
        if "para-text" in (attrs.get("class") or "").split():
            self.position = None

    def handle_data(self, data):
        if self.position is not None:
            self.texts[self.position] += data

    def spans(self) -> set[tuple[int, int, int, str, str]]:
        """(position, start, end, kind, name) of each marked mention, its pieces joined."""
        joined: list[list] = []
        for piece in sorted(self.pieces, key=lambda p: (p["position"], p["start"], -p["end"])):
            key = (piece["position"], piece["kind"], piece["name"])
            same = [j for j in joined if j[0] == key and j[2] == piece["start"]]
            if same:
                same[0][2] = piece["end"]
            else:
                joined.append([key, piece["start"], piece["end"]])
        return {(pos, start, end, kind, name) for (pos, kind, name), start, end in joined}


def marked(client, article, query=ON) -> MarkedText:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    parser = MarkedText()
    parser.feed(response.content.decode())
    parser.close()
    assert parser.stack == [], "unclosed elements"
    return parser


def stored_spans(article) -> set[tuple[int, int, int, str, str]]:
    return {
        (m.paragraph.position, m.start, m.end, m.kind, m.entity.name)
        for m in Mention.objects.in_articles([article]).select_related(
            "paragraph", "leader", "country", "agenda_item"
        )
    }


def mention(article, position: int, phrase: str, entity, *, occurrence: int = 0) -> Mention:
    """Store a mention of `entity` at the `occurrence`-th `phrase` of paragraph `position`."""
    paragraph = article.paragraphs.get(position=position)
    start = -1
    for _ in range(occurrence + 1):
        start = paragraph.text.index(phrase, start + 1)
    return Mention.objects.create(
        paragraph=paragraph,
        start=start,
        end=start + len(phrase),
        kind=entity.kind,
        **{KIND_FIELDS[entity.kind]: entity},
    )


def written(*texts: str, **tags) -> Article:
    """An editorial with these paragraph texts, tagged with `tags` (see article_factory)."""
    article = article_factory(paragraphs=len(texts), **tags)
    for paragraph, text in zip(article.paragraphs.order_by("position"), texts, strict=True):
        paragraph.text = text
        paragraph.save()
    return article


@pytest.fixture
def sample(db):
    """The reference editorial, imported and tagged with the shipped gazetteer."""
    gazetteer_load()
    call_command("import_editorials", str(SAMPLE_PATH), stdout=StringIO())
    return Article.objects.get()


# ---- Off by default ----


def test_the_text_is_plain_by_default_with_a_link_that_turns_highlighting_on(client, sample):
    response = client.get(sample.get_absolute_url())

    assertNotContains(response, 'class="mention ')
    assertNotContains(response, "mention-legend")
    assertContains(
        response,
        '<a class="mention-toggle" href="?mentions=on">'
        "Highlight mentions of leaders, countries and agenda items</a>",
        html=True,
    )
    assert marked(client, sample, query="").pieces == []


@pytest.mark.parametrize("query", ["?mentions=off", "?mentions=1", "?mentions=", "?other=on"])
def test_only_mentions_on_turns_highlighting_on(client, sample, query):
    assert marked(client, sample, query=query).pieces == []


def test_an_editorial_without_tags_offers_no_highlighting(client):
    article = article_factory()

    response = client.get(article.get_absolute_url() + ON)

    assertNotContains(response, "mention-toggle")
    assertNotContains(response, "mentions.js")


# ---- On: which spans, for which entities ----


def test_every_stored_mention_of_the_sample_is_marked_with_its_kind_and_entity(client, sample):
    page = marked(client, sample)

    assert page.spans() == stored_spans(sample)
    assert {kind for _, _, _, kind, _ in page.spans()} == {"leader", "country", "agenda"}


def test_highlighting_leaves_every_paragraphs_text_exactly_as_it_was(client, sample):
    """Copying, searching the page and the annotation offsets all read the same text."""
    texts = {p.position: p.text for p in sample.paragraphs.all()}

    assert marked(client, sample).texts == texts
    assert marked(client, sample, query="").texts == texts


def test_sample_mentions_link_to_their_entity_pages(client, sample):
    links = {
        (
            piece["kind"],
            sample.paragraphs.get(position=piece["position"]).text[piece["start"] : piece["end"]],
            piece["href"],
        )
        for piece in marked(client, sample).pieces
    }

    assert ("leader", "President Lee", "/leaders/lee-jae-myung/") in links
    assert ("leader", "Prime Minister Takaichi", "/leaders/sanae-takaichi/") in links
    assert ("country", "Venezuelan", "/countries/venezuela/") in links
    assert ("agenda", "CPTPP", "/agenda/cptpp/") in links


BAN = "imports of seafood from eight Japanese prefectures following the Fukushima"


def seafood_ban() -> Article:
    """A paragraph where a country is named inside an agenda item's mention, as in the sample."""
    article = written(
        f"Seoul's ban on {BAN} disaster stays.",
        countries=["Japan"],
        agenda=["Fukushima seafood import ban"],
    )
    mention(article, 1, BAN, article.agenda.get())
    mention(article, 1, "Japanese", article.countries.get())
    return article


def test_a_country_named_inside_an_agenda_item_is_marked_inside_it(client):
    article = seafood_ban()
    text = article.paragraphs.get().text
    ban, japanese = text.index(BAN), text.index("Japanese")

    page = marked(client, article)

    assert page.spans() == {
        (1, ban, ban + len(BAN), "agenda", "Fukushima seafood import ban"),
        (1, japanese, japanese + 8, "country", "Japan"),
    }
    # Flat runs: the agenda item's link stops around the country, which links on its own.
    assert [(p["start"], p["end"], p["kind"], p["href"]) for p in page.pieces] == [
        (ban, japanese, "agenda", "/agenda/fukushima-seafood-import-ban/"),
        (japanese, japanese + 8, "agenda", None),
        (japanese, japanese + 8, "country", "/countries/japan/"),
        (japanese + 8, ban + len(BAN), "agenda", "/agenda/fukushima-seafood-import-ban/"),
    ]


@pytest.mark.parametrize(
    ("tags", "phrase", "kind", "title", "url"),
    [
        (
            {"leaders": ["Sanae Takaichi"]},
            "Takaichi",
            "leader",
            "Sanae Takaichi (leader)",
            "/leaders/sanae-takaichi/",
        ),
        ({"countries": ["Japan"]}, "Tokyo", "country", "Japan (country)", "/countries/japan/"),
        ({"agenda": ["Dokdo"]}, "the islets", "agenda", "Dokdo (agenda item)", "/agenda/dokdo/"),
    ],
    ids=["leader", "country", "agenda"],
)
def test_a_mention_is_a_link_to_its_entity_described_by_its_kind_in_the_key(
    client, tags, phrase, kind, title, url
):
    article = written("Takaichi spoke in Tokyo about the islets.", **tags)
    [entity] = tagged(article)
    mention(article, 1, phrase, entity)

    response = client.get(article.get_absolute_url() + ON)

    assertContains(
        response,
        f'<a class="mention mention-{kind}" href="{url}" title="{title}"'
        f' aria-describedby="mention-key-{kind}">{phrase}</a>',
        html=True,
    )
    assertContains(response, f'id="mention-key-{kind}"')
    assertContains(response, "1 mention of the entities tagged below")


def tagged(article) -> list:
    """The article's tagged entities: leaders, then countries, then agenda items."""
    return [*article.leaders.all(), *article.countries.all(), *article.agenda.all()]


def test_the_key_shows_the_three_kinds_and_the_switch_turns_highlighting_off(client, sample):
    response = client.get(sample.get_absolute_url() + ON)

    for kind, label in [("leader", "leader"), ("country", "country"), ("agenda", "agenda item")]:
        assertContains(
            response,
            f'<span class="mention mention-{kind}" id="mention-key-{kind}">{label}</span>',
            html=True,
        )
    assertContains(
        response,
        f'<a class="mention-toggle" href="{sample.get_absolute_url()}">'
        "Stop highlighting mentions</a>",
        html=True,
    )
    assertContains(response, f"{len(stored_spans(sample))} mentions of the entities tagged below")


def test_every_description_a_mark_points_to_is_on_the_page(client, sample):
    annotation_factory(paragraph=sample.paragraphs.get(position=4), quote="eight Japanese")

    page = marked(client, sample)

    assert page.described_by <= page.ids


# ---- Tags an editor removed ----


def test_mentions_of_a_tag_an_editor_removed_are_not_marked(client, sample):
    japan = Country.objects.get(name="Japan")
    before = article_entity_ids(article=sample)
    sample.countries.remove(japan)
    tag_decisions_record(article=sample, before=before, after=article_entity_ids(article=sample))

    page = marked(client, sample)

    assert TagRejection.objects.filter(article=sample, country=japan).exists()
    assert "Japan" not in {name for *_, name in page.spans()}
    assert page.spans() == stored_spans(sample)
    assert any(name == "China" for *_, name in page.spans())


def test_stored_mentions_of_an_entity_not_tagged_on_the_article_are_not_marked(client):
    """Mention rows can outlive a tag (until re-tagging); the tags say what is marked."""
    article = written("Japan and China met.", countries=["Japan"])
    mention(article, 1, "Japan", Country.objects.get(name="Japan"))
    mention(article, 1, "China", Country.objects.create(name="China"))

    page = marked(client, article)

    assert {name for *_, name in page.spans()} == {"Japan"}


def test_mentions_outside_the_paragraphs_text_are_not_marked(client):
    """Offsets from an older text must not cut into this one."""
    article = written("Japan.", countries=["Japan"])
    japan = Country.objects.get(name="Japan")
    Mention.objects.create(
        paragraph=article.paragraphs.get(), start=3, end=40, kind="country", country=japan
    )

    page = marked(client, article)

    assert page.pieces == []
    assertContains(client.get(article.get_absolute_url() + ON), "No mentions")


# ---- Mentions and annotation quotes together ----


def test_a_mention_inside_a_quote_is_marked_but_not_a_second_link(client):
    article = seafood_ban()
    note = annotation_factory(
        paragraph=article.paragraphs.get(), quote="seafood from eight Japanese"
    )

    page = marked(client, article)  # the parser fails on a link inside a link

    inside = [p for p in page.pieces if p["in_quote"]]
    assert {(p["kind"], p["name"]) for p in inside} == {
        ("agenda", "Fukushima seafood import ban"),
        ("country", "Japan"),
    }
    assert all(p["href"] is None for p in inside)
    assert page.spans() == stored_spans(article)
    html = client.get(article.get_absolute_url() + ON).content.decode()
    assert (
        f'<mark class="quote" data-annotations="{note.pk}">'
        f'<a href="#a{note.pk}" aria-describedby="a{note.pk}-title '
        'mention-key-agenda mention-key-country">'
    ) in html


def test_mentions_and_quotes_of_the_sample_nest_properly_and_keep_the_text(client, sample):
    for position in (1, 4, 6):
        paragraph = sample.paragraphs.get(position=position)
        words = paragraph.text.split()
        annotation_factory(paragraph=paragraph, quote=" ".join(words[3:12]))

    page = marked(client, sample)

    assert page.spans() == stored_spans(sample)
    assert page.texts == {p.position: p.text for p in sample.paragraphs.all()}
    assert any(p["in_quote"] for p in page.pieces)


def test_a_quote_that_cuts_a_mention_in_two_keeps_both_marked_and_nested(client):
    article = written("President Lee of South Korea flew to Tokyo.", leaders=["Lee Jae-myung"])
    lee = article.leaders.get()
    mention(article, 1, "President Lee", lee)
    note = annotation_factory(paragraph=article.paragraphs.get(), quote="Lee of South Korea")

    page = marked(client, article)

    assert page.spans() == {(1, 0, 13, "leader", "Lee Jae-myung")}
    assert [(p["start"], p["end"], p["href"], p["in_quote"]) for p in page.pieces] == [
        (0, 10, "/leaders/lee-jae-myung/", False),
        (10, 13, None, True),
    ]
    assert page.texts[1] == article.paragraphs.get().text
    html = client.get(article.get_absolute_url() + ON).content.decode()
    assert f'<a href="#a{note.pk}" aria-describedby="a{note.pk}-title">' in html


def test_with_highlighting_off_quotes_render_as_before(client, sample):
    note = annotation_factory(paragraph=sample.paragraphs.get(position=1), quote="President Lee")

    html = client.get(sample.get_absolute_url()).content.decode()

    assert (
        f'<mark class="quote" data-annotations="{note.pk}">'
        f'<a href="#a{note.pk}" aria-describedby="a{note.pk}-title">'
        "President Lee</a></mark>"
    ) in html


# ---- Query counts ----


def with_mentions(count: int) -> Article:
    """A tagged editorial of ten paragraphs with `count` stored mentions, some quoted."""
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    article = written(
        *["Lee said Japan should join the CPTPP soon, and Japan agreed."] * 10, **tags
    )
    entities = tagged(article)
    phrases = {"leader": "Lee", "country": "Japan", "agenda": "CPTPP"}
    for number in range(count):
        entity = entities[number % 3]
        occurrence = 1 if entity.kind == "country" and number % 2 else 0
        mention(article, number // 2 % 10 + 1, phrases[entity.kind], entity, occurrence=occurrence)
    for position in (1, 2):
        annotation_factory(paragraph=article.paragraphs.get(position=position), quote="Japan")
    return article


# The page without highlighting: article, paragraphs, the three tag kinds, annotations and
# their evidence; signed in, the session, the user, and their permissions (their own and
# their groups'). Anonymous, first the editorial's id, which names its cached page's versions,
# and the versions (articles/page_versions.py). Highlighting adds one: the mentions in the
# article's paragraphs.
QUERIES_OFF = {None: 9, "editor": 11}


@pytest.mark.parametrize("role", QUERIES_OFF)
def test_highlighting_costs_one_query_whatever_the_number_of_mentions(client, count_queries, role):
    if role:
        client.force_login(user_factory(role))
    few, many = with_mentions(2), with_mentions(20)

    def render(article, query):
        return lambda: client.get(article.get_absolute_url() + query)

    off = count_queries(render(few, ""))
    assert off == QUERIES_OFF[role]
    assert count_queries(render(many, "")) == off
    assert count_queries(render(few, ON)) == off + 1
    assert count_queries(render(many, ON)) == off + 1
    assert len(marked(client, many).pieces) > len(marked(client, few).pieces) >= 2
