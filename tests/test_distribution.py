"""The built wheel is published as `laml-cxml` and installs the `laml` command."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """Build the wheel from this checkout with hatchling's PEP 517 hook, offline."""
    out = tmp_path_factory.mktemp("wheel")
    code = "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    name = done.stdout.strip().splitlines()[-1]
    return zipfile.ZipFile(out / name)


def dist_info(wheel: zipfile.ZipFile, member: str) -> str:
    (path,) = [n for n in wheel.namelist() if n.endswith(f".dist-info/{member}")]
    return wheel.read(path).decode("utf-8")


def test_wheel_file_name_is_the_distribution_name(wheel: zipfile.ZipFile) -> None:
    """The wheel's file name starts with the normalised distribution name."""
    assert Path(str(wheel.filename)).name.startswith("laml_cxml-")


def test_metadata_names_laml_cxml(wheel: zipfile.ZipFile) -> None:
    """METADATA says Name: laml-cxml, with lxml and attrs the only runtime requirements."""
    metadata = Parser().parsestr(dist_info(wheel, "METADATA"))
    assert metadata["Name"] == "laml-cxml"
    required = [
        r.split(">")[0].split("=")[0].strip()
        for r in metadata.get_all("Requires-Dist") or []
        if "extra ==" not in r
    ]
    assert sorted(required) == ["attrs", "lxml"]


def test_console_script_is_laml(wheel: zipfile.ZipFile) -> None:
    """The wheel installs one console script, `laml`, running laml.cli:entry_point."""
    lines = dist_info(wheel, "entry_points.txt").splitlines()
    section = lines.index("[console_scripts]")
    following = lines[section + 1 :]
    end = next((i for i, line in enumerate(following) if line.startswith("[")), len(following))
    scripts = [line for line in following[:end] if line.strip()]
    assert scripts == ["laml = laml.cli:entry_point"]


def test_import_name_and_schema_stay(wheel: zipfile.ZipFile) -> None:
    """The package imports as `laml` and ships its schema."""
    names = wheel.namelist()
    assert "laml/__init__.py" in names
    assert "laml/py.typed" in names
    assert "laml/schema/laml.xsd" in names
