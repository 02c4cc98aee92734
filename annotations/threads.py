"""Read an article's annotations as threads (annotation, its evidence, its replies) in a fixed
number of queries, however many there are: the article page's cost must not grow with them."""

from collections import defaultdict

from annotations.models import Annotation, EvidenceLink


def threads_assemble(rows: list[Annotation], evidence: list[EvidenceLink]) -> list[Annotation]:
    """Top-level annotations with `evidence_list` and `reply_list` set, in creation order."""
    links, replies = defaultdict(list), defaultdict(list)
    for link in evidence:
        links[link.annotation_id].append(link)
    for row in rows:
        row.evidence_list = links.get(row.pk, [])
        if row.parent_id is not None:
            replies[row.parent_id].append(row)
    threads = [row for row in rows if row.parent_id is None]
    for thread in threads:
        thread.reply_list = replies.get(thread.pk, [])
    return threads


def article_threads(*, article, user) -> list[Annotation]:
    """Every thread on the article that the user may read: two queries."""
    rows = list(
        Annotation.objects.visible_to(user)
        .filter(article=article)
        .select_related("author__profile", "claimant_leader")
        .order_by("created_at", "id")
    )
    evidence = list(EvidenceLink.objects.filter(annotation__article=article))
    return threads_assemble(rows, evidence)
