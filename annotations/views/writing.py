"""Editors write: create an annotation on a paragraph, edit it, reply to it, delete it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
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
from articles.models import Paragraph


def in_margin_url(annotation) -> str:
    return f"{annotation.article.get_absolute_url()}#a{annotation.pk}"


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
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        initial = {
            "quote": request.GET.get("quote", "")[:QUOTE_MAX_CHARS],
            "kind": request.GET.get("kind", "note"),
            # Only a hint: "²", "①" or a hundred digits are no hint at all.
            "quote_start": offset_parse(request.GET.get("start")),
        }
        return self.render(AnnotationForm(initial=initial, paragraph_text=self.paragraph.text))

    def post(self, request, *args, **kwargs):
        form = AnnotationForm(request.POST, paragraph_text=self.paragraph.text)
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
                messages.success(request, "Your annotation is published.")
                return redirect(in_margin_url(annotation))
        return self.render(form, status=400)


class AnnotationEditView(AnnotationPageMixin, RoleRequiredMixin, View):
    """Edit with a version check: a stale form is refused and the newer version shown."""

    template_name = "annotations/annotation_edit.html"

    def allowed(self, user):
        return can_change(user, self.annotation)

    def edit_form(self, data=None, initial=None):
        if self.annotation.parent_id is not None:
            return ReplyEditForm(data, initial=initial)
        paragraph = self.annotation.paragraph
        return AnnotationEditForm(
            data,
            initial=initial,
            paragraph_text=paragraph.text if paragraph else "",
            with_quote=paragraph is not None,
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
        messages.success(request, "Your changes are saved.")
        return redirect(in_margin_url(annotation))


class ReplyCreateView(AnnotationPageMixin, RoleRequiredMixin, View):
    template_name = "annotations/reply_form.html"

    def allowed(self, user):
        return can_annotate(user)

    def get(self, request, *args, **kwargs):
        return self.render(ReplyForm())

    def post(self, request, *args, **kwargs):
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                reply = reply_create(
                    parent=self.annotation, author=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, "Your reply is published.")
                return redirect(in_margin_url(reply))
        return self.render(form, status=400)


class AnnotationDeleteView(AnnotationPageMixin, RoleRequiredMixin, View):
    """Soft delete after a confirmation; the history stays."""

    template_name = "annotations/annotation_confirm_delete.html"

    def allowed(self, user):
        return can_change(user, self.annotation)

    def get(self, request, *args, **kwargs):
        return self.render()

    def post(self, request, *args, **kwargs):
        try:
            annotation_delete(annotation=self.annotation, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The annotation is deleted. Its history is kept.")
        return redirect(self.annotation.article.get_absolute_url())
