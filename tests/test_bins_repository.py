"""examples/bins is a repository of bins: its pre-commit hook and its CI workflow run."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from laml.cli import main
from laml.client.files import bin_name

from .bins_api import PROJECT, TOKEN, BinsApi, serve

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = ROOT / "examples" / "bins"
BROKEN = "<Response>\n  <Say>{{#Digits}}Hi</Say>\n</Response>\n"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_laml(command: str, *files: str) -> tuple[int, str, str]:
    """Run a `laml ...` command line in this process: status, output, errors."""
    words = shlex.split(command)
    assert words[0] == "laml", command
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main([*words[1:], *files], out)
    return status, out.getvalue(), err.getvalue()


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


def run_hook(repository: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    (hook,) = hooks()
    monkeypatch.chdir(repository)
    files = sorted(str(p.relative_to(repository)) for p in repository.glob("*.xml"))
    assert all(re.search(hook["files"], name) for name in files)
    return run_laml(hook["entry"], *files)


def test_the_hook_passes_the_example_bins_and_stops_a_broken_one(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_hook(repository, monkeypatch)[0] == 0
    (repository / "broken.xml").write_text(BROKEN)
    status, output, _ = run_hook(repository, monkeypatch)
    assert status == 1
    assert "broken.xml:2:8: error LAML030" in output


@pytest.fixture
def api() -> Iterator[BinsApi]:
    with serve() as running:
        yield running


def run_job(
    job: dict[str, Any], repository: Path, api: BinsApi, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Each `run:` step of a job but the installation, with the secrets set to the test server."""
    monkeypatch.chdir(repository)
    monkeypatch.setenv("SIGNALWIRE_SPACE_URL", api.url)
    monkeypatch.setenv("SIGNALWIRE_PROJECT_ID", PROJECT)
    monkeypatch.setenv("SIGNALWIRE_API_TOKEN", TOKEN)
    outputs = []
    for step in job["steps"]:
        command = step.get("run")
        if command is None or command.startswith("pip install"):
            continue
        status, output, errors = run_laml(command)
        assert status == 0, output + errors
        outputs.append(output)
    return outputs


def test_the_workflow_checks_everywhere_and_pushes_from_main(
    repository: Path, api: BinsApi, monkeypatch: pytest.MonkeyPatch
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

    run_job(check, repository, api, monkeypatch)
    assert api.requests == []
    plan, applied = run_job(push, repository, api, monkeypatch)
    assert "dry run: nothing was changed" in plan
    assert "plan: 3 to create, 0 to update, 0 unchanged, 0 to delete" in applied
    files = {bin_name(p.name): p.read_text() for p in repository.glob("*.xml")}
    assert {b["name"]: b["contents"] for b in api.bins} == files
    writes = len(api.writes())
    assert writes == len(files) == 3
    run_job(push, repository, api, monkeypatch)
    assert len(api.writes()) == writes


def test_the_check_job_fails_on_a_broken_bin(
    repository: Path, api: BinsApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repository / "broken.xml").write_text(BROKEN)
    workflow = load(REPOSITORY / ".github" / "workflows" / "bins.yml")
    with pytest.raises(AssertionError, match="LAML030"):
        run_job(workflow["jobs"]["check"], repository, api, monkeypatch)
