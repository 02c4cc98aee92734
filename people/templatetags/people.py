"""`{{ user|display_name }}`: the public name of an account, never its login name."""

from django import template

from people.names import display_name as name_of

register = template.Library()


@register.filter
def display_name(user) -> str:
    return name_of(user)
