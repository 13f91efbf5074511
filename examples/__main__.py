"""Print every example document (``make demo``)."""

from __future__ import annotations

import importlib

from examples import EXAMPLES, laml_bins


def main() -> None:
    for name in EXAMPLES:
        module = importlib.import_module(f"examples.{name}")
        print(f"== {name}: {module.__doc__.strip().splitlines()[0]}")
        print(module.build().to_xml(pretty=True))
    print("== every bin in examples/bins, rendered for one request and checked")
    laml_bins.main()


if __name__ == "__main__":
    main()
