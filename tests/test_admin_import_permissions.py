"""Only active staff holding `imports.add_importbatch` reach the admin import pages."""

import pytest

from tests.admin_import_support import (
    UPLOAD_URL,
    editorial,
    importer_user,
    text_file,
    upload,
)
from tests.factories import user_factory

pytestmark = pytest.mark.django_db

PAGES = [
    UPLOAD_URL,
    f"{UPLOAD_URL}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
    "/admin/imports/importbatch/1/result/",
    "/admin/imports/importbatch/1/progress.json",
    "/admin/imports/importbatch/1/report.csv",
    "/admin/imports/importbatch/1/undo/",
]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitor_is_sent_to_the_admin_login(client, import_settings, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", PAGES)
def test_signed_in_non_staff_user_is_sent_to_the_admin_login(client, import_settings, url):
    client.force_login(user_factory("editor"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", PAGES)
def test_staff_without_the_import_permission_is_forbidden(client, import_settings, url):
    client.force_login(user_factory("staff"))
    assert client.get(url).status_code == 403


def test_staff_without_the_permission_cannot_post_an_upload(client, import_settings):
    client.force_login(user_factory("staff"))
    response = client.post(UPLOAD_URL, {"files": [text_file("a.txt", editorial(3))]})
    assert response.status_code == 403
    assert not list(import_settings.IMPORT_UPLOAD_DIR.glob("*"))


def test_permission_is_checked_on_every_request(client, import_settings):
    """A preview held for a user who then loses the permission can no longer be confirmed."""
    user = importer_user()
    client.force_login(user)
    preview_url = upload(client, text_file("a.txt", editorial(3))).preview_url
    user.user_permissions.clear()
    user.is_staff = True
    user.save()
    assert client.post(preview_url).status_code == 403


def test_another_importer_cannot_open_someone_elses_preview(client, import_settings):
    client.force_login(importer_user())
    preview_url = upload(client, text_file("a.txt", editorial(3))).preview_url
    client.force_login(importer_user())
    response = client.get(preview_url)
    assert "belongs to someone else" in response.text


def test_importer_sees_the_import_button_on_the_articles_changelist(client, import_settings):
    client.force_login(importer_user())
    # The changelist itself needs the articles view permission; give it as staff would have it.
    from django.contrib.auth.models import Permission

    user = importer_user()
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    response = client.get("/admin/articles/article/")
    assert 'href="/admin/imports/importbatch/upload/"' in response.text


def test_import_batches_are_listed_in_the_admin_with_the_import_button(client, import_settings):
    client.force_login(importer_user())
    index = client.get("/admin/")
    assert 'href="/admin/imports/importbatch/"' in index.text
    listing = client.get("/admin/imports/importbatch/")
    assert listing.status_code == 200
    assert 'href="/admin/imports/importbatch/upload/"' in listing.text
