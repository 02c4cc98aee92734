"""URLs of the search page (`/search/`) and of the editorial list API with search parameters
(`/api/articles/`, placed before the articles app's plain list at the same address)."""

from django.urls import path

from search import api, views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/articles/", api.SearchArticleListView.as_view(), name="api_list"),
]
