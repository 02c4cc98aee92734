"""The project's settings for the page benchmark, with static files collected under bench/out.

With DEBUG off the project stores static files with WhiteNoise's manifest storage, so a page
needs `collectstatic` to have run (as in production). The benchmark collects them into
`bench/out/static/` rather than the project's `staticfiles/`; nothing else differs.
"""

from pathlib import Path

from editorial_archive.settings import *  # noqa: F403

STATIC_ROOT = Path(__file__).resolve().parent / "out" / "static"
