"""Who may do what with annotations. Every write view asks these, on the server.

Powers are Django permissions, which the data migration grants to the groups: the Editors
group has "add annotation" (write annotations, edit and delete one's own), the Moderators
group "moderate annotation" (hide and restore any, read hidden ones). Being staff grants
nothing here; active superusers have every permission, as Django gives them. Anyone reads
visible annotations, and a reply only while its thread is readable too.
"""

from collections.abc import Callable

from annotations.models import Status

ANNOTATE = "annotations.add_annotation"
MODERATE = "annotations.moderate_annotation"
# Edit or delete anyone's annotation: no group has it; superusers do.
CHANGE_ANY = "annotations.change_annotation"


def can_annotate(user) -> bool:
    return user.has_perm(ANNOTATE)


def can_moderate(user) -> bool:
    return user.has_perm(MODERATE)


def readable_statuses(user) -> tuple[str, ...]:
    """The statuses of the annotations this user may read; nobody reads deleted ones."""
    return (Status.VISIBLE, Status.HIDDEN) if can_moderate(user) else (Status.VISIBLE,)


def can_change(user, annotation) -> bool:
    """Edit or delete: the author while an editor. Hidden ones wait for a moderator."""
    return change_rule(user)(annotation)


def change_rule(user) -> Callable[[object], bool]:
    """`can_change` for this user, their permissions read once: a page asks it for hundreds
    of annotations, and each `has_perm` goes through every authentication backend."""
    change_any, annotate = user.has_perm(CHANGE_ANY), can_annotate(user)

    def allowed(annotation) -> bool:
        if annotation.status == Status.DELETED:
            return False
        if change_any:
            return True
        return annotate and annotation.author_id == user.pk and annotation.status == "visible"

    return allowed


def can_reattach(user, annotation) -> bool:
    """Put an orphan back on a paragraph: its author while an editor, or a moderator."""
    if can_moderate(user) or user.has_perm(CHANGE_ANY):
        return True
    return can_annotate(user) and annotation.author_id == user.pk


def can_read(user, annotation) -> bool:
    """The annotation's status is readable, and so is its thread's (for a reply).

    `annotation.parent` is read for a reply: fetch it with select_related("parent").
    """
    shown = readable_statuses(user)
    if annotation.status not in shown:
        return False
    return annotation.parent_id is None or annotation.parent.status in shown
