"""LaML Bins: hosted cXML documents with mustache placeholders filled per request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Union
from urllib.parse import parse_qsl

import attrs

from ._model.vocabulary import Dialect, Document
from .diagnostics import Diagnostic
from .errors import ParseError
from .template import MAX_OUTPUT, Template
from .template.check import check_template

DEFAULT_CONTENTS = '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n</Response>'
"""What SignalWire puts in a bin created without contents."""

Params = Union[Mapping[str, Union[str, Iterable[str]]], Iterable[tuple[str, str]], str]
"""Request parameters: a mapping, (name, value) pairs, or a query string."""


def request_parameters(*sources: Params) -> dict[str, str | list[str]]:
    """Merge form fields and query strings as SignalWire reads them.

    A key given more than once becomes a list of its values, in order. Where a
    template writes one value (``{{Digits}}``), such a list writes its values
    joined with commas (``1,2``); a section (``{{#Digits}}``) runs once per value,
    with ``{{.}}`` for the value, and ``{{Digits.0}}`` is the first value.
    """
    merged: dict[str, str | list[str]] = {}

    def add(name: str, value: str) -> None:
        existing = merged.get(name)
        if existing is None:
            merged[name] = value
        elif isinstance(existing, list):
            existing.append(value)  # in place: a key repeated n times costs n, not n**2
        else:
            merged[name] = [existing, value]

    for source in sources:
        if isinstance(source, str):
            pairs: Iterable[tuple[str, object]] = parse_qsl(
                source.lstrip("?"), keep_blank_values=True
            )
        elif isinstance(source, Mapping):
            pairs = source.items()
        else:
            pairs = source
        for name, value in pairs:
            if isinstance(value, (list, tuple)):
                for item in value:
                    add(str(name), str(item))
            else:
                add(str(name), str(value))
    return merged


@attrs.define
class LamlBin:
    """A LaML Bin as the Compatibility REST API describes it.

    ``contents`` is cXML that may hold mustache placeholders; the other fields
    mirror the REST object. Nothing here talks to the network.
    """

    name: str = ""
    contents: str = DEFAULT_CONTENTS
    sid: str | None = None
    account_sid: str | None = None
    date_created: str | None = None
    date_updated: str | None = None
    date_last_accessed: str | None = None
    request_url: str | None = None
    num_requests: int = 0
    api_version: str = "2010-04-01"
    uri: str | None = None
    _template: Template | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @classmethod
    def from_api(cls, payload: Mapping[str, object]) -> LamlBin:
        """Build from the JSON object the REST API returns."""
        names = {f.name for f in attrs.fields(cls) if f.init}
        values = {k: v for k, v in payload.items() if k in names}
        if values.get("contents") is None:
            values.pop("contents", None)
        return cls(**values)  # type: ignore[arg-type]

    def template(self) -> Template:
        """The parsed contents (parsed once, until the contents change)."""
        if self._template is None or self._template.source != self.contents:
            self._template = Template(self.contents, strict=True)
        return self._template

    def render(
        self, params: Params = (), *more: Params, max_output: int | None = MAX_OUTPUT
    ) -> str:
        """The document SignalWire would serve for a request with these parameters.

        Each value is escaped for the place it stands (text, attribute value,
        comment, CDATA). Raises ``TemplateError`` for contents that are not valid
        mustache, ``RenderLimitError`` once the document passes ``max_output``
        characters (64 kB by default, SignalWire's limit for a response), and
        ``RenderError`` when a value would land where no escaping makes it safe
        (an element name, inside a tag, a declaration); ``check()`` reports those
        places before upload. All are ``LamlError``.
        """
        return self.template().render(request_parameters(params, *more), max_output=max_output)

    def to_response(
        self,
        params: Params = (),
        *more: Params,
        dialect: Dialect = "signalwire",
        max_output: int | None = MAX_OUTPUT,
    ) -> Document:
        """The rendered document as a typed tree; raise ``ParseError`` if it is not valid
        (and the errors of ``render``)."""
        from .parsing import parse
        from .validation.validator import validate_document as validate

        document = self.render(params, *more, max_output=max_output)
        errors = [d for d in validate(document, dialect=dialect) if d.severity == "error"]
        if errors:
            first = errors[0]
            raise ParseError(
                f"the rendered bin is not valid: {first.message} ({len(errors)} error(s))",
                first.line,
                first.column,
                code=first.code,
            )
        return parse(document)

    def check(
        self, *, declared: Iterable[str] = (), dialect: Dialect = "signalwire"
    ) -> list[Diagnostic]:
        """Every finding about the contents before upload, at template lines and columns."""
        return check_template(self.contents, declared=declared, dialect=dialect)
