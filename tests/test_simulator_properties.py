"""Properties of the call simulator on random phone menus."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laml import Gather, Hangup, Pause, Redirect, Response, Say
from laml.testing import CallSimulator

SECONDS_PER_WORD = 0.5


@attrs.frozen
class Menu:
    """A menu: a prompt, a pause before it, a timeout, and what each key leads to."""

    prompt: tuple[str, ...]
    pause: int
    timeout: int
    branches: tuple[tuple[str, Menu | str], ...]

    def branch(self, key: str) -> Menu | str:
        return dict(self.branches)[key]


WORDS = st.sampled_from(["sales", "support", "press", "one", "two", "billing", "hours"])


def menus(depth: int) -> st.SearchStrategy[Menu]:
    leaf: st.SearchStrategy[Menu | str] = st.text("abcdefgh", min_size=1, max_size=6)
    child: st.SearchStrategy[Menu | str] = (
        st.one_of(leaf, st.deferred(lambda: menus(depth - 1))) if depth > 1 else leaf
    )
    return st.builds(
        Menu,
        prompt=st.lists(WORDS, min_size=1, max_size=5).map(tuple),
        pause=st.integers(0, 3),
        timeout=st.integers(1, 10),
        branches=st.lists(
            st.tuples(st.sampled_from("0123456789*"), child),
            min_size=1,
            max_size=4,
            unique_by=lambda pair: pair[0],
        ).map(tuple),
    )


def node_at(menu: Menu, path: str) -> Menu | str:
    node: Menu | str = menu
    for key in path:
        assert isinstance(node, Menu)
        node = node.branch(key)
    return node


def menu_app(root: Menu) -> Callable[..., Iterable[bytes]]:
    """A plain WSGI app (no framework) serving the menu tree: /m?path=<keys so far>."""

    def document(path: str) -> str:
        node = node_at(root, path)
        if isinstance(node, str):
            return str(Response(Say(f"branch {node}"), Hangup()))
        here = f"/m?path={path}"
        return str(
            Response(
                Gather(
                    Pause(length=node.pause),
                    Say(" ".join(node.prompt)),
                    num_digits=1,
                    timeout=node.timeout,
                    action=here,
                ),
                Redirect(here),
            )
        )

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        query = parse_qs(environ["QUERY_STRING"], keep_blank_values=True)
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode(), keep_blank_values=True)
        path = query.get("path", [""])[0] + form.get("Digits", [""])[0]
        body = document(path).encode()
        start_response("200 OK", [("Content-Type", "text/xml")])
        return [body]

    return app


@st.composite
def menus_and_walks(draw: st.DrawFn) -> tuple[Menu, list[tuple[int, str]]]:
    """A menu and a walk to a leaf: at each menu, some timeouts, then a documented key."""
    root = draw(menus(3))
    walk: list[tuple[int, str]] = []
    node: Menu | str = root
    while isinstance(node, Menu):
        key = draw(st.sampled_from([k for k, _ in node.branches]))
        walk.append((draw(st.integers(0, 2)), key))
        node = node.branch(key)
    return root, walk


@settings(max_examples=40, deadline=None)
@given(menus_and_walks())
def test_pressing_documented_keys_reaches_the_documented_branch(
    case: tuple[Menu, list[tuple[int, str]]],
) -> None:
    root, walk = case
    sim = CallSimulator(menu_app(root), seconds_per_word=SECONDS_PER_WORD, max_steps=50)
    call = sim.call("/m")
    expected_clock = 0.0
    node: Menu | str = root
    for waits, key in walk:
        assert isinstance(node, Menu)
        played = node.pause + len(node.prompt) * SECONDS_PER_WORD
        expected_clock += played
        for _ in range(waits):
            call.wait()
            expected_clock += node.timeout + played  # timed out; the menu plays again
        call.press(key)
        node = node.branch(key)
    assert isinstance(node, str)
    assert call.said[-1] == f"branch {node}"
    assert call.ended and call.status == "completed"
    expected_clock += 2 * SECONDS_PER_WORD  # "branch x"
    assert call.elapsed == pytest.approx(expected_clock)
    pauses = sum(int(e.attributes["length"]) for e in call.transcript if e.verb == "Pause")
    timeouts = sum(int(e.note.split()[1].rstrip("s")) for e in call.transcript if e.verb == "wait")
    spoken = sum(len(text.split()) for text in call.said) * SECONDS_PER_WORD
    assert call.elapsed == pytest.approx(pauses + timeouts + spoken)
