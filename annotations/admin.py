"""Admin for annotations: browse and search them, read their history (changes go through
the site's forms, which keep revisions)."""

from django.contrib import admin

from annotations.models import Annotation, EvidenceLink, Revision


class EvidenceInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0
    can_delete = False
    readonly_fields = ["url", "title", "position"]

    def has_add_permission(self, request, obj=None):
        return False


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    fields = ["version", "action", "actor", "created_at", "reason"]
    readonly_fields = fields
    ordering = ["-version"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "verdict", "status", "author", "created_at"]
    list_filter = ["kind", "verdict", "claimant_type", "status", "created_at"]
    search_fields = ["body", "claim_text", "claimant", "quote_exact", "author__username"]
    list_select_related = ["author", "article"]
    date_hierarchy = "created_at"
    inlines = [EvidenceInline, RevisionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Edits here would bypass revisions and the version check; use the site's forms.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
