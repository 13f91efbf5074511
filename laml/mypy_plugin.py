"""A mypy plugin that types each element's attributes from its declaration.

An element declares its attributes once, in the ``TypedDict`` its ``__init__``
unpacks. Python's type system cannot turn those keys into attributes, so without
help ``gather.num_digits`` reads as ``Any`` and ``response.gahter(...)`` passes.
With the plugin, mypy reads each attribute with its declared type (or ``None``)
and reports a name the element does not have, with the closest names::

    [tool.mypy]
    plugins = ["laml.mypy_plugin"]

mypy is needed only to use this module; laml never imports it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from mypy.errorcodes import ATTR_DEFINED
from mypy.nodes import ARG_STAR2, FuncDef, MemberExpr, TypeInfo
from mypy.plugin import AttributeContext, Plugin
from mypy.typeops import make_simplified_union
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    Type,
    TypedDictType,
    TypeOfAny,
    UnpackType,
    get_proper_type,
)

NODE = "laml._model.node.Node"
"""The base of every element class; its ``__getattr__`` (or an element's own) stands for
every declared attribute."""


def _declaration(info: TypeInfo) -> tuple[TypeInfo, dict[str, Type]] | None:
    """The class that declares an element's attributes and what it declares (name ->
    type), or None when unknown.

    A class whose ``__init__`` unpacks a ``TypedDict`` declares. A program's subclass
    with a constructor of its own (``def __init__(self, text: str, **rest: Any)``)
    keeps what its element class declares, as it does at run time. A laml class whose
    ``__init__`` takes no keywords declares none; ``**attributes: Any``
    (``GenericNode``) is unknown."""
    for base in info.mro:
        if base.fullname == NODE:
            return None
        symbol = base.names.get("__init__")
        if symbol is None or not isinstance(symbol.node, FuncDef):
            continue
        signature = get_proper_type(symbol.node.type)
        if not isinstance(signature, CallableType):
            if base.fullname.startswith("laml."):
                return None
            continue  # a program's subclass with an unannotated constructor
        for kind, argument in zip(signature.arg_kinds, signature.arg_types, strict=False):
            if kind == ARG_STAR2:
                unpacked = get_proper_type(argument)
                if isinstance(unpacked, UnpackType):
                    unpacked = get_proper_type(unpacked.type)
                if isinstance(unpacked, TypedDictType):
                    return base, dict(unpacked.items)
                if base.fullname.startswith("laml."):
                    return None  # **attributes: Any, as GenericNode takes
        if base.fullname.startswith("laml."):
            return base, {}
    return None


def declared_attributes(info: TypeInfo) -> dict[str, Type] | None:
    """The attributes an element class declares (name -> type), or None when unknown."""
    found = _declaration(info)
    return None if found is None else found[1]


def _text_fields(info: TypeInfo) -> frozenset[str]:
    """The keywords that give the element's text rather than an attribute, read from
    laml's class at run time. Only laml's own modules are imported: a class of the
    program being checked is never run (its module may do anything when imported)."""
    module, _, name = info.fullname.rpartition(".")
    if not module.startswith("laml."):
        return frozenset()
    try:
        import importlib

        cls = getattr(importlib.import_module(module), name)
        return frozenset(f.name for f in cls._spec.fields.values() if f.text)
    except Exception:  # pragma: no cover - a class mypy sees but cannot import
        return frozenset()


def attribute_type(ctx: AttributeContext) -> Type:
    """The type of ``element.name`` for a name that is not a method or property."""
    instance = get_proper_type(ctx.type)
    if not isinstance(instance, Instance) or not isinstance(ctx.context, MemberExpr):
        return ctx.default_attr_type
    info = instance.type
    name = ctx.context.name
    if info.get(name) is not None:
        return ctx.default_attr_type  # a method, property or annotated attribute
    found = _declaration(info)
    if found is None:
        return ctx.default_attr_type
    owner, declared = found
    texts = _text_fields(owner)
    if name in declared and name not in texts:
        return make_simplified_union([declared[name], NoneType()])
    candidates = [n for n in declared if n not in texts]
    candidates += [n for n in info.names if not n.startswith("_")]
    for base in info.mro[1:]:
        candidates += [n for n in base.names if not n.startswith("_")]
    close = difflib.get_close_matches(name, dict.fromkeys(candidates), n=2, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    ctx.api.fail(f'"{info.name}" has no attribute "{name}"{hint}', ctx.context, code=ATTR_DEFINED)
    return AnyType(TypeOfAny.from_error)


class LamlPlugin(Plugin):
    """Types attribute reads of laml's element classes."""

    def get_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        # mypy names the class whose ``__getattr__`` answered: Node, or an element
        # class that declares its own for pyright.
        owner = fullname.rpartition(".")[0]
        if owner == NODE or owner.startswith("laml."):
            symbol = self.lookup_fully_qualified(owner)
            info = symbol.node if symbol is not None else None
            if isinstance(info, TypeInfo) and any(b.fullname == NODE for b in info.mro):
                return attribute_type
        return None


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point."""
    return LamlPlugin
