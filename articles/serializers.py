"""The JSON API's shapes: editorials in the fields DESIGN.md fixes, entities, and the query
parameters the lists read.

Times are ISO 8601 in the archive's time zone (KST, +09:00); addresses are absolute URLs.
"""

from django.core.validators import RegexValidator
from django.http import QueryDict
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Entity

# Text without the control characters that the request checks refuse everywhere with a 400
# (editorial_archive/request_checks.py), so that the schema says what a valid value is.
PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
PRINTABLE_SEGMENT = r"^[^/\x00-\x08\x0b\x0c\x0e-\x1f]+$"
# What Django's `<slug:...>` matches.
SLUG = r"^[-a-zA-Z0-9_]+$"


# The same for a field that may be blank: drf-spectacular describes it as one of this or an
# empty string, two that must not overlap.
PRINTABLE_FILLED = PRINTABLE.replace("*$", "+$")


def printable(field: str) -> RegexValidator:
    """For a text field that allows blank."""
    return RegexValidator(PRINTABLE_FILLED, message=f"The {field} contains a control character.")


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class EntityNamesField(serializers.Field):
    """The names of the entities a tag manager holds (prefetched), sorted in Python so that
    both databases give the same order."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager) -> list[str]:
        return sorted(tag.name for tag in manager.all())


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.Field):
    """A path the object gives (its `source` method), as an absolute URL."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, path: str) -> str:
        return self.context["request"].build_absolute_uri(path)


class ParagraphSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    position = serializers.IntegerField(read_only=True, help_text="1-based place in the article.")
    text = serializers.CharField(read_only=True)


class CaptionSerializer(serializers.Serializer):
    text = serializers.CharField(read_only=True)
    credit = serializers.CharField(read_only=True)


class ArticleSerializer(serializers.Serializer):
    """One editorial with every paragraph: the shape of `GET /api/articles/<slug>/`."""

    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True, help_text="E.g. “Editorial”; may be empty.")
    publication = serializers.CharField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, help_text="When first published.")
    revised_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="The paper's last revision, if any."
    )
    dateline = serializers.DateField(read_only=True, allow_null=True)
    deck = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Sub-headline lines, in order."
    )
    caption = CaptionSerializer(read_only=True, allow_null=True)
    paragraphs = ParagraphSerializer(many=True, read_only=True)
    leaders = EntityNamesField()
    countries = EntityNamesField()
    agenda = EntityNamesField()
    url = AbsoluteURLField(source="get_absolute_url", help_text="The editorial's page.")


class ArticleRowSerializer(ArticleSerializer):
    """An editorial in a list: every field of the detail, the paragraphs only when asked
    (`?paragraphs=true`), and the paragraph count and the detail's address always."""

    # Not read-only, so that the schema does not call it required; nothing is ever written.
    paragraphs = ParagraphSerializer(
        many=True, required=False, help_text="Only with `?paragraphs=true`."
    )
    paragraph_count = serializers.IntegerField(read_only=True)
    api_url = serializers.HyperlinkedIdentityField(
        view_name="articles:api_detail", lookup_field="slug", help_text="This editorial's JSON."
    )

    def get_fields(self):
        fields = super().get_fields()
        # Left in when nothing was asked at all: the schema describes every field.
        if self.context.get("paragraphs") is False:
            del fields["paragraphs"]
        return fields


class ArticleListParams(serializers.Serializer):
    """What `GET /api/articles/` reads besides the page (see api_paging.py)."""

    paragraphs = serializers.BooleanField(
        required=False,
        default=False,
        help_text="`true`: each row carries its paragraphs, as the detail does.",
    )


class EntitySerializer(serializers.Serializer):
    """A leader, country or agenda item: its names, how many editorials it is tagged on, and
    its addresses."""

    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
    aliases = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Other ways editorials write the name.",
    )
    description = serializers.CharField(read_only=True)
    article_count = serializers.IntegerField(
        read_only=True, help_text="The editorials tagged with it."
    )
    url = AbsoluteURLField(source="get_absolute_url", help_text="Its page.")
    feed_url = serializers.SerializerMethodField(help_text="The Atom feed of its editorials.")
    api_url = serializers.SerializerMethodField(help_text="This entity's JSON.")
    articles_url = serializers.SerializerMethodField(help_text="Its editorials, as JSON.")

    facet_param = ""  # the parameter of /api/articles/ that lists its editorials

    def _absolute(self, url_name: str, entity: Entity) -> str:
        path = reverse(url_name, kwargs={"slug": entity.slug})
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(OpenApiTypes.URI)
    def get_feed_url(self, entity: Entity) -> str:
        return self._absolute(f"{entity.url_name}_feed", entity)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, entity: Entity) -> str:
        # "articles:leader" -> "articles:api_leader" (articles/urls.py)
        return self._absolute(entity.url_name.replace(":", ":api_"), entity)

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles_url(self, entity: Entity) -> str:
        query = QueryDict(mutable=True)
        query[self.facet_param] = entity.slug
        path = f"{reverse('articles:api_list')}?{query.urlencode()}"
        return self.context["request"].build_absolute_uri(path)


class LeaderSerializer(EntitySerializer):
    country = serializers.CharField(
        source="country.name",
        read_only=True,
        allow_null=True,
        help_text="The name of the country they lead or serve, if known.",
    )
    facet_param = "leader"


class CountrySerializer(EntitySerializer):
    code = serializers.CharField(read_only=True, help_text="ISO 3166-1 alpha-2; may be empty.")
    facet_param = "country"


class AgendaItemSerializer(EntitySerializer):
    facet_param = "agenda"
