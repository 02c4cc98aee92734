"""Server-side permission checks for views: sign in first, then the role is checked."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, resolve_url
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from annotations.models import Annotation
from annotations.permissions import can_read
from annotations.views.in_place import auto_id, form_response


class RoleRequiredMixin:
    """Anonymous visitors are sent to sign in; signed-in users without the role get 403."""

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if getattr(request, "htmx", False):
                # A margin form whose session ended: the whole page goes to sign in, and
                # comes back to the article, not to a fragment.
                back = request.htmx.current_url_abs_path or request.get_full_path()
                login = resolve_url(settings.LOGIN_URL)
                return HttpResponseClientRedirect(f"{login}?{urlencode({'next': back})}")
            return redirect_to_login(request.get_full_path())
        if not self.allowed(request.user):
            raise PermissionDenied("Your account may not do this.")
        return super().dispatch(request, *args, **kwargs)


class AnnotationObjectMixin:
    """Loads `self.annotation` (404 for what this user may not read) before the role check."""

    def readable(self, user, annotation) -> bool:
        return can_read(user, annotation)

    def dispatch(self, request, *args, **kwargs):
        self.annotation = get_object_or_404(
            Annotation.objects.select_related("article", "paragraph", "author__profile", "parent"),
            pk=kwargs["pk"],
        )
        if not self.readable(request.user, self.annotation):
            raise Http404("No such annotation.")
        return super().dispatch(request, *args, **kwargs)


class AnnotationPageMixin(AnnotationObjectMixin):
    """A page about one annotation, rendered with it, its article and its paragraph; for
    htmx, the same form alone (`margin_template`), to stand in the article's margin."""

    template_name = ""
    margin_template = ""
    margin_title = ""

    def form_ids(self) -> dict:
        """Keyword arguments for this view's forms: their element ids."""
        return {"auto_id": auto_id(self.request)}

    def render(self, form=None, *, status=200, **extra):
        context = {
            "form": form,
            "annotation": self.annotation,
            "article": self.annotation.article,
            "paragraph": self.annotation.paragraph,
            **extra,
        }
        return form_response(
            self.request,
            page=self.template_name,
            form=self.margin_template,
            title=self.margin_title,
            context=context,
            status=status,
        )
