"""`manage.py retag_articles [--slug S ...]`: tag archived editorials again."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.models import Article
from articles.tagging import articles_retag


class Command(BaseCommand):
    help = (
        "Tag editorials again from their paragraphs, e.g. after the gazetteer changed. "
        "Editors' tags stay and tags editors removed are not put back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--slug",
            action="append",
            default=[],
            metavar="SLUG",
            help="Only this editorial (repeat for more); default: all.",
        )

    def handle(self, *args, **options):
        articles = Article.objects.all()
        if slugs := options["slug"]:
            articles = articles.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(articles.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"no editorial with slug {', '.join(missing)}")
        total = articles.count()
        with tqdm(
            total=total,
            unit="editorial",
            disable=not sys.stderr.isatty(),
            file=sys.stderr,
        ) as progress:
            changes = articles_retag(articles=articles, on_batch_done=progress.update)
        self.stdout.write(
            f"retagged {total} editorials: {changes.mentions} mentions, "
            f"{changes.added} tags added, {changes.removed} removed"
        )
