"""Forms of the admin import pages: the upload (with its limits) and the undo confirmation."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError("Choose at least one .txt or .zip file.", code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Editorial files",
        help_text=".txt editorials and .zip archives of them; several at once.",
        widget=MultipleFileInput(attrs={"accept": ".txt,.zip,text/plain,application/zip"}),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        most, largest = settings.IMPORT_MAX_FILES, settings.IMPORT_MAX_UPLOAD_BYTES
        if len(files) > most:
            raise forms.ValidationError(
                f"{len(files):,} files chosen; at most {most:,} may be uploaded at once "
                "(put many editorials in a .zip archive instead)."
            )
        total = sum(file.size for file in files)
        if total > largest:
            raise forms.ValidationError(
                f"The files add up to {filesizeformat(total)}; "
                f"one upload may hold at most {filesizeformat(largest)}."
            )
        return files


class UndoForm(forms.Form):
    keep_annotations = forms.BooleanField(
        required=False,
        label="Undo anyway: keep those annotations and re-anchor them on the previous text.",
    )
