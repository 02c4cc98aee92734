"""W3C Web Annotation JSON-LD: one annotation, or an editorial's annotations as a collection.

Readers get what they may read: hidden annotations only for moderators, deleted ones never.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from annotations.models import Annotation
from annotations.w3c import annotation_collection, annotation_to_w3c
from articles.models import Article

CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
JSON_PARAMS = {"ensure_ascii": False}


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _jsonld(data: dict) -> JsonResponse:
    return JsonResponse(data, content_type=CONTENT_TYPE, json_dumps_params=JSON_PARAMS)


def _not_found(detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=404, json_dumps_params=JSON_PARAMS)


@require_safe
def annotation_jsonld(request: HttpRequest, pk: int) -> JsonResponse:
    """One annotation as a W3C Web Annotation."""
    annotation = Annotation.objects.visible_to(request.user).with_details().filter(pk=pk).first()
    if annotation is None:
        return _not_found("No such annotation.")
    return _jsonld(annotation_to_w3c(annotation, base_url=_base_url(request)))


@require_safe
def article_annotations_jsonld(request: HttpRequest, slug: str) -> JsonResponse:
    """An editorial's annotations, each thread followed by its replies, as a collection."""
    article = Article.objects.filter(slug=slug).first()
    if article is None:
        return _not_found("No editorial has this address.")
    visible = Annotation.objects.visible_to(request.user)
    # Replies come through their thread, so a reply under a hidden thread stays hidden too.
    threads = visible.filter(article=article).threads().with_details(replies=visible)
    annotations = [item for thread in threads for item in (thread, *thread.replies.all())]
    return _jsonld(annotation_collection(article, annotations, base_url=_base_url(request)))
