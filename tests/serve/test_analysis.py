"""Posted bodies read as JSON Lines: an object, an array, or lines, each report as `ingest` reads a line."""

from __future__ import annotations

import json

import pytest

from triangulate.serve.analysis import BodyError, report_lines

TEXT = "Several explosions erupted at a militant installation near Balad, north of Baghdad."


def test_one_object_even_pretty_printed_is_one_line() -> None:
    body = json.dumps({"id": "a", "text": TEXT}, indent=2).encode()
    assert [json.loads(line) for line in report_lines(body)] == [{"id": "a", "text": TEXT}]


def test_an_array_gives_one_line_per_item_whatever_it_holds() -> None:
    lines = report_lines(json.dumps([{"text": TEXT}, 3, None]).encode())
    assert [json.loads(line) for line in lines] == [{"text": TEXT}, 3, None]


def test_json_lines_are_cut_at_newlines_only() -> None:
    # U+2028 is a line break to str.splitlines, but JSON allows it raw inside a string
    first = json.dumps({"text": TEXT + "\u2028It was the fourth."}, ensure_ascii=False)
    body = (first + "\n" + json.dumps({"text": TEXT}) + "\n").encode()
    assert report_lines(body)[:2] == [first, json.dumps({"text": TEXT})]


@pytest.mark.parametrize(("body", "words"), [(b"", "empty"), (b" \n\t", "empty"), (b"[]", "array is empty"),
                                             (b"\xff\xfe\xfa", "not UTF-8")])
def test_a_body_with_no_report_says_what_to_send(body: bytes, words: str) -> None:
    with pytest.raises(BodyError, match=words):
        report_lines(body)
