"""URLs of the annotations pages and forms."""

from django.urls import path

from annotations import api
from annotations.views import leaders, moderation, preview, reading, review, writing

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
    path("api/annotations/<int:pk>/", api.annotation_jsonld, name="jsonld"),
    path(
        "api/articles/<slug:slug>/annotations/",
        api.article_annotations_jsonld,
        name="article_jsonld",
    ),
    path(
        "articles/<slug:slug>/p<int:position>/annotate/",
        writing.AnnotationCreateView.as_view(),
        name="create",
    ),
]

# The annotated editorial page answers at the article's own address (see the project urls).
article_page = reading.AnnotatedArticleView.as_view()
