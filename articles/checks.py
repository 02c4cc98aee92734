"""System checks of the articles app that read the database (`manage.py check --database`,
and `migrate`)."""

from .mention_months import ZONED
from .zoned_sql import zone_check

mention_months_zone_check = zone_check(
    counts="the entity charts count mentions by month",
    command="rebuild_mention_months",
    check_id="articles.W001",
    zoned=lambda connection: ZONED[connection.vendor],
)
