"""Editors review the annotations a correction moved: confirm, re-attach or orphan them.

Any editor may review (the author may be gone), and so may moderators; re-attaching is the
re-attach page's (annotations.views.moderation), so it needs the re-attach power as well.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from annotations.models import Annotation
from annotations.move_review import annotation_leave_orphaned, annotation_move_confirm
from annotations.permissions import can_annotate, can_moderate, can_reattach
from annotations.views.access import AnnotationObjectMixin, RoleRequiredMixin
from annotations.views.moderation import moved_queue, return_to


def can_review_moves(user) -> bool:
    return can_annotate(user) or can_moderate(user)


class MovedListView(RoleRequiredMixin, ListView):
    """Annotations a correction moved by anything but their exact words, oldest move first."""

    template_name = "annotations/review_list.html"
    context_object_name = "moved"
    paginate_by = 50

    def allowed(self, user):
        return can_review_moves(user)

    def get_queryset(self):
        return moved_queue(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for annotation in context["moved"]:
            annotation.user_can_reattach = can_reattach(self.request.user, annotation)
        return context


class MoveReviewMixin(AnnotationObjectMixin, RoleRequiredMixin):
    """A POST that settles one move, then back to the list with what happened."""

    http_method_names = ["post"]
    done = ""

    def allowed(self, user):
        return can_review_moves(user)

    def settle(self, user) -> Annotation:
        raise NotImplementedError

    def next_url(self, annotation) -> str:
        """Back where the review was made (the moved list or the moderators' queue)."""
        return return_to(self.request, reverse("annotations:moved"))

    def post(self, request, *args, **kwargs):
        try:
            annotation = self.settle(request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(return_to(request, reverse("annotations:moved")))
        messages.success(request, self.done)
        return redirect(self.next_url(annotation))


class MoveConfirmView(MoveReviewMixin, View):
    done = "The new place is confirmed."

    def settle(self, user):
        return annotation_move_confirm(annotation=self.annotation, actor=user)


class MoveOrphanView(MoveReviewMixin, View):
    done = "The annotation is orphaned, with the words it quoted before; see the orphans."

    def settle(self, user):
        return annotation_leave_orphaned(annotation=self.annotation, actor=user)
