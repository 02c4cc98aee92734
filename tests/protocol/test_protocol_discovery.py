"""Discovery (W3C Web Annotation Protocol §5.4): an editorial page names the container where
annotations on it are kept, in a Link header and a <link> element, and its JSON."""

import re

import pytest
from django.urls import reverse

from tests.factories import annotation_factory, article_factory

pytestmark = pytest.mark.django_db

SERVICE = "http://www.w3.org/ns/oa#annotationService"


@pytest.fixture
def article():
    return article_factory(paragraphs=2)


def container(article) -> str:
    return "http://testserver" + reverse("annotations:article_container", args=[article.slug])


def test_the_link_header_rel_must_be_oa_annotation_service(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert f'<{container(article)}>; rel="{SERVICE}"' in response["Link"]


def test_the_page_head_links_the_annotation_service(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert f'<link rel="{SERVICE}" href="{container(article)}">' in head


def test_the_page_head_links_its_json_as_an_alternate(client, article):
    head = client.get(article.get_absolute_url()).content.decode().split("</head>")[0]
    json_url = reverse("articles:api_detail", args=[article.slug])
    assert f'<link rel="alternate" type="application/json" href="{json_url}">' in head
    assert client.get(json_url).status_code == 200


def test_the_advertised_container_is_the_one_holding_the_page_annotations(client, article):
    note = annotation_factory(paragraph=article.paragraphs.first())
    link = client.get(article.get_absolute_url())["Link"]
    service = re.search(rf'<([^>]+)>; rel="{re.escape(SERVICE)}"', link).group(1)
    data = client.get(service).json()
    assert data["total"] == 1
    assert data["first"]["items"][0]["id"].endswith(f"/{note.pk}")
