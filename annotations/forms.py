"""Forms editors fill in: an annotation (note or claim), a reply, a moderation reason."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse

from annotations.anchoring import quote_find_in
from annotations.leader_lookup import (
    TYPED_MAX_CHARS,
    AmbiguousLeader,
    UnknownLeader,
    leader_label,
    leader_resolve,
)
from annotations.limits import (
    BODY_MAX_CHARS,
    CLAIM_TEXT_MAX_CHARS,
    CLAIMANT_MAX_CHARS,
    EVIDENCE_MAX_CHARS,
    EVIDENCE_TITLE_MAX_CHARS,
    EVIDENCE_URL_MAX_CHARS,
    MAX_EVIDENCE_LINKS,
    QUOTE_MAX_CHARS,
    REASON_MAX_CHARS,
    REPLY_MAX_CHARS,
    offset_parse,
    too_long,
)
from annotations.models import ClaimantType, Kind
from annotations.services import AnnotationContent, Evidence
from annotations.verdicts import Verdict


class LengthLimit:
    """Refuses a text over `limit` characters with a message that names it."""

    def __init__(self, what: str, limit: int):
        self.what, self.limit = what, limit

    def __call__(self, value: str) -> None:
        if len(value) > self.limit:
            raise ValidationError(too_long(self.what, self.limit, len(value)), code="max_length")


def limited_text(*, what: str, limit: int, rows: int | None = None, **kwargs) -> forms.CharField:
    """A text field held to `limit` characters: in the browser (maxlength) and on the server."""
    attrs = {"maxlength": limit} | ({"rows": rows} if rows else {})
    widget = forms.Textarea(attrs=attrs) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(validators=[LengthLimit(what, limit)], widget=widget, **kwargs)


class OffsetField(forms.CharField):
    """A quote's start offset, only a hint: anything but a plain bounded number is no hint."""

    widget = forms.HiddenInput

    def to_python(self, value):
        return offset_parse(super().to_python(value))


def evidence_parse(text: str) -> list[Evidence]:
    """One link per line: a URL, then optionally its title after a space."""
    links, validate = [], URLValidator(schemes=["http", "https"])
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        url, _, title = line.strip().partition(" ")
        title = title.strip()
        if len(url) > EVIDENCE_URL_MAX_CHARS:
            raise ValidationError(
                f"Line {number}: " + too_long("the address", EVIDENCE_URL_MAX_CHARS, len(url))
            )
        if len(title) > EVIDENCE_TITLE_MAX_CHARS:
            raise ValidationError(
                f"Line {number}: " + too_long("the title", EVIDENCE_TITLE_MAX_CHARS, len(title))
            )
        try:
            validate(url)
        except ValidationError:
            raise ValidationError(
                f"Line {number}: “{url}” is not a web address (start it with https://)."
            ) from None
        links.append(Evidence(url=url, title=title))
    if len(links) > MAX_EVIDENCE_LINKS:
        raise ValidationError(f"At most {MAX_EVIDENCE_LINKS} evidence links.")
    return links


class AnnotationForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.NOTE)
    quote = limited_text(
        what="The quote",
        limit=QUOTE_MAX_CHARS,
        rows=2,
        required=False,
        help_text="The words you annotate, exactly as in the paragraph. "
        "Leave empty to annotate the whole paragraph.",
    )
    quote_start = OffsetField(required=False)
    claim_text = limited_text(
        what="The claim",
        limit=CLAIM_TEXT_MAX_CHARS,
        label="Claim",
        required=False,
        help_text="The claim as stated, in one sentence.",
    )
    claimant = limited_text(
        what="Who made it",
        limit=CLAIMANT_MAX_CHARS,
        label="Who made it",
        required=False,
        help_text="In your own words; with a leader below, it says in what role or body.",
    )
    claimant_leader = limited_text(
        what="The leader's name",
        limit=TYPED_MAX_CHARS,
        label="Or a leader",
        required=False,
        help_text="Type the leader's name; suggestions appear as you type. "
        "Leave empty if the claim is not a leader's.",
    )
    claimant_type = forms.ChoiceField(
        label="A person or an organisation?",
        choices=ClaimantType.choices,
        widget=forms.RadioSelect,
        initial=ClaimantType.PERSON,
        required=False,
    )
    verdict = forms.ChoiceField(
        choices=[("", "—"), *Verdict.choices], required=False, help_text="On the published scale."
    )
    body = limited_text(
        what="The text",
        limit=BODY_MAX_CHARS,
        rows=6,
        label="Text",
        required=False,
        help_text="Markdown: *emphasis*, **strong**, [links](https://…), lists, > quotes. "
        f"For a claim, explain the verdict. At most {BODY_MAX_CHARS:,} characters.",
    )
    evidence = limited_text(
        what="The evidence",
        limit=EVIDENCE_MAX_CHARS,
        rows=3,
        required=False,
        help_text="For a claim: one link per line, the address then its title.",
    )

    def __init__(self, *args, paragraph_text: str, **kwargs):
        self.paragraph_text = paragraph_text
        super().__init__(*args, **kwargs)
        # For static/js/leader_picker.js, which fills the list as the editor types.
        leader = self.fields["claimant_leader"].widget
        leader.attrs.update(
            {
                "data-leader-suggest": reverse("annotations:leaders"),
                "list": f"{self['claimant_leader'].auto_id or 'claimant_leader'}_suggestions",
                "autocomplete": "off",
            }
        )

    def clean_claimant_type(self):
        return self.cleaned_data["claimant_type"] or ClaimantType.PERSON

    def clean_quote(self):
        quote = self.cleaned_data["quote"].strip()
        if quote and not quote_find_in(self.paragraph_text, quote):
            raise ValidationError("These words do not occur in the paragraph; copy them exactly.")
        return quote

    def clean_evidence(self):
        return evidence_parse(self.cleaned_data["evidence"])

    def leader_clean(self, typed: str):
        """The Leader the typed name picks, or None with a field error saying why not."""
        try:
            return leader_resolve(typed)
        except UnknownLeader:
            message = (
                f"No leader is called “{typed}”. Check the spelling, or leave this box empty "
                "and write who made the claim in “Who made it” instead."
            )
        except AmbiguousLeader as error:
            message = (
                f"More than one leader is called “{typed}”: {'; '.join(error.candidates)}. "
                "Type one of these as written here."
            )
        self.add_error("claimant_leader", message)
        return None

    def clean(self):
        data = super().clean()
        # Only a claim has a claimant: what a note's hidden box holds is not looked up.
        typed = data.get("claimant_leader", "").strip()
        data["claimant_leader"] = None
        if typed and data.get("kind") == Kind.CLAIM:
            data["claimant_leader"] = self.leader_clean(typed)
        if data.get("kind") == Kind.CLAIM:
            for name, message in (
                ("claim_text", "State the claim that is checked."),
                ("verdict", "Choose a verdict."),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
            if not data.get("claimant") and not typed:
                self.add_error("claimant", "Say who made the claim.")
        elif data.get("kind") == Kind.NOTE and not data.get("body", "").strip():
            self.add_error("body", "Write the note.")
        return data

    def content(self) -> AnnotationContent:
        data = self.cleaned_data
        return AnnotationContent(
            kind=data["kind"],
            body=data["body"],
            claim_text=data["claim_text"],
            claimant=data["claimant"],
            claimant_leader=data["claimant_leader"],
            claimant_type=data["claimant_type"],
            verdict=data["verdict"],
            evidence=data["evidence"],
        )

    @classmethod
    def initial_for(cls, annotation) -> dict:
        return {
            "kind": annotation.kind,
            "quote": annotation.quote_exact,
            "quote_start": annotation.quote_start,
            "claim_text": annotation.claim_text,
            "claimant": annotation.claimant,
            "claimant_leader": leader_label(annotation.claimant_leader)
            if annotation.claimant_leader_id
            else "",
            "claimant_type": annotation.claimant_type,
            "verdict": annotation.verdict,
            "body": annotation.body,
            "evidence": "\n".join(
                f"{link.url} {link.title}".strip() for link in annotation.evidence.all()
            ),
        }


class AnnotationEditForm(AnnotationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, with_quote: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_quote:
            # An orphan has no paragraph to quote from until it is re-attached.
            del self.fields["quote"], self.fields["quote_start"]

    def quote_change(self) -> tuple[str | None, int | None]:
        """The quote to set (None: leave it as it is) and its start hint."""
        if "quote" not in self.fields:
            return None, None
        return self.cleaned_data["quote"], self.cleaned_data["quote_start"]


class ReplyForm(forms.Form):
    body = limited_text(
        what="The reply",
        limit=REPLY_MAX_CHARS,
        rows=3,
        label="Reply",
        help_text=f"Markdown. At most {REPLY_MAX_CHARS:,} characters.",
    )

    def content(self) -> AnnotationContent:
        return AnnotationContent(kind=Kind.NOTE, body=self.cleaned_data["body"])


class ReplyEditForm(ReplyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def quote_change(self) -> tuple[str | None, int | None]:
        return None, None


class HideForm(forms.Form):
    reason = limited_text(
        what="The reason",
        limit=REASON_MAX_CHARS,
        rows=3,
        help_text="Shown to moderators and kept in the history. "
        f"At most {REASON_MAX_CHARS:,} characters.",
    )


class RestoreForm(forms.Form):
    reason = limited_text(
        what="The reason",
        limit=REASON_MAX_CHARS,
        rows=3,
        help_text="Why readers may see it again; kept in the history. "
        f"At most {REASON_MAX_CHARS:,} characters.",
    )


class ReattachForm(forms.Form):
    position = forms.IntegerField(label="Paragraph number", min_value=1, max_value=100_000)
    quote = limited_text(
        what="The quote",
        limit=QUOTE_MAX_CHARS,
        rows=2,
        required=False,
        help_text="The words it belongs to in that paragraph; empty for the whole paragraph.",
    )
