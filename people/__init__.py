"""People: the names that accounts are shown by on public pages (never their login)."""
