"""Moderators hide and restore annotations; editors re-attach orphaned ones."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import ListView

from annotations.forms import HideForm, ReattachForm, RestoreForm
from annotations.models import Annotation
from annotations.permissions import can_annotate, can_moderate, can_reattach
from annotations.services import annotation_hide, annotation_reattach, annotation_restore
from annotations.views.access import AnnotationPageMixin, RoleRequiredMixin
from annotations.views.writing import errors_to_form

NEXT_MAX_CHARS = 2_000


def return_to(request, fallback: str) -> str:
    """Where the moderator came from (?next= or the form's next), if it is a page of this
    site; else `fallback`, so that a forged address never leads elsewhere."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    safe = (
        len(value) <= NEXT_MAX_CHARS
        and value.isprintable()
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    return value if safe else fallback


class ModerationPageMixin(AnnotationPageMixin, RoleRequiredMixin):
    """A moderator's form about one annotation: shown with its card and paragraph, and
    carrying where to return to afterwards."""

    form_class = forms.Form
    done_message = ""

    def allowed(self, user):
        return can_moderate(user)

    def render(self, form=None, *, status=200, **extra):
        self.annotation.evidence_list = list(self.annotation.evidence.all())
        fallback = self.annotation.get_absolute_url()
        next_url = return_to(self.request, fallback)
        return super().render(
            form,
            status=status,
            next=next_url if next_url != fallback else "",
            cancel_url=next_url,
            **extra,
        )

    def get(self, request, *args, **kwargs):
        return self.render(self.form_class())

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(form.cleaned_data["reason"])
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, self.done_message)
                return redirect(return_to(request, self.annotation.get_absolute_url()))
        return self.render(form, status=400)

    def act(self, reason: str) -> None:
        raise NotImplementedError


class AnnotationHideView(ModerationPageMixin, View):
    template_name = "annotations/annotation_hide.html"
    form_class = HideForm
    done_message = "The annotation is hidden from readers."

    def act(self, reason):
        annotation_hide(annotation=self.annotation, actor=self.request.user, reason=reason)


class AnnotationRestoreView(ModerationPageMixin, View):
    """Restoring asks for a reason too, so that the history says why readers see it again."""

    template_name = "annotations/annotation_restore.html"
    form_class = RestoreForm
    done_message = "The annotation is visible again."

    def act(self, reason):
        annotation_restore(annotation=self.annotation, actor=self.request.user, reason=reason)


class OrphanListView(RoleRequiredMixin, ListView):
    """Annotations whose quote a corrected text no longer holds, waiting to be re-attached."""

    template_name = "annotations/orphan_list.html"
    context_object_name = "orphans"
    paginate_by = 50

    def allowed(self, user):
        return can_annotate(user) or can_moderate(user)

    def get_queryset(self):
        return (
            Annotation.objects.orphaned()
            .threads()
            .visible_to(self.request.user)
            .select_related("article", "author__profile")
            .newest_first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for annotation in context["orphans"]:
            annotation.user_can_reattach = can_reattach(self.request.user, annotation)
        return context


class AnnotationReattachView(AnnotationPageMixin, RoleRequiredMixin, View):
    """An orphan's author (while an editor) or a moderator puts it back on a paragraph."""

    template_name = "annotations/annotation_reattach.html"

    def allowed(self, user):
        return can_reattach(user, self.annotation)

    def refusal(self):
        """A page saying why only orphans are re-attached, instead of the form."""
        return self.render(status=400, not_orphan=True)

    def render(self, form=None, *, status=200, **extra):
        paragraphs = self.annotation.article.paragraphs.all()
        return super().render(form, status=status, paragraphs=paragraphs, **extra)

    def get(self, request, *args, **kwargs):
        if not self.annotation.is_orphaned or self.annotation.parent_id is not None:
            return self.refusal()
        initial = {"quote": self.annotation.quote_exact}
        if self.annotation.original_position:
            initial["position"] = self.annotation.original_position
        return self.render(ReattachForm(initial=initial))

    def post(self, request, *args, **kwargs):
        if not self.annotation.is_orphaned or self.annotation.parent_id is not None:
            return self.refusal()
        form = ReattachForm(request.POST)
        if form.is_valid():
            paragraph = self.annotation.article.paragraphs.filter(
                position=form.cleaned_data["position"]
            ).first()
            if paragraph is None:
                form.add_error("position", "The editorial has no paragraph with that number.")
            else:
                try:
                    annotation = annotation_reattach(
                        annotation=self.annotation,
                        actor=request.user,
                        paragraph=paragraph,
                        quote_exact=form.cleaned_data["quote"].strip(),
                    )
                except ValidationError as error:
                    errors_to_form(form, error)
                else:
                    messages.success(request, "The annotation is back in the margin.")
                    return redirect(f"{annotation.article.get_absolute_url()}#a{annotation.pk}")
        return self.render(form, status=400)
