"""The editable sections: every field, part and section declares its (translatable) label."""

import pytest

from catalogue.editing.children import Part, every_field
from catalogue.editing.fields import Field
from catalogue.editing.sections import SECTIONS
from catalogue.language.messages import Message
from catalogue.models import NameVariant


def test_every_field_part_and_section_is_labelled_with_a_message() -> None:
    for name, section in SECTIONS.items():
        assert isinstance(section.title, Message), name
        fields = every_field((*section.fields, *(f for p in section.parts for f in p.fields)))
        for f in fields:
            assert isinstance(f.label, Message) and f.label.strip(), (name, f.name)
        for part in section.parts:
            assert isinstance(part.label, Message) and part.label.strip(), (name, part.attr)


def test_a_field_or_part_without_a_label_cannot_be_declared() -> None:
    with pytest.raises(TypeError, match="label"):
        Field("title", "localized")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="label"):
        Part("names", NameVariant, ())  # type: ignore[call-arg]
