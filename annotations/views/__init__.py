"""Views of the annotations app, one module per concern: reading, writing, moderating."""
