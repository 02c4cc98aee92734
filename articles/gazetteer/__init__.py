"""The gazetteer shipped with the archive: leaders, countries and agenda items to tag.

`leaders.toml`, `countries.toml` (with pycountry) and `agenda.toml` hold the data; `reading`
turns them into records (pure Python), `loading` writes them into the database
(`manage.py load_gazetteer`), `editing` merges and renames entities for editors.
"""
