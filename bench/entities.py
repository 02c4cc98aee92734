"""Names editorials talk about, each with the ways the text writes it (pure Python).

Each editorial picks a small cast (a few leaders, countries and agenda items) and mentions
mostly them, a few times per paragraph, as real editorials do.
"""

import random
from dataclasses import dataclass

LEADERS = (
    ("Lee Jae-myung", "Lee Jae Myung", "Lee Jaemyung", "President Lee Jae-myung", "President Lee"),
    ("Sanae Takaichi", "Prime Minister Sanae Takaichi", "Prime Minister Takaichi", "Takaichi"),
    ("Xi Jinping", "President Xi Jinping", "President Xi", "Chinese President Xi Jinping"),
    ("Donald Trump", "President Donald Trump", "President Trump", "Trump"),
    ("Fumio Kishida", "Kishida Fumio", "Prime Minister Kishida"),
    ("Shigeru Ishiba", "Prime Minister Shigeru Ishiba", "Ishiba"),
    ("Yoon Suk Yeol", "Yoon Suk-yeol", "former President Yoon"),
    ("Moon Jae-in", "former President Moon Jae-in", "Moon"),
    ("Kim Jong-un", "Kim Jong Un", "North Korean leader Kim Jong-un"),
    ("Vladimir Putin", "Russian President Vladimir Putin", "Putin"),
    ("Joe Biden", "President Joe Biden", "Biden"),
    ("Nicolás Maduro", "Venezuelan President Nicolás Maduro", "Maduro"),
    ("Lee Myung-bak", "President Lee Myung-bak"),
    ("Park Geun-hye", "President Park Geun-hye"),
    ("Shinzo Abe", "Abe Shinzo", "Prime Minister Abe"),
)

COUNTRIES = (
    ("South Korea", "Korea", "ROK", "the Republic of Korea", "South Korea’s", "Korea's"),  # noqa: RUF001
    ("Japan", "Japan’s", "Tokyo"),  # noqa: RUF001
    ("U.S.", "US", "USA", "the United States", "Washington", "U.S.–Japan", "U.S.–China"),  # noqa: RUF001
    ("China", "China’s", "Beijing"),  # noqa: RUF001
    ("North Korea", "Pyongyang", "the North"),
    ("Russia", "Moscow"),
    ("Taiwan",),
    ("Venezuela",),
    ("the European Union", "EU"),
    ("Vietnam",),
    ("India",),
)

AGENDA_ITEMS = (
    ("CPTPP", "the Comprehensive and Progressive Agreement for Trans-Pacific Partnership"),
    ("Dokdo", "the Dokdo islets"),
    ("THAAD",),
    ("RCEP",),
    ("the G20 Summit", "G20"),
    ("APEC", "the APEC summit"),
    ("rare-earth export controls", "rare-earth elements (REE)"),
    ("the Fukushima water release", "Fukushima"),
    ("the Josei Coal Mine",),
    ("semiconductor subsidies", "chip subsidies"),
    ("the minimum wage",),
    ("tariffs", "reciprocal tariffs"),
    ("nuclear-powered submarines",),
    ("the Indo-Pacific Strategy",),
    ("artificial intelligence (AI)", "AI"),
)


@dataclass(frozen=True)
class Cast:
    """The entities one editorial talks about, each as the tuple of ways it is written."""

    leaders: tuple[tuple[str, ...], ...]
    countries: tuple[tuple[str, ...], ...]
    agenda: tuple[tuple[str, ...], ...]

    def mention(self, rng: random.Random) -> str:
        """One way of writing one cast member; the first (full) form is the likeliest."""
        forms = rng.choice(rng.choice((self.leaders, self.countries, self.agenda)))
        return forms[0] if rng.random() < 0.5 else rng.choice(forms)

    def leader(self, rng: random.Random) -> str:
        """A leader's full name, for titles and decks."""
        return rng.choice(self.leaders)[0]

    def country(self, rng: random.Random) -> str:
        """A country's usual name, for titles and decks."""
        return rng.choice(self.countries)[0]


def pick_cast(rng: random.Random) -> Cast:
    """Two to four leaders, two to four countries and one or two agenda items."""
    return Cast(
        leaders=tuple(rng.sample(LEADERS, rng.randint(2, 4))),
        countries=tuple(rng.sample(COUNTRIES, rng.randint(2, 4))),
        agenda=tuple(rng.sample(AGENDA_ITEMS, rng.randint(1, 2))),
    )
