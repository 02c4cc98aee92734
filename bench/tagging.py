"""Tagging throughput: the entity matcher over a generated corpus's paragraphs, in paragraphs/s.

    python -m bench.tagging [--count 10000] [--seed 1] [--naive 2000]

Generates the corpus in memory (the same editorials `bench.corpus` writes), builds the
matcher from the shipped gazetteer (no database: entities get ids in file order), then times
`Matcher.find` over every paragraph, each with its editorial's date. Next to it, in the same
run, the naive way it replaces: one compiled regular expression per alias, searched in every
paragraph (timed on the first `--naive` paragraphs only, as it is slow). Prints the figures
and a `BENCH-RESULT {json}` line that `bench.run` can read with `measured()`.
"""

import argparse
import re
import time

from articles.gazetteer.reading import clue_groups, gazetteer_read
from articles.matching import AGENDA, COUNTRY, LEADER, Matcher, Name, Rule, Target, Term
from bench.child import report
from bench.corpus import editorials


def shipped_matcher() -> Matcher:
    """The matcher the archive builds after `load_gazetteer`, without a database."""
    gazetteer = gazetteer_read()
    country_ids = {c.key: number for number, c in enumerate(gazetteer.countries, start=1)}
    names = [Name(text, ()) for text in gazetteer.shields]
    family_names, terms, rules = {}, [], []
    for kind, records in (
        (COUNTRY, gazetteer.countries),
        (LEADER, gazetteer.leaders),
        (AGENDA, gazetteer.agenda),
    ):
        for number, record in enumerate(records, start=1):
            target = (Target(kind, number),)
            names.extend(Name(text, target) for text in [record.name, *record.aliases])
    for number, leader in enumerate(gazetteer.leaders, start=1):
        family_names[number] = leader.family_name
        terms.extend(
            Term(number, t.office, country_ids.get(t.country), t.start, t.end) for t in leader.terms
        )
    for number, item in enumerate(gazetteer.agenda, start=1):
        rules.extend(Rule(Target(AGENDA, number), clue_groups(line)) for line in item.clues)
    return Matcher(
        names=names, titles=gazetteer.offices, family_names=family_names, terms=terms, rules=rules
    )


def naive_patterns() -> list[re.Pattern]:
    """One regular expression per alias: what the matcher replaces."""
    gazetteer = gazetteer_read()
    texts = {
        text
        for records in (gazetteer.countries, gazetteer.leaders, gazetteer.agenda)
        for record in records
        for text in [record.name, *record.aliases]
    }
    return [re.compile(rf"(?<!\w){re.escape(text)}(?!\w)") for text in sorted(texts)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="editorials to generate")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus")
    parser.add_argument("--naive", type=int, default=300, help="paragraphs for the naive way")
    args = parser.parse_args(argv)

    work = [
        (paragraph, editorial.published_at.date())
        for _, editorial, _ in editorials(args.count, args.seed)
        for paragraph in editorial.paragraphs
    ]
    start = time.perf_counter()
    matcher = shipped_matcher()
    build_seconds = time.perf_counter() - start

    start = time.perf_counter()
    mentions = sum(len(matcher.find(text, day)) for text, day in work)
    seconds = time.perf_counter() - start

    patterns = naive_patterns()
    sample = [text for text, _ in work[: args.naive]]
    start = time.perf_counter()
    for text in sample:
        for pattern in patterns:
            pattern.search(text)
    naive_seconds = time.perf_counter() - start

    rate, naive_rate = len(work) / seconds, len(sample) / naive_seconds
    print(
        f"tagging: {args.count:,} editorials, {len(work):,} paragraphs; matcher of "
        f"{len(matcher):,} keys built in {build_seconds:.2f} s"
    )
    print(
        f"  matcher        {rate:>10,.0f} paragraphs/s  ({seconds:.2f} s, "
        f"{mentions / len(work):.1f} mentions per paragraph)"
    )
    print(
        f"  regex / alias  {naive_rate:>10,.0f} paragraphs/s  ({naive_seconds:.2f} s for "
        f"{len(sample):,} paragraphs, {len(patterns):,} patterns)"
    )
    print(f"  speed-up       {rate / naive_rate:>10,.0f}x")
    report(
        {
            "paragraphs": len(work),
            "seconds": seconds,
            "paragraphs_per_second": rate,
            "mentions": mentions,
            "build_seconds": build_seconds,
            "naive_paragraphs_per_second": naive_rate,
        }
    )


if __name__ == "__main__":
    main()
