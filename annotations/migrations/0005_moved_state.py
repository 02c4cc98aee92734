"""The moved state: a correction that moves an annotation by anything but its exact words
in their place marks it for an editor's review; and the two review actions' revisions.

Existing annotations start unmarked: no move before this waits for review.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0004_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="annotation",
            name="move_method",
            field=models.CharField(
                blank=True,
                choices=[
                    ("context", "by the words around it (its quoted words were changed)"),
                    ("fuzzy", "by a close match of its quoted words"),
                    ("surroundings", "by its exact words, with the text around them changed"),
                    ("paragraph", "on its paragraph, whose text was changed"),
                ],
                help_text="How the correction found it again.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="annotation",
            name="moved_at",
            field=models.DateTimeField(
                blank=True, help_text="When a correction last moved it that way.", null=True
            ),
        ),
        migrations.AddField(
            model_name="annotation",
            name="moved_from_prefix",
            field=models.CharField(
                blank=True, help_text="The text just before those words.", max_length=64
            ),
        ),
        migrations.AddField(
            model_name="annotation",
            name="moved_from_quote",
            field=models.TextField(
                blank=True,
                help_text=(
                    "The words it quoted before the move (for a note on a whole paragraph, "
                    "the paragraph's text); kept until an editor reviews the move."
                ),
            ),
        ),
        migrations.AddField(
            model_name="annotation",
            name="moved_from_suffix",
            field=models.CharField(
                blank=True, help_text="The text just after those words.", max_length=64
            ),
        ),
        migrations.AddField(
            model_name="annotation",
            name="needs_review",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "A correction moved it by anything but its exact words in their place: "
                    "an editor should confirm the new place, re-attach it or leave it orphaned."
                ),
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "Created"),
                    ("edit", "Edited"),
                    ("hide", "Hidden"),
                    ("restore", "Restored"),
                    ("delete", "Deleted"),
                    ("reanchor", "Moved by a text correction"),
                    ("orphan", "Orphaned by a text correction"),
                    ("reattach", "Re-attached"),
                    ("confirm", "New place confirmed"),
                    ("detach", "Left orphaned by an editor"),
                ],
                max_length=10,
            ),
        ),
    ]
