"""Write the shipped schemas (schema/*.xsd) from laml's element model.

    python tools/build_schema.py [FOLDER]     (or: make schema)

FOLDER defaults to schema/ beside this script. The test suite fails when the
committed files differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from laml.validation.xsd import FILES, XML_NAMESPACE_SCHEMA, build


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "schema"
    for filename, dialect in FILES.items():
        (folder / filename).write_text(build(dialect), encoding="utf-8")
    (folder / "xml.xsd").write_text(XML_NAMESPACE_SCHEMA, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
