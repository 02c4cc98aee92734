"""Server-side permission checks for views: sign in first, then the role is checked."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from annotations.models import Annotation
from annotations.permissions import can_read


class RoleRequiredMixin:
    """Anonymous visitors are sent to sign in; signed-in users without the role get 403."""

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.allowed(request.user):
            raise PermissionDenied("Your account may not do this.")
        return super().dispatch(request, *args, **kwargs)


class AnnotationObjectMixin:
    """Loads `self.annotation` (404 for what this user may not read) before the role check."""

    def dispatch(self, request, *args, **kwargs):
        self.annotation = get_object_or_404(
            Annotation.objects.select_related("article", "paragraph", "author__profile", "parent"),
            pk=kwargs["pk"],
        )
        if not can_read(request.user, self.annotation):
            raise Http404("No such annotation.")
        return super().dispatch(request, *args, **kwargs)


class AnnotationPageMixin(AnnotationObjectMixin):
    """A page about one annotation, rendered with it, its article and its paragraph."""

    template_name = ""

    def render(self, form=None, *, status=200, **extra):
        context = {
            "form": form,
            "annotation": self.annotation,
            "article": self.annotation.article,
            "paragraph": self.annotation.paragraph,
            **extra,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)
