"""Forms editors fill in: an annotation (note or claim), a reply, a moderation reason."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from annotations.anchoring import quote_find_in
from annotations.models import Kind
from annotations.services import AnnotationContent, Evidence
from annotations.verdicts import Verdict
from articles.models import Leader

MAX_EVIDENCE_LINKS = 10


def evidence_parse(text: str) -> list[Evidence]:
    """One link per line: a URL, then optionally its title after a space."""
    links, validate = [], URLValidator(schemes=["http", "https"])
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        url, _, title = line.strip().partition(" ")
        try:
            validate(url)
        except ValidationError:
            raise ValidationError(
                f"Line {number}: “{url}” is not a web address (start it with https://)."
            ) from None
        links.append(Evidence(url=url, title=title.strip()))
    if len(links) > MAX_EVIDENCE_LINKS:
        raise ValidationError(f"At most {MAX_EVIDENCE_LINKS} evidence links.")
    return links


class AnnotationForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.RadioSelect, initial=Kind.NOTE)
    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The words you annotate, exactly as in the paragraph. "
        "Leave empty to annotate the whole paragraph.",
    )
    quote_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    claim_text = forms.CharField(
        label="Claim",
        required=False,
        max_length=500,
        help_text="The claim as stated, in one sentence.",
    )
    claimant = forms.CharField(
        label="Who made it", required=False, max_length=200, help_text="A person or body."
    )
    claimant_leader = forms.ModelChoiceField(
        label="Or a leader", queryset=Leader.objects.all(), required=False
    )
    verdict = forms.ChoiceField(
        choices=[("", "—"), *Verdict.choices], required=False, help_text="On the published scale."
    )
    body = forms.CharField(
        label="Text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown: *emphasis*, **strong**, [links](https://…), lists, > quotes. "
        "For a claim, explain the verdict.",
    )
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a claim: one link per line, the address then its title.",
    )

    def __init__(self, *args, paragraph_text: str, **kwargs):
        self.paragraph_text = paragraph_text
        super().__init__(*args, **kwargs)

    def clean_quote(self):
        quote = self.cleaned_data["quote"].strip()
        if quote and not quote_find_in(self.paragraph_text, quote):
            raise ValidationError("These words do not occur in the paragraph; copy them exactly.")
        return quote

    def clean_evidence(self):
        return evidence_parse(self.cleaned_data["evidence"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.CLAIM:
            for name, message in (
                ("claim_text", "State the claim that is checked."),
                ("verdict", "Choose a verdict."),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
            if not data.get("claimant") and not data.get("claimant_leader"):
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
            "claimant_leader": annotation.claimant_leader_id,
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
    body = forms.CharField(
        label="Reply", widget=forms.Textarea(attrs={"rows": 3}), help_text="Markdown."
    )

    def content(self) -> AnnotationContent:
        return AnnotationContent(kind=Kind.NOTE, body=self.cleaned_data["body"])


class ReplyEditForm(ReplyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def quote_change(self) -> tuple[str | None, int | None]:
        return None, None


class HideForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to moderators and kept in the history.",
    )


class ReattachForm(forms.Form):
    position = forms.IntegerField(label="Paragraph number", min_value=1)
    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The words it belongs to in that paragraph; empty for the whole paragraph.",
    )
