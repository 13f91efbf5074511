"""assert_laml_equal and the pytest plugin's fixtures and failure reports."""

from __future__ import annotations

import pytest

from laml import Gather, Response, Say
from laml.testing import assert_laml_equal
from laml.testing.assertions import laml_lines

pytest_plugins = ["pytester"]


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (
            '<Response><Gather numDigits="1" action="/m"><Say>Hi</Say></Gather></Response>',
            '<Response>\n  <Gather action="/m" numDigits="1">\n    <Say>  Hi </Say>\n'
            "  </Gather>\n</Response>",
        ),
        (
            Response(Gather(Say("Press 1"), num_digits=1, action="/m")),
            '<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="/m" numDigits="1">'
            "<Say>Press\n 1</Say></Gather></Response>",
        ),
        (b"<Response><Hangup/></Response>", "<Response><Hangup></Hangup></Response>"),
    ],
)
def test_equal_up_to_attribute_order_and_whitespace(actual: object, expected: object) -> None:
    assert_laml_equal(actual, expected)  # type: ignore[arg-type]


def test_a_difference_shows_a_tree_diff() -> None:
    with pytest.raises(AssertionError) as caught:
        assert_laml_equal(
            '<Response><Gather numDigits="2"><Say>Hi</Say></Gather></Response>',
            '<Response><Gather numDigits="1"><Say>Hi</Say></Gather></Response>',
        )
    assert str(caught.value) == (
        "the documents differ:\n"
        "--- expected\n"
        "+++ actual\n"
        "@@ -1,4 +1,4 @@\n"
        " <Response>\n"
        '-  <Gather numDigits="1">\n'
        '+  <Gather numDigits="2">\n'
        "     <Say>\n"
        "       'Hi'"
    )


def test_outline_lines() -> None:
    assert laml_lines('<Response><Say voice="man" loop="2">a  b</Say></Response>') == [
        "<Response>",
        '  <Say loop="2" voice="man">',
        "    'a b'",
    ]


def test_assert_laml_equal_refuses_other_types() -> None:
    with pytest.raises(TypeError, match="actual must be a laml element or cXML text"):
        assert_laml_equal(42, "<Response/>")  # type: ignore[arg-type]


def test_a_failing_test_shows_the_transcript(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture
        def laml_app():
            return {"/voice": "<Response><Say>Hello there</Say></Response>"}
        """
    )
    pytester.makepyfile(
        """
        def test_greeting(call_simulator):
            call = call_simulator.call("/voice")
            assert call.said == ["Goodbye"]

        def test_passing(call_simulator):
            assert call_simulator.call("/voice").said == ["Hello there"]
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*laml call 1 transcript*", '[[]00:00[]] Say "Hello there"'])


def test_laml_app_must_be_overridden(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(call_simulator):\n    pass\n")
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*override the laml_app fixture*"])
