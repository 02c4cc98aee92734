"""`manage.py retag_articles`: tag archived editorials again after the gazetteer changed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.gazetteer.loading import gazetteer_load
from articles.models import AgendaItem, Country, Leader, Mention, TagRejection
from tests.factories import article_factory

pytestmark = pytest.mark.django_db


def retag(*args: str) -> str:
    out = StringIO()
    call_command("retag_articles", *args, stdout=out)
    return out.getvalue()


def written(text: str, **fields):
    """An archived editorial whose one paragraph reads `text`."""
    article = article_factory(paragraphs=1, **fields)
    article.paragraphs.update(text=text)
    return article


def countries(article) -> list[str]:
    return sorted(tag.name for tag in article.countries.all())


def test_retag_tags_editorials_archived_before_the_gazetteer_was_loaded():
    article = written("Japan and the United States discussed the CPTPP.")
    gazetteer_load()

    output = retag()

    assert countries(article) == ["Japan", "United States"]
    assert [tag.name for tag in article.agenda.all()] == ["CPTPP"]
    assert output.strip() == "retagged 1 editorials: 3 mentions, 3 tags added, 0 removed"


def test_retag_picks_up_an_alias_added_after_the_import():
    gazetteer_load()
    article = written("The Hermit Kingdom fired a missile.")
    retag()
    assert countries(article) == []
    north = Country.objects.get(name="North Korea")
    north.aliases = [*north.aliases, "Hermit Kingdom"]
    north.save()

    retag()

    assert countries(article) == ["North Korea"]
    [mention] = Mention.objects.in_articles([article])
    assert mention.text == "Hermit Kingdom"


def test_retag_drops_automatic_tags_an_alias_no_longer_supports():
    gazetteer_load()
    article = written("Trade with Holland grew.")
    retag()
    netherlands = Country.objects.get(name="Netherlands")
    netherlands.aliases = [a for a in netherlands.aliases if a != "Holland"]
    netherlands.save()

    output = retag()

    assert countries(article) == []
    assert "0 tags added, 1 removed" in output


def test_retag_only_the_editorials_named_by_slug():
    gazetteer_load()
    one = written("Japan.")
    other = written("Japan.")

    retag("--slug", one.slug)

    assert countries(one) == ["Japan"]
    assert countries(other) == []


def test_retag_refuses_an_unknown_slug():
    with pytest.raises(CommandError, match="no editorial with slug nowhere"):
        retag("--slug", "nowhere")


def test_retag_respects_editors_tags_and_rejections():
    gazetteer_load()
    xi = Leader.objects.get(name="Xi Jinping")
    article = written("Japan and Oman.", leaders=[xi])
    oman = Country.objects.get(name="Oman")
    TagRejection.objects.create(article=article, kind="country", country=oman)

    retag()
    retag()

    assert countries(article) == ["Japan"]
    assert [tag.name for tag in article.leaders.all()] == ["Xi Jinping"]
    assert not AgendaItem.objects.filter(articles=article).exists()
