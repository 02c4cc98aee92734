"""Atom feeds of the latest editorials that mention a leader, country or agenda item."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Article, Entity
from .templatetags.archive_format import teaser

FEED_LENGTH = 20
FEED_AUTHOR = "Editorial Archive"


def feed_url(entity: Entity) -> str:
    """The address of the entity's feed: its page's URL name with `_feed`."""
    return reverse(f"{entity.url_name}_feed", kwargs={"slug": entity.slug})


class EntityFeed(Feed):
    """One feed class for the three kinds: `EntityFeed(Leader)` serves leaders' feeds."""

    feed_type = Atom1Feed

    def __init__(self, model: type[Entity]):
        self.model = model

    def get_object(self, request, slug: str) -> Entity:
        return get_object_or_404(self.model, slug=slug)

    def title(self, entity: Entity) -> str:
        return f"{entity.name} \N{EN DASH} Editorial Archive"

    def subtitle(self, entity: Entity) -> str:
        return f"The latest editorials that mention {entity.name}."

    # Atom wants an author on the feed or on every entry: the entries name their paper, the
    # feed the archive that compiles them.
    author_name = FEED_AUTHOR

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Absolute, as Atom wants (Django makes the feed's links absolute, not the author's).
        feed.feed["author_link"] = request.build_absolute_uri(reverse("articles:index"))
        return feed

    def link(self, entity: Entity) -> str:
        return entity.get_absolute_url()

    def feed_url(self, entity: Entity) -> str:
        return feed_url(entity)

    def items(self, entity: Entity):
        return Article.objects.mentioning(entity).newest_first().with_lead()[:FEED_LENGTH]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return teaser(article)

    def item_author_name(self, article: Article) -> str:
        return article.publication

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.revised_at or article.published_at
