"""Strings known in part: literal text with holes where a value is unknown.

Front-ends evaluate URL and header expressions (f-strings, template literals,
concatenation, `%` and `.format`, constants) into a `Template`, without running
them. This module, which depends on no syntax, joins templates as HTTP libraries
join base URLs and paths, and renders them for messages and matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msgspec import Struct

from cio_lint.model import Span, Value

# Stands for a hole in rendered text; never part of a real URL or header.
HOLE = "\x00"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ORIGIN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#" + HOLE + r"]*")


class Text(Struct, frozen=True):
    """Literal text, and the literal that spells it."""

    text: str
    span: Span


class Hole(Struct, frozen=True):
    """An expression whose text is unknown.

    `base64_of` is set when the expression base64-encodes another template,
    as `btoa(...)` and `base64.b64encode(...)` do.
    """

    value: Value
    base64_of: Template | None = None


Part = Text | Hole
Template = tuple[Part, ...]


def hole(value: Value) -> Template:
    return (Hole(value),)


def concat(*templates: Template) -> Template:
    """Join templates end to end, merging neighbouring texts."""
    parts: list[Part] = []
    for template in templates:
        for part in template:
            if isinstance(part, Text) and not part.text:
                continue
            previous = parts[-1] if parts else None
            if isinstance(part, Text) and isinstance(previous, Text):
                parts[-1] = Text(previous.text + part.text, previous.span)
            else:
                parts.append(part)
    return tuple(parts)


def render(template: Template, hole_text: str = HOLE) -> str:
    """Return the text with `hole_text` in place of each hole."""
    return "".join(
        part.text if isinstance(part, Text) else hole_text for part in template
    )


def is_literal(template: Template) -> bool:
    return all(isinstance(part, Text) for part in template)


def holes(template: Template) -> list[Hole]:
    return [part for part in template if isinstance(part, Hole)]


def split_at(template: Template, separator: str) -> tuple[Template, Template] | None:
    """Split at the first `separator` written in literal text, or return None."""
    for index, part in enumerate(template):
        if isinstance(part, Text) and separator in part.text:
            before, after = part.text.split(separator, 1)
            head = (*template[:index], *_text(before, part.span))
            tail = (*_text(after, part.span), *template[index + 1 :])
            return head, tail
    return None


def strip_prefix(template: Template, prefix: str) -> Template | None:
    """Return the template after a literal `prefix`, or None if it does not start so."""
    if not template or not isinstance(template[0], Text):
        return None
    first = template[0]
    if not first.text.startswith(prefix):
        return None
    return (*_text(first.text[len(prefix) :], first.span), *template[1:])


def lstrip(template: Template, characters: str) -> Template:
    if template and isinstance(template[0], Text):
        first = template[0]
        return (*_text(first.text.lstrip(characters), first.span), *template[1:])
    return template


def rstrip(template: Template, characters: str) -> Template:
    if template and isinstance(template[-1], Text):
        last = template[-1]
        return (*template[:-1], *_text(last.text.rstrip(characters), last.span))
    return template


def _text(text: str, span: Span) -> Sequence[Part]:
    return (Text(text, span),) if text else ()


def is_absolute(template: Template) -> bool:
    """Tell whether the template starts with a URL scheme such as `https:`."""
    return (
        bool(template)
        and isinstance(template[0], Text)
        and bool(_SCHEME.match(template[0].text))
    )


def prefix_url(base: Template, url: Template) -> Template:
    """Combine a base URL and a path as axios, httpx, got and ky do.

    An absolute `url` replaces the base; otherwise exactly one slash joins
    them, whatever slashes the two ends have. A `url` that starts with an
    unknown value may be absolute, so the result is unknown too.
    """
    if not url:
        return base
    if is_absolute(url):
        return url
    if isinstance(url[0], Hole):
        return (url[0],)
    return concat(rstrip(base, "/"), _slash(url), lstrip(url, "/"))


def _slash(url: Template) -> Template:
    first = url[0]
    assert isinstance(first, Text)
    return (Text("/", first.span),)


def join_url(base: Template, reference: Template) -> Template:
    """Resolve a reference against a base URL as RFC 3986 does.

    This is what `urljoin`, `new URL(path, base)` and aiohttp's `base_url` do:
    a path that starts with `/` replaces the base's whole path, and any other
    relative path replaces the base's last segment. Dot segments are kept.
    """
    if not reference:
        return base
    if is_absolute(reference):
        return reference
    if isinstance(reference[0], Hole):
        return (reference[0],)
    rendered = render(base)
    origin = _ORIGIN.match(rendered)
    if origin is None:
        return (*_unknown(base), *reference)
    first = reference[0]
    assert isinstance(first, Text)
    if first.text.startswith("//"):
        scheme = rendered.split(":", 1)[0]
        return concat((Text(scheme + ":", first.span),), reference)
    if first.text.startswith("/"):
        return concat(_prefix(base, origin.end()), reference)
    directory = rendered.rfind("/", origin.end())
    if directory < 0:
        return concat(_prefix(base, origin.end()), (Text("/", first.span),), reference)
    return concat(_prefix(base, directory + 1), reference)


def _unknown(base: Template) -> Template:
    """Return a hole standing for a base URL whose origin is unknown."""
    found = holes(base)
    return (found[0],) if found else base


def _prefix(template: Template, length: int) -> Template:
    """Return the first `length` characters of a template, holes counting one."""
    parts: list[Part] = []
    remaining = length
    for part in template:
        if remaining <= 0:
            break
        if isinstance(part, Hole):
            parts.append(part)
            remaining -= 1
        else:
            parts.extend(_text(part.text[:remaining], part.span))
            remaining -= len(part.text)
    return tuple(parts)
