"""Admin for editorials (with their paragraphs) and for the three entity kinds.

Tag edits on an editorial are remembered as editors' decisions (articles.tagging), so that
re-tagging never undoes them. Entities can be renamed (the old name stays as an alias) and
merged into another of their kind from their change form.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .admin_widgets import CheckedAutocompleteAdmin
from .gazetteer.editing import entity_merge
from .models import AgendaItem, Article, Country, Leader, LeaderTerm, Paragraph, TagRejection
from .paragraphs import paragraphs_replace
from .sources import name_shown
from .tagging import article_entity_ids, article_retag, tag_decisions_record


class LinesField(forms.CharField):
    """Edits a JSON list of strings as text, one entry per line (blank lines dropped)."""

    widget = forms.Textarea(attrs={"rows": 3})
    max_lines = 100
    max_line_chars = 300

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        lines = (line.strip() for line in (super().to_python(value) or "").splitlines())
        # Keep the first occurrence of each line, in order: duplicates mean nothing here.
        return list(dict.fromkeys(line for line in lines if line))

    def validate(self, value):
        super().validate(value)
        if len(value) > self.max_lines:
            raise forms.ValidationError(f"At most {self.max_lines} lines; this has {len(value)}.")
        for number, line in enumerate(value, start=1):
            if len(line) > self.max_line_chars:
                raise forms.ValidationError(
                    f"Line {number} has {len(line):,} characters; "
                    f"the limit is {self.max_line_chars}."
                )


class ArticleAdminForm(forms.ModelForm):
    deck = LinesField(required=False, help_text="Sub-headline lines, one per line.")


class EntityAdminForm(forms.ModelForm):
    aliases = LinesField(
        required=False,
        help_text="Other ways the text writes this name, one per line (e.g. “U.S.”, “USA”).",
    )
    merge_into = forms.ModelChoiceField(
        queryset=Leader.objects.none(),
        required=False,
        label="Merge into",
        help_text=(
            "Fold this entity into another: its tags, mentions and names move there (its "
            "name becomes an alias) and this one is deleted. Use it for duplicates."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            model = type(self.instance)
            self.fields["merge_into"].queryset = model.objects.exclude(pk=self.instance.pk)
        else:
            del self.fields["merge_into"]


class AgendaItemAdminForm(EntityAdminForm):
    clues = LinesField(
        required=False,
        help_text=AgendaItem._meta.get_field("clues").help_text,
    )


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    fields = ["position", "text"]
    ordering = ["position"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Saving re-tags the editorial (its paragraphs may have changed), after remembering the
    editor's tag changes so that re-tagging keeps them."""

    form = ArticleAdminForm
    inlines = [ParagraphInline]
    list_display = ["title", "label", "published_at", "publication"]
    list_filter = ["label", ("published_at", admin.DateFieldListFilter)]
    date_hierarchy = "published_at"
    # A search term found in several paragraphs of one article would list it once per
    # paragraph; the changelist removes such duplicates itself (with an EXISTS subquery).
    search_fields = ["title", "paragraphs__text"]
    readonly_fields = ["source_file", "import_key", "content_hash", "imported_at", "updated_at"]
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
                    "source_file",
                    "import_key",
                    "content_hash",
                    "imported_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.display(description="Source file")
    def source_file(self, article):
        """The file the import read, with hidden characters (bidi overrides) shown escaped."""
        return name_shown(article.source_name)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Paragraph:
            return super().save_formset(request, form, formset, change)
        # Paragraph edits go through the same path as a corrected re-import: unchanged
        # paragraphs keep their ids, and annotations follow their quotes to the new text.
        rows = [
            (data["position"], data["text"])
            for data in (inline.cleaned_data for inline in formset.forms)
            if data and not data.get("DELETE")
        ]
        paragraphs_replace(article=form.instance, texts=[text for _, text in sorted(rows)])
        # The admin's change message reads these; the paragraphs' own history is the article.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None

    def save_related(self, request, form, formsets, change):
        article = form.instance
        before = article_entity_ids(article=article) if change else {}
        super().save_related(request, form, formsets, change)
        tag_decisions_record(
            article=article,
            before=before,
            after=article_entity_ids(article=article),
            user=request.user,
        )
        article_retag(article=article)


class EntityAdmin(admin.ModelAdmin):
    """Shared by Leader, Country and AgendaItem: they differ only in what they name."""

    form = EntityAdminForm
    fields = ["name", "slug", "aliases", "description", "key", "merge_into"]
    readonly_fields = ["key"]
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_items"))

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if obj is not None else [f for f in fields if f != "merge_into"]

    @admin.display(description="editorials", ordering="article_count")
    def article_count(self, entity) -> int:
        return entity.article_count

    def save_model(self, request, obj, form, change):
        old_name = form.initial.get("name")
        if change and "name" in form.changed_data and old_name and old_name not in obj.aliases:
            # A renamed entity is still found under its old name.
            obj.aliases = [old_name, *obj.aliases]
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        into = form.cleaned_data.get("merge_into")
        if into is not None:
            request.merged_into = entity_merge(source=form.instance, into=into)

    def response_change(self, request, obj):
        into = getattr(request, "merged_into", None)
        if into is None:
            return super().response_change(request, obj)
        self.message_user(request, f"“{obj.name}” was merged into “{into.name}”.", messages.SUCCESS)
        meta = into._meta
        return HttpResponseRedirect(
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[into.pk])
        )


@admin.register(Country)
class CountryAdmin(EntityAdmin):
    fields = ["name", "slug", "code", "aliases", "description", "key", "merge_into"]
    list_display = ["name", "code", "slug", "article_count"]
    search_fields = ["name", "slug", "code", "aliases"]


@admin.register(Leader)
class LeaderAdmin(CheckedAutocompleteAdmin, EntityAdmin):
    fields = [
        "name",
        "slug",
        "family_name",
        "country",
        "aliases",
        "description",
        "terms",
        "key",
        "merge_into",
    ]
    readonly_fields = ["key", "terms"]
    list_display = ["name", "country", "slug", "article_count"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]

    @admin.display(description="terms of office")
    def terms(self, leader) -> str:
        if not leader.pk:
            return "—"
        rows = format_html_join("", "<li>{}</li>", ((str(term),) for term in leader.terms.all()))
        link = reverse("admin:articles_leaderterm_changelist") + f"?leader__id__exact={leader.pk}"
        return format_html('<ul>{}</ul><a href="{}">Edit the terms</a>', rows, link)


@admin.register(AgendaItem)
class AgendaItemAdmin(EntityAdmin):
    form = AgendaItemAdminForm
    fields = ["name", "slug", "aliases", "clues", "since", "description", "key", "merge_into"]


@admin.register(LeaderTerm)
class LeaderTermAdmin(CheckedAutocompleteAdmin, admin.ModelAdmin):
    """Terms of office: they decide whom “President Lee” means on a given date."""

    list_display = ["leader", "office", "country", "start", "end"]
    list_filter = ["office"]
    list_select_related = ["leader", "country"]
    search_fields = ["leader__name", "office"]
    autocomplete_fields = ["leader", "country"]
    date_hierarchy = "start"


@admin.register(TagRejection)
class TagRejectionAdmin(admin.ModelAdmin):
    """Tags editors removed; delete one to let automatic tagging put the tag back."""

    list_display = ["article", "kind", "entity", "decided_by", "decided_at"]
    list_filter = ["kind"]
    list_select_related = ["article", "leader", "country", "agenda_item", "decided_by"]
    search_fields = ["article__title", "leader__name", "country__name", "agenda_item__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
