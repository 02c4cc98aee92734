"""URLs of the annotations pages and forms."""

from django.urls import path

from annotations.protocol import views as protocol
from annotations.views import leaders, moderation, preview, reading, review, writing
from articles.page_cache import anonymous_cached, article_scopes

app_name = "annotations"
urlpatterns = [
    path("annotations/", reading.AnnotationListView.as_view(), name="list"),
    path("annotations/verdicts/", reading.VerdictScaleView.as_view(), name="verdicts"),
    path("annotations/preview/", preview.MarkdownPreviewView.as_view(), name="preview"),
    path("annotations/leaders/", leaders.LeaderSuggestionsView.as_view(), name="leaders"),
    path("annotations/orphans/", moderation.OrphanListView.as_view(), name="orphans"),
    path("annotations/moderation/", moderation.ModerationQueueView.as_view(), name="moderation"),
    path("annotations/<int:pk>/", reading.AnnotationDetailView.as_view(), name="detail"),
    path("annotations/<int:pk>/edit/", writing.AnnotationEditView.as_view(), name="edit"),
    path("annotations/<int:pk>/reply/", writing.ReplyCreateView.as_view(), name="reply"),
    path("annotations/<int:pk>/delete/", writing.AnnotationDeleteView.as_view(), name="delete"),
    path("annotations/<int:pk>/hide/", moderation.AnnotationHideView.as_view(), name="hide"),
    path(
        "annotations/<int:pk>/restore/",
        moderation.AnnotationRestoreView.as_view(),
        name="restore",
    ),
    path(
        "annotations/<int:pk>/reattach/",
        moderation.AnnotationReattachView.as_view(),
        name="reattach",
    ),
    path("annotations/moved/", review.MovedListView.as_view(), name="moved"),
    path(
        "annotations/<int:pk>/move/confirm/",
        review.MoveConfirmView.as_view(),
        name="move_confirm",
    ),
    path(
        "annotations/<int:pk>/move/orphan/",
        review.MoveOrphanView.as_view(),
        name="move_orphan",
    ),
    # The W3C Web Annotation Protocol: the archive's container, one per editorial, and each
    # annotation under its editorial's (docs/protocol.md). Slugs start with a date, so the
    # old all-digit address of an annotation is tried first.
    path("api/annotations/", protocol.ContainerView.as_view(), name="container"),
    path("api/annotations/<int:pk>/", protocol.old_annotation_address, name="jsonld"),
    path(
        "api/annotations/<slug:slug>/",
        protocol.ContainerView.as_view(),
        name="article_container",
    ),
    path(
        "api/annotations/<slug:slug>/<int:pk>",
        protocol.AnnotationView.as_view(),
        name="annotation",
    ),
    path(
        "api/articles/<slug:slug>/annotations/",
        protocol.old_collection_address,
        name="article_jsonld",
    ),
    path(
        "articles/<slug:slug>/p<int:position>/annotate/",
        writing.AnnotationCreateView.as_view(),
        name="create",
    ),
]

# The annotated editorial page answers at the article's own address (see the project urls);
# anonymous readers get it cached until the editorial, its tags or its annotations change.
article_page = anonymous_cached(
    reading.AnnotatedArticleView.as_view(), scopes=article_scopes, parameters={"mentions"}
)
