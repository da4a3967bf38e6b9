"""The command line: a thin layer over `newsprism.pipeline`, `newsprism.analysis` and the store.

Exit codes: 0 when something was analysed (or a query answered), 1 when nothing was (all inputs
rejected, or an error), 2 for usage errors. Errors print one line `newsprism: error [CODE]: ...`.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsprism import __version__
from newsprism.env import env_seconds
from newsprism.errors import NewsprismError, UsageError
from newsprism.store.sqlite import Store, default_db_path, open_store

if TYPE_CHECKING:
    from newsprism.ingest.limits import Limits

db_option = click.option("--db", "db", default=None, envvar="NEWSPRISM_DB",
                         help="SQLite store file (default: $NEWSPRISM_DB or ./newsprism.db).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
all_option = click.option("--all", "show_all", is_flag=True,
                          help="Also show conflicts below their calibrated confidence threshold and uncertain "
                               "omissions (an article's sentence partly matches the unit), marked uncertain.")


def fail(exc: NewsprismError) -> None:
    click.echo(f"newsprism: error [{exc.code}]: {exc.message}", err=True)
    sys.exit(2 if isinstance(exc, UsageError) else 1)


@contextmanager
def store_at(db: str | None) -> Iterator[Store]:
    try:
        store = open_store(db or default_db_path())
    except NewsprismError as exc:
        fail(exc)
        raise
    try:
        yield store
    except NewsprismError as exc:
        fail(exc)
    finally:
        store.close()


# When stderr is not a terminal (a log file, nohup, CI), a progress line at most this often: a
# 100,000-article run takes hours, and its log should say how far it is. $NEWSPRISM_PROGRESS_SECONDS
# sets another interval.
LOG_SECONDS = 60.0


def log_interval() -> float:
    return env_seconds("NEWSPRISM_PROGRESS_SECONDS", LOG_SECONDS)


class Progress:
    """Counts processed items per stage on stderr: a live line on a terminal, a timestamped line at
    most every `interval` seconds otherwise (and the totals at the end, if any line was written),
    nothing with --quiet."""

    def __init__(self, quiet: bool, interval: float | None = None) -> None:
        self.quiet = quiet
        self.interval = log_interval() if interval is None else interval
        self.counts: dict[str, int] = {}
        self.started = self.logged = time.monotonic()
        self.lines = 0

    def __call__(self, stage: str, n: int) -> None:
        self.counts[stage] = self.counts.get(stage, 0) + n
        if self.quiet:
            return
        if sys.stderr.isatty():
            click.echo(f"\r{stage}: {self.counts[stage]} ", err=True, nl=False)
        elif time.monotonic() - self.logged >= self.interval:
            self.log()

    def log(self) -> None:
        self.logged = time.monotonic()
        self.lines += 1
        counts = ", ".join(f"{stage} {count:,}" for stage, count in self.counts.items())
        click.echo(f"{time.strftime('%H:%M:%S')} [{self.logged - self.started:,.0f} s] {counts}", err=True)

    def done(self) -> None:
        if self.quiet or not self.counts:
            return
        if sys.stderr.isatty():
            click.echo("", err=True)
        elif self.lines:
            self.log()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
def main() -> None:
    """newsprism: many news reports in, what happened and who said what out, with evidence."""


def engine_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--workers, --engine, --address: where the per-article (and per-story) stages run; --time-budget."""
    function = click.option("--time-budget", "time_budget", type=click.FloatRange(0, None), default=60.0,
                            show_default=True, metavar="SECONDS",
                            help="Longest one article may take in each stage (cleaning, annotation; a story "
                                 "gets this per article): past it the article is rejected (E113) and the "
                                 "run goes on. 0: no budget.")(function)
    function = click.option("--address", default=None, metavar="ADDR",
                            help="Ray cluster to join (auto, or ray://host:10001); default: a private "
                                 "local Ray instance. Only with --engine ray.")(function)
    function = click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local",
                            show_default=True, help="local: a process pool on this machine; ray: Ray Data "
                                                    "and Ray tasks (needs the 'ray' extra).")(function)
    return click.option("--workers", "-j", type=click.IntRange(1, 1024), default=None,
                        help="Parallel workers for the per-article stages (local default: 1; ray default: "
                             "every CPU of the cluster).")(function)


def attribution_for(asked: str) -> str:
    """The attribution mode the run will use, set in the environment for the annotation workers; a
    tagger that is not installed falls back to the rules, with how to install it on stderr."""
    from newsprism.statements.encoder import encoder_missing
    from newsprism.statements.tagged import ATTRIBUTION_ENV

    missing = encoder_missing() if asked == "tagged" else None
    if missing is not None:
        click.echo(f"warning: {missing}; statements from the rules alone", err=True)
    mode = "rules" if missing is not None else asked
    os.environ[ATTRIBUTION_ENV] = mode
    return mode


def limits_for(time_budget: float) -> Limits:
    from newsprism.ingest.limits import Limits

    return Limits(stage_seconds=time_budget or None)


@contextmanager
def engine_for(name: str, workers: int | None, address: str | None, limits: Limits) -> Iterator[Any]:
    from newsprism.engines.local import open_engine

    with open_engine(name, workers, address, limits) as engine:
        yield engine


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out", default="newsprism-report", show_default=True, type=click.Path(),
              help="Directory for report.json, report.md and report.html (or the Parquet files).")
@click.option("--out-format", type=click.Choice(["json", "parquet"]), default="json", show_default=True,
              help="json: report.json/md/html; parquet: one <section>.parquet per report section (pyarrow).")
@click.option("--batch", type=click.IntRange(64, None), default=None,
              help="Articles analysed at once (default 4096): larger runs are analysed story group by "
                   "story group with bounded memory and report.json is written incrementally.")
@click.option("--brief-length", type=click.IntRange(20, 2000), default=None,
              help="Words of each story's brief (default: 24 per article, at most 150).")
@click.option("--attribution", type=click.Choice(["rules", "tagged"]), default="rules", show_default=True,
              envvar="NEWSPRISM_ATTRIBUTION",
              help="rules: statements from the attribution rules; tagged: plus a learned tagger's (needs "
                   "the 'tagger' extra; without it the rules run alone and stderr says how to install it).")
@engine_options
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@all_option
def analyze(inputs: tuple[str, ...], out: str, out_format: str, batch: int | None, brief_length: int | None,
            attribution: str, workers: int | None, engine_name: str, address: str | None, time_budget: float,
            db: str | None, quiet: bool, show_all: bool) -> None:
    """Ingest INPUTS (files, folders, JSONL, WARC, Parquet) and write the report of every story they touch."""
    from newsprism.pipeline import RUN_BATCH, analyze_run
    from newsprism.run.run import Options, Run

    attribution = attribution_for(attribution)
    progress = Progress(quiet)
    limits = limits_for(time_budget)
    with store_at(db) as store, engine_for(engine_name, workers, address, limits) as engine:
        run = Run(store, engine, limits, progress, Options(brief_words=brief_length, attribution=attribution))
        summary = analyze_run(list(inputs), run, Path(out), out_format, batch=batch or RUN_BATCH)
        if show_all and out_format == "json" and summary.articles:
            from newsprism.report import rerender_reports

            rerender_reports(Path(out), show_uncertain=True)
        progress.done()
        if not quiet:
            click.echo(f"{summary.articles} articles, {summary.stories} stories, {summary.rejected} rejected")
            click.echo(f"report: {summary.paths[0].resolve()}")
            for p in summary.paths[1:]:
                click.echo(f"        {p.resolve()}")
        sys.exit(0 if summary.articles else 1)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@engine_options
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def ingest(inputs: tuple[str, ...], workers: int | None, engine_name: str, address: str | None,
           time_budget: float, db: str | None, quiet: bool) -> None:
    """Read, clean and store INPUTS without analysing them."""
    from newsprism.pipeline import ingest as run_ingest
    from newsprism.run.run import Run

    progress = Progress(quiet)
    limits = limits_for(time_budget)
    with store_at(db) as store, engine_for(engine_name, workers, address, limits) as engine:
        run = Run(store, engine, limits, progress)
        run.run_id = store.begin_run("ingest", list(inputs))
        try:
            result = run_ingest(list(inputs), run)
        except BaseException:
            store.finish_run(run.run_id, "failed")
            raise
        store.finish_run(run.run_id, "done")
        progress.done()
        if not quiet:
            click.echo(f"{len(result.new_ids)} new articles, {len(result.article_ids) - len(result.new_ids)} "
                       f"already stored, {len(result.rejected)} rejected")
        sys.exit(0 if result.article_ids else 1)


@main.command()
@db_option
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@json_option
def articles(db: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List stored articles."""
    with store_at(db) as store:
        rows = [{"id": a.id, "outlet": a.outlet, "published": a.published, "title": a.title,
                 "source": a.source} for a in store.iter_articles(limit, offset)]
        emit(rows, as_json, lambda r: f"{r['id']}  {r['published'] or '-':<16} {r['outlet'] or '-':<18} "
                                       f"{(r['title'] or '')[:70]}")


@main.command()
@click.argument("article_id")
@db_option
@json_option
def show(article_id: str, db: str | None, as_json: bool) -> None:
    """Show one article: metadata, cleaned text and what was removed."""
    from newsprism.serialize import to_data

    with store_at(db) as store:
        article = store.get_article(article_id)
        if as_json:
            click.echo(json.dumps(to_data(article), ensure_ascii=False, indent=1))
            return
        for name in ("id", "source", "external_id", "outlet", "title", "published", "language", "byline",
                     "dateline", "credits", "translated"):
            value = getattr(article, name)
            click.echo(f"{name:>12}: {', '.join(value) if isinstance(value, tuple) else value}")
        click.echo("\n" + article.text + "\n")
        for r in article.removed:
            click.echo(f"[removed: {r.reason}] {' '.join(r.text.split())[:100]}")


@main.command()
@db_option
@json_option
def stories(db: str | None, as_json: bool) -> None:
    """List stories, newest first."""
    with store_at(db) as store:
        rows = [{"id": s.id, "title": s.title, "articles": len(s.article_ids)} for s in store.list_stories(1000)]
        emit(rows, as_json, lambda r: f"{r['id']}  {r['articles']:>4} articles  {r['title']}")


@main.command()
@db_option
@click.option("--speaker", default=None, help="Only statements whose speaker name or alias contains this.")
@click.option("--story", "story_id", default=None, help="Only this story.")
@click.option("--csv", "csv_path", default=None, type=click.Path(), help="Write the statements to a CSV file.")
@json_option
def statements(db: str | None, speaker: str | None, story_id: str | None, csv_path: str | None,
               as_json: bool) -> None:
    """Who said what: attributed statements with speaker, cue, date and span."""
    from newsprism.analysis import stored_report
    from newsprism.report.query import select_statements

    with store_at(db) as store:
        report = stored_report(store, story_id)
        rows = select_statements(report, speaker)
        if csv_path:
            write_csv(rows, Path(csv_path))
            click.echo(f"{len(rows)} statements written to {csv_path}")
            return
        emit(rows, as_json, lambda r: f"{r['said_on'] or 'undated':<10} {r['speaker_name']:<22} "
                                       f"{'“' if r['direct'] else ''}{' '.join(r['text'].split())[:90]}"
                                       f"{'”' if r['direct'] else ''}  [{r['article_id']} @{r['start']}-{r['end']}]")


@main.command()
@db_option
@click.option("--story", "story_id", default=None, help="Only this story.")
@json_option
@all_option
def conflicts(db: str | None, story_id: str | None, as_json: bool, show_all: bool) -> None:
    """Contradictions, reversals, discrepancies and distortions, with both pieces of evidence (those
    below their calibrated confidence threshold only with --all)."""
    from newsprism.analysis import stored_report

    with store_at(db) as store:
        report = stored_report(store, story_id)
        names = {e["id"]: e["name"] for e in report["entities"]}
        rows = [c for c in report["conflicts"] if show_all or not c.get("uncertain")]
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for c in rows:
            who = " vs ".join(names.get(s, s) for s in c["speakers"])
            click.echo(f"{c['kind'].upper():<13} {who}\n  {c['explanation']}")
            for e in c.get("evidence") or []:
                click.echo(f"  - [{e['article_id']} @{e['start']}-{e['end']}] {' '.join(e['text'].split())[:120]}")
        hidden = len(report["conflicts"]) - len(rows)
        if hidden:
            click.echo(f"({hidden} more below the confidence threshold, marked uncertain: --all shows them)")


@main.command()
@click.argument("story_id", required=False)
@db_option
@json_option
def timeline(story_id: str | None, db: str | None, as_json: bool) -> None:
    """The dated sequence of events of a story (or of every story)."""
    from newsprism.analysis import stored_report

    with store_at(db) as store:
        report = stored_report(store, story_id)
        emit(report["timeline"], as_json,
             lambda t: f"{t['date']:<10} {'(background) ' if t.get('background') else ''}{t['text'][:100]}  "
                       f"[{', '.join(t['article_ids'])}]")


@main.command()
@click.option("--out", "out", default="newsprism-report", show_default=True, type=click.Path())
@click.option("--story", "story_id", default=None, help="Only this story.")
@db_option
@all_option
def report(out: str, story_id: str | None, db: str | None, show_all: bool) -> None:
    """Write report.json/md/html for the stored stories (or one story) without ingesting anything."""
    from newsprism.analysis import stored_analysis
    from newsprism.report import write_reports

    with store_at(db) as store:
        paths = write_reports(stored_analysis(store, story_id), Path(out), show_uncertain=show_all)
        click.echo(f"report: {paths[0].resolve()}")


def emit(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str]) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        click.echo(line(row))


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    fields = ["id", "article_id", "speaker", "speaker_name", "speaker_text", "cue", "direct", "said_on",
              "start", "end", "text"]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@main.command()
@json_option
def stages(as_json: bool) -> None:
    """The stage graph: each stage with its version, what it requires and what it provides, in run order."""
    from newsprism.run.describe import describe, graph_text, graphs

    if as_json:
        click.echo(json.dumps([row for g in graphs() for row in describe(g)], indent=2))
    else:
        click.echo(graph_text(), nl=False)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default serves this machine only.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the stories, articles and speakers of the store as web pages and a JSON API."""
    try:
        from newsprism.web.app import create_app
        from newsprism.web.server import serve as run_server
    except ImportError as exc:
        fail(UsageError(f"the web app needs the 'web' extra: pip install 'newsprism[web]' ({exc})"))
        return
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"newsprism: warning: serving on {host}, reachable from other machines; "
                   "there is no authentication", err=True)
    try:
        app = create_app(db or default_db_path(), host=host)
    except NewsprismError as exc:
        fail(exc)
        return
    click.echo(f"newsprism: serving {db or default_db_path()} on http://{host}:{port}/", err=True)
    run_server(app, host, port)


def watch_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Politeness and limits shared by `watch` and `fetch` (docs/watch.md)."""
    from newsprism.watch.client import DEFAULT_DELAY, DEFAULT_USER_AGENT, MAX_BYTES, TIMEOUT_SECONDS

    for option in (
        click.option("--quiet", "-q", is_flag=True, help="No alerts on stdout, no cycle lines on stderr."),
        click.option("--alerts", "alerts", default=None, type=click.Path(dir_okay=False),
                     help="Append one JSON line per new conflict to this file."),
        click.option("--max-bytes", type=click.IntRange(1, None), default=MAX_BYTES, show_default=True,
                     help="Largest response read (larger: rejected, E133)."),
        click.option("--timeout", type=click.FloatRange(0.001, None), default=TIMEOUT_SECONDS, show_default=True,
                     metavar="SECONDS", help="Longest one response may take."),
        click.option("--user-agent", default=DEFAULT_USER_AGENT, envvar="NEWSPRISM_USER_AGENT",
                     show_default=True, help="User agent sent, and matched against robots.txt."),
        click.option("--delay", type=click.FloatRange(0, None), default=DEFAULT_DELAY, show_default=True,
                     metavar="SECONDS", help="Pause between two requests to one host."),
        db_option,
    ):
        function = option(function)
    return function


def run_watch(sources: tuple[str, ...], db: str | None, cycles: int | None, interval: float,
              settings: dict[str, Any]) -> None:
    from newsprism.watch.client import FetchOptions
    from newsprism.watch.loop import WatchOptions, cycle_line, watch

    fetch = FetchOptions(user_agent=settings["user_agent"], delay=settings["delay"], timeout=settings["timeout"],
                         max_bytes=settings["max_bytes"])
    alerts = Path(settings["alerts"]) if settings["alerts"] else None
    options = WatchOptions(interval=interval, cycles=cycles, alerts=alerts, quiet=settings["quiet"], fetch=fetch)
    with store_at(db) as store:
        results = watch(list(sources), store, options,
                        None if settings["quiet"] else lambda r: click.echo(cycle_line(r), err=True))
    # nothing answered at all (every source failed) is a failure, as for `ingest`
    sys.exit(0 if any(r.requests for r in results) or not results else 1)


@main.command("watch")
@click.argument("sources", nargs=-1, required=True)
@click.option("--interval", type=click.FloatRange(0, None), default=600.0, show_default=True, metavar="SECONDS",
              help="Pause between two cycles.")
@click.option("--cycles", type=click.IntRange(1, None), default=None, help="Stop after N cycles (default: "
              "until SIGINT/SIGTERM, which finish the cycle in progress).")
@watch_options
def watch_command(sources: tuple[str, ...], interval: float, cycles: int | None, db: str | None,
                  **settings: Any) -> None:
    """Fetch SOURCES (feed, sitemap or page URLs, or files listing them: one URL a line, or OPML)
    every cycle, store new articles, re-analyse their stories and alert on new conflicts."""
    run_watch(sources, db, cycles, interval, settings)


@main.command("fetch")
@click.argument("urls", nargs=-1, required=True)
@watch_options
def fetch_command(urls: tuple[str, ...], db: str | None, **settings: Any) -> None:
    """One watch cycle over URLS."""
    run_watch(urls, db, 1, 0.0, settings)


@main.command()
@click.argument("text")
@db_option
@json_option
def claim(text: str, db: str | None, as_json: bool) -> None:
    """Check one claim against every stored article: supports, contradicts, discusses or unrelated."""
    from newsprism.claims.run import run_claim

    with store_at(db) as store:
        result = run_claim(store, text, as_json)
        click.echo(result, nl=not result.endswith("\n"))


@main.command()
@click.argument("file", type=click.Path())
@click.option("--out", "out", required=True, type=click.Path(), help="Directory for claims.json and claims.md.")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def claims(file: str, out: str, db: str | None, quiet: bool) -> None:
    """Check every claim of FILE (JSONL: {"id", "text", "articles"}) against the stored articles."""
    from newsprism.claims.run import run_claims_file

    progress = Progress(quiet)
    with store_at(db) as store:
        checked, rejected = run_claims_file(Path(file), store, Path(out), progress)
        progress.done()
        for item in rejected:
            click.echo(f"newsprism: rejected [{item['code']}] {item['source']}: {item['reason']}", err=True)
        if not quiet:
            click.echo(f"{checked} claims checked, {len(rejected)} rejected; {Path(out).resolve() / 'claims.json'}")
        sys.exit(0 if checked else 1)


if __name__ == "__main__":
    main()
