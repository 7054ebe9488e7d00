"""Read the POST forms of a rendered page: their target and their fields, as a browser would.

Used by the form fuzz harness (tests/test_form_fuzz.py): a page's forms give the fields to
post (with the values the page shows, valid for an edit form) and, after a refused post, the
values the re-shown form keeps.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

TEXT_TYPES = {"text", "email", "tel", "url", "search", "password", "number", "date", "time"}
TEXT_TYPES |= {"datetime-local", "month", "week", "hidden", ""}


@dataclass
class Field:
    name: str
    kind: str  # an input type, "select", "textarea" or "submit"
    value: str = ""  # what the page shows (for a checkbox or radio: its value when checked)
    checked: bool = False
    options: list = field(default_factory=list)  # (value, selected) of a select
    multiple: bool = False
    attrs: dict = field(default_factory=dict)


@dataclass
class Form:
    action: str  # the path the form posts to
    fields: list = field(default_factory=list)

    @property
    def target(self) -> str:
        """Name the form by its target: the route, with the path's words (a section's key)."""
        try:
            match = resolve(urlsplit(self.action).path)
        except Resolver404:
            return f"unresolved:{self.action}"
        words = [str(value) for value in match.kwargs.values() if not isinstance(value, int)]
        return match.view_name + (f"[{','.join(words)}]" if words else "")

    def by_name(self) -> dict[str, list[Field]]:
        named: dict[str, list[Field]] = {}
        for item in self.fields:
            named.setdefault(item.name, []).append(item)
        return named

    def shown(self) -> dict[str, list[str]]:
        """Return the submission the page shows (the default of every field, no button)."""
        data: dict[str, list[str]] = {}
        for item in self.fields:
            if item.kind in ("checkbox", "radio"):
                if item.checked:
                    data.setdefault(item.name, []).append(item.value)
            elif item.kind == "select":
                chosen = [value for value, selected in item.options if selected]
                if not chosen and item.options and not item.multiple:
                    chosen = [item.options[0][0]]
                data.setdefault(item.name, []).extend(chosen)
            elif item.kind in ("submit", "button", "reset", "image", "file"):
                continue
            else:
                data.setdefault(item.name, []).append(item.value)
        return data


class _FormParser(HTMLParser):
    def __init__(self, page_path):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.option: list | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: ("" if value is None else value) for key, value in attrs}
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self.form = Form(attrs.get("action") or self.page_path)
                self.forms.append(self.form)
            return
        if self.form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            self.form.fields.append(Field(name, kind, value, "checked" in attrs, attrs=attrs))
        elif tag == "button" and name:
            if attrs.get("type", "submit").lower() == "submit":
                self.form.fields.append(Field(name, "submit", attrs.get("value", ""), attrs=attrs))
        elif tag == "select" and name:
            self.select = Field(name, "select", multiple="multiple" in attrs, attrs=attrs)
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
            self.select.options.append(self.option)
        elif tag == "textarea" and name:
            self.textarea = Field(name, "textarea", "", attrs=attrs)
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        elif self.option is not None:
            self.option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            # An option without a value attribute posts its text.
            self.select.options = [
                (text.strip() if value is None else value, selected)
                for value, selected, text in self.select.options
            ]
            self.select = self.option = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the line break that opens a textarea's text (Django writes one).
            self.textarea.value = self.textarea.value.removeprefix("\n")
            self.textarea = None


def post_forms(html: str, page_path: str) -> list[Form]:
    """Return the POST forms of a page, in order."""
    parser = _FormParser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms
