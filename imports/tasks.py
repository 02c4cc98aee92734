"""The imports app's background work, on Django's Tasks API (the django-tasks backport).

Run by `manage.py db_worker` with the default database backend (`make run` starts one), or
by the workers of whichever backend `TASKS` names. Arguments are ids, never objects: a task
may run on another machine, after a restart.
"""

from django_tasks import task

from imports.batches import batch_run, batches_interrupted_mark
from imports.uploads import uploads_sweep


@task(queue_name="imports")
def batch_import_task(batch_id: int) -> None:
    """Import a confirmed (or resumed) batch's files that are not recorded yet."""
    batch_run(batch_id=batch_id)


@task()
def uploads_sweep_task() -> int:
    """Delete expired held uploads and mark silent batches interrupted; how many uploads went."""
    batches_interrupted_mark()
    return len(uploads_sweep())
