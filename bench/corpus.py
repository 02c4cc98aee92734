"""Generates a corpus of synthetic editorials in the fnnews text format (pure Python).

    python -m bench.corpus OUTDIR --count 10000 --seed 1

The same count and seed always give the same files. Every file has its own `Input` time
(2000 to 2026, in the afternoon and evening as the paper publishes, all seconds distinct),
hence its own import key, and its own title.
"""

import argparse
import random
import shutil
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.entities import pick_cast
from bench.layout import Editorial, Style, render
from bench.text import Writer
from bench.words import Vocabulary

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2026, 12, 31)
PUBLISHING_HOURS = (14, 22)  # Input times fall in [14:00, 22:00) KST


def input_times(rng: random.Random, count: int) -> list[datetime]:
    """`count` distinct Input times, oldest first."""
    days = (LAST_DAY - FIRST_DAY).days + 1
    window = (PUBLISHING_HOURS[1] - PUBLISHING_HOURS[0]) * 3600
    start = datetime.combine(FIRST_DAY, datetime.min.time()) + timedelta(hours=PUBLISHING_HOURS[0])
    slots = sorted(rng.sample(range(days * window), count))
    return [start + timedelta(days=slot // window, seconds=slot % window) for slot in slots]


def draw_editorial(
    rng: random.Random, writer: Writer, published_at: datetime, titles: set[str]
) -> Editorial:
    """One editorial published at `published_at`, with a title not yet in `titles`."""
    cast = pick_cast(rng)
    title = writer.title(rng, cast)
    while title in titles:
        title = writer.title(rng, cast)
    titles.add(title)
    revised_at = published_at
    if rng.random() < 0.3:
        revised_at += timedelta(minutes=rng.randint(1, 3 * 24 * 60))
    page_date = None
    if rng.random() < 0.6:
        page_date = published_at.date() + timedelta(days=rng.choices((0, 1, 2), (50, 35, 15))[0])
    paragraphs = writer.paragraphs(rng, cast)
    return Editorial(
        title=title,
        published_at=published_at,
        revised_at=revised_at,
        page_date=page_date,
        paragraphs=paragraphs,
        deck=writer.deck(rng, cast) if rng.random() < 0.25 else [],
        caption=writer.caption(rng, paragraphs[0]) if rng.random() < 0.4 else None,
    )


def editorials(count: int, seed: int) -> Iterator[tuple[str, Editorial, Style]]:
    """(file name, editorial, style) for each file of the corpus, oldest first."""
    rng = random.Random(seed)
    writer = Writer(Vocabulary(seed=seed))
    titles: set[str] = set()
    for number, published_at in enumerate(input_times(rng, count), start=1):
        editorial = draw_editorial(rng, writer, published_at, titles)
        name = f"fnnews-{published_at:%Y-%m-%d}-{number:05d}.txt"
        yield name, editorial, Style.draw(rng)


FileHook = Callable[[Editorial, Style, bytes], None]


def write_corpus(outdir: Path, count: int, seed: int, on_file: FileHook | None = None) -> int:
    """Replaces `outdir` with `count` editorial files; returns the bytes written.

    `on_file`, when given, sees each editorial with its style and the bytes written for it.
    """
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    total = 0
    for name, editorial, style in editorials(count, seed):
        data = render(editorial, style)
        total += (outdir / name).write_bytes(data)
        if on_file:
            on_file(editorial, style, data)
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="folder to (re)create with the files")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = write_corpus(args.outdir, args.count, args.seed)
    print(f"wrote {args.count} editorials ({size / 1e6:.1f} MB) to {args.outdir}")


if __name__ == "__main__":
    main()
