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
import resource
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


def run(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Milliseconds of wall time from starting ``command`` to its exit, and of CPU time
    (user + system) it used; fails if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


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
        walls: dict[str, list[float]] = {name: [] for name in names}
        cpus: dict[str, list[float]] = {name: [] for name in names}
        environment = cached_bytecode(folder)
        for name in names:  # fill the byte code cache, warm the file system cache
            run(programs[name], environment)
        for number in range(rounds):
            # Rotate the order each round so no program always runs first.
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                wall, cpu = run(programs[name], environment)
                walls[name].append(wall)
                cpus[name].append(cpu)

    wall = {name: statistics.median(found) for name, found in walls.items()}
    cpu = {name: statistics.median(found) for name, found in cpus.items()}
    start, start_cpu = wall[names[0]], cpu[names[0]]
    print(f"{rounds} rounds; medians in ms: wall time, and CPU time (user + system), each")
    print("also above the bare interpreter's start")
    print(f"{'':40s}{'wall':>8s}{'above':>8s}{'cpu':>8s}{'above':>8s}")
    for name in names:
        print(
            f"{name:40s}{wall[name]:8.1f}{wall[name] - start:8.1f}"
            f"{cpu[name]:8.1f}{cpu[name] - start_cpu:8.1f}"
        )
    laml, twilio, validate = (wall[name] - start for name in names[1:])
    laml_cpu, twilio_cpu, _ = (cpu[name] - start_cpu for name in names[1:])
    print(
        f"laml / twilio-python, import + build + write: {laml / twilio:.2f}x wall (<= 2), "
        f"{laml_cpu / twilio_cpu:.2f}x CPU"
    )
    print(f"laml validate above the interpreter's start: {validate:.1f} ms wall (<= 150)")
    # The fastest round of each is the closest to an idle machine: on a loaded one,
    # the medians grow with the load while the ratios hold.
    best = {name: min(found) for name, found in walls.items()}
    print(
        "fastest rounds, above the fastest start: "
        + ", ".join(f"{name} {best[name] - best[names[0]]:.1f} ms" for name in names[1:])
    )


if __name__ == "__main__":
    main()
