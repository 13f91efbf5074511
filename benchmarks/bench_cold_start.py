"""Cold start: a fresh interpreter that imports laml and writes a one-verb document.

    python benchmarks/bench_cold_start.py [ROUNDS]

Every timing is a whole process, start to exit, so it holds what a webhook handler on a
serverless platform (or a pre-commit hook running ``laml validate``) pays on each cold
start. The programs run alternately, round after round, so a change in the machine's load
moves them all alike; each figure is the median over the rounds with the median start of
a bare interpreter (``python -c pass``) subtracted.

Targets: import + build + write of ``<Response><Say>hi</Say></Response>`` at most 2x the
same with ``twilio.twiml.voice_response``; ``laml validate`` of one small file at most
150 ms above the interpreter's start.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable

LAML = "import laml; laml.Response(laml.Say('hi')).to_xml()"
TWILIO = (
    "from twilio.twiml.voice_response import VoiceResponse; "
    "response = VoiceResponse(); response.say('hi'); response.to_xml()"
)
SMALL_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<Response>\n"
    '  <Gather action="/menu" numDigits="1">\n'
    "    <Say>Press 1 for sales.</Say>\n"
    "  </Gather>\n"
    "  <Hangup />\n"
    "</Response>\n"
)


def laml_command() -> list[str]:
    """The installed ``laml`` script next to this interpreter, else ``python -m laml``."""
    script = Path(PYTHON).with_name("laml")
    if script.is_file():
        return [str(script)]
    found = shutil.which("laml")
    return [found] if found else [PYTHON, "-m", "laml"]


def wall(command: list[str], environment: dict[str, str]) -> float:
    """Milliseconds from starting ``command`` to its exit; fails if it fails."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    return (time.perf_counter() - start) * 1000


def cached_bytecode(folder: str) -> dict[str, str]:
    """An environment in which every program reads byte code from one cache.

    Installed packages come with byte code; a checkout, or an environment that sets
    ``PYTHONDONTWRITEBYTECODE``, would make laml compile its sources on every start
    while twilio-python reads its cache. A shared cache folder, filled by a first run of
    each program, gives every program the same footing.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(Path(folder, "pycache"))
    return environment


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder, "small.xml")
        document.write_text(SMALL_DOCUMENT, encoding="utf-8")
        programs = {
            "interpreter start (python -c pass)": [PYTHON, "-c", "pass"],
            "laml: import + build + write": [PYTHON, "-c", LAML],
            "twilio-python: import + build + write": [PYTHON, "-c", TWILIO],
            "laml validate small.xml": [*laml_command(), "validate", str(document)],
        }
        names = list(programs)
        times: dict[str, list[float]] = {name: [] for name in names}
        environment = cached_bytecode(folder)
        for name in names:  # fill the byte code cache, warm the file system cache
            wall(programs[name], environment)
        for number in range(rounds):
            # Rotate the order each round so no program always runs first.
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(wall(programs[name], environment))

    medians = {name: statistics.median(found) for name, found in times.items()}
    start = medians[names[0]]
    print(f"{rounds} rounds; median wall time, and above the interpreter's start")
    for name in names:
        above = "" if name == names[0] else f"   {medians[name] - start:7.1f} ms above"
        print(f"{name:40s}{medians[name]:7.1f} ms{above}")
    laml = medians[names[1]] - start
    twilio = medians[names[2]] - start
    validate = medians[names[3]] - start
    print(f"laml / twilio-python (import + build + write): {laml / twilio:.2f}x (<= 2)")
    print(f"laml validate above the interpreter's start: {validate:.1f} ms (<= 150)")


if __name__ == "__main__":
    main()
