"""Editors' notes and fact-check claims on paragraphs of editorials."""
