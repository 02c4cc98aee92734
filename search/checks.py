"""System checks of the search app that read the database (`manage.py check --database`,
and `migrate`)."""

from articles.zoned_sql import zone_check
from search.facet_table import facet_table_for

facet_years_zone_check = zone_check(
    counts="the search facets count editorials by year",
    command="rebuild_search_index",
    check_id="search.W001",
    zoned=lambda connection: facet_table_for(connection).zoned,
)
