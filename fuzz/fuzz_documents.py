"""Long-running mutation fuzzer for laml.parse, laml.validate and laml.format_document.

    python fuzz/fuzz_documents.py --runs 100000 [--seed 1]

Starts from the test corpus, mutates bytes and splices documents, and checks that
every input ends in a result or a LamlError within a second, that parsed trees
round-trip, that formatting is idempotent, and, reading the input as a bin, that
no value a caller sends makes a well-formed rendering ill-formed. Inputs that break a rule are saved
under fuzz/findings/ and the run exits 1.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lxml import etree  # noqa: E402

import laml  # noqa: E402
from laml import LamlError  # noqa: E402
from laml.bins import LamlBin  # noqa: E402

# fmt: off
TOKENS = [
    b"<", b">", b"/>", b"&", b"&amp;", b"&#0;", b"&#x10FFFF;", b'"', b"'", b"<!DOCTYPE x>",
    b"<!ENTITY e 'x'>", b"<?pi x?>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"\x00", b"\xff",
    b"\xc3", b"<Say>", b"</Say>", b"<Dial>", b"</Dial>", b"<Response>", b"</Response>",
    b' xmlns="urn:x"', b' xml:lang="en"', b' loop="-1"', b' method="PUT"', b"{{x}}", b"\r\n",
    b"<prosody>" * 3, b"</prosody>" * 3, b"<emphasis>", b"</emphasis>",
    b"<Number>+15551234567</Number>",
    b"<a:Say>", b"</a:Say>", b' a:voice="x"', b"<?x:y?>", b' xmlns:a=""', b"a:b ",
    # Shapes that once cost time growing faster than the input, or raised stray errors.
    b":" * 3000, b"<Foo/>" * 300, b" a='1'" * 300, b' timeout="' + b"1" * 4400 + b'"',
    b"<![CDATA[]]>", b"<Hangup> </Hangup>", b"\xc2\xa0", b"\xc2\x85", b"\xe2\x80\xa8",
    b"<!--" + b"-" * 50, b"{{#D}}" * 4, b"{{/D}}" * 4, b"{{Digits.pop}}", b"{{x.__class__}}",
    b"<!--{{From}}-->", b"<![CDATA[{{From}}]]>", b"<{{From}}/>",
]
# Values a caller may send to a bin: each must leave a well-formed document well-formed.
PARAMETERS = ["-->", "-", "--", "]]>", "<", "&", '"', "'", "\x01", "?>", "1" * 4400, "D"]


# Values at the edges of what the schema, the gate and the rules accept.
VALUES = [
    b"", b" ", b"\t", b"x", b"a b", b"0", b"-1", b"10", b"11", b"99999", b"true", b"GET", b"PUT",
    b"+15551234567", b"+1555123456789012", b"555", b"15551234567", b"+0123",
    b"/path", b"/a b", b"https://a.test/x", b"https://a.test:99999/x", b"http://", b"ftp://a",
    b"wss://a.test/s", b"wss://[x", b"wss://a.test:b/s", b"ws://a.test", b"{{x}}", b"//a.test",
    b"Google.en-US-Standard-A", b"gcloud.en-US-Standard-A", b"Polly.Joanna", b"Azure.x", b"man",
    b"modify", b"start end", b"absent", b"payment-method", b"phone_call", b"video", b"\xc2\xa0",
    b"+5", b"05", b" 5", b"4", b"5", b"120", b"121", b"600", b"601", b"get", b"do-not-trim",
    b"wss://a.test/s?x=1", b"//a.test:99999/x", b"https://a.test:65535/", b"outbound_track",
    b"both_tracks", b"12345", b"desk-1", b"a desk",
]
# fmt: on
_VALUE = re.compile(rb'"[^"<]*"|>[^<]*<')


def mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    data = bytearray(rng.choice(seeds))
    if rng.random() < 0.5:
        # Keep the document well-formed and change only values and texts.
        spans = list(_VALUE.finditer(data))
        for _ in range(rng.choice([1, 1, 2, 3])):
            if spans:
                span = rng.choice(spans)
                data[span.start() + 1 : span.end() - 1] = rng.choice(VALUES)
                spans = list(_VALUE.finditer(data))
        return bytes(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5, 10])):
        at = rng.randint(0, len(data))
        action = rng.random()
        if action < 0.3 and data:
            data[min(at, len(data) - 1)] = rng.randint(0, 255)
        elif action < 0.6:
            data[at:at] = rng.choice(TOKENS)
        elif action < 0.8:
            del data[at : at + rng.randint(1, 40)]
        else:
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            data[at:at] = other[start : start + rng.randint(1, 300)]
    return bytes(data)


def check(data: bytes) -> str | None:
    """The rule this input breaks, or None."""
    start = time.perf_counter()
    try:
        tree = laml.parse(data)
    except LamlError:
        tree = None
    except Exception:
        return "parse raised " + traceback.format_exc(limit=3)
    if tree is not None:
        text = tree.to_xml()
        if "\r" not in text:
            kind = {"MessagingResponse": "messaging", "FaxResponse": "fax"}.get(
                type(tree).__name__, "voice"
            )
            if laml.parse(text, kind=kind) != tree:  # type: ignore[arg-type]
                return "round trip changed the tree"
    try:
        found = laml.validate(data)
    except Exception:
        return "validate raised " + traceback.format_exc(limit=3)
    if tree is not None and any(d.code == "12100" for d in found):
        return "parse accepted what validate could not read"
    problem = _check_positions(data, found) or _check_gate(data, found)
    if problem:
        return problem
    try:
        once = laml.format_document(data)
        if laml.format_document(once) != once:
            return "formatting is not idempotent"
    except LamlError:
        pass
    except Exception:
        return "format raised " + traceback.format_exc(limit=3)
    problem = _check_bin(data)
    if problem:
        return problem
    if time.perf_counter() - start > 1.0:
        return "took more than a second"
    return None


def _check_bin(data: bytes) -> str | None:
    """As a bin: check and render raise only LamlError, and a caller's values never
    make a document that renders well-formed with plain values ill-formed."""
    contents = data.decode("utf-8", "replace")
    bin = LamlBin(contents=contents)
    try:
        bin.check()
    except LamlError:
        pass
    except Exception:
        return "check raised " + traceback.format_exc(limit=3)
    names = ["From", "To", "Digits", "D", "x"]
    try:
        plain = bin.render({name: "v" for name in names})
    except LamlError:
        return None
    except Exception:
        return "render raised " + traceback.format_exc(limit=3)
    if not _well_formed(plain):
        return None
    for value in PARAMETERS:
        params = [(name, value) for name in names] + [("D", value)]
        try:
            rendered = bin.render(params)
        except LamlError:
            continue
        except Exception:
            return "render raised " + traceback.format_exc(limit=3)
        if not _well_formed(rendered):
            return f"the value {value[:20]!r} made the rendered document ill-formed"
    return None


def _well_formed(text: str) -> bool:
    try:
        etree.fromstring(text.encode("utf-8", "surrogatepass"))
    except (etree.XMLSyntaxError, ValueError):
        return False
    return True


def _check_positions(data: bytes, found: list[laml.Diagnostic]) -> str | None:
    """Every finding points inside the document."""
    lines = data.decode("utf-8", "replace").split("\n")
    for diagnostic in found:
        try:
            line, column = diagnostic.line, diagnostic.column
        except Exception:
            return "locating a finding raised " + traceback.format_exc(limit=3)
        if diagnostic.code == "12100" or not found:
            continue
        if not (1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1):
            return f"{diagnostic.code} points outside the document: {line}:{column}"
    return None


def _check_gate(data: bytes, found: list[laml.Diagnostic]) -> str | None:
    """The gate schema changes speed, never findings, also with a depth limit below the
    deepest document the gate takes (where the depth check must still run)."""
    from laml.validation import validator as validation

    for max_depth in (None, 5):
        limit = {} if max_depth is None else {"max_depth": max_depth}
        with_gate = found if max_depth is None else laml.validate(data, **limit)
        validation.USE_GATE = False
        try:
            without = laml.validate(data, **limit)
        finally:
            validation.USE_GATE = True
        if without != with_gate:
            return f"the gate changed the findings ({limit}): {with_gate} != {without}"
    return None


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=10_000)
    options.add_argument("--seed", type=int, default=0)
    args = options.parse_args()
    rng = random.Random(args.seed)
    corpus = HERE.parent / "tests" / "corpus"
    seeds = [p.read_bytes() for p in sorted(corpus.rglob("*.xml"))]
    findings = HERE / "findings"
    failures = parsed = 0
    started = time.perf_counter()
    for run in range(1, args.runs + 1):
        data = mutate(rng, seeds)
        problem = check(data)
        try:
            laml.parse(data)
            parsed += 1
        except LamlError:
            pass
        if problem:
            failures += 1
            findings.mkdir(exist_ok=True)
            name = hashlib.sha1(data).hexdigest()[:12]
            (findings / f"{name}.xml").write_bytes(data)
            (findings / f"{name}.txt").write_text(problem)
            print(f"run {run}: {problem.splitlines()[0]} -> findings/{name}.xml", flush=True)
    elapsed = time.perf_counter() - started
    print(
        f"{args.runs} runs in {elapsed:.0f}s ({args.runs / elapsed:.0f}/s): "
        f"{parsed} inputs parsed, {failures} findings"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
