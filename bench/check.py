"""Checks that the parser reads each generated file as what the generator meant.

    python -m bench.check CORPUS_DIR --count 10000 --seed 1

Regenerates the corpus in memory (same count and seed), parses each file with
`articles.parsing.parse_editorial` and compares every field. A benchmark over files the
parser misreads would measure the wrong work, so `bench.run` does this as it writes.
"""

import argparse
import html
import re
from collections import Counter
from pathlib import Path

from bench.corpus import editorials
from bench.layout import Editorial, Style

_LABEL_WRAPPING = re.compile(r"^(?:\[|&#91;?)|(?:\]|&#93;?)$")


def expected_fields(editorial: Editorial, style: Style) -> dict:
    """What the parser should read from the file, field by field."""
    credit, _ = style.credit
    return {
        "label": _LABEL_WRAPPING.sub("", style.label),
        "title": html.unescape(editorial.title),
        "published_at": editorial.published_at,
        "revised_at": editorial.revised_at,
        "page_date": editorial.page_date,
        "deck": tuple(dict.fromkeys(editorial.deck)),
        "caption": (
            (editorial.caption, credit.strip().lstrip("/").strip().strip("[]()"))
            if editorial.caption
            else None
        ),
        "paragraphs": tuple(editorial.paragraphs),
    }


def parsed_fields(data: bytes) -> dict:
    """What the parser reads, in the shape of `expected_fields` (times as written, in KST)."""
    from articles.parsing import parse_editorial

    parsed = parse_editorial(data)
    return {
        "label": parsed.label,
        "title": parsed.title,
        "published_at": parsed.published_at.replace(tzinfo=None),
        "revised_at": parsed.revised_at and parsed.revised_at.replace(tzinfo=None),
        "page_date": parsed.page_date,
        "deck": tuple(parsed.deck),
        "caption": (parsed.caption.text, parsed.caption.credit) if parsed.caption else None,
        "paragraphs": tuple(parsed.paragraphs),
    }


class Checker:
    """Collects, per field, how many files the parser read differently from the generator."""

    def __init__(self) -> None:
        self.files = 0
        self.differences: Counter[str] = Counter()
        self.examples: dict[str, str] = {}

    def __call__(self, editorial: Editorial, style: Style, data: bytes) -> None:
        self.files += 1
        expected = expected_fields(editorial, style)
        try:
            actual = parsed_fields(data)
        except Exception as error:  # a refusal is a difference too; keep going
            self._differ("refused", f"{editorial.title!r}: {error}")
            return
        for name, value in expected.items():
            if actual[name] != value:
                self._differ(name, f"{editorial.title!r}: wrote {value!r}, read {actual[name]!r}")

    def _differ(self, field: str, example: str) -> None:
        self.differences[field] += 1
        self.examples.setdefault(field, example[:400])

    def summary(self) -> str:
        """One line when all is well, else one line per field that differed."""
        if not self.differences:
            return f"corpus check: all {self.files} files parse as generated"
        lines = [f"corpus check: {self.files} files, some parse differently from how generated:"]
        for field, count in self.differences.most_common():
            lines.append(f"  {field}: {count} files, e.g. {self.examples[field]}")
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    checker = Checker()
    for name, editorial, style in editorials(args.count, args.seed):
        checker(editorial, style, (args.corpus / name).read_bytes())
    print(checker.summary())


if __name__ == "__main__":
    main()
