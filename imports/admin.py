"""Admin pages for importing editorials: upload, preview, confirm, progress, result, undo.

The pages hang off the ImportBatch admin (`get_urls`); every one of them goes through the
admin site's login check and then asks for the `imports.add_importbatch` permission.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from imports.batches import (
    BatchNotResumable,
    PlanChanged,
    UndoRefused,
    batch_confirm,
    batch_interrupted_check,
    batch_resume,
    batch_undo,
    batches_interrupted_mark,
    undo_plan,
)
from imports.forms import UndoForm, UploadForm
from imports.models import FileFate, ImportBatch
from imports.planning import Plan, plan_make, preview_paragraphs
from imports.reports import report_rows
from imports.uploads import UploadGone, UploadNotHeld, held_upload, upload_hold

IMPORT_PERMISSION = "imports.add_importbatch"
ROWS_PER_PAGE = 100


def can_import(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm(IMPORT_PERMISSION)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "created_at",
        "created_by",
        "status",
        "imported",
        "updated",
        "failed",
    ]
    list_filter = ["status"]
    list_select_related = ["created_by"]
    change_list_template = "admin/imports/importbatch/change_list.html"

    def changelist_view(self, request, extra_context=None):
        batches_interrupted_mark()
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        def fate(value):
            return Count("files", filter=Q(files__fate=value))

        return (
            super()
            .get_queryset(request)
            .annotate(
                imported_count=fate(FileFate.IMPORTED),
                updated_count=fate(FileFate.UPDATED),
                failed_count=fate(FileFate.FAILED),
            )
        )

    @admin.display(description="new", ordering="imported_count")
    def imported(self, batch) -> int:
        return batch.imported_count

    @admin.display(description="updated", ordering="updated_count")
    def updated(self, batch) -> int:
        return batch.updated_count

    @admin.display(description="refused", ordering="failed_count")
    def failed(self, batch) -> int:
        return batch.failed_count

    # Batches are made by the import pages and kept as the record of what happened.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return can_import(request.user) or super().has_view_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A batch's page is its result; an address that names no batch number is not found
        (the admin passes any text here, which the result URL cannot take)."""
        if not (object_id.isascii() and object_id.isdigit()):
            raise Http404("No import batch has this address.")
        return HttpResponseRedirect(reverse("admin:imports_importbatch_result", args=[object_id]))

    def get_urls(self):
        def guarded(view):
            @wraps(view)
            def inner(request, *args, **kwargs):
                if not can_import(request.user):
                    raise PermissionDenied
                return view(request, *args, **kwargs)

            return self.admin_site.admin_view(inner)

        urls = [
            path("upload/", guarded(self.upload_view), name="imports_importbatch_upload"),
            path(
                "upload/<str:token>/",
                guarded(self.preview_view),
                name="imports_importbatch_preview",
            ),
            path("<int:pk>/result/", guarded(self.result_view), name="imports_importbatch_result"),
            path(
                "<int:pk>/progress.json",
                guarded(self.progress_view),
                name="imports_importbatch_progress",
            ),
            path(
                "<int:pk>/report.csv", guarded(self.report_view), name="imports_importbatch_report"
            ),
            path("<int:pk>/undo/", guarded(self.undo_view), name="imports_importbatch_undo"),
            path("<int:pk>/resume/", guarded(self.resume_view), name="imports_importbatch_resume"),
        ]
        return urls + super().get_urls()

    def page(self, request, template: str, title: str, status: int = 200, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **context,
        }
        return TemplateResponse(request, f"admin/imports/{template}", context, status=status)

    def upload_view(self, request):
        posted = request.method == "POST"
        form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
        not_held = ""
        if posted and form.is_valid():
            try:
                held = upload_hold(files=form.cleaned_data["files"], user_id=request.user.pk)
                with held.sources() as sources:
                    plan = plan_make(sources=sources)
                plan.save(held)
            except UploadNotHeld as error:
                not_held = str(error)
            else:
                return HttpResponseRedirect(
                    reverse("admin:imports_importbatch_preview", args=[held.token])
                )
        limits = {
            "files": settings.IMPORT_MAX_FILES,
            "total": settings.IMPORT_MAX_UPLOAD_BYTES,
            "per_file": settings.EDITORIAL_MAX_FILE_BYTES,
        }
        return self.page(
            request,
            "upload.html",
            "Import editorials",
            form=form,
            limits=limits,
            not_held=not_held,
            status=503 if not_held else 200,
        )

    def preview_view(self, request, token: str):
        try:
            held = held_upload(token=token, user_id=request.user.pk)
            plan = Plan.load(held)
        except UploadGone as gone:
            return self.page(request, "gone.html", "Upload no longer held", reason=str(gone))
        if request.method == "POST":
            try:
                batch = batch_confirm(held=held, plan=plan, user=request.user)
            except UploadGone as gone:
                return self.page(request, "gone.html", "Upload no longer held", reason=str(gone))
            except PlanChanged as changed:
                return self.page(
                    request,
                    "changed.html",
                    "Nothing was imported: things changed since the preview",
                    reasons=changed.reasons,
                    status=409,
                )
            return HttpResponseRedirect(batch.get_absolute_url())
        hide = request.GET.get("hide") == "1"
        rows = [row for row in plan.rows if not (hide and row.hidden_by_filter)]
        shown = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
        paragraphs = preview_paragraphs(held=held, rows=shown)
        return self.page(
            request,
            "preview.html",
            "Preview of the import",
            held=held,
            plan=plan,
            shown=shown,
            rows=[(row, paragraphs.get(row.position, [])) for row in shown],
            hide=hide,
            counts=plan.counts,
        )

    def result_view(self, request, pk: int):
        batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=pk)
        batch_interrupted_check(batch)
        counts = dict(batch.files.values("fate").annotate(n=Count("id")).values_list("fate", "n"))
        files = Paginator(batch.files.order_by("position"), ROWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return self.page(
            request,
            "result.html",
            f"Import #{batch.pk}",
            batch=batch,
            files=files,
            counts={label: counts.get(value, 0) for value, label in FileFate.choices},
        )

    def resume_view(self, request, pk: int):
        """POST: queue an interrupted or failed batch again, for the files it did not reach."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        batch = get_object_or_404(ImportBatch.objects.select_related("upload"), pk=pk)
        try:
            batch_resume(batch=batch)
        except (UploadGone, BatchNotResumable) as refused:
            messages.error(request, f"Import #{batch.pk} was not resumed: {refused}")
        else:
            messages.success(request, f"Import #{batch.pk} resumed: the files it had not reached.")
        return HttpResponseRedirect(batch.get_absolute_url())

    def progress_view(self, request, pk: int):
        batch = get_object_or_404(ImportBatch, pk=pk)
        batch_interrupted_check(batch)
        return JsonResponse(
            {
                "status": batch.status,
                "done": batch.done,
                "total": batch.total,
                "finished": batch.finished,
            }
        )

    def report_view(self, request, pk: int):
        batch = get_object_or_404(ImportBatch, pk=pk)
        if not batch.finished:
            raise Http404("The report is ready when the import has finished.")
        response = StreamingHttpResponse(
            report_rows(batch=batch, base_url=request.build_absolute_uri("/")[:-1]),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="import-{batch.pk}.csv"'
        return response

    def undo_view(self, request, pk: int):
        batch = get_object_or_404(ImportBatch, pk=pk)
        form = UndoForm(request.POST if request.method == "POST" else None)
        refusals = []
        if request.method == "POST" and form.is_valid():
            try:
                done = batch_undo(
                    batch=batch,
                    user=request.user,
                    keep_annotations=form.cleaned_data["keep_annotations"],
                )
            except UndoRefused as refused:
                refusals = refused.reasons
            else:
                messages.success(
                    request,
                    f"Import #{batch.pk} undone: {len(done.remove)} removed, "
                    f"{len(done.restore)} restored, {len(done.kept)} left in place.",
                )
                return HttpResponseRedirect(batch.get_absolute_url())
        return self.page(
            request,
            "undo.html",
            f"Undo import #{batch.pk}",
            batch=batch,
            form=form,
            plan=undo_plan(batch=batch) if batch.undoable else None,
            refusals=refusals,
            status=409 if refusals else 200,
        )
