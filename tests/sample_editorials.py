"""Variants of the real sample editorial, as a corrected or a different file would be."""

from pathlib import Path

SAMPLE_PATH = (
    Path(__file__).resolve().parent.parent
    / "samples"
    / ("fnnews-2026-01-13-lee-japan-diplomacy.txt")
)
SAMPLE_TEXT = SAMPLE_PATH.read_text(encoding="utf-8")
SAMPLE_INPUT = "2026-01-12 18:32:08"


def sample_lines() -> list[str]:
    return SAMPLE_TEXT.split("\n")


def sample_paragraphs() -> list[str]:
    """The seven body paragraphs of the sample, in order."""
    return sample_lines()[-7:]


def editorial_variant(
    *,
    input_time: str = SAMPLE_INPUT,
    updated_time: str | None = None,
    title: str | None = None,
    paragraphs: list[str] | None = None,
) -> str:
    """The sample with another Input/Updated time, title or body."""
    lines = sample_lines()
    head, body = lines[:-7], paragraphs if paragraphs is not None else sample_paragraphs()
    text = "\n".join([*head, *body])
    text = text.replace(f"Input\n{SAMPLE_INPUT}", f"Input\n{input_time}")
    text = text.replace(f"Updated\n{SAMPLE_INPUT}", f"Updated\n{updated_time or input_time}")
    if title is not None:
        text = text.replace(
            "President Lee Should Also Pursue Pragmatic, National-Interest-First Diplomacy "
            "with Japan",
            title,
        )
    return text


def write_editorial(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
