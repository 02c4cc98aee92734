"""The repeated parts of the mentions-per-month chart, written in one pass.

A busy entity's chart has a bar and a table row for each of hundreds of months; written by
the template language, one variable at a time, they were half of the page's rendering.
"""

from django import template
from django.utils.html import format_html_join

from articles.timeline import Timeline

register = template.Library()


@register.simple_tag
def timeline_bars(chart: Timeline):
    """The chart's bars as SVG rectangles, each titled with its month and count."""
    return format_html_join(
        "\n",
        '<rect class="timeline-bar" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        ((bar.x, bar.y, bar.width, bar.height, bar.label) for bar in chart.bars),
    )


@register.simple_tag
def timeline_rows(chart: Timeline):
    """The table's rows: each month with at least one mention, and its count."""
    return format_html_join(
        "\n",
        '<tr><th scope="row"><time datetime="{}">{}</time></th><td>{}</td></tr>',
        ((row.iso, row.label, row.count) for row in chart.table_rows),
    )
