"""The live preview of a note while it is written: the body rendered by the same Markdown
renderer and sanitiser as the published card, so that what the editor sees is what readers
will get. It writes nothing; only editors may ask (it is a renderer open to input)."""

from django.http import HttpResponse
from django.views import View

from annotations.limits import BODY_MAX_CHARS, too_long
from annotations.markdown import markdown_render
from annotations.permissions import can_annotate
from annotations.views.access import RoleRequiredMixin


class MarkdownPreviewView(RoleRequiredMixin, View):
    """POST `body`: an HTML fragment of the rendered body (400 with the reason if too long)."""

    http_method_names = ["post"]

    def allowed(self, user):
        return can_annotate(user)

    def post(self, request, *args, **kwargs):
        body = request.POST.get("body", "")
        if len(body) > BODY_MAX_CHARS:
            message = too_long("The text", BODY_MAX_CHARS, len(body))
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        html = markdown_render(body) or '<p class="preview-empty">Nothing to preview yet.</p>'
        return HttpResponse(html, content_type="text/html; charset=utf-8")
