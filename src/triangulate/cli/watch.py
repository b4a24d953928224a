"""`triangulate watch`: feeds fetched every interval, their new reports analyzed into the store; thin over `triangulate.watch`."""

from __future__ import annotations

from pathlib import Path

import click

from triangulate.base.controls import one_line
from triangulate.cli.core import DATABASE, main
from triangulate.report.markdown_text import counted


def _interval(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    from triangulate.watch import MIN_EVERY, parse_interval

    try:
        seconds = parse_interval(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if seconds < MIN_EVERY:
        raise click.BadParameter(f"{value!r} is too often; poll a feed at most every {MIN_EVERY:g}s")
    return seconds


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, callback=_interval,
              help="Time between rounds, start to start: 30s (the least), 15m, 1h.")
@click.option("--once", is_flag=True, help="One round, then stop.")
@click.option("--db", type=DATABASE,
              help="SQLite database file or postgresql:// URL (default: OUT/triangulate.db, or out/triangulate.db "
              "without --out).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for dossier.json, dossier.md and events.csv, rewritten after a round with new reports.")
@click.option("--allow-private", is_flag=True,
              help="Fetch feeds and pages on private, loopback and link-local addresses too (refused by default).")
def watch(feeds: tuple[str, ...], every: float, once: bool, db: Path | str | None, out_dir: Path | None,
          allow_private: bool) -> None:
    """Fetch FEEDS (RSS or Atom URLs) every interval and analyze their new reports into the store.

    A feed that has not changed costs one conditional request; reports already stored are not
    fetched again. One line per round; Ctrl-C stops.
    """
    from triangulate.ingest.fetch import Fetcher, is_web_url
    from triangulate.run_codes import RunFailure
    from triangulate.store import StoreError, shown
    from triangulate.watch import Round, Watcher
    from triangulate.watch import watch as watch_loop

    bad = [f for f in feeds if not is_web_url(f)]
    if bad:
        raise click.BadParameter(f"{', '.join(bad)}: not an http(s) URL", param_hint="FEEDS")
    db_path = db or (out_dir / "triangulate.db" if out_dir else Path("out") / "triangulate.db")

    def show(done: Round) -> None:
        for error in done.errors:
            click.echo(f"warning: {one_line(error.source)}: {error.code}: {one_line(error.message)}", err=True)
        click.echo(done.summary())

    with Fetcher(allow_private=allow_private) as fetcher:
        watcher = Watcher(feeds, db_path, out_dir, fetcher=fetcher)
        try:
            watch_loop(watcher, every, once=once, on_round=show)
        except KeyboardInterrupt:
            click.echo(f"stopped after {counted(watcher.rounds, 'round')}", err=True)
        except (StoreError, RunFailure) as exc:  # the database or the files cannot be written
            raise click.ClickException(str(exc)) from exc
    click.echo(f"database: {shown(db_path)}")
