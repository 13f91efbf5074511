"""The explorer: planted faults found with the actions that reach them, limits, outputs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask, Response, request

from examples.explore_ivr.app import app as clean_app
from examples.explore_ivr.app import faulty_app
from laml.cli import main
from laml.testing import CallSimulator
from laml.testing.explore import EXPLORE_CODES, CallGraph

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["pytester"]


@pytest.fixture(scope="module")
def faulty_graph() -> CallGraph:
    return CallSimulator(faulty_app).explore("/voice")


def test_the_clean_menu_gives_no_finding() -> None:
    graph = CallSimulator(clean_app).explore("/voice")
    assert graph.findings == []
    assert graph.notes == []
    assert len(graph.documents) > 30
    assert all(node.kind != "error" for node in graph.nodes.values())


@pytest.mark.parametrize(
    ("code", "actions", "message"),
    [
        (
            "LAML060",
            ("press 3",),
            "POST https://example.com/menu?at= answered 500; the platform needs a 2xx status",
        ),
        (
            "LAML064",
            ("press 5",),
            "more than 100 requests since the caller last acted (max_steps); the call keeps "
            "going round: "
            "https://example.com/loop-b -> https://example.com/loop-a -> https://example.com/loop-b",
        ),
        (
            "LAML067",
            ("press 4",),
            "'press 4' at https://example.com/voice is answered exactly like no input: "
            "likely an unhandled key",
        ),
        (
            "LAML068",
            ("press 0", "busy"),
            "the call ends (completed) without a word after 'busy', "
            "at https://example.com/operator-status",
        ),
        ("LAML066", (), "the route /old-menu is never requested on any path from /voice"),
    ],
)
def test_each_planted_fault_is_found_with_its_path(
    faulty_graph: CallGraph, code: str, actions: tuple[str, ...], message: str
) -> None:
    matches = [f for f in faulty_graph.findings if f.code == code]
    assert len(matches) == 1, faulty_graph.summary()
    finding = matches[0]
    assert finding.actions == actions
    assert finding.diagnostic.message.startswith(message)
    assert finding.diagnostic.severity == EXPLORE_CODES[code][0]


def test_only_the_planted_faults_are_found(faulty_graph: CallGraph) -> None:
    assert sorted(f.code for f in faulty_graph.findings) == [
        "LAML060", "LAML064", "LAML066", "LAML067", "LAML068",
    ]  # fmt: skip
    assert [d.code for d in faulty_graph.diagnostics()] == [f.code for f in faulty_graph.findings]


def documents(routes: dict[str, Callable[[], str]]) -> Flask:
    app = Flask("explored")
    for index, (path, build) in enumerate(routes.items()):
        app.add_url_rule(
            path,
            f"r{index}",
            lambda build=build: Response(build(), mimetype="text/xml"),
            methods=["POST"],
        )
    return app


def test_a_menu_that_only_returns_to_itself_is_a_loop_with_no_way_out() -> None:
    app = documents(
        {
            "/voice": lambda: "<Response><Redirect>/trap</Redirect></Response>",
            "/trap": lambda: (
                '<Response><Gather numDigits="1" action="/trap"><Say>Again</Say></Gather>'
                "<Redirect>/trap</Redirect></Response>"
            ),
        }
    )
    graph = CallSimulator(app).explore("/voice", keys="12")
    assert [(f.code, f.actions) for f in graph.findings] == [("LAML064", ())]
    assert graph.findings[0].diagnostic.message == (
        "a loop with no way out: every branch from here comes back to /trap "
        "and nothing ends the call"
    )


def test_a_gather_that_never_runs() -> None:
    app = documents(
        {
            "/voice": lambda: (
                '<Response><Say>Closed</Say><Hangup/><Gather action="/menu"/></Response>'
            ),
            "/menu": lambda: "<Response/>",
        }
    )
    graph = CallSimulator(app).explore("/voice")
    codes = [(f.code, f.diagnostic.message) for f in graph.findings]
    assert codes == [
        (
            "LAML065",
            "the <Gather> number 3 of /voice never runs, so its action /menu is never "
            "requested from it",
        ),
        ("LAML066", "the route /menu is never requested on any path from /voice"),
    ]


def test_invalid_documents_and_content_types_are_findings() -> None:
    app = documents(
        {
            "/voice": lambda: '<Response><Gather numDigits="1" action="/k"/></Response>',
            "/k": lambda: (
                '<Response><Dial timeout="1">+15550001111</Dial></Response>'
                if request.form["Digits"] == "1"
                else "<Response><Say>ok</Say></Response>"
            ),
        }
    )
    graph = CallSimulator(app).explore("/voice", keys="12")
    assert [(f.code, f.actions) for f in graph.findings] == [("LAML062", ("press 1",))]
    assert "LAML003 at line 1" in graph.findings[0].diagnostic.message or (
        " at line 1" in graph.findings[0].diagnostic.message
    )


def test_a_growing_state_stops_at_the_limits_and_says_so() -> None:
    app = Flask("counter")

    @app.post("/count")
    def count() -> Response:
        n = int(request.args.get("n", "0"))
        return Response(
            f'<Response><Gather numDigits="1" action="/count?n={n + 1}"/>'
            f"<Redirect>/count?n={n + 1}</Redirect></Response>",
            mimetype="text/xml",
        )

    graph = CallSimulator(app).explore("/count", keys="1", max_depth=6)
    assert [f.code for f in graph.findings] == ["LAML069"]
    assert graph.findings[0].diagnostic.message.startswith(
        "2 state(s) deeper than 6 actions"  # the key and the silence at the 7th menu
    )
    assert graph.notes == ["stopped at max_depth=6"]
    graph = CallSimulator(app).explore("/count", keys="12", max_calls=15)
    assert graph.calls == 15
    assert "stopped at max_calls=15" in graph.notes


def test_exploring_leaves_the_users_simulator_alone() -> None:
    sim = CallSimulator(clean_app)
    sim.explore("/voice", max_calls=20)
    assert sim.calls == [] and dict(sim.queues) == {}


def test_speech_phrases_are_tried_where_speech_is_taken() -> None:
    from examples.fastapi_ivr.app import app

    graph = CallSimulator(app).explore("/voice", keys="12", speech=["sales", "message"])
    actions = {edge.action for edge in graph.edges}
    assert {'say "sales"', 'say "message"', "press 1", "press 2", "no input"} <= actions
    assert graph.findings == []


@pytest.mark.parametrize(
    ("options", "message"),
    [({"keys": "1x"}, "keys must be some of"), ({"max_depth": 0}, "max_depth and max_calls")],
)
def test_explore_options_are_checked(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CallSimulator(clean_app).explore("/voice", **options)  # type: ignore[arg-type]


# ---------------------------------------------------------------- outputs


def test_graph_outputs(faulty_graph: CallGraph) -> None:
    data = json.loads(faulty_graph.to_json())
    assert data["entry"] == "/voice"
    assert len(data["nodes"]) == len(faulty_graph.nodes)
    assert {f["code"] for f in data["findings"]} == {f.code for f in faulty_graph.findings}
    assert data["findings"][0]["actions"] == ["press 3"]
    dot = faulty_graph.to_dot()
    assert dot.startswith("digraph call_flow {") and dot.rstrip().endswith("}")
    assert dot.count(" -> ") == len(faulty_graph.edges)
    assert 'color="red"' in dot
    mermaid = faulty_graph.to_mermaid()
    assert mermaid.startswith("flowchart LR\n")
    assert '"press 3"' in mermaid
    assert "errors" not in faulty_graph.summary()


def test_readme_graph_is_current() -> None:
    from examples.explore_ivr.readme_graph import graph_block

    assert graph_block() in (ROOT / "README.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- command line


def run_cli(*args: str) -> tuple[int, str]:
    import io

    out = io.StringIO()
    status = main(["explore", *args], out)
    return status, out.getvalue()


def test_cli_reports_and_exits_1_on_errors() -> None:
    status, text = run_cli("examples.explore_ivr.app:faulty_app")
    assert status == 1
    assert "error LAML060 POST https://example.com/menu?at= answered 500" in text
    assert text.splitlines()[0].startswith("explored /voice: ")
    status, text = run_cli("examples.explore_ivr.app:app", "--format", "json")
    assert status == 0
    assert json.loads(text)["findings"] == []


def test_cli_on_a_directory_of_bins(tmp_path: Path) -> None:
    (tmp_path / "menu.xml").write_text(
        '<Response><Gather numDigits="1" action="/choice"><Say>Hi {{From}}</Say></Gather>'
        "</Response>"
    )
    (tmp_path / "choice.xml").write_text("<Response><Say>You pressed {{Digits}}</Say></Response>")
    status, text = run_cli(str(tmp_path), "--entry", "/menu", "--keys", "12", "--format", "dot")
    assert status == 0
    assert "POST /choice Digits=1: ends (completed)" in text
    status, text = run_cli(
        str(tmp_path), "--route", "/start=menu.xml", "--entry", "/start", "--keys", "1"
    )
    assert status == 1  # /choice is not routed any more
    assert "error LAML060" in text and "answered 404" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nothing_here:app"], "cannot import nothing_here"),
        (["examples.explore_ivr.app:missing"], "has no attribute 'missing'"),
        (["not-an-app"], "the app is module:attribute or a directory of bins"),
        (["examples/bins", "--base-url", "https://example.com/x"], "without a path"),
        (["examples/bins", "--base-url", "ftp://example.com"], "absolute http(s) URL"),
        (["examples/bins", "--max-depth", "0"], "max_depth and max_calls must be >= 1"),
        (["examples.explore_ivr.app:OPERATOR"], "app must be a WSGI or ASGI application"),
    ],
)
def test_cli_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _ = run_cli(*args)
    assert status == 2
    assert message in capsys.readouterr().err


# ---------------------------------------------------------------- coverage


def test_pytest_coverage_report(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest
        from examples.flask_ivr.app import app

        @pytest.fixture
        def laml_app():
            return app

        @pytest.fixture
        def laml_simulator_options():
            return {"signing_key": "PSK_test"}
        """
    )
    pytester.makepyfile(
        """
        def test_sales(call_simulator):
            call_simulator.call("/voice").press("1").answer()

        def test_voicemail(call_simulator):
            call_simulator.call("/voice").press("2").record(5, "#")
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "--laml-coverage")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*laml coverage*",
            "documents: 6 of 19 (31%) reached by the tests (explored from /voice)",
            "Gather branches: 2 of 13 (15%) tried",
            "Gather branches no test tries:",
            "  POST /voice: #",
        ]
    )


def test_an_exception_in_the_app_is_a_finding() -> None:
    app = documents(
        {
            "/voice": lambda: '<Response><Gather numDigits="1" action="/k"/></Response>',
            "/k": lambda: (
                str(1 // (int(request.form["Digits"]) - 1)) and "<Response><Say>ok</Say></Response>"
            ),
        }
    )
    app.testing = True  # exceptions reach the caller instead of becoming a 500
    graph = CallSimulator(app).explore("/voice", keys="12")
    assert [(f.code, f.actions, f.diagnostic.message) for f in graph.findings] == [
        (
            "LAML063",
            ("press 1",),
            "the app raised ZeroDivisionError: integer division or modulo by zero",
        )
    ]
