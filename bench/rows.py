"""Extracts, ahead of time and untimed, the rows the import would write for a corpus.

    python -m bench.rows CORPUS_DIR ROWS_FILE

Parses every `*.txt` file under CORPUS_DIR, in the order the import reads them, and
pickles one `(article fields, paragraph texts, mentions)` triple per file to ROWS_FILE for
`bench.baseline`. Mentions are `(position, start, end, kind, entity key)`, found with the
import's own matcher over the gazetteer loaded into this process's database, so the
baseline writes the same mention and tag rows as the import. The article fields come from
the import service's own helpers, so the baseline writes the same columns with the same
values (slugs aside: date and title, made unique here instead of against the database).
"""

import pickle
import sys
from pathlib import Path

from bench.child import report, setup_django


def unique(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`, ... when already taken; remembers the result."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def entity_keys() -> dict[tuple[str, int], str]:
    """(kind, id) -> gazetteer key, so the baseline can find the same entities by key."""
    from articles.models import KINDS

    return {
        (kind, pk): key
        for kind, models in KINDS.items()
        for pk, key in models.entity.objects.values_list("id", "key")
    }


def extract(corpus: Path) -> tuple[list[tuple[dict, tuple[str, ...], list]], list[str]]:
    """The rows of every file that parses, and `name: reason` for each that does not."""
    from django.core.management import call_command

    from articles.importing import Candidate, article_fields
    from articles.parsing import EditorialFormatError, parse_editorial
    from articles.slugs import base_slug
    from articles.sources import EDITORIAL_SUFFIX
    from articles.tagging import article_date, matcher_current, mentions_find

    call_command("migrate", verbosity=0)
    call_command("load_gazetteer", verbosity=0)
    matcher, keys = matcher_current(), entity_keys()
    rows, failures, slugs = [], [], set()
    for path in sorted(p for p in corpus.rglob(f"*{EDITORIAL_SUFFIX}") if p.is_file()):
        try:
            editorial = parse_editorial(path.read_bytes())
        except EditorialFormatError as error:
            failures.append(f"{path}: {error}")
            continue
        fields = article_fields(Candidate.of(str(path), editorial))
        fields["slug"] = unique(base_slug(editorial), slugs)
        found = mentions_find(
            matcher=matcher,
            on=article_date(editorial.published_at),
            paragraphs=enumerate(editorial.paragraphs, start=1),
        )
        mentions = [
            (position, m.start, m.end, m.target.kind, keys[m.target.kind, m.target.id])
            for position, m in found
        ]
        rows.append((fields, editorial.paragraphs, mentions))
    return rows, failures


def main(argv: list[str]) -> None:
    corpus, rows_file = Path(argv[0]), Path(argv[1])
    setup_django()
    rows, failures = extract(corpus)
    with rows_file.open("wb") as stream:
        pickle.dump(rows, stream, protocol=pickle.HIGHEST_PROTOCOL)
    report(
        {
            "articles": len(rows),
            "paragraphs": sum(len(paragraphs) for _, paragraphs, _ in rows),
            "mentions": sum(len(mentions) for _, _, mentions in rows),
            "failures": failures[:20],
            "failed": len(failures),
        }
    )


if __name__ == "__main__":
    main(sys.argv[1:])
