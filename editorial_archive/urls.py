"""Top-level URLs: the archive's pages and API, annotations, accounts, and the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from annotations.urls import article_page
from editorial_archive.health import healthz

urlpatterns = [
    # For a load balancer: the database, the cache and the task queue (health.py).
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("people.urls")),
    # The annotations app shows the editorial page with its margin; placed before the
    # articles URLs, it serves the same address that Article.get_absolute_url() gives.
    path("articles/<slug:slug>/", article_page, name="annotated_article"),
    path("", include("annotations.urls")),
    # The search app adds its query and facet parameters to the articles app's list API at
    # the same address, so it too comes first.
    path("", include("search.urls")),
    path("", include("articles.urls")),
    # The JSON API's OpenAPI schema and its documentation page (docs/json-api.md).
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api_schema", template_name="api/docs.html"),
        name="api_docs",
    ),
]

# An address no pattern matches is a JSON 404 under /api/ (editorial_archive/api_errors.py).
handler404 = "editorial_archive.api_errors.not_found"
# A lost database is a 503 with Retry-After, not a 500 (see editorial_archive/errors.py).
handler500 = "editorial_archive.errors.server_error"
