"""Find leaders, countries and agenda items in a paragraph: one pass, whole words, longest match.

Pure Python (with the ahocorasick-rs extension), no Django. Every alias, every title with
a surname ("President Lee") and every clue word of a co-occurrence rule becomes one key of a
single Aho-Corasick automaton, built once. A paragraph is normalised without changing its
length (lower case, accents dropped, anything that is not a letter or digit made a space) and
padded with a space at each end; keys are padded the same way, so the automaton finds whole
words only ("Oman" is never found in "woman") and offsets in the normalised text are offsets
in the original. Possessives come for free: "Lee's" normalises to "lee s".

A key found in the text counts only if the text's capitals match the alias's ("US" is not
"us"; "Chad" is not "chad"; lower-case words of an alias match any case), and not where a
currency sign follows it ("US$" is money, not the country). Of overlapping finds the longest
wins. A title with a surname resolves by the article's date against the leaders' terms of
office ("President-elect Trump" against the terms about to start). An honorific with a
surname ("Mr. Trump") names a leader by the date alone only if no other leader has that
surname and this one is in office. Where the date leaves it open (several candidates, or
"Mr. Lee" who may be anyone called Lee), the article decides: the one candidate it names
elsewhere (`find_in_article`); otherwise the mention tags nobody. A bare surname is never a
key, so it never tags a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import ahocorasick_rs

LEADER, COUNTRY, AGENDA = "leader", "country", "agenda"

# Words before a title that make it someone else's title ("Vice President Lee") or that send
# us to the past ("former President Lee").
BLOCKING_WORDS = frozenset({"vice", "deputy", "assistant", "first", "second", "acting"})
FORMER_WORDS = frozenset({"former", "then", "ex", "late"})
DEFAULT_WINDOW = 150
# A rule's clues also count together anywhere in one sentence of up to this many characters:
# "halted seafood imports from Japan ... treated water from the Fukushima Daiichi plant".
SENTENCE_WINDOW = 300
# The end of a sentence: a full stop, question or exclamation mark (and any closing quote or
# bracket) before a space and a capital, but not the full stop of an initial ("U.S. Forces")
# or of a title ("Mr. Trump").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)"
    r"[.!?][\"\u201d\u2019)]*\s+[\"\u201c\u2018(]*[A-Z]"
)
# "Mr. Trump", "Ms Takaichi": written with and without the full stop.
HONORIFICS = ("Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs")
# "President-elect Trump" names whoever takes that office within this many days.
ELECT_SUFFIX = "-elect"
ELECT_WINDOW_DAYS = 120
CURRENCY_SIGNS = frozenset("$€£¥₩")
# Longest match is decided twice: among agenda items, and among everything else ("U.S.
# tariffs" is an issue and a mention of the United States); shields take part in both.
ISSUES, OTHERS = 1, 2


@dataclass(frozen=True, slots=True)
class Target:
    """What a key tags: an entity of a kind, by its id."""

    kind: str
    id: int


@dataclass(frozen=True)
class Name:
    """One way the text writes one or more entities; with no targets, a phrase that tags nothing
    (a shield such as "Korean Peninsula" or "New Jersey" that outranks the shorter names in it)."""

    text: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Term:
    """A leader's term in an office; `end` is the successor's first day (None while in office)."""

    leader: int
    office: str
    country: int | None
    start: date
    end: date | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    def ended_by(self, on: date) -> bool:
        return self.end is not None and self.end <= on


@dataclass(frozen=True)
class Rule:
    """Tag `target` when one phrase of every group occurs within `window` characters, or
    within one sentence of up to SENTENCE_WINDOW characters."""

    target: Target
    groups: tuple[tuple[str, ...], ...]
    window: int = DEFAULT_WINDOW
    # Phrases in which the clue words do not count ("retaliatory tariffs" for US tariffs).
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A found entity: [start, end) in the paragraph, in code points."""

    start: int
    end: int
    target: Target


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A title or honorific with a surname that the date alone leaves open between `leaders`."""

    start: int
    end: int
    leaders: frozenset[int]


@dataclass
class _Key:
    """What one normalised key stands for; filled from every alias, title and clue that has it."""

    length: int
    patterns: list[tuple[int, ...]] = field(default_factory=list)  # as a name, title, shield
    clue_patterns: list[tuple[int, ...]] = field(default_factory=list)  # as a clue word
    targets: set[Target] = field(default_factory=set)
    shield: bool = False
    personal: bool = False  # also a person's name: not where it is part of one
    terms: list[Term] = field(default_factory=list)
    elect_terms: list[Term] = field(default_factory=list)  # "President-elect Lee"
    people: set[int] = field(default_factory=set)  # "Mr. Lee": every leader called Lee
    clues: list[tuple[int, int]] = field(default_factory=list)  # (rule index, group index)
    excepting: list[int] = field(default_factory=list)  # rules whose clues it voids
    title_forms: set[tuple[str, str]] = field(default_factory=set)  # (title, surname)
    # Set by `freeze` once every alias is in: what `find` reads, ready to use.
    case: tuple[tuple[int, ...], ...] | None = None  # None: any case fits; (): never
    clue_case: tuple[tuple[int, ...], ...] | None = ()
    tags: tuple[Target, ...] = ()
    named: bool = False  # an alias or a shield: takes part in longest-match
    titled: bool = False  # a title or honorific with a surname: resolved by date and article
    leader_name: bool = False  # names a leader: not where a longer given name goes on
    layers: int = OTHERS  # which longest-match contests its finds take part in

    def freeze(self) -> None:
        # Kept apart, so that a lower-case clue ("shuttle diplomacy") does not let the name
        # "Shuttle diplomacy" match lower case too.
        self.case = _case_of(self.patterns)
        self.clue_case = _case_of(self.clue_patterns)
        self.tags = () if self.shield else tuple(sorted(self.targets, key=_target_order))
        self.named = bool(self.targets) or self.shield
        self.titled = bool(self.terms or self.elect_terms or self.people)
        self.leader_name = any(t.kind == LEADER for t in self.tags)
        if self.shield:
            self.layers = ISSUES | OTHERS
        elif self.tags and all(t.kind == AGENDA for t in self.tags):
            self.layers = ISSUES

    @staticmethod
    def fits_case(text: str, start: int, case: tuple[tuple[int, ...], ...] | None) -> bool:
        """Whether the text has capitals wherever one of the key's phrases (of one role) has
        them; `case` is `case` or `clue_case`."""
        if case is None:
            return True
        for pattern in case:
            for i in pattern:
                if not text[start + i].isupper():
                    break
            else:
                return True
        return False


def _case_of(patterns: list[tuple[int, ...]]) -> tuple[tuple[int, ...], ...] | None:
    """Where a key's text must have capitals: None if a phrase of it has none."""
    return None if () in patterns else tuple(patterns)


def _target_order(target: Target) -> tuple[str, int]:
    return target.kind, target.id


class _Found(NamedTuple):
    """One paragraph's mentions, its titles the date left open, the title keys it gives to
    someone not in the gazetteer, and the title keys it settled by the date."""

    mentions: list[Mention]
    unresolved: list[Unresolved]
    others: frozenset[int] = frozenset()
    dated: frozenset[int] = frozenset()


_NOTHING = _Found([], [])


def _names_leader(find: _Find) -> bool:
    return any(target.kind == LEADER for target in find.targets)


@dataclass(slots=True)
class _Find:
    start: int
    end: int
    targets: tuple[Target, ...]
    titled: bool = False
    open_between: frozenset[int] = frozenset()  # a title the date left open: its candidates
    layers: int = OTHERS


_NOT_WORD = re.compile(r"[\W_]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters and digits in lower case, everything else a space: str.translate has a fast path
# for ASCII text with a table of single ASCII characters.
_ASCII = str.maketrans({chr(c): chr(c).lower() if chr(c).isalnum() else " " for c in range(128)})


@lru_cache(maxsize=4096)
def _as_ascii(char: str) -> str:
    """One ASCII character for a non-ASCII one: its base letter (é, Ō), a space for
    punctuation (curly quotes, dashes), itself for letters with no ASCII base (한, ß)."""
    if not char.isalnum():
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 and base.isascii() else char


def normalise(text: str) -> str:
    """Lower case, accents dropped, non-word characters as spaces; always the same length."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda m: _as_ascii(m.group()), text)
        if not text.isascii():  # letters with no ASCII base: the general, slower way
            return _normalise_unicode(text)
    return text.translate(_ASCII)


def _normalise_unicode(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) lower to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _NOT_WORD.sub(" ", lowered)


def tidy(alias: str) -> str:
    """An alias as written, with runs of whitespace made single spaces."""
    return " ".join(alias.split())


def case_pattern(alias: str) -> tuple[int, ...]:
    """Where the text must have capitals for this alias: wherever the alias has them."""
    return tuple(i for i, char in enumerate(alias) if char.isupper())


class Matcher:
    """Built once from every alias, title, term and rule; `find` is then one pass per paragraph."""

    def __init__(
        self,
        *,
        names: Iterable[Name] = (),
        titles: Mapping[str, Iterable[str]] | None = None,
        family_names: Mapping[int, str] | None = None,
        terms: Iterable[Term] = (),
        rules: Iterable[Rule] = (),
        honorifics: Iterable[str] = HONORIFICS,
        personal_names: Iterable[str] = (),
        since: Mapping[Target, date] | None = None,
    ):
        self._keys: dict[str, _Key] = {}
        for name in names:
            key = self._key(name.text, pattern_from=name.text)
            if key is not None:
                key.targets.update(name.targets)
                key.shield = key.shield or not name.targets
        self._since = dict(since or {})  # events: not mentioned before they began
        for text in personal_names:
            key = self._key(text, pattern_from=text)
            if key is not None:
                key.personal = True
        terms = list(terms)
        family_names = family_names or {}
        self._terms_of: dict[int, list[Term]] = {}
        for term in terms:
            self._terms_of.setdefault(term.leader, []).append(term)
        self._add_titles(titles or {}, family_names, terms)
        self._add_honorifics(honorifics, family_names)
        self.rules = list(rules)
        for number, rule in enumerate(self.rules):
            for group_number, group in enumerate(rule.groups):
                for phrase in group:
                    key = self._key(phrase, pattern_from=phrase, clue=True)
                    if key is not None:
                        key.clues.append((number, group_number))
            for phrase in rule.exceptions:
                key = self._key(phrase, pattern_from=phrase, clue=True)
                if key is not None:
                    key.excepting.append(number)
        self._entries = list(self._keys.values())
        for key in self._entries:
            key.freeze()
        self._automaton = None
        if self._entries:
            # Standard (not leftmost-longest) with overlaps: "President Lee" and "Lee Myung-bak"
            # must both be seen for the longer-wins and name-goes-on rules to choose.
            self._automaton = ahocorasick_rs.AhoCorasick(
                list(self._keys), matchkind=ahocorasick_rs.MatchKind.Standard
            )

    def __len__(self) -> int:
        """How many distinct keys the matcher knows."""
        return len(self._entries)

    def _key(self, text: str, *, pattern_from: str, clue: bool = False) -> _Key | None:
        text = tidy(text)
        core = normalise(text)
        if not core.strip():
            return None
        padded = f" {core} "
        key = self._keys.get(padded)
        if key is None:
            key = self._keys[padded] = _Key(length=len(core))
        pattern = case_pattern(pattern_from)
        patterns = key.clue_patterns if clue else key.patterns
        if pattern not in patterns:
            patterns.append(pattern)
        return key

    def _add_titles(
        self,
        titles: Mapping[str, Iterable[str]],
        family_names: Mapping[int, str],
        terms: list[Term],
    ) -> None:
        """One key per title form and surname of someone who held an office with that title,
        and one per "-elect" form ("President-elect Trump")."""
        offices: dict[str, list[str]] = {}
        for office, forms in titles.items():
            for form in forms:
                offices.setdefault(tidy(form), []).append(office)
        for term in terms:  # an office missing from the table is its own only title
            if term.office not in titles:
                offices.setdefault(tidy(term.office), []).append(term.office)
        for form, office_names in offices.items():
            for term in terms:
                surname = tidy(family_names.get(term.leader, ""))
                if term.office not in office_names or not surname:
                    continue
                for text, held in (
                    (f"{form} {surname}", "terms"),
                    (f"{form}{ELECT_SUFFIX} {surname}", "elect_terms"),
                ):
                    key = self._key(text, pattern_from=text)
                    if key is not None and term not in getattr(key, held):
                        getattr(key, held).append(term)
                        key.title_forms.add((form, surname))

    def _add_honorifics(self, honorifics: Iterable[str], family_names: Mapping[int, str]) -> None:
        """One key per honorific and surname of a leader who has terms ("Mr. Trump")."""
        for form in honorifics:
            for leader, surname in family_names.items():
                surname = tidy(surname)
                if surname and leader in self._terms_of:
                    text = f"{form} {surname}"
                    key = self._key(text, pattern_from=text)
                    if key is not None:
                        key.people.add(leader)

    def find(self, text: str, on: date | None = None) -> list[Mention]:
        """The mentions in `text`, in text order; `on` (the article's date) resolves titles."""
        return self.find_in_article([text], on)[0]

    def find_in_article(self, texts: Sequence[str], on: date | None = None) -> list[list[Mention]]:
        """The mentions in each paragraph of one article. A title or honorific that the date
        leaves open names the one of its candidates that the article names elsewhere. Where
        the article gives the title and surname to someone else ("Hanwha Group Chairman Kim
        Seung-youn"), the date does not settle them either ("Chairman Kim" later on)."""
        found = [self._find(text, on) for text in texts]
        others = frozenset().union(*(f.others for f in found))
        dated = frozenset().union(*(f.dated for f in found)) - others
        if dated:
            others |= self._described_others(texts, dated)
        if others:
            found = [
                self._find(text, on, not_by_date=others) if f.dated & others else f
                for text, f in zip(texts, found, strict=True)
            ]
        if not any(f.unresolved for f in found):
            return [f.mentions for f in found]
        return _settled([(f.mentions, f.unresolved) for f in found])

    def _described_others(self, texts: Sequence[str], keys: frozenset[int]) -> frozenset[int]:
        """The title keys whose title and surname the article gives to someone not in the
        gazetteer in an apposition: "Kim Chong-in, chairman of the party's committee"."""
        found = set()
        for number in keys:
            for form, surname in self._entries[number].title_forms:
                apposition = _apposition(form, surname)
                for text in texts:
                    for match in apposition.finditer(text):
                        if not self._is_leader_name(match.group(1)):
                            found.add(number)
        return frozenset(found)

    def _is_leader_name(self, text: str) -> bool:
        key = self._keys.get(f" {normalise(tidy(text))} ")
        return key is not None and key.leader_name

    def _find(
        self, text: str, on: date | None, not_by_date: frozenset[int] = frozenset()
    ) -> _Found:
        """One paragraph's mentions; titles whose key is in `not_by_date` are left open."""
        if self._automaton is None or not text:
            return _NOTHING
        matches = self._automaton.find_matches_as_indexes(f" {normalise(text)} ", overlapping=True)
        if not matches:
            return _NOTHING
        entries = self._entries
        finds: list[_Find] = []
        titled: list[tuple[_Find, _Key, int]] = []
        clue_hits: dict[int, list[tuple[int, int, int]]] = {}
        excepted: dict[int, list[tuple[int, int]]] = {}
        size = len(text)
        for number, start, _ in matches:
            # The key starts with the padding space, so `start` is the mention's offset.
            key = entries[number]
            as_name = key.fits_case(text, start, key.case)
            as_clue = key.clue_case != () and key.fits_case(text, start, key.clue_case)
            if not (as_name or as_clue):
                continue
            end = start + key.length
            if end < size and text[end] in CURRENCY_SIGNS:
                continue
            if key.personal and _in_a_personal_name(text, start, end):
                continue
            if key.leader_name and _LONGER_GIVEN_NAME.match(text, end):
                continue  # "Park Jin-woo" is not Park Jin
            if as_name and key.named:
                finds.append(_Find(start, end, key.tags, layers=key.layers))
            if as_name and key.titled:
                titled.append((_Find(start, end, (), titled=True), key, number))
            if as_clue:
                for rule_number, group in key.clues:
                    clue_hits.setdefault(rule_number, []).append((start, end, group))
                for rule_number in key.excepting:
                    excepted.setdefault(rule_number, []).append((start, end))
        others, dated = set(), set()
        for find, key, number in titled:
            if _name_goes_on(text, find.end):
                # "President Lee Jae-myung" is a leader's name; "Chairman Kim Seung-youn",
                # someone else who holds the title in this article.
                if not any(f.start < find.end < f.end and _names_leader(f) for f in finds):
                    others.add(number)
                continue
            leaders, settled = self._title_leaders(text, find, key, finds, on)
            if settled and number not in not_by_date:
                find.targets = (Target(LEADER, next(iter(leaders))),)
                finds.append(find)
                dated.add(number)
            elif leaders:
                find.open_between = frozenset(leaders)
                finds.append(find)
        kept = _longest_first(finds)
        mentions = [Mention(f.start, f.end, t) for f in kept for t in f.targets]
        unresolved = []
        if titled:
            unresolved = [
                Unresolved(f.start, f.end, f.open_between) for f in kept if f.open_between
            ]
        if clue_hits:
            mentions.extend(self._rule_mentions(text, clue_hits, excepted, mentions))
            mentions.sort(key=_mention_order)
        if self._since and on is not None:
            mentions = [m for m in mentions if not on < self._since.get(m.target, on)]
        return _Found(mentions, unresolved, frozenset(others), frozenset(dated))

    def _title_leaders(
        self, text: str, find: _Find, key: _Key, finds: list[_Find], on: date | None
    ) -> tuple[set[int], bool]:
        """The leaders a title or honorific with a surname may name on that date, and whether
        the date settles it (else the article must: see `find_in_article`)."""
        if on is None:
            return set(), False
        if key.people:
            # "Mr. Lee" may be anyone called Lee: only a surname no other leader has, held by
            # someone in office, is settled by the date ("Mr. Trump" in 2025).
            held = {p for p in key.people if any(t.start <= on for t in self._terms_of[p])}
            sole = len(key.people) == len(held) == 1 and any(
                t.covers(on) for t in self._terms_of[min(held)]
            )
            return held, sole
        countries, former = _title_context(text, find.start, finds)
        if countries is None:
            return set(), False
        if key.elect_terms:
            soon = on + timedelta(days=ELECT_WINDOW_DAYS)
            leaders = {
                t.leader
                for t in key.elect_terms
                if (not countries or t.country in countries) and on <= t.start <= soon
            }
        else:
            candidates = [t for t in key.terms if not countries or t.country in countries]
            current = {t.leader for t in candidates if t.covers(on)}
            past = {t.leader for t in candidates if t.ended_by(on)} - current
            leaders = past if former else (current or past)
        return leaders, len(leaders) == 1

    def _rule_mentions(
        self,
        text: str,
        clue_hits: dict[int, list[tuple[int, int, int]]],
        excepted: dict[int, list[tuple[int, int]]],
        mentions: list[Mention],
    ) -> list[Mention]:
        """One mention per rule whose clue groups all occur within its window (or within one
        sentence), not counting clue words inside the rule's exceptions."""
        found = []
        for rule_number, hits in clue_hits.items():
            rule = self.rules[rule_number]
            if spans := excepted.get(rule_number):
                hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in spans)]
            if len({group for _, _, group in hits}) < len(rule.groups):
                continue
            span = _smallest_window(sorted(hits), len(rule.groups), _window_fits(text, rule.window))
            if span is None:
                continue
            start, end = span
            if not any(
                m.target == rule.target and m.start < end and start < m.end for m in mentions
            ):
                found.append(Mention(start, end, rule.target))
        return found


def _settled(found: list[tuple[list[Mention], list[Unresolved]]]) -> list[list[Mention]]:
    """Each paragraph's mentions, with every open title that names exactly one of the leaders
    mentioned anywhere in these paragraphs (one article) resolved to that leader."""
    named = {m.target.id for mentions, _ in found for m in mentions if m.target.kind == LEADER}
    results = []
    for mentions, unresolved in found:
        settled = [
            Mention(u.start, u.end, Target(LEADER, next(iter(fits))))
            for u in unresolved
            if len(fits := u.leaders & named) == 1
        ]
        results.append(sorted([*mentions, *settled], key=_mention_order) if settled else mentions)
    return results


def _name_goes_on(text: str, end: int) -> bool:
    """Whether a surname is followed by more of a name ("President Lee Myung-bak")."""
    rest = text[end : end + 2]
    return len(rest) == 2 and rest[0] in " -\u00a0" and rest[1].isupper()


@lru_cache(maxsize=1024)
def _apposition(form: str, surname: str) -> re.Pattern:
    """A full name with that surname (a hyphenated given name, as Korean and Taiwanese names
    are written) followed by a comma and, within a few words, the title in any case."""
    return re.compile(
        rf"\b({re.escape(surname)}[ \u00a0][A-Z][a-z]+-[a-z]+),"
        rf"(?:[ \u00a0][\w\u2019'.-]+){{0,6}}?[ \u00a0](?i:{re.escape(form)})\b"
    )


# A hyphen and more of a given name after a leader's name: someone else ("Park Jin-woo"),
# unless it is a suffix ("Moon Jae-in-era", "Kishida-led").
_LONGER_GIVEN_NAME = re.compile(
    r"-(?!(?:led|era|style|backed|based|type|like|ism|ist|ists|ite|ites|esque|linked|aligned"
    r"|appointed|nominated|allied|friendly)\b)[a-z]"
)
_WORD_BEFORE = re.compile(r"([\w\u2019'.]+)[ \u00a0-]$")
_QUALIFIER_GAP = re.compile(r"(?:[\u2019']s)?[ \u00a0-]")


# A capitalised word right after a name, or right before it that is not a capitalised word
# of the kind that opens a sentence ("The Jordan government", "In Jordan", "When President").
_NAME_AFTER = re.compile(r"[ \u00a0][A-Z][a-z]")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)[ \u00a0]$")
_OPENERS = """The A An In On At For And But Or Of To From With By As Like Unlike Both Even While
    Since Under After Before Between Without When Whenever If Once Until Because Although Though
    Then Now So Yet Still Only Also Here There Today Yesterday Meanwhile This That These Those
    Each Every Neither Either Why How What Where Whether Had Has Did Does Will Would"""
_SENTENCE_OPENERS = frozenset(_OPENERS.split())


def _in_a_personal_name(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) stands in a person's name ("Michael Jordan")."""
    if _NAME_AFTER.match(text, end):
        return True
    before = _NAME_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1) not in _SENTENCE_OPENERS


def _title_context(text: str, start: int, finds: list[_Find]) -> tuple[set[int] | None, bool]:
    """Countries that qualify a title (`Japanese Prime Minister`, `Korea's President`) and
    whether it is a former holder's; countries None when the title belongs to someone else
    (`Vice President Lee`, `Democratic Party Chairman Lee`)."""
    countries: set[int] = set()
    position = start
    qualifier = next(
        (
            f
            for f in finds
            if f.end < start
            and any(t.kind == COUNTRY for t in f.targets)
            and _QUALIFIER_GAP.fullmatch(text, f.end, start)
        ),
        None,
    )
    if qualifier is not None:
        countries = {t.id for t in qualifier.targets if t.kind == COUNTRY}
        position = qualifier.start
    match = _WORD_BEFORE.search(text, max(0, position - 40), position)
    if match is None:
        return countries, False
    word = match.group(1)
    if word.lower().strip("\u2019'.") in FORMER_WORDS:
        return countries, True
    # A capitalised word before the title names another body ("Samsung Chairman"), unless it
    # is a word that opens sentences ("When President Macron") or a full stop shows it ends
    # the sentence before.
    modified = word.lower() in BLOCKING_WORDS or (
        word[0].isupper() and word not in _SENTENCE_OPENERS
    )
    if qualifier is None and modified and not word.endswith("."):
        return None, False
    return countries, False


def _mention_order(mention: Mention) -> tuple:
    return mention.start, mention.end, mention.target.kind, mention.target.id


def _longest_first(finds: list[_Find]) -> list[_Find]:
    """Non-overlapping finds in text order, the longest winning each overlap (then the
    leftmost); shields win and then tag nothing; titles the date left open win and wait.

    Agenda items compete only with agenda items: "U.S. tariffs" and "the North Korean nuclear
    program" name a country as well as an issue. Shields outrank both."""
    finds.sort(key=lambda f: (f.start, f.end))
    if all(a.end <= b.start for a, b in pairwise(finds)):
        return [f for f in finds if f.targets or f.open_between]  # no overlap: the usual case
    if all(f.layers & OTHERS for f in finds):
        kept = _non_overlapping(finds)
    else:
        issues = [f for f in finds if f.layers & ISSUES]
        kept = _non_overlapping(issues) + _non_overlapping([f for f in finds if f.layers & OTHERS])
    kept += _countries_in_titles(finds, kept)
    return sorted((f for f in kept if f.targets or f.open_between), key=lambda f: (f.start, f.end))


def _countries_in_titles(finds: list[_Find], kept: list[_Find]) -> list[_Find]:
    """The countries a kept title names before its surname: "North Korean leader Kim" is
    also a mention of North Korea (the surname itself, last, is only the person)."""
    titles = [k for k in kept if k.titled]
    if not titles:
        return []
    inside = [
        f
        for f in finds
        if not f.titled and any(t.start <= f.start and f.end < t.end for t in titles)
    ]
    return [
        f
        for f in _non_overlapping(inside)  # "North Korean", not "Korean" in it
        if f.targets and all(t.kind == COUNTRY for t in f.targets)
    ]


def _non_overlapping(finds: list[_Find]) -> list[_Find]:
    """The longest of each overlapping run (then the leftmost; a name before a title)."""
    kept: list[_Find] = []
    for find in sorted(finds, key=lambda f: (f.start - f.end, f.start, f.titled)):
        if all(find.end <= k.start or k.end <= find.start for k in kept):
            kept.append(find)
    return kept


def _window_fits(text: str, window: int) -> Callable[[int, int], bool]:
    """Whether clues from `start` to `end` are close enough: within `window` characters, or
    in one sentence of up to SENTENCE_WINDOW characters."""

    def fits(start: int, end: int) -> bool:
        if end - start <= window:
            return True
        return end - start <= SENTENCE_WINDOW and not _SENTENCE_END.search(text, start, end)

    return fits


def _smallest_window(
    hits: list[tuple[int, int, int]], groups: int, fits: Callable[[int, int], bool]
) -> tuple[int, int] | None:
    """The shortest stretch holding a hit of every group, if one `fits`."""
    best = None
    counts: dict[int, int] = {}
    left = 0
    for right, (_, _, group) in enumerate(hits):
        counts[group] = counts.get(group, 0) + 1
        while len(counts) == groups:
            start = hits[left][0]
            end = max(h[1] for h in hits[left : right + 1])
            if (best is None or end - start < best[1] - best[0]) and fits(start, end):
                best = (start, end)
            left_group = hits[left][2]
            counts[left_group] -= 1
            if not counts[left_group]:
                del counts[left_group]
            left += 1
    return best
