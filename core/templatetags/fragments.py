"""`{% fragment "name" value… %}…{% endfragment %}`: the block's HTML kept until the content
changes (core.fragments says how it stays exact and what may go inside)."""

from django import template
from django.utils.safestring import mark_safe

from core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        parts = [str(self.name.resolve(context))]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        html = fragments.remember(
            ":".join(parts),
            lambda: str(self.nodelist.render(context)),
            request=context.get("request"),
        )
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
