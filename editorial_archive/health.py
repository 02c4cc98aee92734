"""`/healthz`: whether this app server can serve, for a load balancer or an orchestrator.

It checks what every request may need: the database answers, the cache stores and returns
a value, and the task queue can be read (with the database backend, how many tasks wait and
for how long). 200 when all three work, 503 naming the part that does not. A backlog of tasks
(no worker running, say) is reported in the body but does not fail the check: the app server
itself can still serve, and taking every server out of rotation would not start a worker.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# A task waiting longer than this means no worker is taking tasks from its queue.
QUEUE_BEHIND_SECONDS = 300


class CheckFailed(Exception):
    """A part does not work; the message says how, for the operator."""


def database_check() -> dict:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connections["default"].vendor}


def cache_check() -> dict:
    cache = caches["default"]
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        raise CheckFailed("the cache did not return what was just stored in it")
    return {"backend": type(cache).__name__}


def tasks_check() -> dict:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    found: dict = {"backend": type(backend).__name__}
    if type(backend).__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        found |= {
            "waiting": waiting.count(),
            "oldest_waiting_seconds": round(age, 1),
            "behind": age > QUEUE_BEHIND_SECONDS,
        }
    return found


CHECKS: dict[str, Callable[[], dict]] = {
    "database": database_check,
    "cache": cache_check,
    "tasks": tasks_check,
}


def check_run(check: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        found = {"ok": True, **check()}
    # Whatever a part's client raises (DatabaseError, redis.ConnectionError, OSError, ...):
    # a health check reports it, never answers 500.
    except Exception as error:
        found = {"ok": False, "error": f"{type(error).__name__}: {error}"}
    found["ms"] = round(1000 * (time.perf_counter() - started), 1)
    return found


@never_cache
@require_safe
def healthz(request):
    checks = {name: check_run(check) for name, check in CHECKS.items()}
    healthy = all(found["ok"] for found in checks.values())
    body = {"status": "ok" if healthy else "failing", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)
