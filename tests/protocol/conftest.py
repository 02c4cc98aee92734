"""Fixtures of the W3C Web Annotation Protocol tests: an editorial of three paragraphs, an
editor, and five notes on it (helpers: tests/protocol/support.py)."""

import pytest

from tests.factories import annotation_factory, article_factory, user_factory


@pytest.fixture
def article():
    return article_factory(paragraphs=3)


@pytest.fixture
def author():
    return user_factory("editor")


@pytest.fixture
def notes(article, author):
    """Five notes, on paragraphs 1, 2, 3, 1, 2, in the order written."""
    paragraphs = list(article.paragraphs.order_by("position"))
    return [
        annotation_factory(paragraph=paragraphs[number % 3], author=author, body=f"Note {number}.")
        for number in range(5)
    ]
