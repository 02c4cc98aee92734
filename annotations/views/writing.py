"""Editors write: create an annotation on a paragraph, edit it, reply to it, delete it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from annotations.forms import AnnotationEditForm, AnnotationForm, ReplyEditForm, ReplyForm
from annotations.limits import QUOTE_MAX_CHARS, offset_parse
from annotations.permissions import can_annotate, can_change
from annotations.services import (
    EditConflict,
    annotation_create,
    annotation_delete,
    annotation_update,
    reply_create,
)
from annotations.views.access import AnnotationPageMixin, RoleRequiredMixin
from annotations.views.in_place import auto_id, card_response, form_response, in_margin
from articles.models import Paragraph
from people.names import display_name


def kind_word(annotation) -> str:
    return "reply" if annotation.parent_id else "annotation"


def in_margin_url(annotation) -> str:
    return f"{annotation.article.get_absolute_url()}#a{annotation.pk}"


def saved(request, annotation, message: str, *, new: bool = False):
    """After a save: the saved card in place of the form, or (without JavaScript) the
    article at the annotation, with `message` shown once."""
    if in_margin(request):
        return card_response(request, annotation, message, replaces_form=new)
    messages.success(request, message)
    return redirect(in_margin_url(annotation))


def errors_to_form(form, error: ValidationError) -> None:
    """Put a service's field errors on the form, where the editor will see them."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


class AnnotationCreateView(RoleRequiredMixin, View):
    """The form to annotate one paragraph (with the quote filled in from a selection)."""

    template_name = "annotations/annotation_form.html"

    def allowed(self, user):
        return can_annotate(user)

    def dispatch(self, request, *args, **kwargs):
        self.paragraph = get_object_or_404(
            Paragraph.objects.select_related("article"),
            article__slug=kwargs["slug"],
            position=kwargs["position"],
        )
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, status=200):
        context = {"form": form, "paragraph": self.paragraph, "article": self.paragraph.article}
        return form_response(
            self.request,
            page=self.template_name,
            form="annotations/_create_form.html",
            title=f"Annotate paragraph {self.paragraph.position}",
            context=context,
            status=status,
        )

    def form(self, data=None, initial=None):
        return AnnotationForm(
            data,
            initial=initial,
            paragraph_text=self.paragraph.text,
            auto_id=auto_id(self.request),
        )

    def get(self, request, *args, **kwargs):
        initial = {
            "quote": request.GET.get("quote", "")[:QUOTE_MAX_CHARS],
            "kind": request.GET.get("kind", "note"),
            # Only a hint: "²", "①" or a hundred digits are no hint at all.
            "quote_start": offset_parse(request.GET.get("start")),
        }
        return self.render(self.form(initial=initial))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                annotation = annotation_create(
                    paragraph=self.paragraph,
                    author=request.user,
                    content=form.content(),
                    quote_exact=form.cleaned_data["quote"],
                    quote_start=form.cleaned_data["quote_start"],
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return saved(request, annotation, "Your annotation is published.", new=True)
        return self.render(form, status=400)


class AnnotationEditView(AnnotationPageMixin, RoleRequiredMixin, View):
    """Edit with a version check: a stale form is refused and the newer version shown."""

    template_name = "annotations/annotation_edit.html"
    margin_template = "annotations/_edit_form.html"

    @property
    def margin_title(self):
        return f"Edit {kind_word(self.annotation)}"

    def allowed(self, user):
        return can_change(user, self.annotation)

    def edit_form(self, data=None, initial=None):
        if self.annotation.parent_id is not None:
            return ReplyEditForm(data, initial=initial, **self.form_ids())
        paragraph = self.annotation.paragraph
        return AnnotationEditForm(
            data,
            initial=initial,
            paragraph_text=paragraph.text if paragraph else "",
            with_quote=paragraph is not None,
            **self.form_ids(),
        )

    def get(self, request, *args, **kwargs):
        initial = AnnotationForm.initial_for(self.annotation) | {"version": self.annotation.version}
        return self.render(self.edit_form(initial=initial))

    def post(self, request, *args, **kwargs):
        form = self.edit_form(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        quote_exact, quote_start = form.quote_change()
        try:
            annotation = annotation_update(
                annotation=self.annotation,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                content=form.content(),
                quote_exact=quote_exact,
                quote_start=quote_start,
            )
        except EditConflict as conflict:
            # Keep what the editor typed, but let the next save go against the newer version.
            data = request.POST.copy()
            data["version"] = conflict.current.version
            retry = self.edit_form(data)
            retry.is_valid()
            return self.render(retry, status=409, conflict=conflict.current)
        except ValidationError as error:
            errors_to_form(form, error)
            return self.render(form, status=400)
        return saved(request, annotation, "Your changes are saved.")


class ReplyCreateView(AnnotationPageMixin, RoleRequiredMixin, View):
    template_name = "annotations/reply_form.html"
    margin_template = "annotations/_reply_form.html"

    @property
    def margin_title(self):
        return f"Reply to {display_name(self.annotation.author)}"

    def allowed(self, user):
        return can_annotate(user)

    def get(self, request, *args, **kwargs):
        return self.render(ReplyForm(**self.form_ids()))

    def post(self, request, *args, **kwargs):
        form = ReplyForm(request.POST, **self.form_ids())
        if form.is_valid():
            try:
                reply = reply_create(
                    parent=self.annotation, author=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                return saved(request, reply, "Your reply is published.")
        return self.render(form, status=400)


class AnnotationDeleteView(AnnotationPageMixin, RoleRequiredMixin, View):
    """Soft delete after a confirmation; the history stays."""

    template_name = "annotations/annotation_confirm_delete.html"
    margin_template = "annotations/_delete_form.html"

    @property
    def margin_title(self):
        return f"Delete this {kind_word(self.annotation)}?"

    def allowed(self, user):
        return can_change(user, self.annotation)

    def get(self, request, *args, **kwargs):
        return self.render()

    def post(self, request, *args, **kwargs):
        try:
            annotation_delete(annotation=self.annotation, actor=request.user)
        except ValidationError as error:
            message, ok = " ".join(error.messages), False
        else:
            message, ok = f"The {kind_word(self.annotation)} is deleted. Its history is kept.", True
        if in_margin(request):
            return card_response(request, self.annotation, message)
        (messages.success if ok else messages.error)(request, message)
        return redirect(self.annotation.article.get_absolute_url())
