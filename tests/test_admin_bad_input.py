"""Hostile input to the admin is a 4xx, never a 500."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from imports.models import ImportBatch
from tests.factories import country_factory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("view", ["change", "delete"])
def test_an_empty_to_field_parameter_is_a_bad_request(admin_client, view):
    group = Group.objects.create(name="Readers")
    response = admin_client.get(f"/admin/auth/group/{group.pk}/{view}/?_to_field=")
    assert response.status_code == 400


def test_an_empty_to_field_in_a_posted_form_is_a_bad_request(admin_client):
    group = Group.objects.create(name="Readers")
    response = admin_client.post(
        f"/admin/auth/group/{group.pk}/change/", {"name": "Renamed", "_to_field": ""}
    )
    assert response.status_code == 400
    assert Group.objects.get(pk=group.pk).name == "Readers"


@pytest.mark.parametrize("batch_id", ["AND", "-1139", "%C0%80", "1e3"])
def test_an_import_batch_address_that_is_no_number_is_not_found(admin_client, batch_id):
    response = admin_client.get(f"/admin/imports/importbatch/{batch_id}/change/")
    assert response.status_code == 404


def test_an_import_batch_change_page_leads_to_its_result(admin_client):
    batch = ImportBatch.objects.create(total=0)
    response = admin_client.get(f"/admin/imports/importbatch/{batch.pk}/change/")
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()


@pytest.mark.parametrize("country", ["aaa", "2026-13-45", "\u2174", str(2**70)])
def test_a_bad_autocomplete_choice_is_a_form_error(admin_client, country):
    response = admin_client.post(
        "/admin/articles/leader/add/", {"name": "Someone New", "slug": "", "country": country}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_good_autocomplete_choice_is_shown_again_with_the_form(admin_client):
    country = country_factory(name="Freedonia")
    response = admin_client.post(
        "/admin/articles/leader/add/", {"name": "", "slug": "", "country": str(country.pk)}
    )
    assert response.status_code == 200
    assert f'<option value="{country.pk}" selected>Freedonia</option>' in response.content.decode()


def test_a_choice_id_too_large_for_the_database_is_refused(admin_client):
    """PostgreSQL compares the huge id and finds no such row (a form error); SQLite's driver
    cannot send it at all, which the archive answers with a 400 that says so."""
    admin_client.raise_request_exception = False
    response = admin_client.post(
        "/admin/auth/group/add/", {"name": "Huge", "permissions": str(2**70)}
    )
    if connection.vendor == "sqlite":
        assert response.status_code == 400
        assert "too large for the archive" in response.content.decode()
    else:
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    assert not Group.objects.filter(name="Huge").exists()
