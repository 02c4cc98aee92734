"""Times saving a note in the margin against rendering one card, through Django's test client.

    DATABASE_URL=... DJANGO_SETTINGS_MODULE=bench.page_settings \
        python -m bench.in_place_client ARTICLE_PATH --user NAME [--requests 60] [--warmup 10]

Signed in as `--user` (an editor), on the article at ARTICLE_PATH (seeded by
bench/page_data.py): the baseline is GET of one annotation's card as htmx asks for it
(`HX-Request`, what a margin form's save renders); the measured request is POST of a new
note to paragraph 1's annotate address as htmx sends it (what "Publish annotation" in the
margin costs: the checks, the insert, its revision and the saved card). Requests alternate,
so both share the machine's noise. Reports times in ms, and each request's queries, reads
(SELECTs) apart from writes.
"""

import argparse
import time

from bench.child import report, setup_django

HTMX = {"HX-Request": "true"}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--user", required=True)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args(argv)
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from annotations.models import Annotation
    from articles.models import Article

    article = Article.objects.get(slug=args.path.strip("/").split("/")[-1])
    card = Annotation.objects.filter(article=article, parent=None).order_by("pk").first()
    card_url = reverse("annotations:detail", args=[card.pk])
    create_url = reverse("annotations:create", args=[article.slug, 1])
    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    problems = []

    def render():
        return client.get(card_url, headers=HTMX)

    def save():
        return client.post(create_url, {"kind": "note", "body": "Saved in place."}, headers=HTMX)

    def counted(request) -> dict:
        with CaptureQueriesContext(connection) as captured:
            response = request()
        if response.status_code != 200:
            problems.append(f"{request.__name__} answered {response.status_code}")
        sql = [query["sql"].lstrip().upper() for query in captured.captured_queries]
        reads = sum(1 for statement in sql if statement.startswith("SELECT"))
        return {"queries": len(sql), "reads": reads, "bytes": len(response.content)}

    def timed(request) -> float:
        start = time.perf_counter()
        response = request()
        elapsed = time.perf_counter() - start
        if response.status_code != 200:
            problems.append(f"{request.__name__} answered {response.status_code}")
        return elapsed * 1000

    counts = {"render": counted(render), "save": counted(save)}
    for _ in range(args.warmup):
        timed(render), timed(save)
    times = {"render": [], "save": []}
    for number in range(args.requests):
        for side in ("render", "save") if number % 2 else ("save", "render"):
            times[side].append(timed(render if side == "render" else save))
    report({"times": times, "counts": counts, "problems": sorted(set(problems))[:5]})


if __name__ == "__main__":
    main()
