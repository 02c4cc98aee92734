"""Admin for editorials (with their paragraphs) and for the three entity kinds."""

from django import forms
from django.contrib import admin
from django.db.models import Count

from .models import AgendaItem, Article, Country, Leader, Paragraph


class LinesField(forms.CharField):
    """Edits a JSON list of strings as text, one entry per line (blank lines dropped)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        lines = (line.strip() for line in (super().to_python(value) or "").splitlines())
        # Keep the first occurrence of each line, in order: duplicates mean nothing here.
        return list(dict.fromkeys(line for line in lines if line))


class ArticleAdminForm(forms.ModelForm):
    deck = LinesField(required=False, help_text="Sub-headline lines, one per line.")


class EntityAdminForm(forms.ModelForm):
    aliases = LinesField(
        required=False,
        help_text="Other ways the text writes this name, one per line (e.g. “U.S.”, “USA”).",
    )


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    fields = ["position", "text"]
    ordering = ["position"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [ParagraphInline]
    list_display = ["title", "label", "published_at", "publication"]
    list_filter = ["label", ("published_at", admin.DateFieldListFilter)]
    date_hierarchy = "published_at"
    # A search term found in several paragraphs of one article would list it once per
    # paragraph; the changelist removes such duplicates itself (with an EXISTS subquery).
    search_fields = ["title", "paragraphs__text"]
    readonly_fields = ["import_key", "content_hash", "imported_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "label", "publication"]}),
        ("Dates", {"fields": ["published_at", "revised_at", "dateline"]}),
        ("Deck and caption", {"fields": ["deck", "caption_text", "caption_credit"]}),
        ("Entities", {"fields": ["leaders", "countries", "agenda"]}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": [
                    "layout",
                    "source_name",
                    "import_key",
                    "content_hash",
                    "imported_at",
                    "updated_at",
                ],
            },
        ),
    ]


class EntityAdmin(admin.ModelAdmin):
    """Shared by Leader, Country and AgendaItem: they differ only in what they name."""

    form = EntityAdminForm
    fields = ["name", "slug", "aliases", "description"]
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_items"))

    @admin.display(description="editorials", ordering="article_count")
    def article_count(self, entity) -> int:
        return entity.article_count


admin.site.register([Leader, Country, AgendaItem], EntityAdmin)
