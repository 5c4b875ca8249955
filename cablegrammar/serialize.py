"""Cables as JSON: the records ``cablegrammar parse`` writes, and their JSON Schema.

Serialization goes through a `cattrs <https://catt.rs>`_ converter built from
the model's attrs classes, so a new model field appears in the JSON (and in
the schema) without code here.  Text items carry a ``"type"`` tag (the class
name in snake case).  Layout is left out unless asked for; with it, every
node carries ``{"layout": {"raw": ...}}`` and :func:`cable_from_dict` gives
back a cable that renders to the original text byte for byte.

A record (:func:`cable_record`) is one cable with its provenance and its main
values up front::

    {"schema": "cablegrammar/cable-record/2", "path": "...", "reference_id": "07BAKU864",
     "date": "2007-07-10T11:31:00+00:00", ..., "cable": {"envelope": {...}, "items": [...]}}

or, for a file that does not parse, ``{"schema": ..., "path": ..., "error": {...}}``
with the finding of ``cablegrammar check --output-format json``.

>>> from cablegrammar import parse
>>> cable = parse("UNCLAS STATE 000001\\n\\nTAGS: PREL\\n")
>>> record = cable_record(cable, path="x.txt")
>>> record["classification"], record["tags"], record["cable"]["items"][1]
('UNCLASSIFIED', ['PREL'], {'tags': ['PREL'], 'type': 'tags_line'})
>>> cable_from_dict(record["cable"]) == cable
True
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from cablegrammar import _json, interpret, model, sources, values
from cablegrammar.model import Cable, Layout, semantic_key

#: Version of the record layout; bumped on any incompatible change of the JSON.
SCHEMA_VERSION = 2
#: The ``schema`` value of every record.
SCHEMA_ID = f"cablegrammar/cable-record/{SCHEMA_VERSION}"

#: The model classes that can appear in ``Cable.items``.
ITEM_TYPES: tuple[type, ...] = typing.get_args(model.TextItem)


#: The typed values of a cable, the ``values`` block of a record.
CableValues = values.CableValues


def type_tag(cls: type) -> str:
    """The ``"type"`` tag of an item class: its name in snake case.

    >>> type_tag(model.ClassifiedBy)
    'classified_by'
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def _is_layout_field(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get("cablegrammar") == "layout")


def _is_context_field(field: attrs.Attribute[Any]) -> bool:
    """A field set from the rest of the cable on access (``Reference.citing_year``): never in the JSON."""
    return bool(field.metadata.get("cablegrammar") == "context")


def _model_classes() -> list[type]:
    """Every attrs class reachable from :class:`Cable`, each after the classes its fields hold."""
    visiting: set[type] = set()
    order: list[type] = []

    def visit(tp: Any) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if not attrs.has(tp) or tp in visiting or tp in (Layout, model.CableLayout):
            return
        visiting.add(tp)
        hints = typing.get_type_hints(tp)
        for field in attrs.fields(tp):
            visit(hints[field.name])
        order.append(tp)

    visit(Cable)
    return order


def _is_frozenset(tp: Any) -> bool:
    return bool(tp is frozenset or typing.get_origin(tp) is frozenset)


def _make_converter(with_layout: bool) -> cattrs.Converter:
    converter = cattrs.Converter(omit_if_default=False)
    converter.register_unstructure_hook(dt.datetime, lambda value: value.isoformat())
    converter.register_structure_hook(dt.datetime, lambda value, _: dt.datetime.fromisoformat(value))
    converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())
    converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    converter.register_unstructure_hook_func(_is_frozenset, sorted)
    converter.register_structure_hook_func(_is_frozenset, lambda values, _: frozenset(values))
    converter.register_unstructure_hook(Layout, lambda layout: {"raw": layout.raw})
    # The key is the node's semantic values; :func:`_rekey` sets it once the node exists.
    converter.register_structure_hook(Layout, lambda value, _: Layout(raw=value["raw"], key=()))
    def register(cls: type) -> None:
        omitted: dict[str, Any] = {
            f.name: override(omit=True)
            for f in attrs.fields(cls)
            if (_is_layout_field(f) and not with_layout) or _is_context_field(f)
        }
        if cls not in ITEM_TYPES:  # an item held by another node (a paragraph's page break) carries its tag too
            hints = typing.get_type_hints(cls)
            omitted.update({name: _tagged_item_override(converter) for name in attrs.fields_dict(cls)
                            if hints[name] in ITEM_TYPES})
        converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter, **omitted))
        converter.register_structure_hook(cls, make_dict_structure_fn(cls, converter))

    # Item classes (and the classes they hold, first) before the tagged union over them, then the classes
    # that hold the union (the cable).
    classes = _model_classes()
    for cls in classes:
        if not _holds_item_union(cls):
            register(cls)
    configure_tagged_union(model.TextItem, converter, tag_name="type", tag_generator=type_tag)
    # What stands between the envelope and the text: tagged like the items.
    for cls in typing.get_args(model.ReleaseArtifact):
        register(cls)
    configure_tagged_union(model.ReleaseArtifact, converter, tag_name="type", tag_generator=type_tag)
    artifact: Any = model.ReleaseArtifact
    optional_artifact: Any = model.ReleaseArtifact | None
    converter.register_unstructure_hook(
        optional_artifact, lambda value: None if value is None else converter.unstructure(value, artifact)
    )
    converter.register_structure_hook(
        optional_artifact,
        lambda value, _: None if value is None else converter.structure(value, artifact),
    )
    for cls in classes:
        if _holds_item_union(cls):
            register(cls)
    plain_cable_id = make_dict_unstructure_fn(values.CableId, converter)
    converter.register_unstructure_hook(values.CableId, lambda cid: {"id": str(cid), **plain_cable_id(cid)})
    for cls in typing.get_args(values.Declassification):
        register(cls)
    configure_tagged_union(values.Declassification, converter, tag_name="kind", tag_generator=type_tag)
    return converter


def _holds_item_union(cls: type) -> bool:
    """Does a field of ``cls`` hold any text item (``Cable.items``)?"""

    def mentions(tp: Any) -> bool:
        return tp == model.TextItem or any(mentions(arg) for arg in typing.get_args(tp))

    return any(mentions(hint) for hint in typing.get_type_hints(cls).values())


def _tagged_item_override(converter: cattrs.Converter) -> Any:
    """A field holding one item class: written and read through the tagged union, ``"type"`` included."""
    return override(
        unstruct_hook=lambda value: converter.unstructure(value, unstructure_as=model.TextItem),
        struct_hook=lambda value, _: converter.structure(value, model.TextItem),  # type: ignore[arg-type]
    )


@functools.cache
def converter(with_layout: bool = False) -> cattrs.Converter:
    """The cattrs converter between model objects and JSON-ready dictionaries."""
    return _make_converter(with_layout)


def cable_to_dict(cable: Cable, *, layout: bool = False) -> dict[str, Any]:
    """A cable as a JSON-ready dictionary (``envelope``, ``preamble``, ``items``, and ``layout`` if asked)."""
    result: dict[str, Any] = converter(layout).unstructure(cable, Cable)
    return result


def _rekey(node: Any) -> Any:
    """Rebuild a structured node bottom-up so each layout key is the node's semantic key again."""
    if isinstance(node, tuple):
        return tuple(_rekey(child) for child in node)
    if not attrs.has(type(node)) or isinstance(node, Layout | model.CableLayout):
        return node
    changes = {f.name: _rekey(getattr(node, f.name)) for f in attrs.fields(type(node)) if not _is_layout_field(f)}
    rebuilt = attrs.evolve(node, **changes)
    layout = getattr(rebuilt, "layout", None)
    if isinstance(layout, Layout):
        rebuilt = attrs.evolve(rebuilt, layout=Layout(raw=layout.raw, key=semantic_key(rebuilt)))
    return rebuilt


def cable_from_dict(data: Mapping[str, Any]) -> Cable:
    """The inverse of :func:`cable_to_dict`: a dictionary (with or without layout) back to a :class:`Cable`."""
    cable = converter(True).structure(dict(data), Cable)
    result: Cable = _rekey(cable)
    return result


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def cable_record(cable: Cable, *, path: str | None = None, layout: bool = False) -> dict[str, Any]:
    """The record ``cablegrammar parse`` writes for one cable: provenance, the main values
    (:data:`cablegrammar.values.MAIN_VALUES`), the typed values, then the cable."""
    return {
        "schema": SCHEMA_ID,
        "path": path,
        **{name: _jsonable(value) for name, value in values.main_values(cable).items()},
        "values": converter().unstructure(CableValues.of(cable), CableValues),
        "cable": cable_to_dict(cable, layout=layout),
    }


def error_record(path: str | None, error: Mapping[str, Any]) -> dict[str, Any]:
    """The record for an input that could not be parsed: its path and the finding."""
    return {"schema": SCHEMA_ID, "path": path, "error": dict(error)}


def source_block(provenance: sources.Provenance, release: sources.Release | None) -> dict[str, Any]:
    """The ``source`` block of a record read from a release (:mod:`cablegrammar.sources`).

    >>> source_block(sources.Provenance("cables-csv", "cables.csv", record=2, line=9, offset=812), None)
    {'format': 'cables-csv', 'path': 'cables.csv', 'record': 2, 'line': 9, 'offset': 812, 'release': None}
    """
    block: dict[str, Any] = converter().unstructure(provenance, sources.Provenance)
    block["release"] = None if release is None else converter().unstructure(release, sources.Release)
    return block


# ---------------------------------------------------------------------------
# JSON Schema, generated from the model
# ---------------------------------------------------------------------------

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    dt.datetime: {"type": "string", "format": "date-time"},
    dt.date: {"type": "string", "format": "date"},
}


def _schema_of(tp: Any, defs: dict[str, Any], with_layout: bool) -> dict[str, Any]:  # noqa: PLR0911
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if tp is Any:
        return {}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is frozenset:
        return {"type": "array", "items": _schema_of(args[0], defs, with_layout), "uniqueItems": True}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_of(args[0], defs, with_layout)}
        return {
            "type": "array",
            "prefixItems": [_schema_of(arg, defs, with_layout) for arg in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_of(arg, defs, with_layout) for arg in args]}
    if tp is Layout:
        return {
            "type": "object",
            "properties": {"raw": {"type": "string", "description": "The node's exact source text."}},
            "required": ["raw"],
            "additionalProperties": False,
        }
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(tp, defs, with_layout)
        return {"$ref": f"#/$defs/{name}"}
    msg = f"no JSON Schema for type {tp!r}"
    raise TypeError(msg)


def _object_schema(cls: type, defs: dict[str, Any], with_layout: bool) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if cls in ITEM_TYPES or cls in typing.get_args(model.ReleaseArtifact):
        properties["type"] = {"const": type_tag(cls)}
        required.append("type")
    if cls in typing.get_args(values.Declassification):
        properties["kind"] = {"const": type_tag(cls)}
        required.append("kind")
    if cls is values.CableId:
        properties["id"] = {"type": "string", "description": "The id as Cablegate writes it: 07BAKU864."}
        required.append("id")
    for field in attrs.fields(cls):
        if _is_context_field(field):
            continue
        if _is_layout_field(field):
            if with_layout:
                properties[field.name] = _schema_of(hints[field.name], defs, with_layout)
            continue
        properties[field.name] = _schema_of(hints[field.name], defs, with_layout)
        required.append(field.name)
    schema: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        schema["description"] = doc[0]
    schema["additionalProperties"] = False
    return schema


_MAIN_VALUE_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": ["string", "null"]},
    "bool": {"type": "boolean"},
    "int64": {"type": ["integer", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
    "timestamp": {"type": ["string", "null"], "format": "date-time"},
    "list<string>": {"type": "array", "items": {"type": "string"}},
}


def _main_value_schema(value: values.MainValue) -> dict[str, Any]:
    schema = {**_MAIN_VALUE_SCHEMAS[value.type], "description": value.description}
    if value.name == "precedence":
        schema = {"enum": [*(p.value for p in interpret.Precedence), None], "description": value.description}
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the records :func:`cable_record` and :func:`error_record` make.

    The shipped file ``cablegrammar/schemas/cable-record.schema.json`` is this
    function's output (a test keeps them in step); layout objects are allowed
    but optional.
    """
    defs: dict[str, Any] = {}
    cable_ref = _schema_of(Cable, defs, True)
    position = {
        "type": "object",
        "properties": {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}},
        "required": ["line", "column"],
        "additionalProperties": False,
    }
    defs["Finding"] = {
        "type": "object",
        "description": "One problem found in one file (the check command's JSON finding).",
        "properties": {
            "code": {"type": "string", "pattern": "^CG[0-9]{3}$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "file": {"type": "string"},
            "start": position,
            "end": position,
            "hint": {"type": ["string", "null"]},
            "url": {"type": "string"},
        },
        "required": ["code", "severity", "message", "file", "start", "end", "hint", "url"],
        "additionalProperties": False,
    }
    nullable_string = {"type": ["string", "null"]}
    source = {
        "type": "object",
        "description": "Where the record was read (cablegrammar.sources): present when the input was a release file.",
        "properties": {
            "format": {"enum": list(sources.INPUT_FORMATS)},
            "path": {"type": "string"},
            "record": {"type": "integer", "minimum": 0},
            "line": {"type": "integer", "minimum": 1},
            "offset": {"type": "integer", "minimum": 0},
            "release": {"anyOf": [_schema_of(sources.Release, defs, False), {"type": "null"}]},
        },
        "required": ["format", "path", "record", "line", "offset", "release"],
        "additionalProperties": False,
    }
    common = {"schema": {"const": SCHEMA_ID}, "path": nullable_string, "source": source}
    parsed = {
        "type": "object",
        "properties": {
            **common,
            **{value.name: _main_value_schema(value) for value in values.MAIN_VALUES},
            "values": _schema_of(CableValues, defs, False),
            "cable": cable_ref,
        },
        "required": ["schema", "path", *(value.name for value in values.MAIN_VALUES), "values", "cable"],
        "additionalProperties": False,
    }
    failed = {
        "type": "object",
        "properties": {**common, "error": {"$ref": "#/$defs/Finding"}},
        "required": ["schema", "path", "error"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cablegrammar.readthedocs.io/schemas/cable-record-{SCHEMA_VERSION}.json",
        "title": f"cablegrammar cable record, version {SCHEMA_VERSION}",
        "description": "One line of `cablegrammar parse` output: a parsed cable, or the error for an input.",
        "oneOf": [parsed, failed],
        "$defs": dict(sorted(defs.items())),
    }


def findings_schema() -> dict[str, Any]:
    """The JSON Schema of ``cablegrammar check --output-format json`` output: a list of findings."""
    full = json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cablegrammar.readthedocs.io/schemas/findings-1.json",
        "title": "cablegrammar check findings",
        "type": "array",
        "items": full["$defs"]["Finding"],
    }


def main() -> None:  # pragma: no cover - maintenance entry point
    """Regenerate the shipped schema files: ``python -m cablegrammar.serialize``."""
    from pathlib import Path  # noqa: PLC0415

    folder = Path(__file__).parent / "schemas"
    folder.mkdir(exist_ok=True)
    for name, schema in (("cable-record.schema.json", json_schema()), ("findings.schema.json", findings_schema())):
        (folder / name).write_text(_json.dumps(schema, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main()
