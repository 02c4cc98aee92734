"""The test suite's settings: the project's own, as a developer's laptop has them (DEBUG on at
import, so the development key and plain static files are used; pytest-django then runs each
test with DEBUG off, as production serves)."""

import os

os.environ.setdefault("DEBUG", "1")

from editorial_archive.settings import *  # noqa: F403

# Tasks run the moment they are enqueued, in the test's own transaction; the tests of the
# worker itself (tests/test_import_worker.py) start real `db_worker` processes.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "imports"],
    }
}
