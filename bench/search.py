"""Search and entity-page benchmark: full-text search against a naive `icontains` scan, and
page times at two archive sizes, on SQLite and PostgreSQL.

    python -m bench.search [--count 10000] [--small 1000] [--seed 1] [--only sqlite|postgresql]

Writes two corpora with bench/corpus.py (`--count` and `--small` editorials, same seed) to
`bench/out/search/`, and for each database loads the gazetteer and imports each into a fresh
database with the real `import_editorials` command, which tags the editorials and stores
their mentions (were the import to tag nothing, the editorials are tagged from
bench/entities.py's names instead, without mentions). Then, in a child process per database
(DEBUG off):

- search latency: each of the fixed QUERIES below (single words of varied frequency,
  two-word queries, phrases, exclusions, with and without a facet) runs once untimed and
  then REPEAT times, on the large archive; a query's time is the median of its runs.
  `naive` is what the archive did before: for each term an `icontains` on the title or on
  any paragraph (`NOT` for exclusions), the count and the 20 newest ids. `search` is
  `search_articles()` doing everything but reading the page's 20 articles, which costs
  both sides the same (`load` times that: `for_listing()` with its prefetches): the total
  and facet counts, the ranked page of ids, the snippets. `match+rank` is only the total and
  the ranked page of ids, the naive side's counterpart. Reported: median and 95th
  percentile over the queries, and naive / search at each (goal: at least 20x);
- search page: `GET /search/?...` through Django's test client for the same QUERIES, on
  the small and on the large archive (each query's median of PAGE_REPEAT requests; then the
  median and p95 over the queries); goal: less than 1.5x growth from small to large;
- entity pages: `GET` of the ENTITY_PAGES below (frequent to rare) the same way, on both
  archives; same goal.

Prints one table per part. `--verbose` adds each query's times.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from bench.child import read_report, report, setup_django
from bench.corpus import write_corpus
from bench.databases import PostgreSQL, SQLite
from bench.processes import StepFailed, run_child

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench" / "out" / "search"
REPEAT = 5
NAIVE_REPEAT = 3
PAGE_REPEAT = 5
UNCAPPED = 10**9  # a count cap no archive reaches: the search as it was, exact throughout
FACET_ENTITIES = {"leader": "Donald Trump", "country": "China", "agenda": "CPTPP"}
# (kind, name) of the entity pages timed, from often to seldom mentioned in the corpus.
ENTITY_PAGES = [
    ("leader", "Donald Trump"),
    ("leader", "Sanae Takaichi"),
    ("leader", "Nicolás Maduro"),
    ("country", "Japan"),
    ("country", "China"),
    ("country", "Venezuela"),
    ("agenda", "CPTPP"),
    ("agenda", "Dokdo"),
]

# Words of the synthetic vocabulary by frequency rank (bench/words.py; rank 0 is the most
# common made-up word), so that the list is fixed for a seed and spans common to rare.
WORD_RANKS = {"w0": 0, "w3": 3, "w30": 30, "w300": 300, "w3000": 3000, "w20000": 20000}
QUERIES = [
    # single words, common to rare, and entity names
    ("{w0}", {}),
    ("{w3}", {}),
    ("{w30}", {}),
    ("{w300}", {}),
    ("{w3000}", {}),
    ("{w20000}", {}),
    ("Japan", {}),
    ("tariffs", {}),
    ("Putin", {}),
    ("CPTPP", {}),
    ("semiconductor", {}),
    # two words
    ("{w30} {w300}", {}),
    ("Japan tariffs", {}),
    ("Takaichi {w3}", {}),
    ("{w3000} {w0}", {}),
    ("China Russia", {}),
    # phrases
    ('"prime minister"', {}),
    ('"rare-earth export controls"', {}),
    ('"President Trump"', {}),
    ('"Xi Jinping" {w30}', {}),
    ("Lee Jae-myung", {}),
    # exclusions
    ("Japan -China", {}),
    ("tariffs -Trump", {}),
    ("{w300} -{w0}", {}),
    ('"prime minister" -Kishida', {}),
    # with a facet
    ("Japan", {"country": "China"}),
    ("{w0}", {"leader": "Donald Trump"}),
    ("tariffs", {"year": "2020"}),
    ("{w30} {w300}", {"agenda": "CPTPP"}),
    ("-Japan", {"leader": "Donald Trump", "year": "2024"}),
]


# -- Parent: corpora, databases, children, table -------------------------------------------


def corpus(count: int, seed: int) -> Path:
    """The corpus of `count` editorials for `seed`, written once and reused."""
    folder = OUT / f"corpus-{count}-{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        write_corpus(folder, count, seed)
        stamp.write_text(f"{count} {seed}\n")
    return folder


def load(database_url: str, folder: Path) -> dict:
    run_child(["manage.py", "migrate", "--noinput", "--verbosity", "0"], database_url)
    run_child(["manage.py", "load_gazetteer"], database_url)
    start = time.perf_counter()
    run_child(["manage.py", "import_editorials", str(folder)], database_url)
    seconds = time.perf_counter() - start
    return {
        "import_seconds": seconds,
        **read_report(run_child(["-m", "bench.search", "tag"], database_url)),
    }


def bench_database(database, small: Path, large: Path, seed: int) -> dict:
    with database.fresh("search-small") as small_url, database.fresh("search-large") as large_url:
        loaded = {"small": load(small_url, small), "large": load(large_url, large)}
        measure = ["-m", "bench.search", "measure", "--seed", str(seed)]
        small_run = read_report(run_child([*measure, "--pages-only"], small_url))
        large_run = read_report(run_child(measure, large_url))
    return {"name": database.name, "loaded": loaded, "small": small_run, "large": large_run}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), percentile(times, 0.95)


def page_growth_table(results: list[dict], part: str, title: str) -> list[str]:
    """p50 and p95 page times on the small and the large archive, and their growth."""
    lines = [
        f"{title} (test client), ms (a page's time is the median of its requests; p50 and p95"
        " are over the pages)",
        f"{'database':<11}{'':>3}{'small':>8}{'page ms':>9}{'large':>8}{'page ms':>9}"
        f"{'growth':>8}{'<1.5x':>7}{'queries/page':>14}",
    ]
    for result in results:
        small, large = result["small"], result["large"]
        small_ms = summary(list(small[part].values()))
        large_ms = summary(list(large[part].values()))
        counts = "/".join(str(n) for n in sorted(set(large[f"{part}_queries"].values())))
        for index, label in enumerate(("p50", "p95")):
            growth = large_ms[index] / small_ms[index]
            lines.append(
                f"{result['name'] if not index else '':<11}{label:>3}{small['articles']:>8,}"
                f"{small_ms[index]:>9.1f}{large['articles']:>8,}{large_ms[index]:>9.1f}"
                f"{growth:>8.2f}{'PASS' if growth < 1.5 else 'FAIL':>7}"
                f"{counts if not index else '':>14}"
            )
    return lines


def tables(results: list[dict], verbose: bool) -> str:
    header = (
        f"{'database':<11}{'editorials':>11}{'paragraphs':>11}{'':>4}{'naive':>9}{'bare':>8}"
        f"{'uncapped':>10}{'search':>9}{'naive/s':>9}{'≥20x':>6}{'bare/s':>8}{'match+rank':>12}"
        f"{'load':>7}"
    )
    lines = [
        "Search latency, ms (a query's time is the median of its runs; p50 and p95 are over "
        f"the {len(QUERIES)} queries; bare: the engine's own ranked LIMIT 20 and exact count on "
        "the same index; uncapped: the search without the count cap)",
        header,
    ]
    for result in results:
        large = result["large"]
        naive, bare, uncapped, full, core, load = (
            summary([q.get(key, float("nan")) for q in large["queries"]])
            for key in ("naive", "bare", "uncapped", "search", "core", "load")
        )
        for index, label in enumerate(("p50", "p95")):
            ratio, bare_ratio = naive[index] / full[index], bare[index] / full[index]
            sizes = ("", "") if index else (f"{large['articles']:,}", f"{large['paragraphs']:,}")
            lines.append(
                f"{result['name'] if not index else '':<11}{sizes[0]:>11}{sizes[1]:>11}{label:>4}"
                f"{naive[index]:>9.1f}{bare[index]:>8.1f}{uncapped[index]:>10.1f}"
                f"{full[index]:>9.2f}{ratio:>9.1f}{'PASS' if ratio >= 20 else 'FAIL':>6}"
                f"{bare_ratio:>8.2f}{core[index]:>12.2f}{load[index]:>7.1f}"
            )
        queries = large["queries"]
        capped = sum(1 for q in queries if q.get("capped"))
        naive_differs = sum(1 for q in queries if q["naive_total"] != q.get("exact_total"))
        bare_differs = sum(1 for q in queries if q.get("bare_total") != q.get("exact_total"))
        lines.append(
            f"{'':<11}{capped} of {len(queries)} searches capped; totals differing from the"
            f" search's exact total: naive {naive_differs}, bare {bare_differs}"
        )
    for part, title in (("pages", "Search page"), ("entity_pages", "Entity page")):
        lines += ["", *page_growth_table(results, part, title)]
    lines += ["", "Loading (import command, then bench tagging if the import tagged nothing):"]
    for result in results:
        for size, loaded in result["loaded"].items():
            tagged = "tagged by the import" if not loaded["tagged_by_bench"] else "tagged by bench"
            lines.append(
                f"  {result['name']} {size}: import {loaded['import_seconds']:.1f} s, "
                f"{loaded['tags']:,} tags ({tagged})"
            )
    for result in results:
        for problem in result["large"].get("problems", []) + result["small"].get("problems", []):
            lines.append(f"  {result['name']}: {problem}")
    if verbose:
        for part in ("pages", "entity_pages"):
            lines += ["", f"Per page ({part}), ms: small, large, growth"]
            for result in results:
                small, large = result["small"][part], result["large"][part]
                for label, large_ms in large.items():
                    small_ms = _by_prefix(small, label)
                    lines.append(
                        f"  {result['name']:<11}{small_ms:>9.1f}{large_ms:>9.1f}"
                        f"{large_ms / small_ms:>7.2f}  {label}"
                    )
        lines += [
            "",
            "Per query, ms (large archive): naive, bare, uncapped, search, match+rank, load,"
            " exact total, naive's total",
        ]
        for result in results:
            for q in result["large"]["queries"]:
                nan = float("nan")
                exact = q.get("exact_total", q["total"])
                lines.append(
                    f"  {result['name']:<11}{q['naive']:>9.1f}{q.get('bare', nan):>8.1f}"
                    f"{q.get('uncapped', nan):>9.1f}{q['search']:>9.2f}{q['core']:>9.2f}"
                    f"{q['load']:>7.2f}{exact:>7,}{q['naive_total']:>7,}  {q['label']}"
                )
    return "\n".join(lines)


def _by_prefix(times: dict[str, float], label: str) -> float:
    """The time of the same page on the other archive (entity labels differ in counts)."""
    prefix = label.split(" (")[0]
    return next((ms for other, ms in times.items() if other.split(" (")[0] == prefix), float("nan"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", nargs="?", default="run", choices=["run", "tag", "measure", "table"]
    )
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--pages-only", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "tag":
        return tag_child()
    if args.command == "measure":
        return measure_child(args.seed, pages_only=args.pages_only)
    if args.command == "table":  # print the last run's table again
        return print(tables(json.loads((OUT / "results.json").read_text()), args.verbose))

    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    small, large = corpus(args.small, args.seed), corpus(args.count, args.seed)
    seconds = time.perf_counter() - start
    print(f"corpora: {args.small:,} and {args.count:,} editorials ({seconds:.0f} s)")
    results = []
    for database in (SQLite(OUT), PostgreSQL()):
        if args.only and database.name.lower() != args.only:
            continue
        if reason := database.unavailable():
            print(f"{database.name}: skipped, unreachable ({reason})")
            continue
        print(f"{database.name}: import, search, pages ...", flush=True)
        try:
            results.append(bench_database(database, small, large, args.seed))
        except StepFailed as error:
            print(f"{database.name}: {error}")
    (OUT / "results.json").write_text(json.dumps(results, indent=1))
    print()
    print(tables(results, args.verbose))


# -- Children: tagging fallback and measuring ------------------------------------------------


def tag_child() -> None:
    """Tag each editorial with the bench's entities its text names, unless the import did."""
    setup_django()
    import re

    from articles.models import (
        AgendaItem,
        Article,
        Country,
        Leader,
        Paragraph,
        TaggedAgendaItem,
        TaggedCountry,
        TaggedLeader,
    )
    from bench.entities import AGENDA_ITEMS, COUNTRIES, LEADERS

    kinds = [
        (Leader, TaggedLeader, LEADERS),
        (Country, TaggedCountry, COUNTRIES),
        (AgendaItem, TaggedAgendaItem, AGENDA_ITEMS),
    ]
    existing = sum(through.objects.count() for _, through, _ in kinds)
    if existing:
        return report({"tags": existing, "tagged_by_bench": False})
    texts: dict[int, list[str]] = {}
    for article_id, title in Article.objects.values_list("id", "title"):
        texts[article_id] = [title]
    for article_id, text in Paragraph.objects.values_list("article_id", "text").iterator():
        texts[article_id].append(text)
    rows = 0
    for model, through, names in kinds:
        forms = {form: names_[0] for names_ in names for form in names_}
        pattern = re.compile(
            r"(?<!\w)("
            + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            + r")(?!\w)"
        )
        entities = {name[0]: model.objects.get_or_create(name=name[0])[0] for name in names}
        tags = []
        for article_id, parts in texts.items():
            found = {forms[m] for m in pattern.findall("\n".join(parts))}
            tags += [through(content_object_id=article_id, tag=entities[name]) for name in found]
        through.objects.bulk_create(tags, batch_size=5000)
        rows += len(tags)
    report({"tags": rows, "tagged_by_bench": True})


def resolved_queries(seed: int) -> list[tuple[str, str, dict]]:
    """(label, q, params) for QUERIES, with the vocabulary's words and the facet slugs."""
    from articles.models import AgendaItem, Country, Leader
    from bench.words import Vocabulary

    content = Vocabulary(seed=seed).content
    words = {key: content[rank] for key, rank in WORD_RANKS.items()}
    models = {"leader": Leader, "country": Country, "agenda": AgendaItem}
    queries = []
    for template, facets in QUERIES:
        q = template.format(**words)
        params = {}
        for param, value in facets.items():
            if param == "year":
                params[param] = value
            else:
                entity = models[param].objects.filter(name__iexact=value).first()
                params[param] = entity.slug if entity else f"missing-{value}"
        label = q + "".join(f" [{p}={v}]" for p, v in params.items())
        queries.append((label, q, params))
    return queries


def load_articles(ids: list[int]) -> list:
    from articles.models import Article

    return list(Article.objects.for_listing().filter(pk__in=ids))


def timed(action, repeat: int) -> tuple[float, object]:
    result = action()  # warm-up, untimed
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), result


def entity_pages() -> list[tuple[str, str, dict]]:
    """(label, path, no data) of ENTITY_PAGES; a missing entity's path answers 404."""
    from articles.models import AgendaItem, Country, Leader

    models = {"leader": Leader, "country": Country, "agenda": AgendaItem}
    pages = []
    for kind, name in ENTITY_PAGES:
        entity = models[kind].objects.filter(name=name).first()
        path = entity.get_absolute_url() if entity else f"/missing/{kind}/{name}/"
        count = entity.mentions.count() if entity else 0
        pages.append((f"{kind} {name} ({count:,} mentions)", path, {}))
    return pages


def measure_child(seed: int, *, pages_only: bool) -> None:
    setup_django()
    from functools import partial

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from articles.models import Article, Paragraph
    from bench.search_baselines import bare_search, match_and_rank, naive_search
    from search.facets import FacetSelection
    from search.results import search_articles

    if connection.vendor == "postgresql":
        # What autovacuum does some time after a bulk import, done now so that it does not
        # run in the middle of the timings: the visibility map lets facet counts read the
        # index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    queries = resolved_queries(seed)
    ids_only = Article.objects.only("pk")
    problems = [
        f"no entity for {label}"
        for label, _, params in queries
        if any(str(v).startswith("missing-") for v in params.values())
    ]
    result = {
        "articles": Article.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "queries": [],
        "pages": {},
        "pages_queries": {},
        "entity_pages": {},
        "entity_pages_queries": {},
        "problems": problems,
    }
    if not pages_only:
        for label, q, params in queries:
            selection = FacetSelection.from_params(params)
            naive_ms, (naive_total, _) = timed(partial(naive_search, q, params), NAIVE_REPEAT)
            bare_ms, (bare_total, _) = timed(partial(bare_search, q, params), REPEAT)
            search_ms, results = timed(
                partial(search_articles, query=q, selection=selection, articles=ids_only),
                REPEAT,
            )
            uncapped_ms, uncapped = timed(
                partial(
                    search_articles,
                    query=q,
                    selection=selection,
                    articles=ids_only,
                    count_cap=UNCAPPED,
                ),
                REPEAT,
            )
            page_ids = [hit.article.pk for hit in results.hits]
            load_ms, _ = timed(partial(load_articles, page_ids), REPEAT)
            core_ms, _ = timed(partial(match_and_rank, q, params), REPEAT)
            result["queries"].append(
                {
                    "label": label,
                    "naive": naive_ms,
                    "bare": bare_ms,
                    "uncapped": uncapped_ms,
                    "search": search_ms,
                    "load": load_ms,
                    "core": core_ms,
                    "total": results.total,
                    "capped": results.total_capped,
                    "exact_total": uncapped.total,
                    "naive_total": naive_total,
                    "bare_total": bare_total,
                }
            )
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    client = Client()
    # DEBUG is off as in production, but static files are not collected: plain storage.
    storages = {**settings.STORAGES, "staticfiles": static}
    with override_settings(ALLOWED_HOSTS=["testserver"], STORAGES=storages):
        searches = [(label, "/search/", {"q": q, **params}) for label, q, params in queries]
        for part, pages in (("pages", searches), ("entity_pages", entity_pages())):
            for label, path, data in pages:
                response = client.get(path, data)
                if response.status_code != 200:
                    problems.append(f"page {label!r} answered {response.status_code}")
                    continue
                with CaptureQueriesContext(connection) as captured:
                    client.get(path, data)
                result[f"{part}_queries"][label] = len(captured.captured_queries)
                result[part][label], _ = timed(partial(client.get, path, data), PAGE_REPEAT)
    report(result)


if __name__ == "__main__":
    main()
