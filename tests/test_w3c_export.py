"""Annotations of every shape export as W3C Web Annotations that pass the W3C's own suite.

The suite's JSON Schema assertions (tests/w3c_schemas, copied from the W3C Web Annotation
tests) are run as the suite runs them: draft 4, `$ref`s between its definition files, and
the `uri` and `date-time` formats checked.
"""

import copy
import json
from datetime import UTC
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from annotations.models import Annotation, EvidenceLink, Kind, Status
from annotations.services import AnnotationContent, annotation_create, reply_create
from annotations.verdicts import Verdict
from annotations.w3c import ANNOTATION_CONTEXT, annotation_collection, annotation_to_w3c
from articles.models import Paragraph
from people.services import profile_update
from tests.factories import article_factory, leader_factory, user_factory

pytestmark = pytest.mark.django_db

SUITE = Path(__file__).parent / "w3c_schemas"
BASE_URL = "https://archive.example"
REGISTRY = Registry().with_resources(
    (path.name, Resource(json.loads(path.read_text()), specification=DRAFT4))
    for path in (SUITE / "definitions").glob("*.json")
)
# Code points and UTF-16 units part ways after the flags (each two astral code points).
TEXT = (
    "Seoul 🇰🇷 and Tokyo 🇯🇵 agreed that pragmatic diplomacy serves both capitals, "
    "whatever the “history question” still costs them."
)
QUOTE = "pragmatic diplomacy"


def listed(test_file: str) -> list[str]:
    """The assertion files a suite .test file names."""
    return json.loads((SUITE / test_file).read_text())["assertions"]


ANNOTATION_MUSTS = listed("annotations/annotationMusts.test")
COLLECTION_MUSTS = listed("collections/collectionMusts.test")
PAGE_MUSTS = listed("collections/pages/pageMusts.test")

# Optional assertions that every exported annotation implements.
COMMON_OPTIONALS = [
    "annotations/3.3.1-annotationCreatedImplemented.json",
    "annotations/3.3.1-annotationModifiedImplemented.json",
    "annotations/3.3.1-annotationCreatorImplemented.json",
    "annotations/3.3.1-annotationSingleCreatorImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentIdImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentTypeImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentNicknameImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentNameImplemented.json",
    "annotations/3.3.2-annotationCreatorAgentSingleNameImplemented.json",
    "annotations/3.3.1-annotationGeneratorImplemented.json",
    "annotations/3.3.2-annotationGeneratorAgentIdImplemented.json",
    "annotations/3.3.2-annotationGeneratorAgentTypeImplemented.json",
    "annotations/3.3.2-annotationGeneratorAgentNameImplemented.json",
    "annotations/3.3.2-annotationGeneratorAgentHomepageImplemented.json",
    "annotations/3.3.5-annotationMotivationImplemented.json",
    "annotations/3.3.5-annotationSingleMotivationImplemented.json",
    "annotations/3.1-bodyKeyFound.json",
    "annotations/bodiesTargets/3.2.4-bodyETB.json",
    "annotations/bodiesTargets/3.2.4-bodyETBTypeTextualBody.json",
    "annotations/bodiesTargets/3.2.1-bodyFormat.json",
    "annotations/bodiesTargets/3.2.1-bodySingleFormat.json",
    "annotations/bodiesTargets/3.2.1-bodyLanguage.json",
    "annotations/bodiesTargets/3.2.1-bodySingleLanguage.json",
    "annotations/bodiesTargets/3.3.5-bodyPurpose.json",
]
SPECIFIC_TARGET = [
    "annotations/bodiesTargets/4-targSpecificResource.json",
    "annotations/specificResource/4.2-selectorFound.json",
]
PARAGRAPH_TARGET = [
    *SPECIFIC_TARGET,
    "annotations/specificResource/4.2.1-fragmentSelector.json",
    "annotations/specificResource/4.2.1-conformsTo.json",
]
QUOTE_SELECTOR = [
    "annotations/specificResource/4.2.4-textQuoteSelector.json",
    "annotations/specificResource/4.2.4-prefix.json",
    "annotations/specificResource/4.2.4-suffix.json",
]
REFINED_BY = "annotations/specificResource/4.3.3-refinedBy.json"
EVIDENCE_BODY = "annotations/bodiesTargets/4-bodySpecificResource.json"
POSITION_SELECTOR = "annotations/specificResource/4.2.5-textPositionSelector.json"
COLLECTION_OPTIONALS = [
    "collections/5.1-collectionLabelImplemented.json",
    "collections/5.1-collectionTotalImplemented.json",
    "collections/5.1-collectionFirstImplemented.json",
    "collections/5.1-collectionLastImplemented.json",
    "collections/pages/5.2-pageStartIndexImplemented.json",
]


@cache
def assertion(path: str) -> tuple[Draft4Validator, bool]:
    """The validator of a suite assertion file and whether it expects a valid document."""
    schema = json.loads((SUITE / path).read_text())
    validator = Draft4Validator(
        schema, registry=REGISTRY, format_checker=Draft4Validator.FORMAT_CHECKER
    )
    return validator, schema["expectedResult"] == "valid"


def failed(assertions: list[str], document: dict) -> list[str]:
    """The assertions (suite paths) that the document does not meet."""
    result = []
    for path in assertions:
        validator, expect_valid = assertion(path)
        if validator.is_valid(document) != expect_valid:
            result.append(path)
    return result


# ---------------------------------------------------------------------------- the shapes


@pytest.fixture
def world():
    author = user_factory("editor", username="ada.editor", first_name="Ada", last_name="Byline")
    article = article_factory(paragraphs=3)
    Paragraph.objects.filter(article=article, position=2).update(text=TEXT)
    return {
        "author": author,
        "article": article,
        "paragraphs": {p.position: p for p in article.paragraphs.all()},
    }


def quote_fields(text: str, exact: str) -> dict:
    start = text.index(exact)
    end = start + len(exact)
    return {
        "quote_exact": exact,
        "quote_prefix": text[max(0, start - 32) : start],
        "quote_suffix": text[end : end + 32],
        "quote_start": start,
        "quote_end": end,
    }


def annotate(world, *, position: int | None, **fields) -> Annotation:
    paragraph = world["paragraphs"][position] if position else None
    fields.setdefault("original_position", position)
    return Annotation.objects.create(
        article=world["article"], paragraph=paragraph, author=world["author"], **fields
    )


def quoted_note(world):
    return annotate(world, position=2, body="A *Markdown* note.", **quote_fields(TEXT, QUOTE))


def paragraph_note(world):
    return annotate(world, position=1, body="On the whole paragraph.")


def claim(world):
    annotation = annotate(
        world,
        position=2,
        kind=Kind.CLAIM,
        claim_text="Pragmatic diplomacy serves both capitals.",
        claimant_leader=leader_factory(name="Lee Jae-myung"),
        verdict=Verdict.MISLEADING,
        body="Trade grew, but **security** talks stalled.",
        **quote_fields(TEXT, QUOTE),
    )
    EvidenceLink.objects.create(
        annotation=annotation, url="https://ko.example/통계/2025", title="Trade figures"
    )
    EvidenceLink.objects.create(annotation=annotation, url="https://example.org/talks", position=2)
    return annotation


def claim_without_explanation(world):
    return annotate(
        world,
        position=3,
        kind=Kind.CLAIM,
        claim_text="The summit will change everything.",
        claimant="A minister",
        verdict=Verdict.OPINION,
    )


def reply(world):
    return annotate(world, position=2, parent=quoted_note(world), body="Agreed.")


def orphaned_quote(world):
    fields = quote_fields(TEXT, QUOTE)
    return annotate(world, position=None, original_position=2, body="Lost its words.", **fields)


def orphaned_paragraph_note(world):
    return annotate(world, position=None, original_position=3, body="Lost its paragraph.")


def hidden_note(world):
    return annotate(
        world,
        position=2,
        body="Off topic.",
        status=Status.HIDDEN,
        moderation_reason="Spam from a sock puppet",
        **quote_fields(TEXT, QUOTE),
    )


# shape: (builder, the optional assertions beyond COMMON_OPTIONALS it implements)
SHAPES = {
    "quoted-note": (quoted_note, [*PARAGRAPH_TARGET, REFINED_BY, *QUOTE_SELECTOR]),
    "paragraph-note": (paragraph_note, PARAGRAPH_TARGET),
    "claim": (claim, [*PARAGRAPH_TARGET, REFINED_BY, *QUOTE_SELECTOR, EVIDENCE_BODY]),
    "claim-without-explanation": (claim_without_explanation, PARAGRAPH_TARGET),
    "reply": (reply, []),
    "orphaned-quote": (orphaned_quote, [*SPECIFIC_TARGET, *QUOTE_SELECTOR]),
    "orphaned-paragraph-note": (orphaned_paragraph_note, []),
    "hidden-note": (hidden_note, [*PARAGRAPH_TARGET, REFINED_BY, *QUOTE_SELECTOR]),
}
CLAIMED_OPTIONALS = sorted(
    {*COMMON_OPTIONALS, *(path for _, extra in SHAPES.values() for path in extra)}
)


def export(annotation: Annotation) -> dict:
    """The export of the annotation as the API loads it."""
    fetched = Annotation.objects.with_details().get(pk=annotation.pk)
    return annotation_to_w3c(fetched, base_url=BASE_URL)


def exported(world, shape: str) -> dict:
    return export(SHAPES[shape][0](world))


# ---------------------------------------------------------------- the suite's assertions


def test_the_validator_checks_uri_and_date_time_formats():
    """Without these checkers jsonschema skips `format`, and ids and dates go unchecked."""
    checkers = Draft4Validator.FORMAT_CHECKER.checkers
    assert {"uri", "date-time"} <= set(checkers), (
        "install rfc3986-validator and rfc3339-validator (jsonschema's format extras)"
    )


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_meets_every_must_assertion(world, shape):
    assert failed(ANNOTATION_MUSTS, exported(world, shape)) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_implements_its_optional_assertions(world, shape):
    _, extra = SHAPES[shape]
    assert failed([*COMMON_OPTIONALS, *extra], exported(world, shape)) == []


def test_a_bare_annotation_meets_the_musts_but_none_of_the_optionals(world):
    """So passing an optional assertion above means the feature is there."""
    bare = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{BASE_URL}/api/annotations/1/",
        "type": "Annotation",
        "target": f"{BASE_URL}/articles/an-editorial/",
    }
    assert failed(ANNOTATION_MUSTS, bare) == []
    assert failed(CLAIMED_OPTIONALS, bare) == CLAIMED_OPTIONALS


def break_id(document):
    document["id"] = "/api/annotations/1/"


def break_created(document):
    document["created"] = "12 January 2026, 18:32"


def break_context(document):
    document["@context"] = "https://schema.org"


def add_body_value(document):
    document["bodyValue"] = "A second, plain body."


def drop_target(document):
    del document["target"]


def negative_offset(document):
    document["target"]["selector"][1]["refinedBy"]["start"] = -1


def evidence_as_web_resource(document):
    """The reason evidence is a SpecificResource: a bare web resource may carry no purpose."""
    evidence = document["body"][-1]
    document["body"][-1] = {"id": evidence["source"]["id"], "purpose": "linking"}


def quote_without_exact(document):
    document["target"] = {
        "type": "SpecificResource",
        "source": document["target"]["source"],
        "selector": {"type": "TextQuoteSelector", "prefix": "that "},
    }


BREAKAGES = {
    break_id: "annotations/3.1-annotationIdValidated.json",
    break_created: "annotations/3.3.1-annotationCreatedValidated.json",
    break_context: "annotations/3.1-annotationContextValidated.json",
    add_body_value: "annotations/3.2.5-notBodyBodyValue.json",
    drop_target: "annotations/3.1-targetKeyFound.json",
    negative_offset: "annotations/specificResource/4.3.3-refinedByValidated.json",
    evidence_as_web_resource: "annotations/bodiesTargets/3.3.5-bodyEWRNoPurpose.json",
    quote_without_exact: "annotations/specificResource/4.2.4-textQuoteSelectorValid.json",
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda breakage: breakage.__name__)
def test_a_broken_export_fails_the_must_assertion_it_breaks(world, breakage):
    document = exported(world, "claim")
    assert failed(ANNOTATION_MUSTS, document) == []
    broken = copy.deepcopy(document)
    breakage(broken)
    assert BREAKAGES[breakage] in failed(ANNOTATION_MUSTS, broken)


@pytest.mark.parametrize("shape", ["quoted-note", "claim"])
def test_the_refinements_pass_the_suite_selector_assertions_on_the_paragraph(world, shape):
    """The suite looks for quote and position selectors only at the top level; applied to
    the paragraph itself (its fragment IRI), the refinements pass those assertions."""
    document = exported(world, shape)
    target = document["target"]
    fragments = [s for s in target["selector"] if s["type"] == "FragmentSelector"]
    on_paragraph = {
        **document,
        "target": {
            "type": "SpecificResource",
            "source": f"{target['source']}#{fragments[0]['value']}",
            "selector": [fragment["refinedBy"] for fragment in fragments],
        },
    }
    assert failed([*QUOTE_SELECTOR, POSITION_SELECTOR], on_paragraph) == []
    assert failed(ANNOTATION_MUSTS, on_paragraph) == []


# -------------------------------------------------------------------------- the mapping


def test_motivation_follows_the_kind(world):
    assert exported(world, "quoted-note")["motivation"] == "commenting"
    assert exported(world, "claim")["motivation"] == "assessing"
    assert exported(world, "reply")["motivation"] == "replying"


def test_identity_times_creator_and_generator(world):
    annotation = quoted_note(world)
    document = export(annotation)
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert document["id"] == f"{BASE_URL}/api/annotations/{world['article'].slug}/{annotation.pk}"
    assert document["type"] == "Annotation"
    assert document["created"] == annotation.created_at.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert document["modified"].endswith("Z")
    assert document["creator"] == {
        "id": f"{BASE_URL}/annotations/?author={annotation.author.pk}",
        "type": "Person",
        "nickname": "Ada Byline",
        "name": "Ada Byline",
    }
    assert document["generator"]["type"] == "Software"
    assert document["generator"]["name"] == "Editorial Archive"
    assert document["generator"]["homepage"] == f"{BASE_URL}/"


def test_a_creator_without_a_full_name_is_named_by_account_number_not_login(world):
    world["author"] = user_factory("editor", username="anon.editor")
    document = exported(world, "paragraph-note")
    assert document["creator"]["name"] == f"Editor {world['author'].pk}"
    assert "anon.editor" not in json.dumps(document)


def test_a_creator_goes_by_the_display_name_they_chose(world):
    profile_update(user=world["author"], display_name="A. Byline, Seoul desk")
    document = exported(world, "paragraph-note")
    assert document["creator"]["name"] == "A. Byline, Seoul desk"
    assert "ada.editor" not in json.dumps(document)


def test_a_note_body_is_its_markdown_source(world):
    assert exported(world, "quoted-note")["body"] == [
        {
            "type": "TextualBody",
            "value": "A *Markdown* note.",
            "format": "text/markdown",
            "language": "en",
            "purpose": "commenting",
        }
    ]


def test_a_quoted_target_is_a_list_of_alternatives_each_refined_once(world):
    """Apache Annotator's makeRefinable takes one refinedBy; each alternative has one."""
    document = exported(world, "quoted-note")
    target = document["target"]
    assert target["type"] == "SpecificResource"
    assert target["source"] == f"{BASE_URL}{world['article'].get_absolute_url()}"
    by_quote, by_position, on_page = target["selector"]
    fragment = {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": "p2",
    }
    assert {k: v for k, v in by_quote.items() if k != "refinedBy"} == fragment
    assert {k: v for k, v in by_position.items() if k != "refinedBy"} == fragment
    quote = by_quote["refinedBy"]
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == QUOTE
    assert TEXT.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
    position = by_position["refinedBy"]
    assert position["type"] == "TextPositionSelector"
    assert TEXT[position["start"] : position["end"]] == QUOTE
    # Counted in code points; UTF-16 units (what JavaScript counts) would land later.
    utf16_start = len(TEXT[: position["start"]].encode("utf-16-le")) // 2
    assert position["start"] < utf16_start
    # For clients that do not refine: the same quote on the whole page.
    assert on_page == quote


def test_no_paragraph_offsets_stand_at_the_top_level_of_a_target(world):
    """Hypothesis reads a top-level TextPositionSelector as offsets in the whole page."""
    for shape in SHAPES:
        target = exported(world, shape)["target"]
        selectors = target.get("selector", []) if isinstance(target, dict) else []
        selectors = selectors if isinstance(selectors, list) else [selectors]
        assert "TextPositionSelector" not in [selector["type"] for selector in selectors]


def test_a_quote_without_offsets_has_no_position_alternative(world):
    annotation = quoted_note(world)
    Annotation.objects.filter(pk=annotation.pk).update(quote_start=None, quote_end=None)
    by_quote, on_page = export(annotation)["target"]["selector"]
    assert by_quote["refinedBy"] == on_page


def test_a_whole_paragraph_target_is_the_fragment_alone(world):
    assert exported(world, "paragraph-note")["target"]["selector"] == {
        "type": "FragmentSelector",
        "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
        "value": "p1",
    }


def test_an_orphan_targets_the_article_by_its_original_quote(world):
    target = exported(world, "orphaned-quote")["target"]
    assert target["source"] == f"{BASE_URL}{world['article'].get_absolute_url()}"
    assert target["selector"] == {
        "type": "TextQuoteSelector",
        "exact": QUOTE,
        "prefix": quote_fields(TEXT, QUOTE)["quote_prefix"],
        "suffix": quote_fields(TEXT, QUOTE)["quote_suffix"],
    }


def test_an_orphan_without_a_quote_targets_the_article(world):
    target = exported(world, "orphaned-paragraph-note")["target"]
    assert target == f"{BASE_URL}{world['article'].get_absolute_url()}"


def test_a_reply_targets_the_annotation_it_answers(world):
    answer = reply(world)
    document = export(answer)
    assert document["target"] == (
        f"{BASE_URL}/api/annotations/{world['article'].slug}/{answer.parent_id}"
    )
    assert document["body"][0]["purpose"] == "replying"


def test_claim_bodies_describe_classify_assess_and_link(world):
    bodies = exported(world, "claim")["body"]
    assert [(body["type"], body["purpose"]) for body in bodies] == [
        ("TextualBody", "describing"),
        ("TextualBody", "classifying"),
        ("TextualBody", "assessing"),
        ("SpecificResource", "linking"),
        ("SpecificResource", "linking"),
    ]
    described, classified, assessed, figures, talks = bodies
    assert described["value"] == "Pragmatic diplomacy serves both capitals."
    assert classified["value"] == "Misleading"
    assert assessed["value"] == "Trade grew, but **security** talks stalled."
    assert assessed["format"] == "text/markdown"
    # Non-ASCII addresses become URIs; a title travels as the linked page's label.
    assert figures["source"] == {
        "id": "https://ko.example/%ED%86%B5%EA%B3%84/2025",
        "label": "Trade figures",
    }
    assert talks["source"] == {"id": "https://example.org/talks"}


def test_a_claim_without_explanation_has_no_assessing_body(world):
    bodies = exported(world, "claim-without-explanation")["body"]
    assert [body["purpose"] for body in bodies] == ["describing", "classifying"]
    assert bodies[1]["value"] == "Opinion"


def test_a_hidden_annotation_exports_nothing_about_its_moderation(world):
    hidden = exported(world, "hidden-note")
    visible = exported(world, "quoted-note")
    assert hidden.keys() == visible.keys()
    assert "sock puppet" not in json.dumps(hidden)
    assert "hidden" not in json.dumps(hidden).lower()


# ------------------------------------------------------------------------ the collection


def collection_of(world, annotations) -> dict:
    fetched = Annotation.objects.with_details().filter(pk__in=[a.pk for a in annotations])
    return annotation_collection(world["article"], list(fetched), base_url=BASE_URL)


def test_a_collection_meets_the_collection_and_page_musts_and_optionals(world):
    annotations = [build(world) for build, _ in SHAPES.values()]
    collection = collection_of(world, annotations)
    assert failed([*COLLECTION_MUSTS, *PAGE_MUSTS, *COLLECTION_OPTIONALS], collection) == []


def test_a_collection_embeds_one_page_of_the_annotations(world):
    annotations = [quoted_note(world), claim(world)]
    collection = collection_of(world, annotations)
    collection_id = f"{BASE_URL}/api/annotations/{world['article'].slug}/"
    assert collection["id"] == collection_id
    assert collection["type"] == "AnnotationCollection"
    assert world["article"].title in collection["label"]
    assert collection["total"] == 2
    page = collection["first"]
    assert page["type"] == "AnnotationPage"
    assert page["startIndex"] == 0
    assert collection["last"] == page["id"]
    assert page["items"] == [
        {key: value for key, value in export(a).items() if key != "@context"} for a in annotations
    ]
    for item in page["items"]:
        document = {"@context": collection["@context"], **item}
        assert failed(ANNOTATION_MUSTS, document) == []


def test_an_empty_collection_has_no_page(world):
    collection = collection_of(world, [])
    assert collection["total"] == 0
    assert "first" not in collection
    assert failed(COLLECTION_MUSTS, collection) == []


def test_a_broken_collection_fails_the_must_it_breaks(world):
    collection = collection_of(world, [quoted_note(world)])
    collection["total"] = -1
    collection["first"]["items"].append({"type": "Comment"})
    assert failed([*COLLECTION_MUSTS, *PAGE_MUSTS], collection) == [
        "collections/5.1-collectionTotalValidated.json",
        "collections/pages/5.2-pageItemsValidated.json",
    ]


# --------------------------------------------------- robust to an old copy of the context

OA = "http://www.w3.org/ns/oa#"
# The motivations an anno.jsonld older than 2021 defines (w3c/web-annotation#444): it still
# had "reviewing", renamed "assessing" in the model, and no "assessing".
OLD_COPY_MOTIVATIONS = {
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "reviewing",
    "tagging",
}


def expanded_with_old_copy(term: str, context) -> str | None:
    """The IRI a consumer holding the old copy of the anno context reads for a motivation or
    purpose (both are @vocab-typed there): the last context that defines the term wins."""
    iri = None
    for item in context if isinstance(context, list) else [context]:
        if item == ANNOTATION_CONTEXT and term in OLD_COPY_MOTIVATIONS:
            iri = OA + term
        elif isinstance(item, dict) and term in item:
            iri = item[term]
    return iri


def test_an_old_copy_of_the_context_alone_misreads_assessing():
    """The problem the context's extra term solves."""
    assert expanded_with_old_copy("assessing", ANNOTATION_CONTEXT) is None


@pytest.mark.parametrize("shape", SHAPES)
def test_every_motivation_and_purpose_reads_right_with_an_old_copy_of_the_context(world, shape):
    document = exported(world, shape)
    terms = [document["motivation"], *(body["purpose"] for body in document.get("body", []))]
    for term in terms:
        assert expanded_with_old_copy(term, document["@context"]) == OA + term


def test_the_context_adds_nothing_but_assessing_after_the_anno_context(world):
    """A current copy defines assessing as oa:assessing too, so nothing is redefined."""
    context = exported(world, "claim")["@context"]
    assert context == [ANNOTATION_CONTEXT, {"assessing": "http://www.w3.org/ns/oa#assessing"}]


def test_a_collection_carries_the_same_context_for_its_items(world):
    claimed = claim(world)
    assert collection_of(world, [claimed])["@context"] == export(claimed)["@context"]


# ----------------------------------------------------------------- claimant, canonical, via


def test_a_claimant_leader_is_the_creator_of_the_claim_as_stated(world):
    described = exported(world, "claim")["body"][0]
    leader = Annotation.objects.get(kind=Kind.CLAIM).claimant_leader
    assert described["purpose"] == "describing"
    assert described["creator"] == {
        "type": "Person",
        "id": f"{BASE_URL}/leaders/{leader.slug}/",
        "name": "Lee Jae-myung",
    }


def test_a_claimant_named_freely_is_named_as_written_and_typed_as_chosen(world):
    annotation = claim_without_explanation(world)
    Annotation.objects.filter(pk=annotation.pk).update(
        claimant="The finance ministry", claimant_type="organisation"
    )
    assert export(annotation)["body"][0]["creator"] == {
        "type": "Organization",
        "name": "The finance ministry",
    }


def test_canonical_and_via_a_client_sent_are_exported(world):
    paragraph = world["paragraphs"][1]
    kept = annotation_create(
        paragraph=paragraph,
        author=world["author"],
        content=AnnotationContent(body="From elsewhere."),
        canonical="urn:uuid:0a6b2a1e-94ad-4b86-a4a5-5f0a2c1c8f0e",
        via=["https://elsewhere.example/anno/7"],
    )
    answer = reply_create(
        parent=kept,
        author=world["author"],
        body="Re.",
        via=["https://elsewhere.example/anno/8"],
    )
    document = export(kept)
    assert document["canonical"] == "urn:uuid:0a6b2a1e-94ad-4b86-a4a5-5f0a2c1c8f0e"
    assert document["via"] == ["https://elsewhere.example/anno/7"]
    assert failed(ANNOTATION_MUSTS, document) == []
    assert export(answer)["via"] == ["https://elsewhere.example/anno/8"]
    assert "canonical" not in export(answer)


def test_an_annotation_written_here_has_no_canonical_or_via(world):
    document = exported(world, "quoted-note")
    assert "canonical" not in document and "via" not in document
