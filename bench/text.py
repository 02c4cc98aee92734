"""The words of one synthetic editorial: title, deck, caption and paragraphs (pure Python).

Sizes follow the sample editorial: about eight paragraphs of 60 to 130 words, a few entity
mentions in each, with the punctuation real pages carry (curly and straight quotes, en and
em dashes, figures with %, $ and ¥).
"""

import random
from collections.abc import Collection

from bench.entities import Cast
from bench.words import Vocabulary

FIGURES = ("{n}", "{n}%", "${n} billion", "¥{n} trillion", "{n} percent", "{n}.{d}%", "1,{n}")
TITLE_TEMPLATES = (
    "{E} Should {V} {A} {N} with {C}",
    "{E} Must {V} the {N} of {N}",
    "{A} {N} Is No {N} for {C}",
    "{C} Cannot {V} {N} Any Longer",
    "Time to {V} {A} {N} in {C}",
    "{N} {N}: {A} {N} Needed Now",
    "{E}’s {N} Plan Needs {A} {N}",  # noqa: RUF001
    "{E} and {E}: {A} {N} Ahead",
)


class Writer:
    """Writes the parts of editorials from one vocabulary, with one random source each."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary

    def title(self, rng: random.Random, cast: Cast) -> str:
        """A headline such as "Lee Should Pursue Pragmatic Diplomacy with Japan"."""
        title = rng.choice(TITLE_TEMPLATES)
        for slot, fill in (
            ("{E}", cast.leader),
            ("{C}", cast.country),
            ("{V}", self._capitalised),
            ("{A}", self._capitalised),
            ("{N}", self._capitalised),
        ):
            while slot in title:
                title = title.replace(slot, fill(rng), 1)
        if rng.random() < 0.03:
            title += f" &amp; {self._capitalised(rng)}"
        return title[0].upper() + title[1:]

    def deck(self, rng: random.Random, cast: Cast) -> list[str]:
        """One to three short headline-like lines, no closing punctuation; one may repeat."""
        lines = [
            " ".join([cast.leader(rng), *self.vocabulary.draw(rng, rng.randint(3, 8))])
            for _ in range(rng.choices((1, 2, 3), weights=(5, 3, 1))[0])
        ]
        if rng.random() < 0.2:
            lines.append(lines[-1])
        return lines

    def caption(self, rng: random.Random, first_paragraph: str) -> str:
        """The first paragraph's first sentence, then what the photo shows."""
        first_sentence = first_paragraph.split(". ", 1)[0].rstrip(".") + "."
        shows = self.sentence(rng, None, rng.randint(10, 22))
        return f"{first_sentence} The photo shows {shows[0].lower()}{shows[1:]}"

    def paragraphs(self, rng: random.Random, cast: Cast) -> list[str]:
        """About eight paragraphs of 60 to 130 words; now and then a lone quoted sentence."""
        count = rng.choices(range(5, 12), weights=(1, 2, 5, 8, 5, 2, 1))[0]
        return [
            f"“{self.sentence(rng, cast, rng.randint(8, 20))}”"
            if rng.random() < 0.02
            else self.paragraph(rng, cast)
            for _ in range(count)
        ]

    def paragraph(self, rng: random.Random, cast: Cast) -> str:
        """60 to 130 words in sentences of 8 to 30 words, with one to five entity mentions."""
        words = rng.randint(60, 130)
        mentions = set(rng.sample(range(0, words, 3), rng.randint(1, 5)))
        sentences = []
        while words > 0:
            length = min(words, rng.randint(8, 30))
            sentences.append(self.sentence(rng, cast, length, mentions))
            mentions = {m - length for m in mentions if m >= length}
            words -= length
        return " ".join(sentences)

    def sentence(
        self, rng: random.Random, cast: Cast | None, length: int, mentions: Collection[int] = ()
    ) -> str:
        """A sentence of about `length` words; cast mentions at the positions in `mentions`."""
        tokens = self.vocabulary.draw(rng, length)
        for position in mentions:
            if position < length and cast is not None:
                tokens[position] = cast.mention(rng)
        if rng.random() < 0.15:
            tokens[rng.randrange(length)] = rng.choice(FIGURES).format(
                n=rng.randint(2, 999), d=rng.randint(1, 9)
            )
        if length > 6 and rng.random() < 0.05:
            start = rng.randrange(1, length - 3)
            tokens[start] = "“" + tokens[start]
            tokens[start + 2] += "”" if rng.random() < 0.7 else '"'
        for i in range(1, length - 1):
            roll = rng.random()
            if not tokens[i]:
                continue
            if roll < 0.06:
                tokens[i] += ","
            elif roll < 0.065:
                dash = rng.choice(("—", " — ", " – "))  # noqa: RUF001
                tokens[i], tokens[i + 1] = f"{tokens[i]}{dash}{tokens[i + 1]}", ""
        text = " ".join(token for token in tokens if token)
        ending = rng.choices((".", "?", "!"), weights=(95, 4, 1))[0]
        return text[0].upper() + text[1:] + ending

    def _capitalised(self, rng: random.Random) -> str:
        return self.vocabulary.content_word(rng).capitalize()
