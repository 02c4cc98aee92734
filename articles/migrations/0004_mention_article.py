"""Mentions carry their paragraph's article, filled in for the mentions already stored."""

import django.db.models.deletion
from django.db import migrations, models


def article_from_paragraph(apps, schema_editor):
    Mention = apps.get_model("articles", "Mention")
    Paragraph = apps.get_model("articles", "Paragraph")
    Mention.objects.update(
        article_id=models.Subquery(
            Paragraph.objects.filter(pk=models.OuterRef("paragraph_id")).values("article_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_gazetteer_terms_mentions")]

    operations = [
        migrations.AddField(
            model_name="mention",
            name="article",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="mentions",
                to="articles.article",
            ),
        ),
        migrations.RunPython(article_from_paragraph, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="mention",
            name="article",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="mentions",
                to="articles.article",
            ),
        ),
    ]
