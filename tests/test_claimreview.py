"""Claims publish as schema.org ClaimReview, and the JSON-LD script on a page stays closed."""

import json

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from annotations.claimreview import claim_review
from annotations.models import Annotation, Kind
from annotations.verdicts import Verdict
from tests.factories import article_factory, leader_factory, user_factory

pytestmark = pytest.mark.django_db

# The published scale as readers see it on the verdicts page: 5 best, 1 worst, or unrated.
RATINGS = {
    Verdict.ACCURATE: 5,
    Verdict.MOSTLY_ACCURATE: 4,
    Verdict.MIXED: 3,
    Verdict.MISLEADING: 2,
    Verdict.FALSE: 1,
    Verdict.UNVERIFIABLE: None,
    Verdict.OPINION: None,
}


@pytest.fixture
def request_():
    return RequestFactory().get("/")


@pytest.fixture
def article():
    return article_factory(paragraphs=3, publication="The Financial News")


def make_claim(article, **fields) -> Annotation:
    fields = {
        "kind": Kind.CLAIM,
        "claim_text": "Exports to Japan doubled last year.",
        "claimant": "A trade minister",
        "verdict": Verdict.FALSE,
        "body": "They rose by a tenth.",
        **fields,
    }
    position = fields.pop("position", 2)
    annotation = Annotation.objects.create(
        article=article,
        paragraph=article.paragraphs.get(position=position) if position else None,
        original_position=2,
        author=user_factory("editor"),
        **fields,
    )
    return Annotation.objects.with_details().get(pk=annotation.pk)


def test_a_review_names_the_claim_the_archive_and_its_own_page(article, request_):
    claim = make_claim(article)
    review = claim_review(claim, request_)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"http://testserver/annotations/{claim.pk}/"
    assert review["claimReviewed"] == "Exports to Japan doubled last year."
    assert review["datePublished"] == timezone.localdate(claim.created_at).isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": "Editorial Archive",
        "url": "http://testserver/",
    }


@pytest.mark.parametrize("verdict", list(Verdict), ids=str)
def test_each_verdict_rates_on_the_published_scale(article, request_, verdict):
    rating = claim_review(make_claim(article, verdict=verdict), request_)["reviewRating"]
    if RATINGS[verdict] is None:
        assert rating == {"@type": "Rating", "alternateName": verdict.label}
    else:
        assert rating == {
            "@type": "Rating",
            "alternateName": verdict.label,
            "ratingValue": RATINGS[verdict],
            "bestRating": 5,
            "worstRating": 1,
        }


def test_a_leader_claimant_is_named_and_linked_to_their_page(article, request_):
    leader = leader_factory(name="Lee Jae-myung")
    claim = make_claim(article, claimant="", claimant_leader=leader)
    author = claim_review(claim, request_)["itemReviewed"]["author"]
    assert author == {
        "@type": "Person",
        "name": "Lee Jae-myung",
        "sameAs": f"http://testserver/leaders/{leader.slug}/",
    }


def test_a_free_text_claimant_is_named_as_written(article, request_):
    author = claim_review(make_claim(article), request_)["itemReviewed"]["author"]
    assert author == {"@type": "Person", "name": "A trade minister"}


def test_the_claim_appears_in_its_paragraph_of_the_editorial(article, request_):
    item = claim_review(make_claim(article), request_)["itemReviewed"]
    published = timezone.localtime(article.published_at).isoformat()
    assert item["@type"] == "Claim"
    assert item["datePublished"] == published
    assert item["appearance"] == {
        "@type": "OpinionNewsArticle",
        "url": f"http://testserver/articles/{article.slug}/#p2",
        "headline": article.title,
        "datePublished": published,
        "publisher": {"@type": "Organization", "name": "The Financial News"},
    }
    assert published.endswith("+09:00")


def test_an_orphaned_claim_appears_in_the_editorial_as_a_whole(article, request_):
    appearance = claim_review(make_claim(article, position=None), request_)["itemReviewed"][
        "appearance"
    ]
    assert appearance["url"] == f"http://testserver/articles/{article.slug}/"


def test_the_review_body_is_the_explanation_as_plain_text(article, request_):
    body = "Exports **rose** by [a tenth](https://example.org/stats), R&D _too_.\n\nSee `table 3`."
    review = claim_review(make_claim(article, body=body), request_)
    assert review["reviewBody"] == "Exports rose by a tenth, R&D too. See table 3."


def test_a_long_explanation_is_cut_at_a_word_near_300_characters(article, request_):
    body = " ".join(f"word{number}" for number in range(200))
    summary = claim_review(make_claim(article, body=body), request_)["reviewBody"]
    assert 250 < len(summary) <= 301
    assert summary.endswith("…")
    assert summary[:-1].split()[-1] in body.split()


def test_a_claim_without_explanation_has_no_review_body(article, request_):
    assert "reviewBody" not in claim_review(make_claim(article, body=""), request_)


def test_the_review_is_json_serialisable(article, request_):
    leader = leader_factory(name="Takaichi Sanae")
    review = claim_review(make_claim(article, claimant_leader=leader), request_)
    assert json.loads(json.dumps(review)) == review


def test_a_note_has_no_claim_review(article, request_):
    note = make_claim(article, kind=Kind.NOTE, claim_text="", verdict="")
    with pytest.raises(ValueError, match="not a claim"):
        claim_review(note, request_)


def render_filter(value, request) -> str:
    template = Template("{% load annotation_format %}{{ a|claim_reviews_json_ld:request }}")
    return template.render(Context({"a": value, "request": request}))


def test_a_claim_cannot_close_the_json_ld_script(article, request_):
    hostile = 'He said "</script><script>alert(1)</script>" & left <!-- a comment'
    claim = make_claim(article, claim_text=hostile, body="<b>bold</b> </SCRIPT>")
    html = render_filter(claim, request_)
    assert html.startswith('<script type="application/ld+json">')
    assert html.lower().count("</script") == 1
    assert html.endswith("</script>")
    assert "<!--" not in html
    data = json.loads(html.removeprefix('<script type="application/ld+json">')[: -len("</script>")])
    assert data["claimReviewed"] == hostile


def test_several_claims_make_one_script_with_a_list(article, request_):
    claims = [make_claim(article), make_claim(article, verdict=Verdict.ACCURATE)]
    html = render_filter(claims, request_)
    data = json.loads(html.split(">", 1)[1].rsplit("<", 1)[0])
    assert [review["reviewRating"]["alternateName"] for review in data] == ["False", "Accurate"]
