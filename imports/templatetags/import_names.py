"""`{{ name|shown }}`: file names (and the messages that quote them) with hidden characters
escaped, by the one function the report and the command line use too."""

from django import template

from articles.sources import name_shown

register = template.Library()


@register.filter
def shown(value) -> str:
    return name_shown(str(value))
