"""Who may do what with annotations. Every write view asks these, on the server.

Anonymous readers and signed-in readers read visible annotations; the Editors group writes
annotations and edits or deletes its own; the Moderators group hides and restores any;
staff may do everything.
"""

from articles.accounts import EDITORS_GROUP

MODERATORS_GROUP = "Moderators"


def in_group(user, name: str) -> bool:
    if not user.is_authenticated:
        return False
    # Cached per request object, so a page that asks for many annotations asks the db once.
    if not hasattr(user, "_annotation_groups"):
        user._annotation_groups = set(user.groups.values_list("name", flat=True))
    return name in user._annotation_groups


def is_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def can_annotate(user) -> bool:
    return user.is_active and (is_staff(user) or in_group(user, EDITORS_GROUP))


def can_moderate(user) -> bool:
    return user.is_active and (is_staff(user) or in_group(user, MODERATORS_GROUP))


def can_change(user, annotation) -> bool:
    """Edit or delete: the author while an editor, or staff. Hidden ones wait for a moderator."""
    if is_staff(user):
        return True
    return can_annotate(user) and annotation.author_id == user.pk and annotation.status == "visible"


def can_read(user, annotation) -> bool:
    if annotation.status == "visible":
        return True
    return annotation.status == "hidden" and can_moderate(user)
