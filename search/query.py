"""What a reader types in the search box, parsed, and spelled safely for each database.

Pure Python (no Django). The grammar is the one web search engines taught everybody:

- words are all required (in the title or in any paragraph of the same editorial);
- "a quoted phrase" (straight or curly quotes) must appear as written, within one paragraph
  or the title; a hyphenated word (`rare-earth`, `Jae-myung`) is a phrase of its parts;
- `-word` and `-"a phrase"` exclude the editorials that contain them.

Everything else is text, never syntax: `AND`, `OR`, `NOT`, `NEAR`, `*`, `:`, `^`,
parentheses and quotes left open are either ordinary words or dropped. Very common English
words (PostgreSQL's `english` stop words: "the", "and", "or", ...) are dropped on both
databases, so both find the same editorials (inside a phrase they stay, and a phrase of
nothing but stop words is dropped). Each
database stems what remains ("tariffs" finds "tariff" and "tariffed").

Each kept term becomes one string literal in the database's own syntax (an FTS5 string,
a quoted `to_tsquery` operand), which the database then splits into words with the same
tokenizer it used for the index; no user text is ever read as an operator.
"""

import re
from dataclasses import dataclass

# Each term becomes a subquery; a pasted essay must not become a query the database chews
# on for minutes.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# PostgreSQL's english.stop (tsearch_data), so that SQLite drops the same words.
ENGLISH_STOP = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
"""
STOP_WORDS = frozenset(ENGLISH_STOP.split())

QUOTES = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\uff02", '"'))
# A quoted phrase, or a run of anything but spaces and quotes; either may start with "-".
CHUNK = re.compile(r'(?P<minus>-*)(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))|"')
WORD = re.compile(r"[^\W_]+")
# What a literal keeps besides letters and digits: the joiners inside "U.S." and "Lee's".
NOT_LITERAL = re.compile("[^\\w.'\u2019]+|_+")
SEPARATORS = re.compile("[^\\w.'\u2019-]+|_+")


@dataclass(frozen=True)
class Term:
    """A word or a phrase to look for: its words (lowercased), and the text to hand over."""

    words: tuple[str, ...]
    literal: str

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class ParsedQuery:
    """The terms an editorial must contain (`include`) and must not contain (`exclude`)."""

    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)

    @property
    def words(self) -> tuple[str, ...]:
        """The words to find, in order, for messages and highlighting."""
        return tuple(word for term in self.include for word in term.words)


def parse_query(text: str) -> ParsedQuery:
    """Split what the reader typed into terms to include and exclude; never fails."""
    text = " ".join(str(text).split())[:MAX_QUERY_LENGTH].translate(QUOTES)
    include: list[Term] = []
    exclude: list[Term] = []
    for match in CHUNK.finditer(text):
        if match["phrase"] is not None:
            chunks = [match["phrase"]]
        elif match["word"] is not None:
            # Outside quotes, punctuation other than the joiners separates words: "(a,b)".
            chunks = SEPARATORS.split(match["word"])
        else:  # a quote left open: the words after it are plain words
            continue
        bucket = exclude if match["minus"] else include
        for chunk in chunks:
            term = make_term(chunk)
            seen = {kept.words for kept in bucket}
            if term and term.words not in seen and len(include) + len(exclude) < MAX_TERMS:
                bucket.append(term)
    return ParsedQuery(include=tuple(include), exclude=tuple(exclude))


def make_term(chunk: str) -> Term | None:
    """The term for one chunk of the query, or None when nothing in it can be searched."""
    literal = " ".join(NOT_LITERAL.sub(" ", chunk.replace("-", " ")).split())
    words = tuple(word.casefold() for word in WORD.findall(literal))
    if not words:
        return None
    if all(word in STOP_WORDS for word in words):
        return None
    return Term(words=words, literal=literal)


def fts5_string(term: Term) -> str:
    """The term as an FTS5 string: a phrase of whatever tokens FTS5 finds in it."""
    return '"' + term.literal.replace('"', '""') + '"'


def fts5_any(terms: tuple[Term, ...]) -> str:
    """An FTS5 query matching rows that contain any of the terms."""
    return " OR ".join(fts5_string(term) for term in terms)


def tsquery_operand(term: Term) -> str:
    """The term as one quoted `to_tsquery` operand; several words make a phrase (`<->`)."""
    return "'" + term.literal.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_any(terms: tuple[Term, ...]) -> str:
    """A `to_tsquery` text matching documents that contain any of the terms."""
    return " | ".join(tsquery_operand(term) for term in terms)
