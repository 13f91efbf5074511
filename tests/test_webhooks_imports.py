"""Webhook support loads only when used, and frameworks only with their own module."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(result.stdout))


FRAMEWORKS = {"flask", "werkzeug", "django", "starlette", "fastapi", "httpx", "httpx2"}


def test_import_laml_loads_no_webhook_code() -> None:
    modules = loaded_after("import laml")
    assert not {m for m in modules if m.startswith("laml.webhooks")}
    assert not FRAMEWORKS & modules


def test_import_laml_webhooks_loads_no_framework() -> None:
    modules = loaded_after("import laml.webhooks")
    assert "laml.webhooks.requests" in modules
    assert not FRAMEWORKS & modules
    assert not {"laml.webhooks.flask", "laml.webhooks.django", "laml.webhooks.starlette"} & modules


def test_each_framework_module_loads_its_own_framework_only() -> None:
    cases = {
        "laml.webhooks.flask": ("flask", {"django", "starlette", "fastapi"}),
        "laml.webhooks.django": ("django", {"flask", "starlette", "fastapi"}),
        "laml.webhooks.starlette": ("starlette", {"flask", "django", "fastapi"}),
    }
    for module, (framework, others) in cases.items():
        modules = loaded_after(f"import {module}")
        assert framework in modules, module
        assert not others & modules, module


def test_missing_framework_says_which_extra_to_install() -> None:
    cases = {
        "laml.webhooks.flask": ("flask", "pip install 'laml-cxml[flask]'"),
        "laml.webhooks.django": ("django", "pip install 'laml-cxml[django]'"),
        "laml.webhooks.starlette": ("starlette", "pip install 'laml-cxml[fastapi]'"),
    }
    for module, (framework, hint) in cases.items():
        code = (
            f"import sys\nsys.modules[{framework!r}] = None\n"
            f"try:\n    import {module}\nexcept ImportError as error:\n    print(error)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        )
        assert hint in result.stdout, (module, result.stdout)
