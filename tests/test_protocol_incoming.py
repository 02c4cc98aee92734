"""An incoming W3C annotation (a protocol POST or PUT) becomes what the services take, or is
refused with one message per wrong field, by its path in the document."""

import copy

import pytest

from annotations.limits import BODY_MAX_CHARS, QUOTE_MAX_CHARS
from annotations.models import Annotation, ClaimantType, Kind
from annotations.protocol.incoming import InvalidAnnotation, incoming_annotation
from annotations.protocol.targets import target_from_iri
from annotations.services import AnnotationContent, Evidence, annotation_create, reply_create
from annotations.verdicts import Verdict
from annotations.w3c import annotation_to_w3c
from tests.factories import article_factory, leader_factory, user_factory

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RFC3986 = "http://tools.ietf.org/rfc/rfc3986"
# "the talks" twice; the flags are astral code points (two UTF-16 units each).
TEXT_2 = "Seoul 🇰🇷 hopes the talks go well; Tokyo 🇯🇵 hopes the talks go further."
TEXT_3 = "Café owners in Busan said the summit changed nothing."


@pytest.fixture
def article():
    article = article_factory(paragraphs=3)
    article.paragraphs.filter(position=2).update(text=TEXT_2)
    article.paragraphs.filter(position=3).update(text=TEXT_3)
    return article


@pytest.fixture
def author():
    return user_factory("editor")


def page(article) -> str:
    return f"{BASE}/articles/{article.slug}/"


def fragment(value: str, refined=None) -> dict:
    selector = {"type": "FragmentSelector", "conformsTo": RFC3986, "value": value}
    if refined is not None:
        selector["refinedBy"] = refined
    return selector


def note(target, body="A *note*.", **extra) -> dict:
    return {
        "@context": CONTEXT,
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": body, "format": "text/markdown"},
        "target": target,
        **extra,
    }


def on(article, selector) -> dict:
    return {"type": "SpecificResource", "source": page(article), "selector": selector}


def accept(data, article=None):
    return incoming_annotation(data, base_url=BASE, article=article)


def refuse(data, article=None) -> dict[str, str]:
    with pytest.raises(InvalidAnnotation) as raised:
        incoming_annotation(data, base_url=BASE, article=article)
    return raised.value.errors


def claim(article, bodies, **extra) -> dict:
    return {
        "@context": [CONTEXT, {"assessing": "http://www.w3.org/ns/oa#assessing"}],
        "type": "Annotation",
        "motivation": "assessing",
        "body": bodies,
        "target": on(article, fragment("p3")),
        **extra,
    }


def describing(value="The summit changed nothing.", creator=None) -> dict:
    body = {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": "describing"}
    if creator is not None:
        body["creator"] = creator
    return body


def classifying(value="Misleading") -> dict:
    return {"type": "TextualBody", "value": value, "purpose": "classifying"}


# ------------------------------------------------------------------------ target IRIs


def test_target_from_iri_names_a_page_or_a_paragraph_of_this_archive(article):
    assert target_from_iri(page(article), base_url=BASE) == (article, None)
    assert target_from_iri(f"{page(article)}#p2", base_url=BASE) == (article, 2)
    # The same archive over https behind a proxy.
    assert target_from_iri(f"https://testserver/articles/{article.slug}/#p2", base_url=BASE)


@pytest.mark.parametrize(
    "iri",
    [
        "http://elsewhere.example/articles/{slug}/#p2",
        "http://testserver:8080/articles/{slug}/#p2",
        "http://testserver/articles/no-such-editorial/",
        "http://testserver/articles/{slug}/#paragraph-2",
        "http://testserver/articles/{slug}/?page=2",
        "http://testserver/annotations/",
        "/articles/{slug}/",
        "",
    ],
)
def test_target_from_iri_names_nothing_else(article, iri):
    assert target_from_iri(iri.format(slug=article.slug), base_url=BASE) is None


# ------------------------------------------------------------------- accepted targets


def test_a_paragraph_iri_targets_the_whole_paragraph(article):
    incoming = accept(note(f"{page(article)}#p2"))
    assert incoming.paragraph == article.paragraphs.get(position=2)
    assert (incoming.quote_exact, incoming.quote_start) == ("", None)
    assert incoming.parent is None
    assert incoming.content == AnnotationContent(kind=Kind.NOTE, body="A *note*.")


def test_a_fragment_selector_alone_targets_the_whole_paragraph(article):
    incoming = accept(note(on(article, fragment("p1"))))
    assert incoming.paragraph.position == 1
    assert incoming.quote_exact == ""


def test_a_quote_refinement_picks_the_occurrence_its_prefix_names(article):
    quote = {"type": "TextQuoteSelector", "exact": "the talks", "prefix": "🇯🇵 hopes "}
    incoming = accept(note(on(article, fragment("p2", quote))))
    assert incoming.quote_exact == "the talks"
    assert incoming.quote_start == TEXT_2.rindex("the talks")


def test_a_quote_refinement_picks_the_occurrence_its_suffix_names(article):
    quote = {"type": "TextQuoteSelector", "exact": "the talks", "suffix": " go well"}
    assert accept(note(on(article, fragment("p2", quote)))).quote_start == TEXT_2.index("the talks")


def test_a_position_refinement_alone_quotes_the_words_at_those_code_points(article):
    start = TEXT_2.rindex("Tokyo")
    position = {"type": "TextPositionSelector", "start": start, "end": start + 5}
    incoming = accept(note(on(article, fragment("p2", position))))
    assert (incoming.quote_exact, incoming.quote_start) == ("Tokyo", start)


def test_the_old_export_form_a_list_of_two_refinements_is_accepted(article):
    start = TEXT_2.rindex("the talks")
    refinements = [
        {"type": "TextQuoteSelector", "exact": "the talks"},
        {"type": "TextPositionSelector", "start": start, "end": start + 9},
    ]
    incoming = accept(note(on(article, fragment("p2", refinements))))
    assert (incoming.quote_exact, incoming.quote_start) == ("the talks", start)


def test_selectors_on_a_paragraph_iri_count_in_that_paragraph(article):
    target = {
        "type": "SpecificResource",
        "source": f"{page(article)}#p3",
        "selector": [
            {"type": "TextQuoteSelector", "exact": "Café owners"},
            {"type": "TextPositionSelector", "start": 0, "end": 11},
        ],
    }
    incoming = accept(note(target))
    assert (incoming.paragraph.position, incoming.quote_exact, incoming.quote_start) == (
        3,
        "Café owners",
        0,
    )


def test_a_page_level_quote_is_found_in_the_one_paragraph_that_has_it(article):
    incoming = accept(note(on(article, {"type": "TextQuoteSelector", "exact": "in Busan"})))
    assert (incoming.paragraph.position, incoming.quote_start) == (3, TEXT_3.index("in Busan"))


def test_a_prefix_reaching_past_the_paragraph_start_agrees_with_what_it_has(article):
    quote = {"type": "TextQuoteSelector", "exact": "Café", "prefix": "divide.\n\n"}
    assert accept(note(on(article, fragment("p3", quote)))).quote_start == 0


def test_a_suffix_reaching_past_the_paragraph_end_agrees_with_what_it_has(article):
    quote = {"type": "TextQuoteSelector", "exact": "go further", "suffix": ".\n\nCafé owners"}
    assert accept(note(on(article, fragment("p2", quote)))).quote_exact == "go further"


def test_the_target_may_come_as_a_list_of_one_and_the_source_as_an_object(article):
    target = {
        "type": "SpecificResource",
        "source": {"id": page(article)},
        "selector": fragment("p1"),
    }
    assert accept(note([target])).paragraph.position == 1


def test_https_iris_of_the_same_host_are_this_archive(article):
    target = f"https://testserver/articles/{article.slug}/#p1"
    assert accept(note(target)).paragraph.position == 1


def test_a_post_to_an_editorial_container_takes_its_own_paragraphs(article):
    assert accept(note(f"{page(article)}#p1"), article=article).paragraph.article == article


# ------------------------------------------------------------------ refused targets


def paths(errors) -> set[str]:
    return set(errors)


@pytest.mark.parametrize(
    "target, path, words",
    [
        ("http://elsewhere.example/articles/{slug}/#p1", "target", "another host"),
        ("http://testserver/articles/nope/#p1", "target", "No editorial"),
        ("http://testserver/articles/{slug}/", "target", "Name a paragraph"),
        ("http://testserver/articles/{slug}/#p9", "target", "no paragraph 9"),
        ("http://testserver/articles/{slug}/#intro", "target", "names no paragraph"),
        (42, "target", "paragraph's IRI"),
        # urlsplit() raises on an unclosed IPv6 bracket: a 400, not a 500.
        ("http://[/articles/{slug}/#p1", "target", "cannot be read"),
    ],
)
def test_a_target_iri_that_is_no_paragraph_here_is_refused(article, target, path, words):
    if isinstance(target, str):
        target = target.format(slug=article.slug)
    errors = refuse(note(target))
    assert paths(errors) == {path}
    assert words in errors[path]


def test_several_targets_are_refused(article):
    errors = refuse(note([f"{page(article)}#p1", f"{page(article)}#p2"]))
    assert errors == {"target": "Give one target; this annotation has 2."}


def test_a_missing_target_is_refused(article):
    data = note("x")
    del data["target"]
    assert paths(refuse(data)) == {"target"}


def test_a_source_on_another_editorial_than_the_container_is_refused(article):
    other = article_factory()
    errors = refuse(note(on(article, fragment("p1"))), article=other)
    assert paths(errors) == {"target.source"}
    assert other.slug in errors["target.source"]


def test_a_source_on_another_host_is_refused(article):
    target = on(article, fragment("p1"))
    target["source"] = target["source"].replace("testserver", "elsewhere.example")
    assert "another host" in refuse(note(target))["target.source"]


def test_a_page_without_a_selector_is_refused(article):
    assert paths(refuse(note({"type": "SpecificResource", "source": page(article)}))) == {
        "target.selector"
    }


@pytest.mark.parametrize(
    "selector, path, words",
    [
        (fragment("p7"), "target.selector.value", "no paragraph 7 (it has 3)"),
        (fragment("section-2"), "target.selector.value", "names no paragraph"),
        (
            fragment("p2", {"type": "TextQuoteSelector", "exact": "the summit"}),
            "target.selector.refinedBy.exact",
            "does not occur in paragraph 2",
        ),
        (
            fragment("p2", {"type": "TextQuoteSelector", "exact": "the talks", "prefix": "Osaka "}),
            "target.selector.refinedBy.prefix",
            "before these words is not “Osaka ”",
        ),
        (
            fragment("p2", {"type": "TextQuoteSelector", "exact": "the talks", "suffix": " fail"}),
            "target.selector.refinedBy.suffix",
            "after these words is not “ fail”",
        ),
        (
            fragment("p2", {"type": "TextQuoteSelector", "exact": ""}),
            "target.selector.refinedBy.exact",
            "Give the quoted words",
        ),
        (
            fragment("p3", {"type": "TextPositionSelector", "start": 40, "end": 400}),
            "target.selector.refinedBy.end",
            "which has 53 characters",
        ),
        (
            fragment("p3", {"type": "TextPositionSelector", "start": -1, "end": 4}),
            "target.selector.refinedBy.start",
            "0 or more",
        ),
        (
            fragment("p3", {"type": "TextPositionSelector", "start": 5, "end": 5}),
            "target.selector.refinedBy.start",
            "ends before it starts",
        ),
        (
            fragment("p3", {"type": "CssSelector", "value": "em"}),
            "target.selector.refinedBy",
            "refined by a TextQuoteSelector",
        ),
        (
            {**fragment("p3"), "conformsTo": "http://www.w3.org/TR/media-frags/"},
            "target.selector.conformsTo",
            "RFC 3986",
        ),
        ({"type": "CssSelector", "value": "#p3"}, "target.selector.type", "not taken"),
        (
            {"type": "TextPositionSelector", "start": 0, "end": 4},
            "target.selector",
            "Positions count in a paragraph",
        ),
        (
            {"type": "TextQuoteSelector", "exact": "hopes"},
            "target.selector.exact",
            "occur in no paragraph",
        ),
        (
            {"type": "TextQuoteSelector", "exact": "the"},
            "target.selector.exact",
            "occur in 3 paragraphs",
        ),
        ([], "target.selector", "at least one"),
    ],
)
def test_selectors_that_do_not_match_the_text_are_refused(article, selector, path, words):
    if selector == {"type": "TextQuoteSelector", "exact": "hopes"}:
        article.paragraphs.filter(position=2).update(text="No one is hoping here.")
    errors = refuse(note(on(article, selector)))
    assert paths(errors) == {path}, errors
    assert words in errors[path]


def test_a_fragment_other_than_the_source_paragraph_is_refused(article):
    target = {
        "type": "SpecificResource",
        "source": f"{page(article)}#p2",
        "selector": fragment("p3"),
    }
    errors = refuse(note(target))
    assert errors == {"target.selector.value": "The source is paragraph 2, not p3."}


def test_a_position_that_is_not_where_the_quote_stands_is_refused(article):
    start = TEXT_2.index("the talks")
    selector = fragment(
        "p2",
        [
            {"type": "TextQuoteSelector", "exact": "the talks", "prefix": "🇯🇵 hopes "},
            {"type": "TextPositionSelector", "start": start, "end": start + 9},
        ],
    )
    errors = refuse(note(on(article, selector)))
    assert paths(errors) == {"target.selector.refinedBy[1]"}


def test_a_position_on_other_words_than_the_quote_is_refused(article):
    selector = [
        fragment("p3", {"type": "TextQuoteSelector", "exact": "Busan"}),
        fragment("p3", {"type": "TextPositionSelector", "start": 0, "end": 4}),
    ]
    errors = refuse(note(on(article, selector)))
    assert errors == {
        "target.selector[1].refinedBy": "Characters 0 to 4 of paragraph 3 are “Café”, not the "
        "quoted words where the quote stands."
    }


def test_alternatives_on_different_paragraphs_are_refused(article):
    errors = refuse(note(on(article, [fragment("p1"), fragment("p2")])))
    assert errors == {"target.selector": "The selectors name different paragraphs (p1, p2)."}


def test_alternatives_quoting_different_words_are_refused(article):
    selector = [
        fragment("p3", {"type": "TextQuoteSelector", "exact": "Busan"}),
        {"type": "TextQuoteSelector", "exact": "summit"},
    ]
    assert paths(refuse(note(on(article, selector)))) == {"target.selector"}


def test_a_quote_over_the_limit_is_refused_by_the_services_limit(article):
    selector = fragment("p3", {"type": "TextQuoteSelector", "exact": "x" * (QUOTE_MAX_CHARS + 1)})
    errors = refuse(note(on(article, selector)))
    assert "The quote is too long" in errors["target.selector.refinedBy.exact"]


# -------------------------------------------------------------------- the document


def test_the_anno_context_is_required_alone_or_in_a_list(article):
    data = note(f"{page(article)}#p1")
    data["@context"] = [CONTEXT, {"assessing": "http://www.w3.org/ns/oa#assessing"}]
    assert accept(data).paragraph.position == 1
    data["@context"] = "https://schema.org"
    assert paths(refuse(data)) == {"@context"}


def test_the_type_must_be_annotation(article):
    assert paths(refuse(note(f"{page(article)}#p1", type="Comment"))) == {"type"}


def test_a_motivation_the_archive_does_not_keep_is_refused(article):
    errors = refuse(note(f"{page(article)}#p1", motivation="bookmarking"))
    assert paths(errors) == {"motivation"}
    assert "commenting" in errors["motivation"]


@pytest.mark.parametrize("motivation", [[["commenting"]], [{"id": "commenting"}], 7])
def test_a_motivation_that_is_no_word_is_refused_by_its_field(article, motivation):
    """Found by tests/protocol/test_protocol_fuzz.py: a list in a list was a 500."""
    errors = refuse(note(f"{page(article)}#p1", motivation=motivation))
    assert paths(errors) == {"motivation"}


def test_quotes_that_are_no_words_are_refused_before_they_are_compared(article):
    """Found by tests/protocol/test_protocol_fuzz.py: a list as the exact of one alternative
    was a 500 when the alternatives were compared."""
    quote = {"type": "TextQuoteSelector", "exact": "Paragraph"}
    broken = {"type": "TextQuoteSelector", "exact": ["Paragraph"]}
    errors = refuse(note(on(article, [fragment("p1", quote), fragment("p1", broken)])))
    assert list(errors) == ["target.selector[1].refinedBy.exact"]


def test_without_a_motivation_a_paragraph_target_is_a_note(article):
    data = note(f"{page(article)}#p1")
    del data["motivation"]
    assert accept(data).content.kind == Kind.NOTE


def test_several_errors_are_all_reported(article):
    data = note(on(article, fragment("p9")), type="Comment")
    data["@context"] = "https://schema.org"
    assert paths(refuse(data)) == {"@context", "type", "target.selector.value"}


def test_not_an_object_is_refused():
    with pytest.raises(InvalidAnnotation):
        incoming_annotation(["an", "array"], base_url=BASE, article=None)


# ---------------------------------------------------------------------------- bodies


def test_a_plain_text_body_value_is_the_note(article):
    data = note(f"{page(article)}#p1")
    del data["body"]
    data["bodyValue"] = "Plain words."
    assert accept(data).content.body == "Plain words."


def test_a_note_body_is_kept_as_its_markdown_source_to_be_sanitised_when_shown(article):
    raw = "Look <script>alert(1)</script> [here](javascript:alert(1))"
    assert accept(note(f"{page(article)}#p1", body=raw)).content.body == raw


@pytest.mark.parametrize(
    "change, path, words",
    [
        (lambda d: d.pop("body"), "body", "Write the note."),
        (lambda d: d["body"].update(value="   "), "body.value", "Write the note."),
        (lambda d: d["body"].update(format="text/html"), "body.format", "text/markdown"),
        (lambda d: d["body"].update(value=7), "body.value", "a string"),
        (lambda d: d["body"].update(type="Image"), "body.type", "TextualBody"),
        (lambda d: d["body"].update(purpose="tagging"), "body.purpose", "commenting"),
        (lambda d: d.update(body="http://example.org/note"), "body", "embed the text"),
        (lambda d: d.update(body=[d["body"], d["body"]]), "body", "one text body"),
        (lambda d: d.update(bodyValue="two"), "bodyValue", "not both"),
        (
            lambda d: d["body"].update(value="x" * (BODY_MAX_CHARS + 1)),
            "body.value",
            "The text is too long",
        ),
    ],
)
def test_a_note_body_the_archive_cannot_keep_is_refused(article, change, path, words):
    data = note(f"{page(article)}#p1")
    change(data)
    errors = refuse(data)
    assert paths(errors) == {path}, errors
    assert words in errors[path]


def test_a_claim_reads_its_bodies_by_purpose(article):
    leader = leader_factory(name="Yoon Suk Yeol")
    bodies = [
        describing(creator={"type": "Person", "id": f"{BASE}/leaders/{leader.slug}/"}),
        classifying("Mostly accurate"),
        {
            "type": "TextualBody",
            "value": "**Partly**.",
            "format": "text/markdown",
            "purpose": "assessing",
        },
        {
            "type": "SpecificResource",
            "purpose": "linking",
            "source": {"id": "https://stats.example/busan", "label": "Figures"},
        },
        {"type": "SpecificResource", "purpose": "linking", "source": "https://news.example/a"},
    ]
    content = accept(claim(article, bodies)).content
    assert content == AnnotationContent(
        kind=Kind.CLAIM,
        body="**Partly**.",
        claim_text="The summit changed nothing.",
        claimant="",
        claimant_leader=leader,
        claimant_type=ClaimantType.PERSON,
        verdict=Verdict.MOSTLY_ACCURATE,
        evidence=[
            Evidence(url="https://stats.example/busan", title="Figures"),
            Evidence(url="https://news.example/a"),
        ],
    )


def test_a_verdict_may_be_its_key_and_a_claimant_an_organisation_named_freely(article):
    creator = {"type": "Organization", "name": "The trade ministry"}
    content = accept(claim(article, [describing(creator=creator), classifying("false")])).content
    assert (content.verdict, content.claimant, content.claimant_leader) == (
        Verdict.FALSE,
        "The trade ministry",
        None,
    )
    assert content.claimant_type == ClaimantType.ORGANISATION


@pytest.mark.parametrize("kind", ["Group", ["Organization"], {"id": "Person"}])
def test_a_claimant_of_another_type_is_refused_by_its_field(article, kind):
    """A list as the type was a 500 (found by tests/protocol/test_protocol_fuzz.py)."""
    creator = {"type": kind, "name": "The trade ministry"}
    errors = refuse(claim(article, [describing(creator=creator), classifying()]))
    assert list(errors) == ["body[0].creator.type"]


def test_a_claimant_named_like_a_leader_is_that_leader_as_in_the_form(article):
    leader = leader_factory(name="Lee Jae-myung")
    creator = {"type": "Person", "name": "lee jae myung"}
    content = accept(claim(article, [describing(creator=creator), classifying()])).content
    assert (content.claimant_leader, content.claimant) == (leader, "")


def test_a_claimant_leader_with_a_role_keeps_the_role_as_written(article):
    leader = leader_factory(name="Lee Jae-myung")
    creator = {"id": f"{BASE}/leaders/{leader.slug}/", "name": "Lee, as party leader"}
    content = accept(claim(article, [describing(creator=creator), classifying()])).content
    assert (content.claimant_leader, content.claimant) == (leader, "Lee, as party leader")


@pytest.mark.parametrize(
    "bodies, path, words",
    [
        ([describing(creator={"name": "A minister"})], "body[classifying]", "Choose a verdict."),
        (
            [describing(creator={"name": "A minister"}), classifying("Sorta")],
            "body[1].value",
            "“Sorta” is not on the verdict scale",
        ),
        ([describing(), classifying()], "body[describing].creator", "Say who made the claim."),
        (
            [describing(value="", creator={"name": "A minister"}), classifying()],
            "body[0].value",
            "State the claim",
        ),
        (
            [describing(creator={"type": "Group", "name": "Them"}), classifying()],
            "body[0].creator.type",
            "Person or an Organization",
        ),
        (
            [describing(creator={"id": f"{BASE}/leaders/nobody/"}), classifying()],
            "body[0].creator.id",
            "not the page of a leader",
        ),
        (
            [
                describing(creator={"name": "x"}),
                classifying(),
                {"type": "TextualBody", "value": "note", "purpose": "commenting"},
            ],
            "body[2].purpose",
            "not taken here",
        ),
        (
            [
                describing(creator={"name": "x"}),
                classifying(),
                {"type": "TextualBody", "value": "note"},
            ],
            "body[2].purpose",
            "say their purpose",
        ),
        (
            [
                describing(creator={"name": "x"}),
                classifying(),
                {"type": "SpecificResource", "purpose": "linking", "source": "ftp://x.example/"},
            ],
            "body[2].source",
            "http or https",
        ),
        (
            [describing(creator={"name": "x"}), classifying(), classifying("False")],
            "body[classifying]",
            "one classifying body",
        ),
    ],
)
def test_a_claim_the_archive_cannot_keep_is_refused(article, bodies, path, words):
    errors = refuse(claim(article, bodies))
    assert paths(errors) == {path}, errors
    assert words in errors[path]


def test_a_claimant_name_several_leaders_share_is_refused_with_their_labels(article):
    leader_factory(name="Kim Min-jun")
    leader_factory(name="Kim Min-jun Park", aliases=["Kim Min-jun"])
    errors = refuse(claim(article, [describing(creator={"name": "Kim Min-jun"}), classifying()]))
    assert "More than one leader" in errors["body[0].creator.name"]


# --------------------------------------------------------------------------- replies


@pytest.fixture
def thread(article, author):
    return annotation_create(
        paragraph=article.paragraphs.get(position=1),
        author=author,
        content=AnnotationContent(body="A note."),
    )


def reply_to(iri, body="Agreed.") -> dict:
    return {
        "@context": CONTEXT,
        "type": "Annotation",
        "motivation": "replying",
        "body": {"type": "TextualBody", "value": body, "purpose": "replying"},
        "target": iri,
    }


def iri_of(annotation) -> str:
    return f"{BASE}/api/annotations/{annotation.article.slug}/{annotation.pk}"


def test_a_reply_targets_an_annotation_of_this_archive(thread):
    incoming = accept(reply_to(iri_of(thread)))
    assert incoming.parent == thread
    assert incoming.paragraph is None
    assert incoming.content == AnnotationContent(kind=Kind.NOTE, body="Agreed.")


def test_without_a_motivation_an_annotation_target_is_a_reply(thread):
    data = reply_to(iri_of(thread))
    del data["motivation"]
    assert accept(data).parent == thread


@pytest.mark.parametrize(
    "target, words",
    [
        (lambda t: f"{BASE}/api/annotations/{t.article.slug}/99999", "no annotation"),
        (lambda t: f"{BASE}/api/annotations/another-slug/{t.pk}", "no annotation"),
        (lambda t: f"{BASE}/articles/{t.article.slug}/#p1", "IRI of an annotation"),
        (lambda t: f"http://elsewhere.example/api/annotations/{t.article.slug}/{t.pk}", "host"),
    ],
)
def test_a_reply_to_no_annotation_here_is_refused(thread, target, words):
    errors = refuse(reply_to(target(thread)))
    assert paths(errors) == {"target"}
    assert words in errors["target"]


def test_a_reply_to_a_reply_is_refused(thread, author):
    answer = reply_create(parent=thread, author=author, body="First.")
    assert "one level deep" in refuse(reply_to(iri_of(answer)))["target"]


def test_a_reply_through_another_editorials_container_is_refused(thread):
    errors = refuse(reply_to(iri_of(thread)), article=article_factory())
    assert "replied to is on" in errors["target"]


def test_a_reply_over_its_limit_is_refused(thread):
    errors = refuse(reply_to(iri_of(thread), body="x" * 5001))
    assert "The reply is too long" in errors["body.value"]


# --------------------------------------------------------------- canonical and via


def test_the_id_sent_is_kept_as_via_and_canonical_as_sent(article):
    data = note(
        f"{page(article)}#p1",
        id="https://elsewhere.example/anno/7",
        canonical="urn:uuid:0a6b2a1e-94ad-4b86-a4a5-5f0a2c1c8f0e",
        via=["https://first.example/anno/1"],
    )
    incoming = accept(data)
    assert incoming.canonical == "urn:uuid:0a6b2a1e-94ad-4b86-a4a5-5f0a2c1c8f0e"
    assert incoming.via == ("https://first.example/anno/1", "https://elsewhere.example/anno/7")


def test_the_id_of_an_annotation_here_is_not_a_via(thread):
    data = note(f"{BASE}/articles/{thread.article.slug}/#p1", id=iri_of(thread))
    assert accept(data).via == ()


@pytest.mark.parametrize(
    "extra, path",
    [
        ({"canonical": "not an iri"}, "canonical"),
        ({"via": [5]}, "via[0]"),
        ({"id": 3}, "id"),
        # urlsplit() raises on an unclosed IPv6 bracket: refused, not a 500.
        ({"id": "http://[anno/1"}, "id"),
    ],
)
def test_a_canonical_or_via_that_is_no_iri_is_refused(article, extra, path):
    assert paths(refuse(note(f"{page(article)}#p1", **extra))) == {path}


# ------------------------------------------------------------------------ round trip


def as_exported(annotation) -> dict:
    return annotation_to_w3c(Annotation.objects.with_details().get(pk=annotation.pk), base_url=BASE)


@pytest.mark.parametrize(
    "quote, start",
    [("the talks", TEXT_2.rindex("the talks")), ("Seoul", 0), ("go further.", None), ("", None)],
)
def test_a_note_as_exported_comes_back_as_it_is(article, author, quote, start):
    note_ = annotation_create(
        paragraph=article.paragraphs.get(position=2),
        author=author,
        content=AnnotationContent(body="A *note*."),
        quote_exact=quote,
        quote_start=start,
    )
    incoming = accept(as_exported(note_), article=article)
    assert incoming.paragraph == note_.paragraph
    assert (incoming.quote_exact, incoming.quote_start) == (note_.quote_exact, note_.quote_start)
    assert incoming.content == AnnotationContent(body="A *note*.")
    assert incoming.via == ()


@pytest.mark.parametrize("with_leader", [True, False])
def test_a_claim_as_exported_comes_back_as_it_is(article, author, with_leader):
    content = AnnotationContent(
        kind=Kind.CLAIM,
        body="Trade grew, but **security** talks stalled.",
        claim_text="Café owners saw no change.",
        claimant="" if with_leader else "The Busan chamber of commerce",
        claimant_leader=leader_factory(name="Park Heong-joon") if with_leader else None,
        claimant_type=ClaimantType.PERSON if with_leader else ClaimantType.ORGANISATION,
        verdict=Verdict.MISLEADING,
        evidence=(Evidence(url="https://stats.example/busan", title="Figures"),),
    )
    claim_ = annotation_create(
        paragraph=article.paragraphs.get(position=3),
        author=author,
        content=content,
        quote_exact="Café owners",
    )
    incoming = accept(as_exported(claim_))
    assert incoming.content == AnnotationContent(
        **{
            **content.__dict__,
            "evidence": [Evidence(url="https://stats.example/busan", title="Figures")],
        }
    )
    assert (incoming.quote_exact, incoming.quote_start) == ("Café owners", 0)


def test_a_reply_as_exported_comes_back_as_it_is(thread, author):
    answer = reply_create(parent=thread, author=author, body="Agreed, *mostly*.")
    incoming = accept(as_exported(answer))
    assert incoming.parent == thread
    assert incoming.content.body == "Agreed, *mostly*."


def test_every_exported_selector_alternative_is_accepted_alone(article, author):
    note_ = annotation_create(
        paragraph=article.paragraphs.get(position=2),
        author=author,
        content=AnnotationContent(body="On the second talks."),
        quote_exact="the talks",
        quote_start=TEXT_2.rindex("the talks"),
    )
    exported = as_exported(note_)
    alternatives = exported["target"]["selector"]
    assert isinstance(alternatives, list) and len(alternatives) == 3
    for alternative in alternatives:
        alone = copy.deepcopy(exported)
        alone["target"]["selector"] = alternative
        incoming = accept(alone)
        assert (incoming.paragraph, incoming.quote_exact) == (note_.paragraph, "the talks")
        assert incoming.quote_start == note_.quote_start
