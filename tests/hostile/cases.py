"""The catalogue of hostile inputs: each case, how its input is made, and the outcome it must have.

Inputs are generated in the test's folder (a 200 MB file is sparse: a hole the file system does not
store). Reports are written for these tests in the style of wire copy; none is a real article.
"""

from __future__ import annotations

import base64
import json
import os
import random
from collections.abc import Callable
from datetime import date

from tests.hostile.harness import Case, Env, Inputs, Outcome, Problem, Ran
from tests.webserver import Route, page_html
from triangulate.records import Document, document_id

# distinct reports: no two are near-duplicates of each other or of the good one
REPORTS = (
    "Gunmen attacked a police checkpoint near Tikrit on Monday, killing three officers, a provincial official said.",
    "A drone struck a weapons depot near Al-Qaim on Tuesday, killing two fighters, the Iraqi military said in a "
    "statement.",
    "Artillery shells struck a crowded market in El Fasher on Friday, killing four civilians, medics said.",
    "Malian soldiers freed twenty passengers of a river ferry that militants had seized near Mopti, the army said.",
    "An earthquake of magnitude 5.1 struck near Van on Monday, damaging dozens of houses, the governor said.",
    "Hundreds of protesters blocked the road to the port of Umm Qasr on Tuesday, burning tyres over power cuts.",
)
MB = 2**20
CAP = 5 * MB  # ingest's cap on a file, and on a JSON Lines line


def E(code: str, where: str, reason: str) -> Problem:
    return Problem(code, where, reason)


# -- makers -----------------------------------------------------------------------------------------------


def file(name: str, data: bytes | str | Callable[[], bytes]) -> Callable[[Env], Inputs]:
    """One file, given by name."""

    def make(env: Env) -> Inputs:
        path = env.folder / name
        body = data() if callable(data) else data
        path.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
        return Inputs([str(path)])

    return make


def folder(files: dict[str, bytes | str]) -> Callable[[Env], Inputs]:
    """Several files in a folder, given as the folder (so a metadata.jsonl in it applies)."""

    def make(env: Env) -> Inputs:
        for name, body in files.items():
            (env.folder / name).write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
        return Inputs([str(env.folder)])

    return make


def jsonl(*lines: object) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


def sparse(name: str, size: int, head: bytes = b"", tail: bytes = b"") -> Callable[[Env], Inputs]:
    """A file of `size` bytes that is mostly a hole (NUL bytes on reading), written in no time."""

    def make(env: Env) -> Inputs:
        path = env.folder / name
        with path.open("wb") as handle:
            handle.write(head)
            handle.truncate(size - len(tail))
            handle.seek(size - len(tail))
            handle.write(tail)
        assert path.stat().st_size == size
        return Inputs([str(path)])

    return make


def rss(*items: str, title: str = "Desert Wire", prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}\n<rss version="2.0"><channel><title>{title}</title>'
            f'<link>https://wire.example.org/</link>{"".join(items)}</channel></rss>\n')


def item(text: str, *, title: str = "Report", extra: str = "") -> str:
    return f"<item><title>{title}</title>{extra}<description>{text}</description></item>"


def words(count: int) -> str:
    """A run-on sentence of real words, with no full stop, comma or line break."""
    pool = ["police", "arrested", "protesters", "outside", "the", "governor", "office", "in", "Basra", "on",
            "Sunday", "a", "local", "official", "said", "that", "the", "army", "blamed", "rebels", "who", "denied",
            "it"]
    return " ".join(pool[i % len(pool)] for i in range(count))


def prose_line(size: int) -> bytes:
    """A single line of `size` bytes of report sentences (no line break)."""
    line = " ".join(REPORTS).encode("utf-8") + b" "
    return (line * (size // len(line) + 1))[:size]


def blob_line(size: int) -> bytes:
    """A single line of base64, such as a data URI pasted into a text: no space, no line break."""
    return base64.b64encode(random.Random(14).randbytes(size))[:size]


def billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                          for i in range(1, 10)]
    return rss(item("&lol9;"), prolog=f"<!DOCTYPE rss [{''.join(entities)}]>")


def nested(depth: int, inner: str) -> str:
    return "<div>" * depth + inner + "</div>" * depth


def html_page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def article(*paragraphs: str) -> str:
    return "<article>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"


def server_route(path: str, route: Route) -> Callable[[Env], Inputs]:
    def make(env: Env) -> Inputs:
        env.server.routes[path] = route
        return Inputs([env.server.url(path)])

    return make


def documents(*docs: Document) -> Callable[[Env], Inputs]:
    return lambda env: Inputs(list(docs))


def stdin(data: bytes) -> Callable[[Env], Inputs]:
    return lambda env: Inputs(["-"], stdin=data)


def stdin_file(size: int, head: bytes, tail: bytes) -> Callable[[Env], Inputs]:
    """Standard input read from a sparse file of `size` bytes (the test never holds it in memory)."""

    def make(env: Env) -> Inputs:
        sparse("stdin.jsonl", size, head, tail)(env)
        return Inputs(["-"], stdin=(env.folder / "stdin.jsonl").open("rb"))

    return make


def with_options(maker: Callable[[Env], Inputs], *options: str) -> Callable[[Env], Inputs]:
    def make(env: Env) -> Inputs:
        inputs = maker(env)
        inputs.options.extend(options)
        return inputs

    return make


def symlink(name: str, target: str) -> Callable[[Env], Inputs]:
    def make(env: Env) -> Inputs:
        (env.folder / name).symlink_to(target)
        return Inputs([str(env.folder / name)])

    return make


def fifo(name: str) -> Callable[[Env], Inputs]:
    def make(env: Env) -> Inputs:
        os.mkfifo(env.folder / name)  # opening it to read would block for ever
        return Inputs([str(env.folder / name)])

    return make


def in_folder(maker: Callable[[Env], Inputs]) -> Callable[[Env], Inputs]:
    """The maker's files, given as their folder (met by walking it, not named)."""

    def make(env: Env) -> Inputs:
        maker(env)
        return Inputs([str(env.folder)])

    return make


def raw_names(files: dict[bytes, bytes]) -> Callable[[Env], Inputs]:
    """Files whose names are given as bytes (not UTF-8, or holding control characters)."""

    def make(env: Env) -> Inputs:
        for name, body in files.items():
            with open(os.path.join(os.fsencode(env.folder), name), "wb") as handle:
                handle.write(body)
        return Inputs([str(env.folder)])

    return make


def loop_folder(env: Env) -> Inputs:
    (env.folder / "a.txt").write_text(REPORTS[0], encoding="utf-8")
    (env.folder / "again").symlink_to(env.folder, target_is_directory=True)  # a folder holding itself
    return Inputs([str(env.folder)])


def external_dtd(env: Env) -> Inputs:
    """A feed naming a DTD on the local server: it must be neither fetched nor expanded."""
    env.server.routes["/evil.dtd"] = Route(b'<!ENTITY leak SYSTEM "file:///etc/passwd">', content_type="text/plain")
    path = env.folder / "feed.xml"
    path.write_text(rss(item(REPORTS[0] + " &leak;"), prolog=f'<!DOCTYPE rss SYSTEM "{env.server.url("/evil.dtd")}">'),
                    encoding="utf-8")
    return Inputs([str(path)])


# -- checks beyond the common ones ------------------------------------------------------------------------


def texts_are(*expected: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        assert sorted(d["text"] for d in ran.hostile) == sorted(expected)

    return check


def text_lacks(*fragments: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        for doc in ran.hostile:
            assert not [f for f in fragments if f in doc["text"]], doc["text"]

    return check


def undated(ran: Ran) -> None:
    assert [d["published"] for d in ran.hostile] == [None] * len(ran.hostile)


def nothing_shown(*fragments: str) -> Callable[[Ran], None]:
    """None of the fragments reaches the terminal or dossier.md."""

    def check(ran: Ran) -> None:
        for fragment in fragments:
            assert fragment not in ran.shown, f"{fragment!r} reached the user"

    return check


def all_of(*checks: Callable[[Ran], None]) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        for one in checks:
            one(ran)

    return check


def not_fetched(path: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        assert ran.env.server.hits[path] == 0, f"{path} was fetched"

    return check


def cut_to_cap(ran: Ran) -> None:
    (doc,) = ran.hostile
    assert 199_000 <= len(doc["text"]) <= 200_000


def analyzed_without_failure(ran: Ran) -> None:
    """The hostile report itself was analyzed: it has its times read and no failure (E201) on it."""
    (doc,) = ran.hostile
    assert all(e["code"] != "E201" for e in doc["errors"])


def homoglyphs_kept_apart(ran: Ran) -> None:
    (doc,) = ran.hostile
    assert doc["outlet"] == "R\u0435uters" and doc["outlet"] != "Reuters"  # shown as given, not as the real one
    assert doc["text"] == HOMOGLYPH_TEXT
    assert not [p for p in doc["places"] if p["name"] == "Basra"]  # the look-alike is not read as the city
    for mention in doc["mentions"]:  # every span still indexes the text as published
        assert doc["text"][mention["start"]:mention["end"]] == mention["text"]


def hostile_name_shown_inert(ran: Ran) -> None:
    """The name is kept as it is in the dossier, and printed on one line with its controls blanked."""
    (error,) = ran.dossier["errors"]
    assert error["source"].endswith("evil\x1b[2J\n\u202e.txt")
    (line,) = [line for line in ran.stderr.splitlines() if "E103" in line]
    assert line.startswith("warning: ") and "evil [2J .txt: E103: the file is empty" in line
    nothing_shown("\x1b", "\u202e")(ran)


HOMOGLYPH_TEXT = ("Police detained two men in \u0412\u0430\u0455r\u0430 on Monday, a spokesman for "
                  "\u041d\u0430m\u0430s said.")
BIDI_TEXT = ("Police in \u202eBasra\u202c detained two men on Monday\u200b, a local\u2066 official\u2069 said; "
             "\ufeffthe army\u200d blamed rebels.")
ZERO_WIDTH = "\u200b" * 100_000 + REPORTS[4]


# -- the catalogue ----------------------------------------------------------------------------------------

CASES: list[Case] = [
    # empty files
    Case("empty_txt", "empty", file("empty.txt", b""), Outcome(errors=(E("E103", "empty.txt", "the file is empty"),))),
    Case("blank_txt", "empty", file("blank.txt", " \n\n\t \r\n"), Outcome(errors=(E("E103", "blank.txt", "empty"),))),
    Case("bom_only_txt", "empty", file("bom.txt", b"\xef\xbb\xbf\n"),
         Outcome(errors=(E("E103", "bom.txt", "only white space"),))),
    Case("empty_jsonl", "empty", file("r.jsonl", b""), Outcome(errors=(E("E103", "r.jsonl", "the file is empty"),))),
    Case("empty_html", "empty", file("page.html", b""), Outcome(errors=(E("E103", "page.html", "empty"),))),
    Case("empty_feed", "empty", file("feed.xml", b"   \n"), Outcome(errors=(E("E103", "feed.xml", "empty"),))),
    # binary files with a text name
    Case("png_named_txt", "binary", file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
         Outcome(errors=(E("E111", "photo.txt", "NUL bytes, so it is binary"),))),
    Case("random_bytes_named_txt", "binary", file("noise.txt", random.Random(7).randbytes(4096)),
         Outcome(errors=(E("E111", "noise.txt", "binary"),))),
    Case("gzip_named_jsonl", "binary", file("reports.jsonl", b"\x1f\x8b\x08\x00" + random.Random(8).randbytes(2048)),
         Outcome(errors=(E("E111", "reports.jsonl", "NUL bytes"),))),
    Case("elf_named_html", "binary", file("page.html", b"\x7fELF\x02\x01\x01\x00" + bytes(200)),
         Outcome(errors=(E("E111", "page.html", "binary"),))),
    Case("control_bytes_without_nul", "binary", file("ctl.txt", bytes(range(1, 9)) * 200 + b"some text"),
         Outcome(errors=(E("E111", "ctl.txt", "too many control characters"),))),
    # encodings
    Case("utf16le_with_bom", "encoding", file("r.txt", REPORTS[0].encode("utf-16")),
         Outcome(read=1), check=texts_are(REPORTS[0])),
    Case("utf16be_with_bom", "encoding", file("r.txt", b"\xfe\xff" + REPORTS[0].encode("utf-16-be")),
         Outcome(read=1), check=texts_are(REPORTS[0])),
    Case("utf16le_without_bom", "encoding", file("r.txt", REPORTS[0].encode("utf-16-le")),
         Outcome(read=1, warnings=(E("E115", "r.txt", "read as UTF-16LE"),)), check=texts_are(REPORTS[0])),
    Case("utf16be_without_bom", "encoding", file("r.txt", REPORTS[0].encode("utf-16-be")),
         Outcome(read=1, warnings=(E("E115", "r.txt", "read as UTF-16BE"),)), check=texts_are(REPORTS[0])),
    Case("utf16_bom_not_utf16", "encoding", file("r.txt", b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8A"),
         Outcome(errors=(E("E111", "r.txt", "does not decode as UTF-16"),))),
    Case("latin1", "encoding", file("r.txt", "Officials in Mosul said the caf\u00e9 was hit twice.".encode("latin-1")),
         Outcome(read=1, warnings=(E("E112", "r.txt", "read as Windows-1252/Latin-1"),)),
         check=texts_are("Officials in Mosul said the caf\u00e9 was hit twice.")),
    Case("mixed_utf8_and_cp1252", "encoding",
         file("r.txt", "Officials in Mosul said the caf\u00e9 was hit ".encode() + "\u2013 twice, in Ni\u00f1o street."
              .encode("cp1252")),
         Outcome(read=1, warnings=(E("E112", "r.txt", "what is not was read as Windows-1252"),)),
         check=texts_are("Officials in Mosul said the caf\u00e9 was hit \u2013 twice, in Ni\u00f1o street.")),
    Case("invalid_utf8_sequences", "encoding",
         file("r.txt", b"Police in Mosul \xc0\xaf detained \xed\xa0\x80 two \x80\x80 men \xe2\x82 on Monday."),
         Outcome(read=1, warnings=(E("E112", "r.txt", "not valid UTF-8"),))),
    Case("jsonl_invalid_utf8_line", "encoding",
         file("r.jsonl", jsonl({"id": "a", "text": REPORTS[0]}).encode() + b'{"id": "b", "text": "'
              + REPORTS[1].encode() + b' caf\xe9"}\n'),
         Outcome(read=2, errors=(E("E112", "r.jsonl", "not valid UTF-8"),))),
    Case("stdin_latin1_line", "encoding",
         stdin(jsonl({"id": "a", "text": REPORTS[0]}).encode()
               + '{"id": "b", "text": "caf\u00e9 in Mosul was hit."}\n'.encode("latin-1")),
         Outcome(read=2, errors=(E("E112", "<stdin>", "not valid UTF-8"),))),
    # NUL bytes
    Case("nul_in_txt", "nul", file("r.txt", REPORTS[0].encode() + b"\x00\x00" + REPORTS[1].encode()),
         Outcome(errors=(E("E111", "r.txt", "NUL bytes"),))),
    Case("nul_in_jsonl", "nul", file("r.jsonl", b'{"id": "a", "text": "x\x00y"}\n'),
         Outcome(errors=(E("E111", "r.jsonl", "NUL bytes"),))),
    Case("escaped_controls_in_jsonl_text", "nul",
         file("r.jsonl", jsonl({"id": "a", "text": REPORTS[0] + " \u0000 \u001b[2J\u001b]0;pwned\u0007 \u009b31m",
                                "title": "Title \u001b[31mred", "outlet": "Wire\u202e"})),
         Outcome(read=1), check=nothing_shown("\x00", "\x1b", "\x07", "\x9b", "\u202e")),
    # size
    Case("txt_200mb_sparse", "size", sparse("huge.txt", 200 * MB, head=REPORTS[0].encode()),
         Outcome(errors=(E("E109", "huge.txt", "209,715,200 bytes, over the 5,242,880-byte cap"),)),
         seconds=10, memory_mb=16),
    Case("html_200mb_sparse", "size", sparse("huge.html", 200 * MB, head=b"<html><body><p>"),
         Outcome(errors=(E("E109", "huge.html", "over the 5,242,880-byte cap"),)), seconds=10, memory_mb=16),
    Case("feed_200mb_sparse", "size", sparse("huge.xml", 200 * MB, head=b"<?xml version='1.0'?><rss>"),
         Outcome(errors=(E("E109", "huge.xml", "over the 5,242,880-byte cap"),)), seconds=10, memory_mb=16),
    Case("jsonl_200mb_line_sparse", "size",
         sparse("huge.jsonl", 200 * MB, head=b'{"id": "big", "text": "' + b"x" * 16_384, tail=b'"}\n'),
         Outcome(errors=(E("E126", "huge.jsonl:1", "line 1 is over the 5 MB cap"),)), seconds=30, memory_mb=24),
    Case("stdin_200mb_line", "size",
         stdin_file(200 * MB, head=b'{"id": "big", "text": "' + b"x" * 16_384, tail=b'"}\n'),
         Outcome(errors=(E("E126", "<stdin>:1", "over the 5 MB cap"),)), seconds=30, memory_mb=40),
    Case("txt_one_byte_over_cap", "size", file("r.txt", lambda: prose_line(CAP + 1)),
         Outcome(errors=(E("E109", "r.txt", "5,242,881 bytes"),)), memory_mb=16),
    Case("jsonl_5mb_line", "size",
         file("r.jsonl", lambda: b'{"id": "a", "text": "' + prose_line(CAP) + b'"}\n'
              + jsonl({"id": "b", "text": REPORTS[1]}).encode()),
         Outcome(read=1, errors=(E("E126", "r.jsonl:1", "over the 5 MB cap"),)), memory_mb=40),
    Case("txt_5mb_single_line_base64", "size", file("blob.txt", lambda: blob_line(CAP)),
         Outcome(read=1, warnings=(E("E110", "blob.txt", "text cut to 200,000 of its 5,242,880 characters"),)),
         seconds=40, check=cut_to_cap),
    Case("sentence_of_1000_tokens", "size", file("runon.txt", words(1000)), Outcome(read=1), seconds=40,
         check=analyzed_without_failure),
    Case("zero_width_flood", "size", file("zw.txt", ZERO_WIDTH), Outcome(read=1), seconds=30,
         check=texts_are(ZERO_WIDTH)),
    Case("txt_5mb_single_line_prose", "size", file("prose.txt", lambda: prose_line(CAP)),
         Outcome(read=1, warnings=(E("E110", "prose.txt", "of its 5,242,880 characters"),)), seconds=600,
         check=cut_to_cap, slow=True),
    Case("sentence_of_100000_tokens", "size", file("runon.txt", words(100_000)),
         Outcome(read=1, warnings=(E("E110", "runon.txt", "text cut to"),)), seconds=900, slow=True),
    Case("sentence_of_100000_one_letter_tokens", "size", file("aaa.txt", " ".join(["a"] * 100_000)),
         Outcome(read=1), seconds=900, slow=True),
    # HTML
    Case("html_10000_nested_elements", "html", file("deep.html", html_page(nested(10_000, article(REPORTS[0])))),
         Outcome(errors=(E("E131", "deep.html", "nests elements 255 levels deep"),))),
    Case("html_only_scripts", "html",
         file("scripts.html", html_page("<script>document.write('" + REPORTS[0] + "')</script><script src='x.js'>"
                                        "</script><noscript></noscript>", head="<script>alert(1)</script>")),
         Outcome(errors=(E("E130", "scripts.html", "no article text found"),))),
    Case("html_scripts_around_an_article", "html",
         file("page.html", html_page("<script>alert(document.cookie)</script>" + article(REPORTS[0], REPORTS[2])
                                     + "<style>p{}</style><script>fetch('//evil')</script>")),
         Outcome(read=1), check=text_lacks("alert(", "document.cookie", "fetch(", "p{}")),
    Case("html_dates_year_0_and_99999", "html",
         file("page.html", html_page(article(REPORTS[0], REPORTS[2]) + "<time datetime='0000-01-01'>0000</time>",
                                     head="<meta property='article:published_time' content='99999-01-01T00:00:00Z'>")),
         Outcome(read=1), check=undated),
    Case("html_charset_that_lies", "html",
         file("page.html", html_page(article("Officials in Mosul said the caf\u00e9 was hit twice.", REPORTS[2]),
                                     head="<meta charset='windows-1251'>").encode("utf-8")),
         Outcome(read=1), check=lambda ran: ran.hostile[0]["text"].startswith("Officials in Mosul said the caf\u00e9")),
    # JSON Lines
    Case("jsonl_malformed_lines", "jsonl",
         file("r.jsonl", jsonl({"id": "a", "text": REPORTS[0]}, "{not json", '{"id": "b", "text": "unterminated',
                               {"id": "c", "text": REPORTS[1]})),
         Outcome(read=2, errors=(E("E120", "r.jsonl:2", "line 2 is not valid JSON"),
                                 E("E120", "r.jsonl:3", "line 3 is not valid JSON")))),
    Case("jsonl_wrong_types", "jsonl",
         file("r.jsonl", jsonl({"id": "a", "text": 1234},
                               {"id": ["x"], "text": REPORTS[1], "title": 5, "outlet": {"n": 1}, "published": 20190821},
                               {"id": True, "text": REPORTS[2], "url": ["http://a"]})),
         Outcome(read=2, errors=(E("E123", "r.jsonl:1", "`text` is int"),),
                 warnings=(E("E127", "r.jsonl:2", "no usable `id`"), E("E113", "r.jsonl:2", "`title` is int"),
                           E("E113", "r.jsonl:2", "`outlet` is dict"), E("E107", "r.jsonl:2", "20190821 is not a date"),
                           E("E127", "r.jsonl:3", "no usable `id`"), E("E113", "r.jsonl:3", "`url` is list")))),
    Case("jsonl_missing_text", "jsonl",
         file("r.jsonl", jsonl({"id": "a"}, {"id": "b", "text": None}, {"id": "c", "text": "  \n "}, [1, 2], "null",
                               {"id": "d", "text": REPORTS[0]})),
         Outcome(read=1, errors=(E("E122", "r.jsonl:1", "has no `text`"), E("E122", "r.jsonl:2", "has no `text`"),
                                 E("E124", "r.jsonl:3", "`text` is empty"), E("E121", "r.jsonl:4", "JSON array"),
                                 E("E121", "r.jsonl:5", "JSON null")))),
    Case("jsonl_duplicate_ids_different_text", "jsonl",
         file("r.jsonl", jsonl({"id": "a", "text": REPORTS[0]}, {"id": "b", "text": REPORTS[1]},
                               {"id": "a", "text": REPORTS[2]})),
         Outcome(read=3, warnings=(E("E128", "r.jsonl:3", "gives `id` 'a' as line 1 did, with another text"),))),
    Case("jsonl_same_line_twice", "jsonl",
         file("r.jsonl", jsonl({"id": "a", "text": REPORTS[0]}, {"id": "a", "text": REPORTS[0]})),
         Outcome(read=2, dropped=1, errors=(E("E150", "r.jsonl:2", "near-duplicate of a"),))),
    Case("jsonl_nested_100000_deep", "jsonl",
         file("r.jsonl", jsonl("[" * 100_000 + "]" * 100_000, {"id": "a", "text": REPORTS[0]})),
         Outcome(read=1, errors=(E("E120", "r.jsonl:1", "nested too deeply"),))),
    Case("jsonl_lone_surrogates", "jsonl",
         file("r.jsonl", '{"id": "a", "text": "' + REPORTS[0] + ' \\ud800 and \\udfff", "title": "T\\udc80"}\n'),
         Outcome(read=1, warnings=(E("E116", "r.jsonl:1", "`text`, `title` held lone surrogates"),)),
         check=texts_are(REPORTS[0] + " \ufffd and \ufffd")),
    Case("jsonl_5000_digit_number", "jsonl",
         file("r.jsonl", '{"id": ' + "9" * 5000 + ', "text": "x"}\n' + jsonl({"id": "b", "text": REPORTS[0]})),
         Outcome(read=1, errors=(E("E120", "r.jsonl:1", "not valid JSON"),))),
    Case("stdin_nested_and_surrogates", "jsonl",
         stdin(("[" * 50_000 + "\n" + '{"id": "s", "text": "' + REPORTS[0] + ' \\ud800"}\n').encode()),
         Outcome(read=1, errors=(E("E120", "<stdin>:1", "nested too deeply"),),
                 warnings=(E("E116", "<stdin>:2", "lone surrogates"),))),
    # feeds
    Case("feed_billion_laughs", "feed", file("feed.xml", billion_laughs()),
         Outcome(errors=(E("E141", "feed.xml", "declares XML entities"),)), seconds=10),
    Case("feed_external_entity", "feed",
         file("feed.xml", rss(item("&xxe;"), prolog='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
         Outcome(errors=(E("E141", "feed.xml", "declares XML entities"),)), check=nothing_shown("root:")),
    Case("feed_external_dtd_not_fetched", "feed", external_dtd, Outcome(read=1),
         check=all_of(not_fetched("/evil.dtd"), nothing_shown("root:"))),
    Case("feed_entities_in_utf16", "feed",
         file("feed.xml", rss(item("&x;"), prolog='<!DOCTYPE rss [<!ENTITY x "boom">]>').encode("utf-16")),
         Outcome(errors=(E("E141", "feed.xml", "declares XML entities"),))),
    Case("feed_wrong_dates", "feed",
         file("feed.xml", rss(item(REPORTS[0], extra="<pubDate>yesterday</pubDate>"),
                              item(REPORTS[1], extra="<pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate>"),
                              item(REPORTS[2], extra="<pubDate>Fri, 31 Dec 99999 23:59:59 GMT</pubDate>"),
                              item(REPORTS[3], extra="<pubDate>2999-01-01T00:00:00Z</pubDate>"),
                              item(REPORTS[4], extra="<pubDate>Sat, 14 Oct 1066 09:00:00 GMT</pubDate>"))),
         Outcome(read=5, warnings=(E("E107", "feed.xml#item1", "'yesterday' is not a date"),
                                   E("E107", "feed.xml#item2", "'Sat, 01 Jan 0000 00:00:00 GMT' is not a date"),
                                   E("E107", "feed.xml#item3", "99999"),
                                   E("E117", "feed.xml#item4", "is in the future"),
                                   E("E117", "feed.xml#item5", "is before 1605"))),
         check=undated),
    Case("feed_enormous_markup_item", "feed",
         file("feed.xml", lambda: rss(item(REPORTS[0] + "&lt;span&gt;&lt;/span&gt;" * 190_000)).encode()),
         Outcome(read=1), seconds=30, check=texts_are(REPORTS[0])),
    Case("feed_over_cap", "feed", file("feed.xml", lambda: rss(item(REPORTS[0] + " x" * (3 * MB))).encode()),
         Outcome(errors=(E("E109", "feed.xml", "over the 5,242,880-byte cap"),))),
    Case("feed_nested_past_the_parser", "feed",
         file("feed.xml", rss(item("<![CDATA[x]]>", extra=nested(10_000, "deep")))),
         Outcome(errors=(E("E140", "feed.xml", "not well-formed XML"),))),
    Case("feed_items_without_text", "feed",
         file("feed.xml", rss("<item><title>Only a title</title></item>", item("<script>alert(1)</script>"),
                              item(REPORTS[0]))),
         Outcome(read=1, errors=(E("E143", "feed.xml#item1", "no description or content"),
                                 E("E143", "feed.xml#item2", "no description or content")))),
    Case("xml_that_is_no_feed", "feed",
         file("image.xml", "<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>"),
         Outcome(errors=(E("E142", "image.xml", "the root element is <svg>"),))),
    Case("feed_without_items", "feed", file("feed.xml", rss()),
         Outcome(errors=(E("E144", "feed.xml", "no <item> or <entry>"),))),
    Case("feed_enormous_prose_item", "feed",
         file("feed.xml", lambda: rss(item(prose_line(CAP - 400).decode())).encode()),
         Outcome(read=1, warnings=(E("E110", "feed.xml#item1", "text cut to"),)), seconds=600, slow=True),
    # URLs (the local server; loopback allowed, every other private range refused)
    Case("url_redirect_to_a_private_address", "url",
         server_route("/go-private", Route(status=302, headers={"Location": "http://10.0.0.1/admin"})),
         Outcome(errors=(E("E161", "/go-private", "redirected to http://10.0.0.1/admin"),)), entry="run_reports"),
    Case("url_redirect_to_the_metadata_service", "url",
         server_route("/go-meta", Route(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})),
         Outcome(errors=(E("E161", "/go-meta", "redirected to http://169.254.169.254"),)), entry="run_reports"),
    Case("url_redirect_loop", "url", server_route("/loop", Route(status=302, headers={"Location": "/loop"})),
         Outcome(errors=(E("E160", "/loop", "more than 5 redirects"),)), entry="run_reports"),
    Case("url_redirect_to_a_file", "url",
         server_route("/go-file", Route(status=302, headers={"Location": "file:///etc/passwd"})),
         Outcome(errors=(E("E165", "/go-file", "redirected to file:///etc/passwd"),)), entry="run_reports",
         check=nothing_shown("root:")),
    Case("url_oversized_response", "url", server_route("/huge", Route(b"<p>" + b"x" * (6 * MB) + b"</p>")),
         Outcome(errors=(E("E163", "/huge", "5,242,880"),)), entry="run_reports", memory_mb=48),
    Case("url_not_text", "url", server_route("/photo", Route(b"\x89PNG\r\n", content_type="image/png")),
         Outcome(errors=(E("E164", "/photo", "image/png"),)), entry="run_reports"),
    Case("url_on_loopback_from_the_cli", "url", server_route("/page", Route(page_html("kaya-checkpoint"))),
         Outcome(errors=(E("E161", "/page", "127.0.0.1 is a private, loopback or link-local address"),))),
    # dates in the year 0 or 99999
    Case("metadata_dates_year_0_99999_9999", "date",
         folder({"a.txt": REPORTS[0], "b.txt": REPORTS[1], "c.txt": REPORTS[2],
                 "metadata.jsonl": jsonl({"file": "a.txt", "published": "0000-01-01"},
                                         {"file": "b.txt", "published": "99999-12-31"},
                                         {"file": "c.txt", "published": "9999-12-31"})}),
         Outcome(read=3, errors=(E("E107", "metadata.jsonl:1", "'0000-01-01' is not a date"),
                                 E("E107", "metadata.jsonl:2", "'99999-12-31' is not a date"),
                                 E("E117", "metadata.jsonl:3", "'9999-12-31' is in the future"))),
         check=undated),
    Case("jsonl_published_extremes", "date",
         file("r.jsonl", jsonl({"id": "a", "text": REPORTS[0], "published": "0000-01-01"},
                               {"id": "b", "text": REPORTS[1], "published": "+99999-01-01"},
                               {"id": "c", "text": REPORTS[2], "published": "1066-10-14"},
                               {"id": "d", "text": REPORTS[3], "published": "9999-12-31T23:59:59+00:00"},
                               {"id": "e", "text": REPORTS[4], "published": 0})),
         Outcome(read=5, warnings=(E("E107", "r.jsonl:1", "is not a date"), E("E107", "r.jsonl:2", "is not a date"),
                                   E("E117", "r.jsonl:3", "is before 1605"), E("E117", "r.jsonl:4", "in the future"),
                                   E("E107", "r.jsonl:5", "`published` 0 is not a date"))),
         check=undated),
    Case("dates_in_the_text", "date",
         folder({"r.txt": "On January 1, 99999 and in the year 0, on 31/12/9999, on 0000-00-00 and by 10000 BC, "
                          "police in Mosul arrested three men, next year and the year after.",
                 "metadata.jsonl": jsonl({"file": "r.txt", "published": "2020-05-01"})}),
         Outcome(read=1), check=analyzed_without_failure),
    Case("published_option_9999_12_31", "date", with_options(file("r.txt", REPORTS[0]), "--published", "9999-12-31"),
         Outcome(read=1), check=analyzed_without_failure),
    Case("published_option_0001_01_01", "date", with_options(file("r.txt", REPORTS[0]), "--published", "0001-01-01"),
         Outcome(read=1), check=analyzed_without_failure),
    Case("api_documents_with_extreme_dates", "date",
         documents(Document(id=document_id(REPORTS[0]), external_id="far", source="far", text=REPORTS[0],
                            published=date(9999, 12, 31)),
                   Document(id=document_id(REPORTS[1]), external_id="early", source="early", text=REPORTS[1],
                            published=date(1, 1, 1))),
         Outcome(read=2, warnings=(E("E117", "far", "9999-12-31 is in the future"),
                                   E("E117", "early", "0001-01-01 is before 1605"))),
         entry="analyze", check=undated),
    Case("api_document_over_the_parser_limit", "size",
         documents(Document(id="given-id", external_id="long", source="long",
                            text=REPORTS[0] + " " * 1_200_000 + REPORTS[1])),
         Outcome(read=1, warnings=(E("E110", "long", "of its 1,200,"),)), entry="analyze",
         check=texts_are(REPORTS[0])),
    # right-to-left and zero-width characters, homoglyphs, hostile names
    Case("bidi_and_zero_width_in_text", "unicode", file("r.txt", BIDI_TEXT), Outcome(read=1),
         check=all_of(texts_are(BIDI_TEXT), analyzed_without_failure)),
    Case("bidi_and_escapes_in_metadata", "unicode",
         folder({"r.txt": REPORTS[0],
                 "metadata.jsonl": jsonl({"file": "r.txt", "title": "\u202eevil\u202c title \u2067x\u2069",
                                          "outlet": "Wire \u001b[2J\u001b[31m", "url": "javascript:alert(1)"})}),
         Outcome(read=1), check=nothing_shown("\u202e", "\u2067", "\x1b")),
    Case("homoglyph_names", "unicode",
         folder({"r.txt": HOMOGLYPH_TEXT, "metadata.jsonl": jsonl({"file": "r.txt", "outlet": "R\u0435uters"})}),
         Outcome(read=1), check=homoglyphs_kept_apart),
    Case("file_name_with_controls", "unicode", raw_names({b"evil\x1b[2J\n\xe2\x80\xae.txt": b""}),
         Outcome(errors=(E("E103", ".txt", "the file is empty"),)), check=hostile_name_shown_inert),
    Case("file_names_not_utf8", "unicode", raw_names({b"r\xff.txt": REPORTS[0].encode(), b"e\xfe.txt": b""}),
         Outcome(read=1, errors=(E("E103", "e\\xfe.txt", "empty"),)),
         check=lambda ran: [d["external_id"] for d in ran.hostile] == ["r\\xff.txt"]),
    # paths that are not files
    Case("missing_path", "path", lambda env: Inputs([str(env.folder / "nowhere.txt")]),
         Outcome(errors=(E("E101", "nowhere.txt", "no such file or folder"),))),
    Case("unsupported_extension", "path", file("notes.docx", b"PK\x03\x04"),
         Outcome(errors=(E("E108", "notes.docx", "does not read .docx files"),))),
    Case("fifo_named_txt", "path", fifo("pipe.txt"), Outcome(errors=(E("E102", "pipe.txt", "not a regular file"),)),
         seconds=10),
    Case("symlink_to_dev_zero", "path", symlink("zero.txt", "/dev/zero"),
         Outcome(errors=(E("E102", "zero.txt", "not a regular file"),)), seconds=10),
    Case("symlink_to_dev_urandom_in_a_folder", "path", in_folder(symlink("random.jsonl", "/dev/urandom")),
         Outcome(errors=(E("E102", "random.jsonl", "not a regular file"),)), seconds=10),
    Case("fifo_named_jsonl_in_a_folder", "path", in_folder(fifo("pipe.jsonl")),
         Outcome(errors=(E("E102", "pipe.jsonl", "not a regular file"),)), seconds=10),
    Case("folder_that_holds_itself", "path", loop_folder, Outcome(read=1), seconds=10),
    Case("metadata_given_by_name", "path",
         file("metadata.jsonl", jsonl({"file": "a.txt", "title": "x"})),
         Outcome(errors=(E("E114", "metadata.jsonl", "holds no report of its own"),))),
]


def classes() -> dict[str, int]:
    found: dict[str, int] = {}
    for case in CASES:
        found[case.kind] = found.get(case.kind, 0) + 1
    return found
