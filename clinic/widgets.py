"""Form widgets rendered in Python instead of one template per option (for the busiest pages).

Django renders a <select> through its template engine: select.html, then an include of
select_option.html and attrs.html for every option. On the patient list (four selects, about
twenty options) that cost ~4-5 ms of CPU a request (bench/RESULTS.md, "Profiles and fixes").
FastSelect builds the same markup with format_html; tests/test_i18_capacity.py checks that it
is byte for byte what Django's templates give.
"""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def attributes(attrs: dict) -> str:
    """Return attrs as Django's django/forms/widgets/attrs.html writes them."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


class FastSelect(forms.Select):
    """A Select whose markup is built in Python: the same HTML as Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), attributes(widget["attrs"]), ">"]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                parts.append(
                    format_html('\n  <option value="{}"', str(option["value"]))
                    + attributes(option["attrs"])
                    + format_html(">{}</option>", option["label"])
                )
                parts.append("\n")
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above
