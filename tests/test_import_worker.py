"""The admin import across real processes: two app servers sharing one database (and one
Redis, where one runs), the preview on one and the confirm on the other, a `db_worker` that
runs the import, and one killed with SIGKILL halfway, then the batch resumed and undone.

Slow (a site of its own is migrated once for the module), but nothing else shows that no
step of an import lives in one process's memory or folder.
"""

import io
import signal
import time
import zipfile

import pytest

from tests.admin_import_support import editorial
from tests.sample_editorials import editorial_variant
from tests.site_processes import Browser, site_start

UPLOAD = "/admin/imports/importbatch/upload/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = site_start(
        tmp_path_factory.mktemp("site"),
        IMPORT_WRITE_BATCH="10",
        IMPORT_HEARTBEAT_SECONDS="0.2",
        IMPORT_INTERRUPTED_AFTER_SECONDS="2",
    )
    try:
        site.servers = [site.server(), site.server()]
        yield site
    finally:
        site.stop()


def editorials_zip(count: int, *, month: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            day, minute = 1 + n // 60 % 28, n % 60
            hour = 8 + n // (60 * 28)
            time_of_input = f"2025-{month:02}-{day:02} {hour:02}:{minute:02}:00"
            archive.writestr(f"editorials/{n:04}.txt", editorial_variant(input_time=time_of_input))
    return buffer.getvalue()


def previewed(browser: Browser, server: str, name: str, content: bytes) -> str:
    """Upload on `server`; the preview's path."""
    form = browser.get(f"{server}{UPLOAD}")
    response = browser.post(f"{server}{UPLOAD}", form.text, {}, files={"files": (name, content)})
    assert "/upload/" in response.url and "Preview of the import" in response.text
    return response.url.removeprefix(server)


def confirmed(browser: Browser, server: str, preview_path: str) -> str:
    """Confirm on `server`; the batch result page's path."""
    page = browser.get(f"{server}{preview_path}")
    response = browser.post(f"{server}{preview_path}", page.text, {})
    assert response.url.endswith("/result/"), response.text[:2000]
    return response.url.removeprefix(server)


def progress(browser: Browser, server: str, result_path: str) -> dict:
    return browser.get(f"{server}{result_path.removesuffix('result/')}progress.json").json()


def wait_for(check, seconds: float = 120, every: float = 0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(every)
    raise AssertionError("waited too long")


def test_preview_on_one_server_confirm_on_another_and_a_worker_imports(site):
    first, second = site.servers
    browser = Browser()
    browser.sign_in(first)
    one = editorial(3).encode()

    preview_path = previewed(browser, first, "one.txt", one)
    assert "one.txt" in browser.get(f"{second}{preview_path}").text  # the other server has it
    result_path = confirmed(browser, second, preview_path)
    assert progress(browser, first, result_path)["status"] == "queued"

    site.worker(batch=True).wait(timeout=120)

    assert progress(browser, first, result_path) == {
        "status": "done",
        "done": 1,
        "total": 1,
        "finished": True,
    }
    assert "New: <strong>1</strong>" in browser.get(f"{first}{result_path}").text
    assert site.sql("SELECT count(*) FROM imports_upload") == [(0,)]  # the held files went


def test_a_worker_killed_halfway_leaves_a_batch_to_resume_and_undo(site):
    first, second = site.servers
    browser = Browser()
    browser.sign_in(second)
    preview_path = previewed(browser, first, "many.zip", editorials_zip(500, month=6))
    result_path = confirmed(browser, second, preview_path)
    worker = site.worker()

    done = wait_for(lambda: progress(browser, first, result_path)["done"] >= 10, every=0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    recorded = progress(browser, first, result_path)["done"]
    assert done and 10 <= recorded < 500, "the worker finished before it could be killed"

    # Nothing half-written: exactly the recorded files have articles.
    batch_articles = "SELECT count(*) FROM articles_article WHERE import_key LIKE '%2025-06-%'"
    assert site.sql(batch_articles) == [(recorded,)]

    def interrupted_page() -> str:
        page = browser.get(f"{first}{result_path}").text
        return page if "Interrupted" in page else ""

    page = wait_for(interrupted_page, seconds=30, every=0.2)
    assert "Resume this import" in page

    browser.post(f"{second}{result_path.removesuffix('result/')}resume/", page, {})
    site.worker(batch=True).wait(timeout=300)

    assert progress(browser, first, result_path) == {
        "status": "done",
        "done": 500,
        "total": 500,
        "finished": True,
    }
    batch = int(result_path.rstrip("/").split("/")[-2])
    fates = f"SELECT fate, count(*) FROM imports_importfile WHERE batch_id = {batch} GROUP BY fate"
    assert site.sql(fates) == [("imported", 500)]  # none "unchanged": nothing imported twice
    assert site.sql(batch_articles) == [(500,)]

    undo_url = f"{first}{result_path.removesuffix('result/')}undo/"
    response = browser.post(undo_url, browser.get(undo_url).text, {})
    assert "500 removed" in response.text
    assert site.sql(batch_articles) == [(0,)]
