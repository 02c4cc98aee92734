"""The storage held uploads go to by default: a folder, IMPORT_UPLOAD_DIR.

A FileSystemStorage whose location is read from the setting at each use (so that a test, or a
settings override, moves it); any other Django storage (django-storages' S3 backend, say) can
take its place through `STORAGES["imports"]`.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

STORAGE_ALIAS = "imports"


class HeldUploadStorage(FileSystemStorage):
    @property
    def base_location(self):
        return self._value_or_setting(self._location, str(settings.IMPORT_UPLOAD_DIR))

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def upload_storage():
    return storages[STORAGE_ALIAS]
