"""The protocol's views: containers (GET, HEAD, OPTIONS, POST) and annotations (GET, HEAD,
OPTIONS, PUT, DELETE), and redirects from the old addresses. Thin: the work is in the
modules beside this one.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from annotations.models import Annotation
from annotations.protocol import documents, writes
from annotations.protocol.containers import container_find, page_rows, state_of
from annotations.protocol.errors import not_found, problem
from annotations.protocol.etags import none_match, weak_etag
from annotations.protocol.headers import (
    ANNOTATION_METHODS,
    CONTAINER_LINKS,
    CONTAINER_METHODS,
    PAGE_METHODS,
    annotation_headers,
    container_headers,
)
from annotations.protocol.iris import Variant
from annotations.protocol.paging import (
    DEFAULT_PAGE_SIZE,
    BadParameter,
    Paging,
    iris_parse,
    page_parse,
    page_size_parse,
)
from annotations.protocol.prefer import ContainerPreference, container_preference
from annotations.protocol.responses import (
    annotation_etag,
    annotation_response,
    base_url_of,
    jsonld,
    not_modified,
    without_body,
)
from annotations.w3c import annotation_iri


class ProtocolView(View):
    """Answers in JSON, 405 included; writes refuse a session without its CSRF token (JSON
    too), while a Bearer token request skips the check (people/token_auth.py)."""

    methods: tuple[str, ...] = ()

    @classmethod
    def as_view(cls, **initkwargs):
        # Not a blind exemption: every write calls writes.csrf_refusal() itself, so that the
        # refusal is JSON rather than the HTML page (and comes after the 401 for no account).
        return csrf_exempt(super().as_view(**initkwargs))

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = problem(
            405, f"{request.method} is not allowed here: use {', '.join(self.allowed())}."
        )
        response["Allow"] = ", ".join(self.allowed())
        return response

    def allowed(self) -> tuple[str, ...]:
        return self.methods


class ContainerView(ProtocolView):
    """An annotation container: the archive's (no slug) or an editorial's, and its pages."""

    methods = CONTAINER_METHODS

    def allowed(self):
        return PAGE_METHODS if "page" in self.request.GET else CONTAINER_METHODS

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # "Annotation Containers MUST return a Link header on all responses": refusals too.
        if "page" not in request.GET and not response.has_header("Link"):
            response["Link"] = CONTAINER_LINKS
        return response

    def read(self, request, slug):
        """(container, view, page, preference), or an error response."""
        try:
            page = page_parse(request.GET.get("page"))
            page_size = page_size_parse(request.GET.get("page_size"))
            iris = iris_parse(request.GET.get("iris"))
        except BadParameter as error:
            return problem(
                400, f"The query parameter {error.name} is wrong.", {error.name: str(error)}
            )
        target = request.GET.get("target", "").strip()
        base_url = base_url_of(request)
        container = container_find(slug, target, base_url=base_url)
        if container is None:
            return not_found("No editorial has this address.")
        # The Prefer header governs the container's response; a page follows its own IRI.
        preference = (
            ContainerPreference()
            if page is not None
            else container_preference(request.headers.get("Prefer", ""))
        )
        chosen_iris = preference.iris if preference.iris is not None else bool(iris)
        view = Variant(slug=slug, target=target, iris=chosen_iris, page_size=page_size)
        return container, view, page, preference

    def get(self, request, slug=None):
        found = self.read(request, slug)
        if isinstance(found, HttpResponse):
            return found
        container, view, page, preference = found
        base_url = base_url_of(request)
        annotations = container.annotations(request.user)
        state = state_of(annotations)
        paging = Paging(total=state.total, size=view.page_size or DEFAULT_PAGE_SIZE)
        if page is not None and not paging.exists(page):
            return not_found(
                f"This container has no page {page}: "
                + (f"its pages are 0 to {paging.last}." if state.total else "it is empty.")
            )
        minimal = preference.minimal and page is None
        article_changed = container.article.updated_at if container.article else None
        etag = weak_etag(
            view.iri(base_url=base_url, page=page), minimal, state, article_changed, container.label
        )
        if none_match(request.headers.get("If-None-Match"), etag):
            response = not_modified(etag)
        else:
            response = jsonld(
                self.document(container, view, state, paging, page, minimal, base_url=base_url)
            )
        response["Content-Location"] = view.iri(base_url=base_url, page=page)
        if preference.header:
            response["Preference-Applied"] = preference.header
        return container_headers(response, etag=etag, page=page is not None)

    def document(self, container, view, state, paging, page, minimal, *, base_url):
        annotations = container.annotations(self.request.user)
        if page is not None:
            rows = page_rows(
                annotations, start=paging.start(page), size=paging.size, iris=view.iris
            )
            return documents.page_document(
                view, state, paging, page, rows, base_url=base_url, alone=True
            )
        rows = None
        if state.total and not minimal:
            rows = page_rows(annotations, start=0, size=paging.size, iris=view.iris)
        return documents.container_document(
            container, view, state, paging, first_rows=rows, base_url=base_url
        )

    def head(self, request, slug=None):
        return without_body(self.get(request, slug))

    def options(self, request, slug=None):
        found = self.read(request, slug)
        if isinstance(found, HttpResponse):
            return found
        container, view, page, _ = found
        state = state_of(container.annotations(request.user))
        etag = weak_etag(view.iri(base_url=base_url_of(request), page=page), "options", state)
        response = HttpResponse(status=200)
        response["Content-Length"] = "0"
        return container_headers(response, etag=etag, page=page is not None)

    def post(self, request, slug=None):
        if "page" in request.GET:
            return self.http_method_not_allowed(request)
        response = writes.create(request, slug=slug, base_url=base_url_of(request))
        if response.status_code == 201:
            # The new annotation's own headers (its Link type, Allow, ETag), as the
            # protocol's example of a 201 shows: the answer describes what was made.
            return response
        return container_headers(response)


def readable_annotation(request, slug: str, pk: int) -> Annotation | None:
    return (
        Annotation.objects.visible_to(request.user)
        .with_details()
        .filter(pk=pk, article__slug=slug)
        .first()
    )


class AnnotationView(ProtocolView):
    """One annotation, at its IRI under its editorial's container."""

    methods = ANNOTATION_METHODS

    def get(self, request, slug, pk):
        annotation = readable_annotation(request, slug, pk)
        if annotation is None:
            return not_found("No such annotation.")
        response = annotation_response(annotation, base_url=base_url_of(request))
        if none_match(request.headers.get("If-None-Match"), response["ETag"]):
            return annotation_headers(not_modified(response["ETag"]), etag=response["ETag"])
        return response

    def head(self, request, slug, pk):
        return without_body(self.get(request, slug, pk))

    def options(self, request, slug, pk):
        annotation = readable_annotation(request, slug, pk)
        if annotation is None:
            return not_found("No such annotation.")
        etag = annotation_etag(annotation, base_url=base_url_of(request))
        response = HttpResponse(status=200)
        response["Content-Length"] = "0"
        return annotation_headers(response, etag=etag)

    def put(self, request, slug, pk):
        return writes.update(request, slug=slug, pk=pk, base_url=base_url_of(request))

    def delete(self, request, slug, pk):
        return writes.delete(request, slug=slug, pk=pk, base_url=base_url_of(request))


container_view = ContainerView.as_view()


# What the old addresses pass on (308 keeps the method); anything else is a 405 there. An
# annotation's old address was only ever read (the old API took no writes); the old
# collection's is now a container's, which takes POST.
REDIRECTED_READS = ("GET", "HEAD", "OPTIONS")
REDIRECTED_METHODS = (*REDIRECTED_READS, "POST", "PUT", "DELETE")


def _not_redirected(request) -> HttpResponse | None:
    if request.method in REDIRECTED_METHODS:
        return None
    allowed = ", ".join(REDIRECTED_METHODS)
    response = problem(405, f"{request.method} is not taken here: use {allowed}.")
    response["Allow"] = allowed
    return response


# The redirects write nothing: the CSRF check belongs to the address they lead to.
@csrf_exempt
def old_annotation_address(request, pk: int):
    """/api/annotations/<pk>/ moved under the editorial's container: 308 keeps the method."""
    if request.method not in REDIRECTED_READS:
        # The old API took no writes: a write here is one to the container of that name
        # (`<slug>` matches digits too), answered as that container answers it.
        return container_view(request, slug=str(pk))
    found = Annotation.objects.visible_to(request.user).filter(pk=pk).values("article__slug")
    row = found.first()
    if row is None:
        return not_found("No such annotation.")
    return HttpResponsePermanentRedirect(
        annotation_iri(pk, row["article__slug"], base_url=base_url_of(request)),
        preserve_request=True,
    )


@csrf_exempt
def old_collection_address(request, slug: str):
    """/api/articles/<slug>/annotations/ is now the editorial's container."""
    if refused := _not_redirected(request):
        return refused
    location = reverse("annotations:article_container", kwargs={"slug": slug})
    if request.META.get("QUERY_STRING"):
        location += "?" + request.META["QUERY_STRING"]
    return redirect(location, permanent=True, preserve_request=True)
