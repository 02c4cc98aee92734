"""Fills a fresh, migrated database with the sample editorial and 200 annotations on it.

    DATABASE_URL=... python -m bench.page_data [--annotations 200] [--seed 1]

Imports `samples/*.txt` with the real `import_editorials` command, makes 3 editors (in the
Editors group) and writes the annotations through the services, as the site's forms would
(`annotation_create`, `reply_create`), deterministic for a seed:

- half are notes on quoted words (2 to 8 consecutive words of the paragraph, as written);
- a third are fact-check claims on a sentence of the paragraph: the sentence as the claim,
  a verdict, a claimant (a leader tagged on the editorial, or free text) and 1 to 3 evidence
  links;
- the rest are notes on the whole paragraph;
- every body is Markdown of 40 to 120 words with emphasis, links and, often, a list; about
  half of the annotations get one reply (20 to 60 words, by another editor).

Reports the page's path and what was written.
"""

import argparse
import io
import random
import re
import time
from pathlib import Path

from bench.child import report, setup_django
from bench.words import FUNCTION_WORDS

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "samples"
EDITORS = 3
WORD = re.compile("[A-Za-z][A-Za-z\u2019'-]*")  # with the sample's curly apostrophe
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
LINK_HOSTS = (
    "www.mofa.go.kr",
    "www.mofa.go.jp",
    "www.kantei.go.jp",
    "www.reuters.com",
    "apnews.com",
    "www.koreaherald.com",
    "www.nikkei.com",
    "ustr.gov",
)
CLAIMANTS = ("The editorial board", "The Financial News", "Government officials")


class Writer:
    """Markdown and link text made of the editorial's own words, for one random source."""

    def __init__(self, rng: random.Random, text: str):
        self.rng = rng
        words = WORD.findall(text)
        self.content_words = sorted({word.lower() for word in words if len(word) > 3})
        self.words = words + list(FUNCTION_WORDS[:60]) * 3

    def _word(self) -> str:
        return self.rng.choice(self.words)

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self._word() for _ in range(self.rng.randint(low, high)))

    def url(self) -> str:
        host = self.rng.choice(LINK_HOSTS)
        parts = "-".join(self.rng.choice(self.content_words) for _ in range(3))
        return f"https://{host}/{self.rng.choice(('news', 'en', 'briefing', 'doc'))}/{parts}"

    def title(self) -> str:
        return " ".join(word[:1].upper() + word[1:] for word in self.phrase(3, 7).split())

    def sentence(self, count: int) -> str:
        """A sentence of `count` words with, now and then, emphasis, strong emphasis or an
        inline link."""
        words = [self._word() for _ in range(count)]
        roll, at = self.rng.random(), self.rng.randrange(count)
        end = min(count, at + self.rng.randint(1, 4))
        if roll < 0.25:
            words[at] = f"*{words[at]}*"
        elif roll < 0.4:
            words[at] = "**" + words[at]
            words[end - 1] += "**"
        elif roll < 0.6:
            words[at:end] = [f"[{' '.join(words[at:end])}]({self.url()})"]
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + ("?" if self.rng.random() < 0.1 else ".")

    def _length(self, left: int) -> int:
        """Words in the next sentence: 6 to 18, never more than are left."""
        return min(left, self.rng.randint(6, 18))

    def body(self, low: int, high: int, *, lists: bool = True) -> str:
        """Markdown of `low` to `high` words: paragraphs of 1 to 3 sentences and, for about
        half of the bodies, a list of 2 to 4 items."""
        left = self.rng.randint(low, high)
        list_after = self.rng.randint(1, 2) if lists and self.rng.random() < 0.55 else None
        blocks = []
        while left > 0:
            if list_after is not None and len(blocks) == list_after:
                marker = self.rng.choice(("-", "*", "1."))
                items = []
                for number in range(1, self.rng.randint(2, 4) + 1):
                    if left <= 0:
                        break
                    count = self._length(left)
                    bullet = f"{number}." if marker == "1." else marker
                    items.append(f"{bullet} {self.sentence(count)}")
                    left -= count
                blocks.append("\n".join(items))
                continue
            sentences = []
            for _ in range(self.rng.randint(1, 3)):
                if left <= 0:
                    break
                count = self._length(left)
                sentences.append(self.sentence(count))
                left -= count
            blocks.append(" ".join(sentences))
        return "\n\n".join(blocks)


def quoted_words(rng: random.Random, text: str) -> tuple[str, int]:
    """2 to 8 consecutive words of the text exactly as written, and where they start."""
    words = list(WORD.finditer(text))
    first = rng.randrange(max(1, len(words) - 1))
    last = min(len(words) - 1, first + rng.randint(1, 7))
    start, end = words[first].start(), words[last].end()
    return text[start:end], start


def sentence_of(rng: random.Random, text: str) -> tuple[str, int]:
    """One sentence of the text as written (at most 300 characters), and where it starts."""
    sentences, at = [], 0
    for piece in SENTENCE_END.split(text):
        start = text.index(piece, at)
        at = start + len(piece)
        if len(piece) <= 300:
            sentences.append((piece, start))
    return rng.choice(sentences) if sentences else quoted_words(rng, text)


def seed_annotations(count: int, seed: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from annotations.models import EvidenceLink, Kind
    from annotations.services import AnnotationContent, Evidence, annotation_create, reply_create
    from annotations.verdicts import Verdict
    from articles.accounts import editors_group_ensure
    from articles.models import Article

    call_command("import_editorials", str(SAMPLES), stdout=io.StringIO())
    article = Article.objects.order_by("-published_at", "id").first()
    paragraphs = list(article.paragraphs.order_by("position"))
    leaders = list(article.leaders.all())
    group = editors_group_ensure()
    editors = []
    for number in range(1, EDITORS + 1):
        editor = get_user_model().objects.create_user(
            username=f"bench-editor-{number}", password="bench-" + "x" * 20
        )
        editor.groups.add(group)
        editors.append(editor)

    rng = random.Random(seed)
    writer = Writer(rng, "\n".join(paragraph.text for paragraph in paragraphs))
    quoted, claims = count // 2, round(count / 3)
    kinds = ["quoted"] * quoted + ["claim"] * claims + ["paragraph"] * (count - quoted - claims)
    rng.shuffle(kinds)
    replies = 0
    for kind in kinds:
        paragraph, author = rng.choice(paragraphs), rng.choice(editors)
        quote, start = "", None
        if kind == "quoted":
            quote, start = quoted_words(rng, paragraph.text)
        if kind == "claim":
            quote, start = sentence_of(rng, paragraph.text)
            leader = rng.choice(leaders) if leaders and rng.random() < 0.5 else None
            content = AnnotationContent(
                kind=Kind.CLAIM,
                body=writer.body(40, 120),
                claim_text=quote[:500],
                claimant="" if leader else rng.choice(CLAIMANTS),
                claimant_leader=leader,
                verdict=rng.choice(Verdict.values),
                evidence=[
                    Evidence(writer.url(), writer.title() if rng.random() < 0.8 else "")
                    for _ in range(rng.randint(1, 3))
                ],
            )
        else:
            content = AnnotationContent(kind=Kind.NOTE, body=writer.body(40, 120))
        annotation = annotation_create(
            paragraph=paragraph,
            author=author,
            content=content,
            quote_exact=quote,
            quote_start=start,
        )
        if rng.random() < 0.5:
            other = rng.choice([editor for editor in editors if editor != author])
            reply_create(parent=annotation, author=other, body=writer.body(20, 60, lists=False))
            replies += 1
    return {
        "path": article.get_absolute_url(),
        "paragraphs": len(paragraphs),
        "annotations": count,
        "quoted": quoted,
        "claims": claims,
        "whole": count - quoted - claims,
        "evidence": EvidenceLink.objects.count(),
        "replies": replies,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    setup_django()
    start = time.perf_counter()
    result = seed_annotations(args.annotations, args.seed)
    report({**result, "seconds": time.perf_counter() - start})


if __name__ == "__main__":
    main()
