"""examples/bins is a repository of bins: its pre-commit hook and its CI workflow run."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from laml.client.files import bin_name

from .bins_api import PROJECT, TOKEN, BinsApi, serve

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = ROOT / "examples" / "bins"
BROKEN = "<Response>\n  <Say>{{#Digits}}Hi</Say>\n</Response>\n"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def laml_command(command: str) -> list[str]:
    """A `laml ...` command line as this interpreter runs it."""
    words = shlex.split(command)
    assert words[0] == "laml", command
    return [sys.executable, "-m", "laml", *words[1:]]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    copy = tmp_path / "bins"
    shutil.copytree(REPOSITORY, copy)
    return copy


def hooks() -> list[dict[str, Any]]:
    (entry,) = load(REPOSITORY / ".pre-commit-config.yaml")["repos"]
    hooks: list[dict[str, Any]] = entry["hooks"]
    return hooks


def test_the_repository_hook_is_laml_s_bins_hook() -> None:
    """The example runs the same command as laml's published laml-validate-bins hook."""
    published = {hook["id"]: hook for hook in load(ROOT / ".pre-commit-hooks.yaml")}
    (hook,) = hooks()
    assert hook["id"] == "laml-validate-bins"
    assert hook["entry"] == published["laml-validate-bins"]["entry"] == "laml validate --bin"
    assert published["laml-validate-bins"]["files"] == hook["files"] == r"\.xml$"


def run_hook(repository: Path) -> subprocess.CompletedProcess[str]:
    (hook,) = hooks()
    files = sorted(str(p.relative_to(repository)) for p in repository.glob("*.xml"))
    return subprocess.run(
        [*laml_command(hook["entry"]), *files],
        cwd=repository,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_hook_passes_the_example_bins_and_stops_a_broken_one(repository: Path) -> None:
    assert run_hook(repository).returncode == 0
    (repository / "broken.xml").write_text(BROKEN)
    result = run_hook(repository)
    assert result.returncode == 1
    assert "broken.xml:2:8: error LAML030" in result.stdout


@pytest.fixture
def api() -> Iterator[BinsApi]:
    with serve() as running:
        yield running


def run_job(job: dict[str, Any], repository: Path, api: BinsApi) -> list[str]:
    """Each `run:` step of a job but the installation, with the secrets set to the test server."""
    environ = {
        **os.environ,
        "SIGNALWIRE_SPACE_URL": api.url,
        "SIGNALWIRE_PROJECT_ID": PROJECT,
        "SIGNALWIRE_API_TOKEN": TOKEN,
    }
    outputs = []
    for step in job["steps"]:
        command = step.get("run")
        if command is None or command.startswith("pip install"):
            continue
        result = subprocess.run(
            laml_command(command),
            cwd=repository,
            env=environ,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(result.stdout)
    return outputs


def test_the_workflow_checks_everywhere_and_pushes_from_main(
    repository: Path, api: BinsApi
) -> None:
    """The check job validates; the push job, on main only and after the check, makes the
    project match the repository, and a second run writes nothing."""
    workflow = load(REPOSITORY / ".github" / "workflows" / "bins.yml")
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML reads `on` as true
    check, push = workflow["jobs"]["check"], workflow["jobs"]["push"]
    assert push["needs"] == "check"
    assert "refs/heads/main" in push["if"] and "push" in push["if"]
    assert set(push["env"]) == {
        "SIGNALWIRE_SPACE_URL",
        "SIGNALWIRE_PROJECT_ID",
        "SIGNALWIRE_API_TOKEN",
    }

    run_job(check, repository, api)
    assert api.requests == []
    plan, applied = run_job(push, repository, api)
    assert "dry run: nothing was changed" in plan
    assert "plan: 3 to create, 0 to update, 0 unchanged, 0 to delete" in applied
    files = {bin_name(p.name): p.read_text() for p in repository.glob("*.xml")}
    assert {b["name"]: b["contents"] for b in api.bins} == files
    writes = len(api.writes())
    assert writes == len(files) == 3
    run_job(push, repository, api)
    assert len(api.writes()) == writes


def test_the_check_job_fails_on_a_broken_bin(repository: Path, api: BinsApi) -> None:
    (repository / "broken.xml").write_text(BROKEN)
    workflow = load(REPOSITORY / ".github" / "workflows" / "bins.yml")
    with pytest.raises(AssertionError, match="LAML030"):
        run_job(workflow["jobs"]["check"], repository, api)
