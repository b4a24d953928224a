"""`triangulate ...`: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from triangulate import __version__


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from exc


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on a terminal, plain progress lines otherwise."""
    if enabled and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            transient=True,
        ) as bar:
            task = bar.add_task("analyzing", total=None)

            def update(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            yield update
        return

    step = {"last": 0}

    def plain(done: int, total: int) -> None:
        if enabled and (done == total or done - step["last"] >= max(1, total // 10)):
            step["last"] = done
            click.echo(f"analyzed {done}/{total} documents", err=True)

    yield plain


@click.group()
@click.version_option(__version__, prog_name="triangulate")
def main() -> None:
    """News reports in, a sourced record of events and attributed claims out."""


@main.command()
@click.argument("reports", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for dossier.json, dossier.md and events.csv.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database (default: OUT/triangulate.db). Reports already in it are not analyzed again.")
@click.option("--published", callback=_parse_date, help="Publication date (YYYY-MM-DD) for reports that lack one.")
@click.option("--outlet", help="Outlet name for reports that lack one.")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Parser processes.")
@click.option("--quiet", is_flag=True, help="No progress output.")
def run(
    reports: tuple[str, ...], out_dir: Path, db: Path | None, published: date | None, outlet: str | None,
    processes: int, quiet: bool,
) -> None:
    """Analyze REPORTS (files, folders, or - for JSONL on standard input) into a dossier."""
    from triangulate.pipeline import run as run_pipeline

    with _progress(not quiet) as progress:
        result = run_pipeline(
            list(reports), out_dir, db, published=published, outlet=outlet, n_process=processes, progress=progress,
        )
    for error in result.errors:
        click.echo(f"warning: {error.source}: {error.code}: {error.message}", err=True)
    dossier = result.dossier
    click.echo(
        f"{result.documents} reports read ({result.analyzed} analyzed, {result.unchanged} unchanged, "
        f"{len(result.duplicates)} near-duplicates dropped, {len(result.errors)} errors); "
        f"database holds {len(dossier['documents'])} reports: {len(dossier['stories'])} stories, "
        f"{len(dossier['events'])} events, {len(dossier['claims'])} claims."
    )
    for kind in ("markdown", "json", "csv"):
        if kind in result.outputs:
            click.echo(f"{kind}: {result.outputs[kind]}")
    click.echo(f"database: {result.db_path}")
    if result.documents == 0:
        click.echo("error: no report could be read; see the warnings above", err=True)
        sys.exit(1)


@main.group()
def evaluate() -> None:
    """Measure accuracy against human-annotated data."""


def _add_harness_commands() -> None:
    from triangulate.evaluate import HARNESSES

    for name in HARNESSES:
        evaluate.add_command(_harness_command(name))


def _harness_command(name: str) -> click.Command:
    @click.command(name, help=f"Score triangulate on the {name} data and print the table.")
    @click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                  help=f"Data folder (default: $TRIANGULATE_DATA/{name} or ../shared/data/{name}).")
    @click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
                  help="test: held out; measure once, when a component is final.")
    @click.option("--limit", type=int, default=None, help="Only the first N items.")
    @click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Also write the scores here as JSON.")
    def command(data_dir: Path | None, split: str, limit: int | None, json_out: Path | None) -> None:
        from triangulate.evaluate import run_harness
        from triangulate.evaluate.common import print_result

        try:
            result = run_harness(name, data_dir, split=split, limit=limit)
        except (FileNotFoundError, KeyError, ValueError) as exc:
            raise click.ClickException(str(exc)) from exc
        print_result(result)
        if json_out:
            json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    return command


_add_harness_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
