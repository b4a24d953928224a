"""`triangulate run | evaluate | check | stance`: the command group and the analysis commands, thin over the library."""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from triangulate.report.markdown_text import counted
from triangulate.version import __version__

if TYPE_CHECKING:
    from triangulate.pipeline import Analyzer


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


@contextmanager
def _analyzer(engine: str, scheduler: str | None, processes: int | None) -> Iterator[Analyzer | None]:
    """For the local engine, None (the run builds its Pipeline) or, with several processes, a pool of them; a
    Dask analyzer, closed at the end, for dask."""
    if engine == "local":
        if (processes or 1) > 1:
            from triangulate.engine import ProcessAnalyzer

            yield ProcessAnalyzer(processes or 1)
            return
        yield None
        return
    from triangulate.engine import DEFAULT_WORKERS, DaskAnalyzer, EngineError

    try:
        with DaskAnalyzer(scheduler, workers=processes or DEFAULT_WORKERS) as dask:
            yield dask
    except EngineError as exc:  # no cluster to run on: say why, no traceback
        raise click.ClickException(str(exc)) from exc


class Database(click.ParamType):
    """`--db`: a SQLite file, or a `postgresql://` URL kept as given (a Path would fold its `//`)."""

    name = "file|url"
    _file = click.Path(dir_okay=False, path_type=Path)

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        if str(value).startswith(("postgresql://", "postgres://")):  # store.is_url, without importing the store
            return str(value)
        return Path(self._file.convert(str(value), param, ctx))


DATABASE = Database()


@click.group()
@click.version_option(__version__, prog_name="triangulate")
def main() -> None:
    """News reports in, a sourced record of events and attributed claims out."""


@main.command()
@click.argument("reports", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for dossier.json, dossier.md and events.csv.")
@click.option("--db", type=DATABASE,
              help="SQLite database file or postgresql:// URL (default: OUT/triangulate.db). Reports already in it "
              "are not analyzed again.")
@click.option("--published", callback=_parse_date, help="Publication date (YYYY-MM-DD) for reports that lack one.")
@click.option("--outlet", help="Outlet name for reports that lack one.")
@click.option("--processes", type=click.IntRange(1, 16),
              help="Processes that read and extract reports (default 1: here; more: a pool of forked workers); "
              "with --engine dask and no --scheduler, Dask workers (default 2).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where reports are read and extracted: here, or as Dask tasks (stored and linked here either way).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use with --engine dask (e.g. tcp://10.0.0.5:8786); "
              "without it a local cluster is started and closed.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@click.option("--allow-private", is_flag=True,
              help="Fetch URLs on private, loopback and link-local addresses too (refused by default).")
def run(
    reports: tuple[str, ...], out_dir: Path, db: Path | str | None, published: date | None, outlet: str | None,
    processes: int | None, engine: str, scheduler: str | None, quiet: bool, allow_private: bool,
) -> None:
    """Analyze REPORTS (files, folders, http(s) page URLs, or - for JSONL on standard input) into a dossier."""
    from triangulate.base.controls import one_line
    from triangulate.run_codes import RunFailure
    from triangulate.store import StoreError, shown
    from triangulate.watch import run_reports

    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    try:
        with _progress(not quiet) as progress, _analyzer(engine, scheduler, processes) as analyzer:
            result = run_reports(
                list(reports), out_dir, db, allow_private=allow_private, published=published, outlet=outlet,
                n_process=processes or 1, progress=progress, pipeline=analyzer,
            )
    except (StoreError, RunFailure) as exc:  # the database or the files cannot be written: say why, no traceback
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # a temporary file (the run's spool) on a full disk
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        raise click.ClickException(f"cannot write {exc.filename or 'a temporary file'}: {exc.strerror}; "
                                   "free some space and run again: nothing stored is analyzed again") from exc
    for error in result.errors:  # a source or a message may quote hostile input: no control reaches the terminal
        click.echo(f"warning: {one_line(error.source)}: {error.code}: {one_line(error.message)}", err=True)
    held = result.summary
    click.echo(
        f"{counted(result.documents, 'report')} read ({result.analyzed} analyzed, {result.unchanged} unchanged, "
        f"{counted(len(result.duplicates), 'near-duplicate')} dropped, {counted(len(result.errors), 'error')}); "
        f"database holds {counted(held['documents'], 'report')}: {counted(held['stories'], 'story')}, "
        f"{counted(held['events'], 'event')}, {counted(held['claims'], 'claim')}."
    )
    for kind in ("markdown", "json", "csv"):
        if kind in result.outputs:
            click.echo(f"{kind}: {result.outputs[kind]}")
    click.echo(f"database: {shown(result.db_path)}")
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
    from triangulate.evaluate import splits

    held_out = splits(name)[1]

    @click.command(name, help=f"Score triangulate on the {name} data and print the table.")
    @click.option("--data", "data_dir", type=click.Path(path_type=Path), default=None,
                  help=f"Data folder (default: $TRIANGULATE_DATA/{name} or ../shared/data/{name}).")
    @click.option("--split", type=click.Choice(list(splits(name))), default="dev", show_default=True,
                  help=f"{held_out}: held out; measure once, when a component is final.")
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


@main.command()
@click.argument("claim")
@click.option("--db", type=DATABASE, default=Path("out/triangulate.db"),
              show_default=True, help="Database written by `triangulate run` (a file or a postgresql:// URL).")
@click.option("--candidates", default=200, show_default=True, type=click.IntRange(1, 10_000),
              help="Reports read at most (those sharing most words with the claim).")
@click.option("--json", "as_json", is_flag=True, help="Machine output: one JSON object.")
def check(claim: str, db: Path | str, candidates: int, as_json: bool) -> None:
    """The verdict on CLAIM from the stored statements (supported, refuted, disputed, unsupported),
    with the statements and reports behind it and their evidence sentences."""
    from triangulate.link.verdict import check_record
    from triangulate.store import StoreError, is_url, open_store

    if not is_url(db) and not Path(db).exists():
        raise click.ClickException(f"no database at {db}; analyze reports first with `triangulate run ... --db {db}`")
    if not claim.strip():
        raise click.ClickException("the claim is empty; give it as a sentence in quotes")
    try:
        store = open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        result = check_record(store, claim)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
        return
    click.echo(f"Claim: {claim}")
    click.echo(f"Verdict: {result.verdict} (read as {_READINGS[result.reading]})")
    for name, items in (("SUPPORTS", result.supports), ("REFUTES", result.refutes), ("DISCUSSES", result.discusses)):
        if not items or (name == "DISCUSSES" and result.reading == "stance"):
            continue
        click.echo(f"\n{name} ({len(items)})")
        for item in items:
            who = item.speaker_text or "the report"
            via = f" via {', '.join(item.via)}" if item.via else ""
            source = ", ".join(x for x in (item.outlet, item.published) if x) or "outlet unknown"
            click.echo(f"  {who}{via} [{item.stance or item.factuality}] — {source} ({item.doc_id})")
            for span in item.evidence[:2]:
                click.echo(f"        “{span['text']}” [{span['start']}:{span['end']}]")
    if not result.reports:
        click.echo("\nNo stored report supports, contradicts or discusses it.")
        return
    click.echo("\nREPORTS (stance model)")
    for report in result.reports:
        source = ", ".join(x for x in (report.outlet, report.published) if x) or "outlet unknown"
        click.echo(f"  {report.relation:<11} {report.stance.score:.2f}  {report.title or report.external_id} — {source}"
                   f" ({report.doc_id})")


_READINGS = {
    "statement": "a statement by someone: what the same speaker said",
    "sentences": "a fact: the reports' sentences that state it or its opposite",
    "event": "an attack: its means, weekday or toll against what the reports tell of the story's main event",
    "responsibility": "who did it: the stored statements of responsibility",
    "stance": "a fact with no statement to meet: the stance model over the reports",
}


@main.command()
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results here (default: standard output).")
@click.option("--quiet", is_flag=True, help="No summary line on standard error.")
def stance(pairs: Path, out_file: Path | None, quiet: bool) -> None:
    """Stance of each text towards its claim, for PAIRS.jsonl lines {"id", "claim", "text"}.

    Writes one line {"id", "stance", "score", "evidence"} per good input line; stance is agree,
    disagree, discuss or unrelated. A bad line gets an error line on standard error; the rest goes on.
    """
    import time

    from triangulate.link.stance import load_model

    model = load_model()
    started = time.perf_counter()
    done = bad = 0
    source = sys.stdin if str(pairs) == "-" else pairs.open(encoding="utf-8", errors="replace")
    sink = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    batch: list[tuple[str | int, str, str]] = []

    def flush() -> None:
        results = model.predict([(c, t) for _, c, t in batch], doc_ids=[str(i) for i, _, _ in batch])
        for (pair_id, _, _), result in zip(batch, results, strict=True):
            line = {"id": pair_id, "stance": result.stance, "score": round(result.score, 4),
                    "evidence": [{"start": e.start, "end": e.end, "text": e.text} for e in result.evidence]}
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
        batch.clear()

    try:
        for number, raw in enumerate(source, start=1):
            if not raw.strip():
                continue
            parsed = _stance_pair(raw)
            if isinstance(parsed, str):
                bad += 1
                click.echo(f"error: {pairs}:{number}: {parsed}", err=True)
                continue
            batch.append(parsed)
            done += 1
            if len(batch) >= 2048:
                flush()
        if batch:
            flush()
    finally:
        if source is not sys.stdin:
            source.close()
        if out_file:
            sink.close()
    seconds = time.perf_counter() - started
    if not quiet:
        rate = done / seconds if seconds > 0 else 0.0
        click.echo(f"{done} pairs in {seconds:.1f} s ({rate:.0f} pairs/s); {bad} bad lines", err=True)
    if done == 0 and bad:
        sys.exit(1)


def _stance_pair(raw: str) -> tuple[str | int, str, str] | str:
    """(id, claim, text) from one JSONL line, or what is wrong with it."""
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg}); write one object per line"
    if not isinstance(item, dict):
        return "not a JSON object; write {\"id\": ..., \"claim\": ..., \"text\": ...}"
    pair_id = item.get("id")
    if not isinstance(pair_id, str | int) or isinstance(pair_id, bool):
        return "missing \"id\" (a string or a number)"
    for key in ("claim", "text"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            return f"missing or empty \"{key}\" (a string)"
    return pair_id, item["claim"], item["text"]


if __name__ == "__main__":  # pragma: no cover
    main()
