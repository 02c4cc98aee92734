"""Length limits on the annotation texts (annotations.limits), recorded in the model state.

A TextField is `text` in the database whatever its max_length, so nothing changes there
(and SQLite is spared rebuilding the table four times): the forms and the services hold
the limits. Existing longer texts stay as they are; they must be shortened at their next
edit.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0003_roles_permissions"),
    ]

    state_operations = [
        migrations.AlterField(
            model_name="annotation",
            name="body",
            field=models.TextField(
                blank=True,
                help_text="Markdown. For a claim: the explanation of the verdict. A reply is at most 5,000 characters.",
                max_length=10000,
            ),
        ),
        migrations.AlterField(
            model_name="annotation",
            name="moderation_reason",
            field=models.TextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name="annotation",
            name="quote_exact",
            field=models.TextField(
                blank=True,
                help_text="The quoted words; empty when the whole paragraph is annotated.",
                max_length=5000,
            ),
        ),
        migrations.AlterField(
            model_name="revision",
            name="reason",
            field=models.TextField(blank=True, max_length=1000),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[], state_operations=state_operations
        )
    ]
