"""The full-text index of titles and paragraphs, and the triggers that keep it current.

SQLite: an FTS5 table; PostgreSQL: a table of tsvectors with a GIN index (see
search/engines/). The index is filled from the rows already there.
"""

from django.db import migrations

from search.indexing import index_install, index_uninstall


class Migration(migrations.Migration):
    initial = True

    dependencies = [("articles", "0002_tag_constraint_names")]

    operations = [migrations.RunPython(index_install, index_uninstall, elidable=False)]
