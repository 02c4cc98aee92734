"""Reading pages: the latest editorials, one editorial, entity pages and the archive.

Each view only picks a QuerySet method and a template; the reads live in ArticleQuerySet.
"""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.views.generic import DetailView, ListView
from django.views.generic.dates import MonthArchiveView, YearArchiveView
from django.views.generic.detail import SingleObjectMixin

from . import entity_pages
from .feeds import feed_url
from .mention_marks import mention_spans, mentions_requested
from .models import Article
from .page_numbers import ArchivePaginator, page_number
from .text_runs import runs_of, spans_within
from .timeline import timeline


class ArticlePaginationMixin:
    """Paginate by settings.ARTICLES_PER_PAGE, read per request so that tests can change it,
    with page numbers read by `page_numbers.page_number()`."""

    paginator_class = ArchivePaginator

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE


class ArticleListView(ArticlePaginationMixin, ListView):
    """The home page: all editorials, newest first."""

    queryset = Article.objects.for_listing()
    template_name = "articles/article_list.html"


class ArticleDetailView(DetailView):
    """One editorial with its paragraphs and entities; `?mentions=on` marks the mentions.

    Each paragraph gets `mention_spans` (empty when off) for pages that mark more, and
    `runs` of its text when on.
    """

    queryset = Article.objects.with_paragraphs().with_entities()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        highlighting = mentions_requested(self.request)
        spans = mention_spans(self.object) if highlighting else {}
        marked = 0
        for paragraph in self.object.paragraphs.all():
            paragraph.mention_spans = spans.get(paragraph.pk, [])
            if highlighting:
                paragraph.runs = runs_of(paragraph.text, paragraph.mention_spans)
                marked += len(spans_within(paragraph.text, paragraph.mention_spans))
        context.update(mentions_on=highlighting, mention_count=marked)
        return context


class EntityArticlesView(SingleObjectMixin, ArticlePaginationMixin, ListView):
    """A leader's, country's or agenda item's page; `as_view(model=...)` picks the kind."""

    template_name = "articles/entity_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=self.model.objects.all())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Only ids are sorted and paginated; the page's articles are read afterwards. Sorting
        # the whole rows, with their lead paragraph looked up for each, cost a frequent
        # entity's page more than everything else on it.
        self.tagged, editorials = entity_pages.tagged_count(self.object)
        page_end = self._page_number() * self.get_paginate_by(None)
        walk = entity_pages.walking_newest_pays(self.tagged, editorials, page_end)
        return (
            Article.objects.mentioning(self.object, walking_newest=walk).newest_first().only("pk")
        )

    def _page_number(self) -> int:
        """The page asked for ("last": as far as the last page could be)."""
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        if page == "last":
            return max(1, self.tagged)
        try:
            return page_number(page)
        except InvalidPage:
            return 1  # the paginator refuses it when the page is made

    def get_paginator(self, queryset, per_page, *args, **kwargs):
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        paginator.count = self.tagged  # from the tag rows: see entity_pages.tagged_count
        return paginator

    def get_context_data(self, **kwargs):
        meta = self.model._meta
        # Passed under one name for all kinds, so that one template serves the three.
        context = super().get_context_data(
            entity=self.object,
            kind_label=meta.verbose_name,
            kind_plural=meta.verbose_name_plural,
            **kwargs,
        )
        page_ids = [article.pk for article in context["object_list"]]
        articles = Article.objects.for_listing().in_order(page_ids)
        quotes = entity_pages.quotes_by_article(self.object, articles)
        context.update(
            object_list=articles,
            entries=[(article, quotes.get(article.pk)) for article in articles],
            timeline=timeline(entity_pages.mentions_per_month(self.object)),
            co_mentions=entity_pages.co_mentioned_cached(self.object),
            feed_url=feed_url(self.object),
        )
        return context


class ArchiveMonthsView(ListView):
    """Years and months that have editorials, with how many each month has."""

    queryset = Article.objects.month_counts()
    template_name = "articles/archive_index.html"
    context_object_name = "months"


class ArticleDateArchiveMixin(ArticlePaginationMixin):
    """What the year and month pages share: KST calendar periods, 404 when empty."""

    queryset = Article.objects.for_listing()
    date_field = "published_at"
    ordering = ("-published_at", "-id")
    allow_empty = False
    # Editorials are dated when they ran; a clock running behind must not hide one.
    allow_future = True


class ArticleYearArchiveView(ArticleDateArchiveMixin, YearArchiveView):
    """The editorials of one year, with links to its months."""

    make_object_list = True
    template_name = "articles/archive_year.html"


class ArticleMonthArchiveView(ArticleDateArchiveMixin, MonthArchiveView):
    """The editorials of one month, with links to the neighbouring months."""

    month_format = "%m"
    template_name = "articles/archive_month.html"
