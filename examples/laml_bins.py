"""LaML Bins: render the bundled bins as SignalWire would for a request, and check them.

Each bin in examples/bins/ is cXML with mustache placeholders. ``build()`` renders
the IVR bin for a caller who pressed 2.
"""

from __future__ import annotations

from pathlib import Path

from laml.bins import LamlBin
from laml.parsing import Document

BINS = Path(__file__).resolve().parent / "bins"
REQUEST = {"From": "+15551230000", "To": "+15553210000", "Body": "Is the shop open?"}


def load(name: str) -> LamlBin:
    return LamlBin(name=name, contents=(BINS / f"{name}.xml").read_text(encoding="utf-8"))


def build() -> Document:
    return load("ivr").to_response({**REQUEST, "Digits": "2"})


def main() -> None:
    for name in ("voicemail", "ivr", "sms_reply"):
        bin_ = load(name)
        findings = [d.format(f"{name}.xml") for d in bin_.check() if d.severity != "info"]
        print(f"-- {name}.xml: {findings or 'clean'}")
        print(bin_.render(REQUEST))


if __name__ == "__main__":
    main()
