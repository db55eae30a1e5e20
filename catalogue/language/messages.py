"""Messages for people (refusals, validation errors) that the interface can translate.

`catalogue/` does not know Flask or the page's language. A message is made from an English
template and its values, `Message("write a number from %(low)s to %(high)s", low=1, high=9)`:
it *is* the English text (a `str`, so logs, the CLI and tests read it as before), and it
keeps its template and values, so the web interface looks the template up in the
translations and fills in the values (`app/i18n.py`, `translated`). `N_` marks a template for
`make extract-messages` where it is not written inside `Message(...)` itself.
"""

from __future__ import annotations

from typing import Any


def N_(template: str) -> str:
    """Mark a template for extraction; returns it unchanged."""
    return template


class Message(str):
    """An English message that remembers its template and values (for translation)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        """The message `template % params` (the template alone when there are no values)."""
        made = super().__new__(cls, template % params if params else template)
        made.template = template
        made.params = params
        return made

    def __reduce__(self) -> Any:
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


class Explained(ValueError):
    """An error whose message is a Message (an f-string works too, but stays English)."""

    def __init__(self, template: str, **params: Any) -> None:
        self.message = template if isinstance(template, Message) else Message(template, **params)
        super().__init__(self.message)
