"""Which fields of an annotation a revision changed, in words, for its history.

Plain Python: a revision keeps the whole content before and after the change (see
annotations.services.snapshot); this compares the two, field by field. The body is left to
the word diff (annotations.word_diff), which shows it better than "before → after".
"""

from collections.abc import Mapping
from typing import NamedTuple

# The fields a reader of the history cares about, in the order the annotation shows them,
# with the words that name them. The paragraph is left to the action ("Moved", "Re-attached").
FIELDS = (
    ("kind", "kind"),
    ("claim_text", "claim"),
    ("claimant", "who made it"),
    ("claimant_leader", "leader who made it"),
    ("claimant_type", "person or organisation"),
    ("verdict", "verdict"),
    ("evidence", "evidence"),
    ("quote", "quote"),
    ("status", "status"),
    ("moderation_reason", "moderation reason"),
)
NONE = "none"
# Snapshots kept before a field existed hold the value the migration gave every row.
ABSENT = {"claimant_type": "person"}
# The words for values no caller needs to look up (annotations.models.ClaimantType's).
OWN_WORDS = {"claimant_type": {"person": "a person", "organisation": "an organisation"}}


class Change(NamedTuple):
    """One changed field: its name, the words for it, and its value before and after."""

    field: str
    label: str
    old: str
    new: str


def value_words(field: str, value, words: Mapping[str, Mapping]) -> str:
    """A snapshot's value as a reader would say it: a choice's label, a quoted text, the
    evidence addresses."""
    if field == "quote":
        exact = (value or {}).get("exact", "")
        return f"“{exact}”" if exact else "the whole paragraph"
    if field == "evidence":
        links = [
            f"{link.get('url', '')} ({link['title']})" if link.get("title") else link.get("url", "")
            for link in value or ()
        ]
        return "; ".join(links) if links else NONE
    if value in (None, ""):
        return NONE
    if field in words:
        return str(words[field].get(value, value))
    return f"“{value}”"


def field_changes(
    previous: Mapping | None, content: Mapping, *, words: Mapping[str, Mapping] | None = None
) -> list[Change]:
    """The fields that differ between two snapshots, in FIELDS order; none for a creation.

    `words` maps a field to the labels of its values (a verdict's "false" is "False", a
    leader's id their name); values without one are quoted as they are."""
    if previous is None:
        return []
    words = {**OWN_WORDS, **(words or {})}
    changes = []
    for field, label in FIELDS:
        old = previous.get(field, ABSENT.get(field))
        new = content.get(field, ABSENT.get(field))
        if field == "quote":
            old, new = old or {}, new or {}
            if old.get("exact", "") == new.get("exact", ""):
                continue
        elif (old or "") == (new or ""):
            continue
        changes.append(
            Change(field, label, value_words(field, old, words), value_words(field, new, words))
        )
    return changes
