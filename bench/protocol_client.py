"""Times the Web Annotation Protocol through Django's test client, next to its baselines.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.page_settings \
        python -m bench.protocol_client ARTICLE_PATH --user NAME [--requests 30] [--warmup 5]
        [--posts 200]

On the article at ARTICLE_PATH (seeded by bench/page_data.py with its annotations):

- reads, anonymous, interleaved so that they share the machine's noise: the article page
  itself (the baseline: the same annotations as HTML); the editorial's container with full
  descriptions, as a client reads all of it (the container, then each `next` page); the
  container revalidated with `If-None-Match` (a 304);
- writes, as `--user` (an editor) with a personal API token: `--posts` notes on quoted words
  POSTed to the editorial's container, one by one, alternating with the same number of
  `annotation_create` calls made directly (the baseline: the service without HTTP, JSON-LD
  parsing, permission checks or the response).

Reports times in ms, bytes, and the annotations per second of each write path.
"""

import argparse
import json
import time

from bench.child import report, setup_django

ANNO = "http://www.w3.org/ns/anno.jsonld"
JSONLD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--user", required=True)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--posts", type=int, default=200)
    args = parser.parse_args(argv)
    setup_django()
    from articles.models import Article

    article = Article.objects.get(slug=args.path.strip("/").split("/")[-1])
    problems: list[str] = []
    reads = time_reads(article, args.requests, args.warmup, problems)
    writes = time_writes(article, args.user, args.posts, problems)
    report({**reads, **writes, "problems": sorted(set(problems))[:5]})


def time_reads(article, requests: int, warmup: int, problems: list[str]) -> dict:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    page_url = article.get_absolute_url()
    container_url = reverse("annotations:article_container", kwargs={"slug": article.slug})

    def page():
        response = client.get(page_url)
        if response.status_code != 200:
            problems.append(f"article page answered {response.status_code}")
        return len(response.content), 0

    def container():
        """The container and every page after it: all the annotations, as a client reads."""
        url, size, items = container_url, 0, 0
        while url:
            response = client.get(url, headers={"Accept": JSONLD})
            if response.status_code != 200:
                problems.append(f"container GET {url} answered {response.status_code}")
                break
            size += len(response.content)
            data = json.loads(response.content)
            page = data.get("first") if data.get("type") != "AnnotationPage" else data
            if isinstance(page, dict):
                items += len(page.get("items", []))
                url = page.get("next")
            else:  # the first page by IRI
                url = page
        return size, items

    etag = client.get(container_url, headers={"Accept": JSONLD}).headers.get("ETag", "")

    def revalidate():
        response = client.get(container_url, headers={"Accept": JSONLD, "If-None-Match": etag})
        if response.status_code != 304:
            problems.append(f"If-None-Match answered {response.status_code}, not 304")
        return len(response.content), 0

    sides = {"page": page, "container": container, "revalidate": revalidate}
    times = {name: [] for name in sides}
    sizes = {name: fetch()[0] for name, fetch in sides.items()}
    items = container()[1]
    for number in range(warmup + requests):
        order = list(sides) if number % 2 else list(reversed(sides))
        for name in order:
            start = time.perf_counter()
            sides[name]()
            if number >= warmup:
                times[name].append((time.perf_counter() - start) * 1000)
    return {"read_ms": times, "read_bytes": sizes, "items": items}


def quoted_note(article_url: str, paragraph, number: int) -> dict:
    """A note on a few words of the paragraph, as a client would POST it."""
    words = paragraph.text.split()
    start = number % max(1, len(words) - 4)
    exact = " ".join(words[start : start + 3])
    return {
        "@context": ANNO,
        "type": "Annotation",
        "motivation": "commenting",
        "body": {
            "type": "TextualBody",
            "value": f"Benchmark note {number} on *these* words.",
            "format": "text/markdown",
        },
        "target": {
            "type": "SpecificResource",
            "source": article_url,
            "selector": {
                "type": "FragmentSelector",
                "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                "value": paragraph.anchor,
                "refinedBy": {"type": "TextQuoteSelector", "exact": exact},
            },
        },
    }


def time_writes(article, username: str, posts: int, problems: list[str]) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from annotations.services import AnnotationContent, annotation_create
    from people.tokens import api_token_create

    user = get_user_model().objects.get(username=username)
    _, token = api_token_create(user=user, name="protocol benchmark")
    client = Client(headers={"Authorization": f"Bearer {token}"})
    container_url = reverse("annotations:article_container", kwargs={"slug": article.slug})
    article_url = "http://testserver" + article.get_absolute_url()
    paragraphs = list(article.paragraphs.order_by("position"))

    def post(number: int) -> None:
        paragraph = paragraphs[number % len(paragraphs)]
        response = client.post(
            container_url,
            data=json.dumps(quoted_note(article_url, paragraph, number)),
            content_type=JSONLD,
        )
        if response.status_code != 201:
            problems.append(f"POST answered {response.status_code}: {response.content[:200]!r}")

    def direct(number: int) -> None:
        paragraph = paragraphs[number % len(paragraphs)]
        note = quoted_note(article_url, paragraph, number)
        annotation_create(
            paragraph=paragraph,
            author=user,
            content=AnnotationContent(body=note["body"]["value"]),
            quote_exact=note["target"]["selector"]["refinedBy"]["exact"],
        )

    times = {"post": 0.0, "direct": 0.0}
    for number in range(posts):
        for name, write in (("post", post), ("direct", direct))[:: 1 if number % 2 else -1]:
            start = time.perf_counter()
            write(number)
            times[name] += time.perf_counter() - start
    return {
        "writes": posts,
        "write_seconds": times,
        "per_second": {name: posts / seconds for name, seconds in times.items() if seconds},
    }


if __name__ == "__main__":
    main()
