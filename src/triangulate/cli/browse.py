"""`triangulate stories | show | search | export`: read a stored record and export it, thin over
report.browse, report.dossier and report.export.

Rich tables and Markdown on a terminal, plain text when piped, `--json` for scripts. Report text is
hostile: before it reaches a terminal its control characters (escape sequences, bidirectional
overrides) are removed, and it goes to rich as Text, never as markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from triangulate.base.atomic import write_text
from triangulate.base.controls import BIDI, keep_lines, one_line
from triangulate.cli.core import DATABASE, main
from triangulate.report.markdown_text import counted

if TYPE_CHECKING:
    from rich.console import Console

    from triangulate.store import Store

DEFAULT_DB = Path("out/triangulate.db")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI}]")  # json.dumps escapes C0 itself

_db_option = click.option(
    "--db", type=DATABASE, default=DEFAULT_DB, show_default=True,
    help="Database written by `triangulate run` (a file or a postgresql:// URL).")
_json_option = click.option("--json", "as_json", is_flag=True, help="Machine output: one JSON object.")


def json_text(value: Any) -> str:
    """JSON for standard output; the control and direction characters JSON may leave raw are escaped
    (inside strings, the only place they can be), so that the output is safe to look at too."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


@contextmanager
def opened(db: Path | str) -> Iterator[Store]:
    """The store at `db`, closed after; a clear error, not a traceback, when there is none or it is broken."""
    from triangulate.store import StoreError, is_url, open_store

    if not is_url(db) and not Path(db).is_file():
        raise click.ClickException(
            f"no database at {db}; analyze reports first with `triangulate run REPORTS --out DIR` "
            "(it writes DIR/triangulate.db) and give it with --db")
    try:
        store = open_store(db)
    except StoreError as exc:  # also a file that is not SQLite at all
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


def _unknown_story(story_id: str, db: Path | str) -> click.ClickException:
    from triangulate.store import shown

    return click.ClickException(
        f"no story {one_line(story_id)!r} in {shown(db)}; list the stories with `triangulate stories --db {shown(db)}`")


def _story_table(title: str, stories: list[dict[str, Any]], console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title), title_justify="left",  # the title holds the search text: no markup
                  caption="origins: independent origins; events: merged events; contra.: contradictions",
                  caption_justify="left", show_lines=True)
    table.add_column("story", overflow="fold", min_width=20, ratio=1)
    table.add_column("latest", no_wrap=True)
    for name in ("reports", "origins", "events", "contra."):
        table.add_column(name, justify="right", no_wrap=True)
    for s in stories:
        story = Text(one_line(s["headline"]))
        story.append("\n" + one_line(s["id"]), style="dim")  # the id under its headline: what one copies
        table.add_row(story, Text(one_line(s["last_published"] or "—")), str(s["reports"]),
                      str(s["independent_origins"]), str(s["merged_events"]), str(s["contradictions"]))
    console.print(table)


def _story_lines(stories: list[dict[str, Any]]) -> list[str]:
    """The stories as tab-separated lines under a header, for pipes."""
    lines = ["story\tlatest\treports\torigins\tevents\tcontradictions\theadline"]
    for s in stories:
        lines.append("\t".join((one_line(s["id"]), one_line(s["last_published"] or "-"), str(s["reports"]),
                                str(s["independent_origins"]), str(s["merged_events"]),
                                str(s["contradictions"]), one_line(s["headline"]))))
    return lines


@main.command()
@_db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="Stories at most.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0), help="Skip this many first.")
@_json_option
def stories(db: Path | str, limit: int, offset: int, as_json: bool) -> None:
    """The stored stories, newest first: reports, independent origins, merged events, contradictions."""
    from triangulate.report.browse import list_stories

    with opened(db) as store:
        page = list_stories(store, None, offset, limit).to_json()
    if as_json:
        click.echo(json_text(page))
        return
    shown = f"{page['offset'] + 1}-{page['offset'] + len(page['stories'])} of" if page["stories"] else "none of"
    title = f"Stories ({shown} {page['total']})"
    console = _console()
    if console.is_terminal:
        _story_table(title, page["stories"], console)
        return
    click.echo(title)
    for line in _story_lines(page["stories"]):
        click.echo(line)


@main.command()
@click.argument("story")
@_db_option
@_json_option
def show(story: str, db: Path | str, as_json: bool) -> None:
    """One STORY (its id, from `triangulate stories`): who says who did it, reports, timeline, who says what."""
    from triangulate.report.dossier import build_story_dossier
    from triangulate.report.markdown import render_markdown

    with opened(db) as store:
        dossier = build_story_dossier(store, story)
    if dossier is None:
        raise _unknown_story(story, db)
    if as_json:
        click.echo(json_text(dossier))
        return
    text = keep_lines(render_markdown(dossier))
    console = _console()
    if console.is_terminal:
        from rich.markdown import Markdown

        console.print(Markdown(text))  # Markdown is not rich markup: report text stays text
        return
    click.echo(text, nl=not text.endswith("\n"))


@main.command()
@click.argument("text")
@_db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000), help="Stories at most.")
@_json_option
def search(text: str, db: Path | str, limit: int, as_json: bool) -> None:
    """The stories with a report whose title or text holds every word of TEXT, and those reports."""
    from triangulate.report.browse import list_stories

    if not text.strip():
        raise click.ClickException("the search text is empty; give the words to look for")
    with opened(db) as store:
        page = list_stories(store, text, 0, limit).to_json()
        reports = []
        for s in page["stories"]:
            for doc in (store.document(i) for i in s["matches"]):
                if doc is not None:
                    reports.append({"id": doc.id, "story_id": s["id"], "title": doc.title, "outlet": doc.outlet,
                                    "published": doc.published.isoformat() if doc.published else None,
                                    "external_id": doc.external_id})
    if as_json:
        click.echo(json_text({"query": text, **page, "reports": reports}))
        return
    title = f"Search {one_line(text)!r}: {counted(page['total'], 'story')}, {counted(len(reports), 'report')}"
    console = _console()
    if console.is_terminal:
        _story_table(title, page["stories"], console)
        _report_table(reports, console)
        return
    click.echo(title)
    for line in _story_lines(page["stories"]):
        click.echo(line)
    click.echo("")
    click.echo("report\tstory\tpublished\toutlet\ttitle")
    for r in reports:
        click.echo("\t".join(one_line(v or "-") for v in (r["id"], r["story_id"], r["published"], r["outlet"],
                                                         r["title"] or r["external_id"])))


def _report_table(reports: list[dict[str, Any]], console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Matching reports", title_justify="left")
    for name in ("report", "story", "published"):
        table.add_column(name, no_wrap=True)
    for name in ("outlet", "title"):
        table.add_column(name, overflow="fold")
    for r in reports:
        table.add_row(*(Text(one_line(v or "—")) for v in (r["id"], r["story_id"], r["published"], r["outlet"],
                                                           r["title"] or r["external_id"])))
    console.print(table)


@main.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["json", "markdown", "acled-csv", "geojson",
                                                                    "graphml"]),
              help="json: the dossier; markdown: dossier.md; acled-csv: one row per event, ACLED's columns; "
                   "geojson: merged events with a place, as points; graphml: actors as nodes, events, claims "
                   "and responsibility statements as edges.")
@click.option("--story", help="Only this story (its id, from `triangulate stories`).")
@_db_option
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write it here (default: standard output).")
def export(fmt: str, story: str | None, db: Path | str, out_file: Path | None) -> None:
    """The stored record, or one story of it, in an export format."""
    from triangulate.report.dossier import build_dossier, build_story_dossier
    from triangulate.report.export import render

    with opened(db) as store:
        dossier = build_story_dossier(store, story) if story is not None else build_dossier(store)
    if dossier is None:
        raise _unknown_story(story or "", db)
    text, _media_type = render(dossier, fmt)
    if out_file is not None:
        try:
            write_text(out_file, text, newline="")  # as rendered: the CSV keeps its CRLF
        except OSError as exc:
            raise click.ClickException(f"cannot write {out_file}: {exc.strerror or exc}") from exc
        click.echo(f"{fmt}: {out_file}", err=True)
        return
    if _console().is_terminal:  # a file's bytes stay as rendered; a terminal gets no control characters
        text = keep_lines(text)
    click.echo(text, nl=False)
