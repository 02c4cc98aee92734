"""What makes a SECRET_KEY fit for production: plain Python, so that the settings can ask
before Django starts. Django's own `check --deploy` test (security.W009) is the model: at least
50 characters, at least 5 different ones, and not a development key."""

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5


def secret_key_problem(key: str) -> str:
    """Why `key` must not sign a production archive's sessions, or "" when it may."""
    if not key:
        return "it is empty"
    if key == DEVELOPMENT_SECRET_KEY or key.startswith("django-insecure"):
        return "the development key is not secret"
    if len(key) < MIN_LENGTH:
        return f"it has {len(key)} characters, and at least {MIN_LENGTH} are needed"
    if len(set(key)) < MIN_UNIQUE_CHARACTERS:
        return (
            f"it uses {len(set(key))} different characters, "
            f"and at least {MIN_UNIQUE_CHARACTERS} are needed"
        )
    return ""
