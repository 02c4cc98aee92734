"""Plain factory functions for test data: each call makes unique, valid rows."""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from articles.models import AgendaItem, Article, Country, Leader, Paragraph

KST = ZoneInfo("Asia/Seoul")
# The sample editorial's Input time; factories count backwards from it, one day each.
BASE_TIME = datetime(2026, 1, 12, 18, 32, 8, tzinfo=KST)

_sequence = itertools.count(1)


def paragraph_text(position: int, number: int) -> str:
    """A plausible paragraph that names its article and position, so tests can find it."""
    return (
        f"Paragraph {position} of editorial {number} weighs the summit's stakes for trade, "
        "security and the historical issues that still divide the two neighbours."
    )


def article_factory(
    *,
    paragraphs: int = 3,
    leaders=(),
    countries=(),
    agenda=(),
    **overrides,
) -> Article:
    """Create an Article with `paragraphs` paragraphs, tagged with the given entities.

    Entities may be model instances or names (created on first use).
    """
    number = next(_sequence)
    fields = {
        "slug": f"editorial-{number}",
        "import_key": f"fnnews:test:{number}",
        "content_hash": f"{number:064x}",
        "label": "Editorial",
        "title": f"Editorial number {number} on pragmatic diplomacy",
        "publication": "The Financial News",
        "published_at": BASE_TIME - timedelta(days=number),
    }
    fields.update(overrides)
    article = Article.objects.create(**fields)
    Paragraph.objects.bulk_create(
        Paragraph(article=article, position=position, text=paragraph_text(position, number))
        for position in range(1, paragraphs + 1)
    )
    for manager, model, entities in (
        (article.leaders, Leader, leaders),
        (article.countries, Country, countries),
        (article.agenda, AgendaItem, agenda),
    ):
        if entities:
            manager.add(*(_entity(model, entity) for entity in entities))
    return article


def _entity(model, entity):
    if isinstance(entity, str):
        return model.objects.get_or_create(name=entity)[0]
    return entity


def leader_factory(**overrides) -> Leader:
    """Create a Leader with a unique name (and taggit's slug of it)."""
    return _entity_factory(Leader, "Leader", overrides)


def country_factory(**overrides) -> Country:
    """Create a Country with a unique name."""
    return _entity_factory(Country, "Country", overrides)


def agenda_item_factory(**overrides) -> AgendaItem:
    """Create an AgendaItem with a unique name."""
    return _entity_factory(AgendaItem, "Agenda item", overrides)


def _entity_factory(model, prefix: str, overrides: dict):
    fields = {"name": f"{prefix} {next(_sequence)}"}
    fields.update(overrides)
    return model.objects.create(**fields)


ROLES = ("reader", "editor", "moderator", "staff", "superuser")


def user_factory(role: str = "reader", **overrides):
    """A signed-up user in the role's group: reader (none), editor, moderator, staff (is_staff
    and no group) or superuser."""
    from django.contrib.auth import get_user_model

    from annotations.roles import role_group_ensure

    number = next(_sequence)
    user = get_user_model().objects.create_user(
        username=overrides.pop("username", f"{role}{number}"),
        password="a-long-test-password",
        is_staff=role in ("staff", "superuser"),
        is_superuser=role == "superuser",
        **overrides,
    )
    group = {"editor": "Editors", "moderator": "Moderators"}.get(role)
    if group:
        # Ensured with its permissions: a flushed database (after a transactional test)
        # has the permission rows again but not the migration's groups.
        user.groups.add(role_group_ensure(group))
    return user


def annotation_factory(*, paragraph=None, author=None, quote: str = "", **content):
    """An annotation made through the service, as an editor would (a note unless told)."""
    from annotations.services import AnnotationContent, annotation_create

    paragraph = paragraph or article_factory().paragraphs.first()
    content.setdefault("body", "A note on this paragraph.")
    return annotation_create(
        paragraph=paragraph,
        author=author or user_factory("editor"),
        content=AnnotationContent(**content),
        quote_exact=quote,
    )
