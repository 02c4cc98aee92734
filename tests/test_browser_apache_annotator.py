"""Apache Annotator (@apache-annotator/dom from npm, tests/js) applies every selector the
archive exports, as written, on the editorial page in a real Chromium: each alternative finds
the quoted words in their paragraph, refinement included, and so does the page-level quote."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from annotations.models import Kind
from annotations.services import AnnotationContent, annotation_create, reply_create
from annotations.verdicts import Verdict
from tests.factories import article_factory, user_factory

pytestmark = [pytest.mark.browser]

JS = Path(__file__).parent / "js"
# Repeated words; astral code points (flags) before and inside quotes; non-ASCII letters.
TEXTS = {
    2: "Seoul 🇰🇷 hopes the talks go well; Tokyo 🇯🇵 hopes the talks go further.",
    3: "Café owners in Busan said the summit changed nothing, and nothing changed.",
}
# (paragraph, quote, which occurrence): at paragraph starts and ends, repeats, astral text.
QUOTES = [
    (2, "the talks", 0),
    (2, "the talks", 1),
    (2, "Seoul", 0),
    (2, "go further.", 0),
    (2, "🇯🇵 hopes the talks", 0),
    (3, "Café owners", 0),
    (3, "nothing", 1),
    (3, "nothing changed.", 0),
]

APPLY = """async (target) => {
  const selectors = Array.isArray(target.selector) ? target.selector : [target.selector];
  const results = [];
  for (const selector of selectors) {
    const matches = [];
    for await (const match of ApacheAnnotator.createMatcher(selector)(document)) {
      const node = match instanceof Range ? match.startContainer : match;
      const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      matches.push({
        text: match instanceof Range ? match.toString() : null,
        element: match instanceof Range ? null : match.id,
        paragraph: element.closest("p.para")?.id ?? null,
      });
    }
    results.push({ selector, matches });
  }
  return results;
}"""


@pytest.fixture(scope="session")
def apache_annotator(tmp_path_factory) -> str:
    """Apache Annotator bundled for the page (its package is ESM with bare imports)."""
    esbuild = JS / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        # As for Chromium (tests/conftest.py): an error where browser tests are required.
        missing = "Apache Annotator is not installed: run `make test-js` (npm ci in tests/js)"
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(missing)
        pytest.skip(missing + "; set BROWSER_TESTS=required to make this an error")
    bundle = tmp_path_factory.mktemp("js") / "apache-annotator.js"
    subprocess.run(
        [
            str(esbuild),
            str(JS / "apache_annotator.mjs"),
            "--bundle",
            "--format=iife",
            "--global-name=ApacheAnnotator",
            f"--outfile={bundle}",
            "--log-level=warning",
        ],
        check=True,
    )
    return bundle.read_text()


@pytest.fixture
def annotated(transactional_db):
    """An editorial with notes on tricky quotes, a claim, a whole-paragraph note and a reply."""
    article = article_factory(paragraphs=3)
    for position, text in TEXTS.items():
        article.paragraphs.filter(position=position).update(text=text)
    author = user_factory("editor")
    annotations = []
    for position, quote, occurrence in QUOTES:
        paragraph = article.paragraphs.get(position=position)
        start = [i for i in range(len(paragraph.text)) if paragraph.text.startswith(quote, i)]
        annotations.append(
            annotation_create(
                paragraph=paragraph,
                author=author,
                content=AnnotationContent(body=f"On “{quote}”."),
                quote_exact=quote,
                quote_start=start[occurrence],
            )
        )
    claim = annotation_create(
        paragraph=article.paragraphs.get(position=3),
        author=author,
        content=AnnotationContent(
            kind=Kind.CLAIM,
            claim_text="Nothing changed in Busan.",
            claimant="The Busan chamber of commerce",
            verdict=Verdict.MISLEADING,
        ),
        quote_exact="in Busan",
    )
    whole = annotation_create(
        paragraph=article.paragraphs.get(position=1),
        author=author,
        content=AnnotationContent(body="On the whole paragraph."),
    )
    reply_create(parent=claim, author=author, body="Agreed.")
    return article, [*annotations, claim, whole]


def exported(page, live_server, annotation) -> dict:
    """The annotation's JSON-LD as a client on the page fetches it."""
    iri = reverse(
        "annotations:annotation", kwargs={"slug": annotation.article.slug, "pk": annotation.pk}
    )
    text = page.evaluate(
        "async (url) => (await fetch(url, {headers: {Accept: 'application/ld+json'}})).text()",
        f"{live_server.url}{iri}",
    )
    return json.loads(text)


def test_every_exported_selector_finds_the_quoted_words(
    page, live_server, annotated, apache_annotator
):
    article, annotations = annotated
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.evaluate(apache_annotator)

    applied = 0
    for annotation in annotations:
        target = exported(page, live_server, annotation)["target"]
        paragraph = f"p{annotation.paragraph.position}"
        for result in page.evaluate(APPLY, target):
            selector, matches = result["selector"], result["matches"]
            assert matches, f"no match for {selector}"
            first = matches[0]
            if not annotation.quote_exact:
                assert first["element"] == paragraph, selector
            else:
                assert (first["text"], first["paragraph"]) == (annotation.quote_exact, paragraph), (
                    selector,
                    matches,
                )
            applied += 1
    # Three alternatives for each quote (two refined fragments and the page-level quote),
    # the fragment alone for the whole paragraph.
    assert applied == 3 * (len(QUOTES) + 1) + 1


def test_the_page_level_quote_resolves_to_its_words_in_its_paragraph(
    page, live_server, annotated, apache_annotator
):
    """For clients that do not refine (Hypothesis reads only top-level quote selectors)."""
    article, annotations = annotated
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.evaluate(apache_annotator)

    for annotation in annotations:
        if not annotation.quote_exact:
            continue
        selectors = exported(page, live_server, annotation)["target"]["selector"]
        page_level = [s for s in selectors if s["type"] == "TextQuoteSelector"]
        assert len(page_level) == 1
        [result] = page.evaluate(APPLY, {"selector": page_level[0]})
        assert [match["text"] for match in result["matches"]][:1] == [annotation.quote_exact]
        assert result["matches"][0]["paragraph"] == f"p{annotation.paragraph.position}"


def test_a_selector_that_does_not_match_finds_nothing(
    page, live_server, annotated, apache_annotator
):
    """So the matches above are the matcher's work, not a matcher that finds anything."""
    article, _ = annotated
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.evaluate(apache_annotator)

    fragment = {"type": "FragmentSelector", "value": "p3"}
    wrong = [
        {**fragment, "refinedBy": {"type": "TextQuoteSelector", "exact": "Seoul"}},
        {**fragment, "refinedBy": {"type": "TextQuoteSelector", "exact": "Café", "prefix": "x"}},
        {"type": "FragmentSelector", "value": "p9"},
    ]
    results = page.evaluate(APPLY, {"selector": wrong})
    assert [result["matches"] for result in results] == [[], [], []]
