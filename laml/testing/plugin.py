"""The pytest plugin (registered through the ``pytest11`` entry point as ``laml``).

Fixtures:

- ``laml_app``: the app under test. Override it in your ``conftest.py`` to return
  a WSGI or ASGI application or a mapping of paths to bins.
- ``laml_simulator_options``: keyword arguments for ``CallSimulator`` (base_url,
  signing_key, platform, max_steps, ...); override it to change them.
- ``call_simulator``: a ``CallSimulator`` built from the two.

A failing test that used ``call_simulator`` shows the transcript of each call it
made. ``--laml-coverage`` reports, at the end of the test run, which documents
and Gather branches the tests reached against what the explorer finds.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from .simulator import CallSimulator

_SIMULATORS = pytest.StashKey[list[CallSimulator]]()
_RECORDER = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("laml", "laml call flows")
    group.addoption(
        "--laml-coverage",
        action="store_true",
        default=False,
        help="report which documents and Gather branches the tests reached, against "
        "every path the explorer finds from the entry URL",
    )
    group.addoption(
        "--laml-coverage-entry",
        default="/voice",
        help="the entry path the coverage report explores from (default /voice)",
    )


@pytest.fixture
def laml_app() -> Any:
    """The app under test; override this fixture to return yours."""
    raise pytest.UsageError(
        "override the laml_app fixture (in conftest.py) to return your WSGI or ASGI "
        "application, or a mapping of paths to bins"
    )


@pytest.fixture
def laml_simulator_options() -> dict[str, Any]:
    """Keyword arguments for ``CallSimulator``; override to set signing_key and others."""
    return {}


@pytest.fixture
def call_simulator(
    request: pytest.FixtureRequest, laml_app: Any, laml_simulator_options: dict[str, Any]
) -> Generator[CallSimulator, None, None]:
    """A ``CallSimulator`` driving ``laml_app``."""
    simulator = CallSimulator(laml_app, **laml_simulator_options)
    request.node.stash[_SIMULATORS] = [simulator]
    recorder = request.config.stash.get(_RECORDER, None)
    if recorder is not None:
        recorder.watch(simulator, laml_app, laml_simulator_options)
    yield simulator
    simulator.close()


# An old-style wrapper: ``wrapper=True`` needs pluggy 1.2, and this plugin loads in
# every pytest run of an environment where laml is installed.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for simulator in item.stash.get(_SIMULATORS, []):
            for number, simulated in enumerate(simulator.calls, 1):
                report.sections.append(
                    (f"laml call {number} transcript", simulated.transcript_text())
                )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--laml-coverage", False):
        from .coverage import CoverageRecorder

        config.stash[_RECORDER] = CoverageRecorder(config.getoption("--laml-coverage-entry"))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    recorder = config.stash.get(_RECORDER, None)
    if recorder is not None:
        terminalreporter.section("laml coverage")
        for line in recorder.report():
            terminalreporter.write_line(line)
