"""The facet table: each article's leaders, countries, agenda items and year, one narrow
row each, for counting a search's facets (see search/facet_table.py). Filled from the rows
already there; triggers on the tag tables and the articles table keep it current."""

from django.db import migrations

from search.indexing import facet_table_install, facet_table_uninstall


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("articles", "0002_tag_constraint_names")]

    operations = [
        migrations.RunPython(facet_table_install, facet_table_uninstall, elidable=False)
    ]
