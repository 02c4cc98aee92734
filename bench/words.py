"""A synthetic English-like vocabulary with Zipf-like word frequencies (pure Python).

Common function words take the top ranks, as in real English; after them come tens of
thousands of made-up but pronounceable content words. A word of rank r is drawn with
weight 1 / (r + 2.7) (Zipf-Mandelbrot): in 10,000 editorials about a third of the tokens
are function words, and the median content word appears in a few dozen editorials only,
so a word query matches a few editorials, not all of them.
"""

import itertools
import random


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FUNCTION_WORDS = _split(
    "the of and to a in that is for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "so no will more can who its than some into them only other also could these two may "
    "then do first any my now such like our over even most made after many must before "
    "through where much should well because each those between both under while since "
    "however although whether still already again without against among toward during "
    "within rather yet very just too here what how why less same own another every"
)

ONSETS = _split(
    "b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p pl pr qu r s sc sh sk sl sp st "
    "str t th tr v w wh z"
)
VOWELS = _split("a e i o u a e i o u a e i o ea ee ou io")
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "d", "nd", "st", "ck", "ng", "rt", "x"]
SUFFIXES = ["", "", "", "", "", "", "s", "s", "ed", "ing", "ion", "al", "ity", "ment", "ly"]


def pronounceable_word(rng: random.Random) -> str:
    """One made-up word of one to three syllables, each onset-vowel-coda, maybe a suffix."""
    syllables = rng.choices((1, 2, 3), weights=(5, 6, 2))[0]
    word = "".join(
        rng.choice(ONSETS if i == 0 or rng.random() < 0.7 else ("",))
        + rng.choice(VOWELS)
        + (rng.choice(CODAS) if i == syllables - 1 or rng.random() < 0.2 else "")
        for i in range(syllables)
    )
    return word + rng.choice(SUFFIXES)


def content_words(count: int, seed: int) -> list[str]:
    """`count` distinct made-up words, none of them a function word, in a fixed order."""
    rng = random.Random(f"vocabulary-{seed}")
    seen = set(FUNCTION_WORDS)
    words = []
    while len(words) < count:
        word = pronounceable_word(rng)
        if word not in seen and 3 <= len(word) <= 13:
            seen.add(word)
            words.append(word)
    return words


class Vocabulary:
    """Draws words by Zipf-like frequency: function words first, then content words."""

    def __init__(self, size: int = 40_000, seed: int = 1):
        self.words = list(FUNCTION_WORDS) + content_words(size, seed)
        self.content = self.words[len(FUNCTION_WORDS) :]
        weights = (1.0 / (rank + 2.7) for rank in range(1, len(self.words) + 1))
        self.cum_weights = list(itertools.accumulate(weights))
        start = self.cum_weights[len(FUNCTION_WORDS) - 1]
        self.content_cum_weights = [w - start for w in self.cum_weights[len(FUNCTION_WORDS) :]]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """`count` words drawn with Zipf-like frequencies."""
        return rng.choices(self.words, cum_weights=self.cum_weights, k=count)

    def content_word(self, rng: random.Random) -> str:
        """A content word, favouring the commoner ones (for titles and decks)."""
        return rng.choices(self.content, cum_weights=self.content_cum_weights)[0]
