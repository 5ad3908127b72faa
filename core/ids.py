"""Database ids as visitors send them: in URLs (the `<id:name>` path
converter) and in forms (IdChoiceField). A number no id column can hold
(past 64 bits, which SQLite cannot even bind) is no id at all: the URL does
not match (404) and the form says the choice is not valid, instead of the
database raising a server error.

PostgreSQL's 32-bit columns need nothing more: Django answers "no such row"
for a value out of a column's range once it fits in 64 bits.
"""

from django import forms
from django.urls import register_converter

MAX_ID = 2**63 - 1


def parse_id(value):
    """`value` (text or a number) as a positive id, or None when it is not one."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """`<id:page_id>`: like `<int:...>`, but only ids a database can hold."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(f"Not an id: {value}")
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that looks up only values that can be ids."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)
