"""URLs of the reading pages and the JSON API."""

from django.urls import path

from . import api, entity_api, feeds, views
from .models import AgendaItem, Country, Leader
from .page_cache import anonymous_cached, list_scopes

app_name = "articles"


def listing(view):
    """A list of editorials, cached for anonymous readers until an editorial or tag changes."""
    return anonymous_cached(view, scopes=list_scopes)


# Entity slugs may be Unicode (taggit's allow_unicode), so they use `str`, not `slug`.
urlpatterns = [
    path("", listing(views.ArticleListView.as_view()), name="index"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path(
        "leaders/<str:slug>/",
        listing(views.EntityArticlesView.as_view(model=Leader)),
        name="leader",
    ),
    path(
        "countries/<str:slug>/",
        listing(views.EntityArticlesView.as_view(model=Country)),
        name="country",
    ),
    path(
        "agenda/<str:slug>/",
        listing(views.EntityArticlesView.as_view(model=AgendaItem)),
        name="agenda_item",
    ),
    path("leaders/<str:slug>/feed/", listing(feeds.EntityFeed(Leader)), name="leader_feed"),
    path("countries/<str:slug>/feed/", listing(feeds.EntityFeed(Country)), name="country_feed"),
    path("agenda/<str:slug>/feed/", listing(feeds.EntityFeed(AgendaItem)), name="agenda_item_feed"),
    path("archive/", listing(views.ArchiveMonthsView.as_view()), name="archive"),
    path(
        "archive/<int:year>/", listing(views.ArticleYearArchiveView.as_view()), name="year_archive"
    ),
    path(
        "archive/<int:year>/<int:month>/",
        listing(views.ArticleMonthArchiveView.as_view()),
        name="month_archive",
    ),
    path("api/articles/", api.ArticleListView.as_view(), name="api_list"),
    path("api/articles/<slug:slug>/", api.ArticleDetailView.as_view(), name="api_detail"),
    path("api/leaders/", entity_api.LeaderListView.as_view(), name="api_leader_list"),
    path("api/leaders/<str:slug>/", entity_api.LeaderDetailView.as_view(), name="api_leader"),
    path("api/countries/", entity_api.CountryListView.as_view(), name="api_country_list"),
    path("api/countries/<str:slug>/", entity_api.CountryDetailView.as_view(), name="api_country"),
    path("api/agenda/", entity_api.AgendaItemListView.as_view(), name="api_agenda_item_list"),
    path(
        "api/agenda/<str:slug>/",
        entity_api.AgendaItemDetailView.as_view(),
        name="api_agenda_item",
    ),
]
