"""The OpenAPI schema at /api/schema/ and the documentation page at /api/docs/."""

import json
import re
from html.parser import HTMLParser

import pytest
from drf_spectacular.validation import validate_schema

from tests.request_surface import ROUTES
from tests.test_api import FIELDS

pytestmark = pytest.mark.django_db

SCHEMA = "/api/schema/"
DOCS = "/api/docs/"
# Not API operations: the schema and its page describe the API, they are not part of it.
NOT_OPERATIONS = {"api/schema/", "api/docs/"}


@pytest.fixture
def schema(client) -> dict:
    response = client.get(SCHEMA, {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def shape(path: str) -> str:
    """A path with its parameters unnamed: `/api/leaders/{}/`."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # drf-spectacular's check against the OpenAPI 3 JSON Schema


def test_the_schema_is_yaml_by_default_and_json_when_asked(client):
    assert client.get(SCHEMA)["Content-Type"].startswith("application/vnd.oai.openapi")
    asked = client.get(SCHEMA, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert asked["Content-Type"].startswith("application/vnd.oai.openapi+json")


def test_every_address_under_api_is_an_operation_of_the_schema(schema):
    """Read from the URL resolver, so that a new API address missing from the schema fails."""
    api = {
        shape("/" + re.sub(r"%\((\w+)\)s", r"{\1}", route.template))
        for route in ROUTES
        if route.template.startswith("api/") and route.template not in NOT_OPERATIONS
    }
    described = {shape(path) for path, item in schema["paths"].items() if "get" in item}

    assert api <= described
    assert {
        "/api/articles/",
        "/api/articles/{}/",
        "/api/leaders/",
        "/api/leaders/{}/",
        "/api/countries/",
        "/api/countries/{}/",
        "/api/agenda/",
        "/api/agenda/{}/",
        "/api/annotations/",
        "/api/annotations/{}/",
    } <= described


def test_the_list_describes_its_parameters(schema):
    operation = schema["paths"]["/api/articles/"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}

    assert set(parameters) == {
        "page",
        "page_size",
        "paragraphs",
        "q",
        "leader",
        "country",
        "agenda",
        "year",
    }
    assert parameters["page_size"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 20,
    }
    assert parameters["paragraphs"]["type"] == "boolean"
    assert parameters["leader"]["type"] == "array"
    assert parameters["year"] == {"type": "integer", "minimum": 1000, "maximum": 9999}


def test_text_parameters_say_that_control_characters_are_refused(schema):
    """The request checks refuse them with a 400 everywhere, so a valid value has none."""
    operation = schema["paths"]["/api/articles/"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}

    # Either text without them or an empty string, one or the other (drf-spectacular's way).
    patterned, empty = parameters["q"]["oneOf"]
    assert empty == {"type": "string", "maxLength": 0}
    # A slug: any text without them (a blank or unknown one is ignored).
    slug = parameters["leader"]["items"]
    assert slug["type"] == "string"
    for described, blank in ((patterned, False), (slug, True)):
        pattern = described["pattern"].encode().decode("unicode_escape")
        assert re.fullmatch(pattern, "rare-earth \u201cexport controls\u201d\t")
        assert not re.fullmatch(pattern, "trade\x00")
        assert bool(re.fullmatch(pattern, "")) is blank
    assert {"200", "400", "404"} <= set(operation["responses"])


def test_a_list_row_requires_every_field_but_the_paragraphs(schema):
    row = schema["components"]["schemas"]["ArticleRow"]
    detail = schema["components"]["schemas"]["Article"]

    assert set(detail["required"]) == FIELDS  # DESIGN.md's, as tests/test_api.py has them
    assert set(row["required"]) == set(detail["required"]) - {"paragraphs"} | {
        "paragraph_count",
        "api_url",
    }
    assert "paragraphs" in row["properties"]


def test_search_results_describe_their_facets(schema):
    page = schema["paths"]["/api/articles/"]["get"]["responses"]["200"]["content"]
    name = page["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    properties = schema["components"]["schemas"][name]["properties"]

    assert set(properties["facets"]["properties"]) == {"leader", "country", "agenda", "year"}
    assert {"count", "next", "previous", "results"} <= set(properties)


def test_annotations_are_described_as_json_ld(schema):
    container = schema["paths"]["/api/annotations/"]["get"]["responses"]["200"]
    annotation = schema["paths"]["/api/annotations/{slug}/{pk}"]["get"]["responses"]["200"]

    assert list(container["content"]) == ["application/ld+json"]
    assert {"id", "type"} <= set(container["content"]["application/ld+json"]["schema"]["required"])
    assert "target" in annotation["content"]["application/ld+json"]["schema"]["required"]


def test_the_schema_offers_the_bearer_token(schema):
    assert schema["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["bearerToken"]["description"],
    }


class Assets(HTMLParser):
    """The addresses a page loads: scripts, stylesheets, icons, images; and inline code."""

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in attrs
            if "src" in attrs:
                self.addresses.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.addresses.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.addresses.append(attrs["src"])
        elif tag == "style":
            self.inline.append("<style>")
        if "style" in attrs:
            self.inline.append(f"style= on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(data.strip()[:60])


def test_the_docs_page_loads_only_same_origin_assets_and_no_inline_code(client):
    response = client.get(DOCS)
    assets = Assets()
    assets.feed(response.content.decode())

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert assets.addresses
    assert all(a.startswith("/") and not a.startswith("//") for a in assets.addresses)
    assert not assets.inline
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_docs_page_starts_swagger_ui_from_its_own_script(client):
    """The page's one script of its own, served by the same view (`?script`), points Swagger
    UI at the schema. (The static assets are loaded in tests/test_browser_api_docs.py.)"""
    script = client.get(DOCS, {"script": ""})

    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
    assert b'url: "/api/schema/"' in script.content


def test_the_site_footer_links_the_api_docs(client):
    assert f'href="{DOCS}"' in client.get("/").content.decode()
