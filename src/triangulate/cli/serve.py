"""`triangulate serve`: the workbench (JSON API and dossier page) over a database, with uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from triangulate.cli.core import DATABASE, main


@main.command()
@click.option("--db", type=DATABASE, default=Path("out/triangulate.db"), show_default=True,
              help="Database written by `triangulate run`, a file or a postgresql:// URL (made, empty, if missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. On any address but loopback, reads need the token too.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--max-body-mb", default=10, show_default=True, type=click.IntRange(1, 1024),
              help="Largest request body in MB; a bigger one gets a 413.")
def serve(db: Path | str, host: str, port: int, max_body_mb: int) -> None:
    """Serve the API under /api (OpenAPI at /openapi.json) and the dossier page at /.

    Writes (POST /api/reports) need `Authorization: Bearer TOKEN`: the token is $TRIANGULATE_TOKEN, else
    the one in the file DB.token beside the database, made with mode 0600 on first start (for a postgresql://
    URL: under ~/.config/triangulate/tokens/).
    """
    import uvicorn

    from triangulate.serve.app import create_app
    from triangulate.serve.auth import TokenError, is_loopback, load_token
    from triangulate.store import StoreError, is_url, open_store, shown

    existed = is_url(db) or Path(db).exists()
    try:
        open_store(db).close()  # made and migrated now, so a bad database stops the start, not a request
        token = load_token(db)
    except (StoreError, TokenError) as exc:
        raise click.ClickException(str(exc)) from exc
    app = create_app(db, host=host, token=token, max_body=max_body_mb * 1024 * 1024)
    click.echo(f"database: {shown(db)}" + ("" if existed else " (new, empty: POST reports to /api/reports)"))
    click.echo(f"token for writes: in {token.where}")
    if not is_loopback(host):
        click.echo(f"listening on {host}, not loopback: reads need the token too")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
