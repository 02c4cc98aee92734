"""`/healthz` tells a load balancer whether this app server can serve: database, cache, task
queue; 503 naming the part that fails."""

import json
import subprocess
import sys

import pytest
from django.utils.timezone import now
from pytest_django.asserts import assertNotContains

from tests.admin_import_support import DATABASE_QUEUE
from tests.site_processes import PROJECT

pytestmark = pytest.mark.django_db


def test_all_parts_working_is_200_with_each_part_said(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert {name: part["ok"] for name, part in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "tasks": True,
    }
    assert body["checks"]["cache"]["backend"] == "LocMemCache"


def test_a_cache_that_cannot_be_reached_is_503_and_says_so(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert (checks["database"]["ok"], checks["cache"]["ok"]) == (True, False)
    assert "ConnectionError" in checks["cache"]["error"]


def test_the_database_queue_says_how_many_tasks_wait_and_for_how_long(client, settings):
    from django_tasks_db.models import DBTaskResult

    from imports.tasks import uploads_sweep_task

    settings.TASKS = DATABASE_QUEUE
    uploads_sweep_task.enqueue()
    DBTaskResult.objects.update(enqueued_at=now().replace(year=2020))

    tasks = client.get("/healthz").json()["checks"]["tasks"]

    assert tasks["ok"] is True  # a backlog does not take the server out of rotation
    assert (tasks["waiting"], tasks["behind"]) == (1, True)
    assert tasks["oldest_waiting_seconds"] > 3600


def test_a_database_that_cannot_be_reached_is_503_not_an_error_page():
    """In a process of its own, whose database address answers nothing."""
    probe = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    env = {"DEBUG": "1", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "PATH": ""}
    env["ALLOWED_HOSTS"] = "testserver"
    env["DJANGO_SETTINGS_MODULE"] = "editorial_archive.settings"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    status, body = done.stdout.split("\n", 1)
    assert status == "503", done.stderr[-2000:]
    checks = json.loads(body)["checks"]
    assert checks["database"]["ok"] is False
    assert "OperationalError" in checks["database"]["error"]


def test_only_reads_are_answered(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assertNotContains(response, "ok", status_code=405)
