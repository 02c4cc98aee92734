"""The admin import of a 2,000-file zip (preview, then confirm) next to the command line.

    python -m bench.admin_import [--count 2000] [--seed 1] [--only sqlite|postgresql]

Writes a corpus with `bench.corpus`, zips it, and per database runs, on two fresh migrated
databases: the real `import_editorials ZIP` command (`bench.measure`), and a child that
drives the admin pages with Django's test client as a signed-in importer: upload the zip
(preview: held upload, parse, plan, first page rendered), then confirm (the import itself,
result page rendered). Each step's wall time and the child's peak memory are reported; the
goal is admin preview + confirm within 1.5x of the command line.
"""

import argparse
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.child import peak_rss_mb, report, setup_django, table_counts
from bench.corpus import write_corpus
from bench.databases import PostgreSQL, SQLite
from bench.run import OUT, StepFailed, measured, migrate

GOAL = 1.5


def admin_child(zip_path: str) -> None:
    """Preview and confirm the zip through the admin views; print the result line."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import override_settings

    from imports.models import ImportBatch

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "imports": {"BACKEND": "imports.storage.HeldUploadStorage"},
    }
    # The task runs in the request: the figure is the import's, not a worker's polling delay.
    tasks = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    tasks["default"]["QUEUES"] = ["default", "imports"]
    with (
        tempfile.TemporaryDirectory() as uploads,
        override_settings(STORAGES=storages, IMPORT_UPLOAD_DIR=Path(uploads), TASKS=tasks),
    ):
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
        client = Client()
        client.force_login(user)
        start = time.perf_counter()
        with open(zip_path, "rb") as upload:
            preview = client.post(
                "/admin/imports/importbatch/upload/", {"files": [upload]}, follow=True
            )
        preview_seconds = time.perf_counter() - start
        preview_mb = peak_rss_mb()
        if preview.status_code != 200 or not preview.redirect_chain:
            raise SystemExit(f"preview failed: {preview.status_code}")
        preview_url = preview.redirect_chain[-1][0]
        start = time.perf_counter()
        result = client.post(preview_url, follow=True)
        confirm_seconds = time.perf_counter() - start
        batch = ImportBatch.objects.get()
        report(
            {
                "preview_seconds": preview_seconds,
                "confirm_seconds": confirm_seconds,
                "preview_mb": preview_mb,
                "peak_mb": peak_rss_mb(),
                "status": batch.status,
                "result_status": result.status_code,
                "fates": dict(
                    batch.files.values_list("fate").annotate(n=Count("id")).values_list("fate", "n")
                ),
                **table_counts(),
            }
        )


def zipped(folder: Path, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, file.name)
    return path


def bench_database(database, zip_path: Path) -> dict:
    with database.fresh("cli") as cli_url, database.fresh("admin") as admin_url:
        migrate(cli_url)
        migrate(admin_url)
        cli = measured(["bench.measure", "import_editorials", str(zip_path)], cli_url)
        admin = measured(["bench.admin_import", "--child", str(zip_path)], admin_url)
    return {"cli": cli, "admin": admin}


def table(count: int, results: dict[str, dict]) -> str:
    head = (
        f"{'database':<11}{'files':>7}{'CLI s':>8}{'preview s':>11}{'confirm s':>11}"
        f"{'admin s':>9}{'ratio':>7}{'≤1.5x':>7}{'CLI MB':>8}{'admin MB':>10}"
    )
    lines = [head]
    problems = []
    for name, result in results.items():
        cli, admin = result["cli"], result["admin"]
        total = admin["preview_seconds"] + admin["confirm_seconds"]
        ratio = total / cli["seconds"]
        verdict = "PASS" if ratio <= GOAL else "FAIL"
        lines.append(
            f"{name:<11}{count:>7,}{cli['seconds']:>8.2f}{admin['preview_seconds']:>11.2f}"
            f"{admin['confirm_seconds']:>11.2f}{total:>9.2f}{ratio:>7.2f}"
            f"{verdict:>7}{cli['peak_mb']:>8.0f}{admin['peak_mb']:>10.0f}"
        )
        if (cli["articles"], cli["paragraphs"]) != (admin["articles"], admin["paragraphs"]):
            problems.append(
                f"{name}: CLI wrote {cli['articles']:,}/{cli['paragraphs']:,} articles/paragraphs, "
                f"admin {admin['articles']:,}/{admin['paragraphs']:,}"
            )
        if admin["status"] != "done":
            problems.append(f"{name}: admin batch ended {admin['status']}")
    return "\n".join([*lines, *problems])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        admin_child(args.child)
        return
    # The test client's host must be allowed with DEBUG off, as in the measured children.
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    corpus = OUT / "admin-import-corpus"
    write_corpus(corpus, args.count, args.seed)
    zip_path = zipped(corpus, OUT / "admin-import.zip")
    databases = [SQLite(OUT), PostgreSQL()]
    if args.only:
        databases = [d for d in databases if d.name.lower() == args.only]
    results = {}
    for database in databases:
        if reason := database.unavailable():
            print(f"{database.name}: skipped, unreachable ({reason})")
            continue
        print(f"{database.name}: command line, admin preview and confirm ...", flush=True)
        try:
            results[database.name] = bench_database(database, zip_path)
        except StepFailed as error:
            print(f"{database.name}: {error}")
    print()
    print(table(args.count, results))


if __name__ == "__main__":
    main(sys.argv[1:])
