"""The web editor's configuration (Decap CMS's config.yml), generated from the models.

Every collection becomes a folder collection of one YAML file per record, every field a
widget: text as a line, Markdown in a text box with the ``[[id]]`` links explained, dates as
text with the EDTF pattern, choices as selects, references as relation widgets that search
the records by title (several collections: ``briefing-record``, the widget
admin/briefing.js adds), parts as objects and lists of parts as lists. Required and optional
are the model's. Nothing here is written by hand, and nothing knows a briefing's topic.
"""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..facts import urls
from ..facts.dates import JSON_PATTERN
from ..facts.fields import Shape, shape
from ..facts.model import COLLECTIONS

#: Where ``decap-server`` (npm) listens by default: the local backend for editing offline.
LOCAL_BACKEND = "http://localhost:8081/api/v1"
#: The name of the widget admin.js registers for a reference to records of several kinds.
RECORD_WIDGET = "briefing-record"
DATE_HINT = (
    "A date: 2024-06-19, 2024-06 or 2024; ~ at the end means 'about' (1995~); "
    "a slash makes a range (2024-06-27/2024-06-29)."
)
MARKDOWN_HINT = (
    "Markdown: `**bold**`, `*italics*`, `[words](https://…)`; a blank line starts a paragraph. "
    "Link a record with `[[its-id]]`, or `[[its-id|words to show]]`. No HTML, no images."
)
URL_HINT = "A web address, starting with https:// (or http://)."
#: What Decap says of a date that does not match, after "Date didn't match the pattern: ".
DATE_REFUSED = (
    "write it like 2024-06-19, 2024-06 or 2024 (1995~ is about 1995; 2024-06-27/2024-06-29 a range)"
)
#: What the patterns of the models' text fields ask for, in words.
PATTERN_WORDS = {
    r"^[a-z]{2,3}$": "write a language code of two or three small letters, like en or fr",
    r"^[A-Z]{2}$": "write a country code of two capital letters, like FR",
}
#: Markdown as typed, in a plain text box that keeps ``[[id]]`` links and blank lines as they
#: are: Decap's Markdown widget is a rich-text editor first, whose toolbar and rich mode would
#: only be in the way (its rich mode escapes brackets).
MARKDOWN = "text"


def config(
    data_path: str,
    repository: str | None,
    sign_in: str | None = None,
    local_backend: str = LOCAL_BACKEND,
) -> dict[str, Any]:
    """The whole configuration, for a briefing whose data folder is ``data_path`` (relative
    to the repository's root, as ``extra.data_dir`` gives it), its GitHub repository and the
    OAuth helper it signs in through (briefing.yml's ``repository`` and ``sign_in``)."""
    backend: dict[str, Any] = {"name": "github", "branch": "main"}
    repo = github_repo(repository)
    if repo:
        backend["repo"] = repo
    if sign_in:
        helper = urlsplit(sign_in)
        backend["base_url"] = f"{helper.scheme}://{helper.netloc}"
        backend["auth_endpoint"] = helper.path.strip("/") or "auth"
    return {
        "backend": backend,
        "local_backend": {"url": local_backend},
        "publish_mode": "editorial_workflow",
        "omit_empty_optional_fields": True,
        "media_folder": f"{data_path}/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            collection(name, model, noun, data_path) for name, (model, noun) in COLLECTIONS.items()
        ],
    }


def github_repo(repository: str | None) -> str | None:
    """``owner/name`` of a repository address on github.com, else None (facts/urls.py)."""
    return urls.github_repository(repository)


def collection(name: str, model: type[BaseModel], noun: str, data_path: str) -> dict[str, Any]:
    title = title_field(model)
    one = noun.split(" ", 1)[1]
    return {
        "name": name,
        "label": name.capitalize(),
        "label_singular": one.capitalize(),
        "description": f"One file per {one}, in {data_path}/{name}/. Its file name is its id, "
        f"made from the {title} when it is first saved (rename the file in git to change it).",
        "folder": f"{data_path}/{name}",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "identifier_field": title,
        "slug": "{{slug}}",
        "summary": f"{{{{{title}}}}} ({{{{filename}}}})",
        "editor": {"preview": False},  # Decap's preview knows nothing of record pages
        "fields": _first_with_schema_line(fields(model), name),
    }


def title_field(model: type[BaseModel]) -> str:
    """The field that names a record: its title, else its name."""
    return "title" if "title" in model.model_fields else "name"


def _first_with_schema_line(found: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The first field carries, as a comment, the file's ``# yaml-language-server`` line."""
    found[0] = {
        **found[0],
        "comment": f"yaml-language-server: $schema=../schemas/{name}.schema.json",
    }
    return found


def fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """Every field of ``model`` but ``id`` (the file name), in the order of the data files:
    the model's own fields, then those every record of its kind shares (``sources`` …)."""
    own = [name for name in model.model_fields if name in vars(model).get("__annotations__", {})]
    order = own + [name for name in model.model_fields if name not in own]
    return [field(name, model.model_fields[name]) for name in order if name != "id"]


def field(name: str, info: FieldInfo) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "label": name.replace("_", " ").capitalize()}
    out["required"] = info.is_required()
    widget = _widget(shape(info.annotation, tuple(info.metadata)), info.annotation, info.metadata)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("format") == "uri" and widget.get("widget") == "string":
        widget["pattern"] = [extra["pattern"], "write a web address, starting with https://"]
        widget["hint"] = URL_HINT
    if isinstance(info.default, str):
        widget["default"] = info.default
    if widget.get("widget") == "list" and any(getattr(m, "min_length", 0) for m in info.metadata):
        widget["min"] = 1
    if widget.get("widget") == "relation" and widget.get("multiple") and out["required"]:
        widget["min"] = 1
    hint = " ".join(part for part in (info.description, widget.pop("hint", None)) if part)
    if hint:
        out["hint"] = hint
    return {**out, **widget}


def _widget(found: Shape, annotation: Any, metadata: list[Any]) -> dict[str, Any]:
    if found.kind == "ref":
        assert found.ref is not None  # noqa: S101 — a ref shape always says where it points
        return _relation(found.ref.collections, multiple=False)
    if found.kind == "prose":
        return {"widget": MARKDOWN, "hint": MARKDOWN_HINT}
    if found.kind == "date":
        return {"widget": "string", "pattern": [JSON_PATTERN, DATE_REFUSED], "hint": DATE_HINT}
    if found.kind == "model":
        assert found.model is not None  # noqa: S101 — as above
        return _part(found.model)
    if found.kind == "list":
        assert found.item is not None  # noqa: S101 — as above
        return _list(found.item, _inner(annotation))
    if found.kind == "dict":
        return {"widget": "hidden", "hint": "Edit in GitHub or git: the web editor cannot."}
    return _value(annotation, metadata)


def _list(item: Shape, annotation: Any) -> dict[str, Any]:
    if item.kind == "ref":
        assert item.ref is not None  # noqa: S101 — as above
        return _relation(item.ref.collections, multiple=True)
    if item.kind == "model":
        assert item.model is not None  # noqa: S101 — as above
        part = _part(item.model)
        return {"widget": "list", "fields": part["fields"], "summary": part["summary"],
                "hint": part.get("hint")}  # fmt: skip
    one = {"name": "item", "label": "Item", **_widget(item, annotation, [])}
    hint = one.pop("hint", None)
    return {"widget": "list", "field": one, "hint": hint}


def _relation(collections: tuple[str, ...], multiple: bool) -> dict[str, Any]:
    kinds = collections or tuple(COLLECTIONS)
    words = " or ".join(COLLECTIONS[kind][1] for kind in kinds)
    if len(kinds) > 1:
        hint = f"The id of {words}: type words of its name or title and pick it."
        return {"widget": RECORD_WIDGET, "collections": list(kinds), "multiple": multiple,
                "hint": hint}  # fmt: skip
    target = kinds[0]
    title = title_field(COLLECTIONS[target][0])
    hint = f"The id of {words}: type words of its {title} and pick it."
    return {
        "widget": "relation",
        "collection": target,
        "value_field": "{{slug}}",
        "search_fields": [title, "{{slug}}"],
        "display_fields": [title],
        "multiple": multiple,
        "hint": hint,
    }


def _part(model: type[BaseModel]) -> dict[str, Any]:
    parts = fields(model)
    summary = f"{{{{fields.{parts[0]['name']}}}}}"
    hint = " ".join(model.__doc__.split()) if model.__doc__ else None
    return {"widget": "object", "fields": parts, "summary": summary, "hint": hint}


def _inner(annotation: Any) -> Any:
    """The item annotation of a list annotation, through ``Annotated`` and ``| None``."""
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is list:
            return get_args(arg)[0]
        inner = _inner(arg) if get_args(arg) and arg is not annotation else None
        if inner is not None:
            return inner
    return None


def _value(annotation: Any, metadata: list[Any]) -> dict[str, Any]:
    choices = _choices(annotation)
    if choices:
        return {"widget": "select", "options": choices}
    if _is_number(annotation):
        return {"widget": "number", "value_type": "float"}
    pattern = next((m.pattern for m in _constraints(annotation, metadata) if m.pattern), None)
    if pattern:
        words = PATTERN_WORDS.get(pattern, f"write it to match {pattern}")
        return {"widget": "string", "pattern": [pattern, words], "hint": words.capitalize() + "."}
    return {"widget": "string"}


def _choices(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    for arg in get_args(annotation):
        found = _choices(arg)
        if found:
            return found
    return []


def _is_number(annotation: Any) -> bool:
    args = [a for a in get_args(annotation) if a is not type(None)]
    return (
        annotation in (int, float)
        or (bool(args) and set(args) <= {int, float})
        or any(_is_number(a) for a in args if get_args(a))
    )


def _constraints(annotation: Any, metadata: list[Any]) -> list[Any]:
    found = [m for m in metadata if hasattr(m, "pattern")]
    for arg in get_args(annotation):
        if hasattr(arg, "pattern"):
            found.append(arg)
        elif get_args(arg):
            found.extend(_constraints(arg, []))
    return found


def render(value: dict[str, Any]) -> str:
    """The configuration as YAML, in the order written above, with a first line that says
    where it comes from."""
    head = "# Generated from the models by `python -m macros cms`: do not edit by hand.\n"
    return head + yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """Every value written out where it stands: no ``&anchor`` and ``*alias``."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
