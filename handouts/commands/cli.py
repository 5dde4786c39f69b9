"""The command line: `handouts build | check | list | mail | new | poses | schema | serve | watch`.

The only module that prints problems and chooses exit codes: 0 done, 1 an internal fault, 2 a problem in the
input (located errors), 3 something outside failed (the mail server, the network, the send log locked by another
run, a disk full or not writable: `OutsideError`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from handouts import __version__
from handouts.core.errors import (
    Collector,
    HandoutError,
    Location,
    OutsideError,
    Problem,
)
from handouts.plan.planner import Plan
from handouts.reading import labels
from handouts.reading.fields import IdType
from handouts.reading.library import load_library
from handouts.reading.workspace import Workspace

EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT, EXIT_OUTSIDE = 0, 1, 2, 3

EXIT_CODES = """exit status:
  0  done
  1  an internal fault: please report it (HANDOUTS_DEBUG=1 shows the details)
  2  a problem in your input: every error with its file, line and column; nothing was written
  3  something outside failed: the mail server refused or dropped the connection, the network, the send
     log locked by another run, a disk full or not writable; fix that (or wait) and run the same command again"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-C",
        "--workspace",
        metavar="DIR",
        default=".",
        help="the workspace folder (with sequences/, images/, poses/); default: here. Other "
        "paths given (e.g. --clients) are read from it",
    )
    parser = argparse.ArgumentParser(
        prog="handouts",
        description="Turn yoga and back-care sequences (YAML) into print-ready PDFs.",
        epilog="Run 'handouts COMMAND --help' for a command's options.\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"handouts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    clients = argparse.ArgumentParser(add_help=False)
    clients.add_argument(
        "--clients",
        metavar="ROSTER",
        default=None,
        help="clients.yaml or a .csv roster: build each client's own handouts under "
        "build/clients/<client>/ instead of the class handouts",
    )
    clients.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        default=None,
        help="only this client (name or folder name); repeat for several",
    )
    clients.add_argument(
        "--date",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date printed on clients' handouts (default: today, or SOURCE_DATE_EPOCH's)",
    )
    build = sub.add_parser(
        "build",
        parents=[common, clients],
        help="check the sequences and build their PDFs",
        description="Check the sequences and build their PDFs into build/ (or --out). "
        "Nothing is written unless every sequence is free of errors.",
    )
    build.add_argument(
        "sequences",
        nargs="*",
        metavar="SEQUENCE",
        help="sequence names (low-back-release) or files; default: all of sequences/",
    )
    build.add_argument("--out", metavar="DIR", help="output folder (default: build/ in the workspace)")
    build.add_argument(
        "--programme",
        metavar="NAME",
        default=None,
        help="build a programme of programmes/ (back-care-12-weeks): its guidebook, print file, progression "
        "table and each segment's cheat sheet and mat card, into build/programmes/NAME/",
    )
    build.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default=None,
        help="a4: A5 booklet pages; letter: half-letter pages (default: studio.yaml's, else a4)",
    )
    build.add_argument(
        "--format",
        action="append",
        choices=("booklet", "cheatsheet", "matcard"),
        dest="formats",
        help="what to build: booklet, cheatsheet, matcard (large print); repeat for several "
        "(default: the booklet and the cheat sheet)",
    )
    build.add_argument(
        "--language",
        action="append",
        metavar="CODE",
        dest="languages",
        default=None,
        help="build in this language (de, es, fr, or one of labels/), with the sequence's and the "
        "library's translations; repeat it or separate codes with commas (default: the sequence's "
        "own language). Another language than the sequence's goes to build/<sequence>/<code>/",
    )
    build.add_argument(
        "--pages", type=int, choices=(1, 2), default=1, help="pages the cheat sheet may take (default 1)"
    )
    build.add_argument(
        "--images",
        choices=("print", "email"),
        default=None,
        help="photo resolution: print (250 ppi) or email (135 ppi, smaller files); default: "
        "studio.yaml's images, else print",
    )
    build.add_argument(
        "--grayscale",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ink saver: everything in shades of grey (default: studio.yaml's grayscale, else off)",
    )
    build.add_argument(
        "--impose",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also write booklet-print.pdf: the pages 2-up on A4 (or Letter) landscape sheets in "
        "saddle-stitch order; print double-sided, flip on the short edge, fold (default: on, or "
        "studio.yaml's print_file)",
    )

    mail = sub.add_parser(
        "mail",
        parents=[common, clients],
        help="e-mail each client their handouts",
        description="Build each client's handouts and write one e-mail per client to "
        "build/outbox/ (drafts to check and send yourself). With --send, send them over "
        "SMTP (studio.yaml's mail: settings; the password from an environment variable). "
        "Sending is idempotent: a rerun sends only what the send log does not have.",
    )
    mail.add_argument("--send", action="store_true", help="send the messages (default: only write drafts)")
    mail.add_argument("--out", metavar="DIR", help="output folder (default: build/ in the workspace)")

    check = sub.add_parser(
        "check",
        parents=[common],
        help="check the sequences without building",
        description="Check the sequences: every error at once, and warnings (step count, "
        "estimated time against the stated duration).",
    )
    check.add_argument("sequences", nargs="*", metavar="SEQUENCE", help="default: all of sequences/")
    check.add_argument(
        "--clients",
        metavar="ROSTER",
        default=None,
        help="also check a client roster (clients.yaml or .csv) against the sequences",
    )

    sub.add_parser(
        "list",
        parents=[common],
        help="list the sequences with step count and estimated time",
        description="List the workspace's sequences with their step count and estimated time.",
    )

    new = sub.add_parser(
        "new",
        parents=[common],
        help="write a commented starter sequence",
        description="Write sequences/NAME.yaml: a commented starter sequence to edit, and the "
        "JSON Schemas in schema/ for editor autocompletion.",
    )
    new.add_argument("name", metavar="NAME", help="the file name, e.g. morning-stretch")

    poses = sub.add_parser(
        "poses",
        parents=[common],
        help="list the pose library (built-in and the workspace's)",
        description="List every pose id with its name, Sanskrit name and sides; with "
        "--sheet, write a PDF contact sheet of every pose's figure instead.",
    )
    poses.add_argument(
        "--sheet", nargs="?", const="", metavar="PDF", help="write the contact sheet (default: build/poses.pdf)"
    )
    poses.add_argument("--paper", choices=("a4", "letter"), default="a4", help="contact sheet paper (default a4)")

    schema = sub.add_parser(
        "schema",
        parents=[common],
        help="write the JSON Schemas for editors",
        description="Write sequence.schema.json and poses.schema.json into schema/ "
        "(or --out) for editor autocompletion.",
    )
    schema.add_argument("--out", metavar="DIR", help="folder to write into (default: schema/ in the workspace)")

    serve = sub.add_parser(
        "serve",
        parents=[common],
        help="open the studio: every handout as pages in your web browser, updated as you save",
        description="Build every sequence, then show them in your web browser (a page on this computer only, at "
        "127.0.0.1): each product's pages, the PDFs to download, and the errors with the line they are on. "
        "Every time you save a file the handouts are built again and the page updates by itself. Ctrl-C stops it.",
    )
    serve.add_argument(
        "--port", type=_port, metavar="N", help="the port to use (default: the first free one from 8765 up)"
    )
    serve.add_argument("--no-browser", action="store_true", help="do not open the web browser, only print the address")
    watch = sub.add_parser(
        "watch",
        parents=[common],
        help="build the sequences, then again on every save",
        description="Build every sequence (booklet, cheat sheet, mat card and print file), then watch the "
        "workspace and rebuild what a saved file changes. One line per rebuild, then any errors with their "
        "file, line and column; a sequence with errors keeps its last good PDFs. Stop with Ctrl-C.",
    )
    watch.add_argument("sequences", nargs="*", metavar="SEQUENCE", help="default: all of sequences/")
    watch.add_argument("--out", metavar="DIR", help="output folder (default: build/ in the workspace)")
    return parser


def _port(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1024 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1024 to 65535")
    return number


def _warn(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _table(rows: Sequence[tuple[str, ...]]) -> None:
    """Print rows in aligned columns; the last column is left ragged."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1])


def _minutes(plan: Plan) -> str:
    return labels.ENGLISH.minutes_label(plan.seconds)


def roster_path(name: str, workspace: Workspace) -> Path:
    """The roster as given, relative to the workspace (as if run there, like -C of make and git)."""
    return workspace.root / Path(name)


def cmd_build(args, workspace: Workspace) -> int:
    import gc

    collecting = gc.isenabled()
    gc.disable()  # the build's modules imported without the cycle collector walking them (see compiled.resume)
    try:
        from handouts.pipeline.run import build
    finally:
        gc.freeze()
        if collecting:
            gc.enable()

    out = Path(args.out) if args.out else workspace.root / "build"
    if args.clients and args.languages:
        print(
            "handouts build --clients: each client's handouts are in their own language (the roster's "
            "'language:'); leave out --language",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if args.clients and (args.formats or args.sequences):
        print(
            "handouts build --clients: the roster names each client's sequences and formats; leave out "
            "--format and sequence names (use --only NAME for one client)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    if args.clients:
        from handouts.clients.batch import Progress
        from handouts.clients.making import build_clients

        loaded, _, written = build_clients(
            workspace,
            roster_path(args.clients, workspace),
            out,
            args.only,
            args.date,
            args.paper,
            args.images,
            args.grayscale,
            args.pages,
            progress=lambda total: Progress(total, sys.stderr),
        )
        _warn(loaded.warnings)
        folders = {path.parent for path in written}
        size = sum(path.stat().st_size for path in written)
        print(
            f"wrote {len(written)} PDF{'s' if len(written) != 1 else ''} for {len(folders)} client"
            f"{'s' if len(folders) != 1 else ''} under {workspace.shown(out / 'clients')} ({size // 1024 + 1} KB)"
        )
        return EXIT_OK
    if args.only or args.date:
        print("handouts build: --only and --date go with --clients ROSTER", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.programme:
        return build_programme_command(args, workspace, out)
    formats = tuple(args.formats) if args.formats else ("booklet", "cheatsheet")
    loaded, written = build(
        workspace,
        args.sequences,
        out,
        args.paper,
        args.impose,
        args.grayscale,
        formats,
        args.pages,
        args.images,
        tuple(args.languages or ()),
    )
    _warn(loaded.warnings)
    for path in written:
        print(f"wrote {workspace.shown(path)} ({path.stat().st_size // 1024 + 1} KB)")
    global _DONE_WITH_EVERYTHING
    _DONE_WITH_EVERYTHING = True  # every file written, synced and closed, the helper's results in: see run()
    return EXIT_OK


_DONE_WITH_EVERYTHING = False  # a build said it left nothing open and no thread working: run() may end at once


def build_programme_command(args, workspace: Workspace, out: Path) -> int:
    """`handouts build --programme NAME`: the programme's files under build/programmes/NAME/."""
    from handouts.pipeline.guidebook import build_programme

    codes = [c.strip() for given in args.languages or () for c in given.split(",") if c.strip()]
    if args.sequences or args.formats or args.clients or len(codes) > 1:
        print(
            "handouts build --programme: the programme names its sequences and builds all its files, in its own "
            "language or in the one --language gives; leave out sequence names, --format and --clients",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    language = codes[0] if codes else None
    warnings, written = build_programme(
        workspace, args.programme, out, args.paper, args.impose, args.grayscale, args.images, args.pages, language
    )
    _warn(warnings)
    for path in written:
        print(f"wrote {workspace.shown(path)} ({path.stat().st_size // 1024 + 1} KB)")
    return EXIT_OK


def cmd_check(args, workspace: Workspace) -> int:
    from handouts.clients.making import roster_problems
    from handouts.pipeline.loading import load_workspace

    # templates filled in for a sample client too (and the mail's, when there is a mail/ folder or subject)
    try:
        loaded = load_workspace(workspace, args.sequences, sample=True)
    except HandoutError as exc:  # the programmes' and the roster's own problems too, in the same run
        more = [] if args.sequences else _programmes_checked(workspace, None)
        if args.clients:
            more += roster_problems(workspace, roster_path(args.clients, workspace))
        if not more:
            raise
        raise HandoutError(exc.problems + more) from None
    _warn(loaded.warnings)
    for plan in loaded.plans:
        steps = len(plan.labels)
        print(f"{workspace.shown(plan.sequence.path)}: ok, {steps} step{'' if steps == 1 else 's'}, {_minutes(plan)}")
    if not args.sequences:  # every programme too, against the sequences
        _programmes_checked(workspace, loaded)
    if args.clients:
        from handouts.clients.making import plan_clients

        roster = roster_path(args.clients, workspace)
        shown = set(loaded.warnings)
        loaded, jobs = plan_clients(workspace, roster)
        from handouts.templates import mailtext

        letters = []
        if mailtext.has_mail_templates(workspace.root, loaded.studio):  # every client's letter, as `mail` fills it
            letters = mailtext.check_letters(jobs, loaded.studio, workspace.root)
            found = [p for p in letters if not p.warning]
            if found:
                raise HandoutError(found)
        _warn([w for w in loaded.warnings + [p for p in letters if p.warning] if w not in shown])
        clients = len({job.slug for job in jobs})
        print(
            f"{workspace.shown(roster)}: ok, {clients} client{'s' if clients != 1 else ''}, "
            f"{len(jobs)} handout{'s' if len(jobs) != 1 else ''}"
        )
    return EXIT_OK


def _programmes_checked(workspace: Workspace, loaded) -> list[Problem]:
    """`check` of programmes/: with `loaded` None (the sequences have errors), each file's own problems, returned;
    else each programme planned against the sequences: its errors raised, its warnings and a line each printed."""
    from handouts.pipeline.programmes import programme_problems

    programmes, problems = programme_problems(workspace, loaded)
    if loaded is None:
        return problems
    if any(not p.warning for p in problems):
        raise HandoutError(problems)
    _warn(sorted(set(problems)))
    for planned in programmes:
        count, weeks = len(planned.segments), planned.programme.weeks
        print(
            f"{workspace.shown(planned.programme.path)}: ok, {count} segment{'' if count == 1 else 's'}, "
            f"{weeks} week{'' if weeks == 1 else 's'}"
        )
    return []


def cmd_list(args, workspace: Workspace) -> int:
    """One row per sequence; a sequence with errors is listed as such (and the command exits 2)."""
    from handouts.pipeline.loading import load_workspace

    rows = [("SEQUENCE", "STEPS", "ESTIMATE", "STATED", "LANGUAGES", "TITLE")]
    broken = 0
    for path in workspace.sequences([]):
        try:
            (plan,) = load_workspace(workspace, [str(path)]).plans
        except HandoutError as exc:
            broken += 1
            count = len([p for p in exc.problems if not p.warning])
            rows.append(
                (
                    path.stem,
                    "-",
                    "-",
                    "-",
                    "-",
                    f"({count} error{'s' if count != 1 else ''}: run 'handouts check {path.stem}')",
                )
            )
            continue
        stated = plan.sequence.duration
        said = (
            "-"
            if stated is None
            else f"{stated.low:g}" + (f"-{stated.high:g}" if stated.high != stated.low else "") + " min"
        )
        rows.append(
            (
                plan.sequence.slug,
                str(len(plan.labels)),
                _minutes(plan).replace("about ", "~"),
                said,
                _languages(path, workspace, plan),
                str(plan.sequence.title),
            )
        )
    _table(rows)
    return EXIT_BAD_INPUT if broken else EXIT_OK


def _languages(path: Path, workspace: Workspace, plan: Plan) -> str:
    """'en+de,fr': the language a sequence is written in, then those it has a translation for."""
    from handouts.core.errors import Collector
    from handouts.pipeline.loading import own_language, read_studio_file

    own = own_language(plan.sequence, read_studio_file(workspace, Collector()))
    others = sorted(code for code in workspace.translations(path) if code != own)
    return own + ("+" + ",".join(others) if others else "")


def cmd_new(args, workspace: Workspace) -> int:
    from handouts.output.writer import write_file
    from handouts.reading.schema import json_schemas

    name = args.name[:-5] if args.name.endswith(".yaml") else args.name
    if not re.match(IdType.PATTERN, name):
        raise HandoutError(
            Problem(
                Location(args.name),
                "not a usable sequence name",
                "use lowercase words joined by '-', e.g. morning-stretch",
            )
        )
    target = workspace.sequences_dir / f"{name}.yaml"
    if target.exists():
        raise HandoutError(
            Problem(
                Location(workspace.shown(target)),
                "the file already exists",
                "choose another name, or delete or rename the file first",
            )
        )
    starter = (Path(__file__).parent.parent / "starter.yaml").read_text(encoding="utf-8")
    title = name.replace("-", " ").capitalize()
    write_file(target, starter.replace("@TITLE@", title).encode("utf-8"))
    print(f"wrote {workspace.shown(target)}")
    for file, schema in json_schemas().items():
        path = workspace.schema_dir / file
        if not path.exists():
            import json

            write_file(path, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
            print(f"wrote {workspace.shown(path)}")
    print(f"next: edit it, then run 'handouts check {name}' and 'handouts build {name}'")
    return EXIT_OK


def cmd_poses(args, workspace: Workspace) -> int:
    problems = Collector()
    library = load_library(workspace, problems)
    problems.raise_if_errors()
    if args.sheet is not None:
        from handouts.output.writer import write_file
        from handouts.pipeline.products import pose_sheet_pdf

        target = Path(args.sheet) if args.sheet else workspace.root / "build" / "poses.pdf"
        write_file(target, pose_sheet_pdf(library, args.paper))
        print(f"wrote {workspace.shown(target)} ({len(library.poses)} poses)")
        return EXIT_OK
    rows = [(pid, str(p.name or ""), str(p.sanskrit or ""), p.sides.value) for pid, p in sorted(library.poses.items())]
    _table(rows)
    return EXIT_OK


def cmd_schema(args, workspace: Workspace) -> int:
    import json

    from handouts.output.writer import write_file
    from handouts.reading.schema import json_schemas

    folder = Path(args.out) if args.out else workspace.schema_dir
    for file, schema in json_schemas().items():
        path = folder / file
        write_file(path, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        print(f"wrote {workspace.shown(path)}")
    return EXIT_OK


def _date(text: str):
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-21") from None


def cmd_mail(args, workspace: Workspace) -> int:
    from handouts.clients.mail import SEND_LOG, prepare, send

    if not args.clients:
        print("handouts mail: give the roster with --clients clients.yaml", file=sys.stderr)
        return EXIT_BAD_INPUT
    out = Path(args.out) if args.out else workspace.root / "build"
    from handouts.clients.batch import Progress

    outbox = prepare(
        workspace,
        roster_path(args.clients, workspace),
        out,
        args.only,
        args.date,
        args.send,
        progress=lambda total: Progress(total, sys.stderr),
    )
    _warn(outbox.warnings)
    count = len(outbox.drafts)
    print(f"wrote {count} draft{'s' if count != 1 else ''} under {workspace.shown(out / 'outbox')}")
    if not args.send:
        return EXIT_OK
    assert outbox.settings is not None  # prepare(sending=True) read them
    sent, skipped = send(
        outbox.letters,
        workspace.root / SEND_LOG,
        outbox.settings,
        outbox.password,
        say=lambda text: print(text, file=sys.stderr),
    )  # OutsideError: exit 3, see main
    print(
        f"sent {sent} message{'s' if sent != 1 else ''}"
        + (f"; {skipped} already sent before (in {SEND_LOG})" if skipped else "")
    )
    return EXIT_OK


def cmd_serve(args, workspace: Workspace) -> int:
    """Build, watch and show the workspace in the browser until Ctrl-C; bad input never stops it."""
    from handouts.studio.report import summary
    from handouts.studio.serve import listening_socket, serve

    def rebuilt(rebuild) -> None:
        print(summary(rebuild), flush=True)
        _warn(list(rebuild.errors) + list(rebuild.warnings))

    try:
        sock = listening_socket(args.port)
    except OSError as exc:
        taken = f"port {args.port} is taken" if args.port else "no free port from 8765 to 8864"
        raise OutsideError(f"cannot start the studio: {taken} ({exc.strerror or exc})", "give another --port") from exc
    try:
        serve(workspace, sock, not args.no_browser, lambda line: print(line, flush=True), rebuilt)
    except KeyboardInterrupt:  # Ctrl-C: the way to stop it
        pass
    print("the studio has stopped", file=sys.stderr)
    return EXIT_OK


def cmd_watch(args, workspace: Workspace) -> int:
    """Never stops on bad input: every rebuild's problems are printed and the watch goes on; Ctrl-C ends it."""
    from handouts.studio.report import summary
    from handouts.studio.session import BuildSession, Rebuild

    only = [path.stem for path in workspace.sequences(args.sequences)] if args.sequences else None
    session = BuildSession(workspace, Path(args.out) if args.out else None, sequences=only)

    def say(done: Rebuild) -> None:
        print(summary(done), flush=True)
        _warn(list(done.errors) + list(done.warnings))
        sys.stderr.flush()

    try:
        say(session.rebuild())
        print(f"watching {workspace.root.resolve()} for changes; press Ctrl-C to stop", flush=True)
        session.watch(on_rebuild=say)
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
    return EXIT_OK


COMMANDS = {
    "mail": cmd_mail,
    "build": cmd_build,
    "check": cmd_check,
    "list": cmd_list,
    "new": cmd_new,
    "poses": cmd_poses,
    "schema": cmd_schema,
    "serve": cmd_serve,
    "watch": cmd_watch,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.workspace)
    if not root.is_dir():
        print(f"{args.workspace}: no such folder; give the workspace folder with --workspace", file=sys.stderr)
        return EXIT_BAD_INPUT
    workspace = Workspace(root)
    try:
        return COMMANDS[args.command](args, workspace)
    except HandoutError as exc:
        errors = [p for p in exc.problems if not p.warning]
        _warn(exc.problems)
        files = len({p.location.file for p in errors})
        what = "error" if len(errors) == 1 else "errors"
        tail = "; nothing was written" if args.command in ("build", "new", "schema") else ""
        print(f"{len(errors)} {what} in {files} file{'s' if files != 1 else ''}{tail}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutsideError as exc:  # not the user's files: the server, the network, a lock, the disk
        print(f"handouts {args.command}: {exc}", file=sys.stderr)
        return EXIT_OUTSIDE
    except BrokenPipeError:  # the reader went away (`handouts poses | head`): not a fault
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal fault: say so plainly, trace only on request
        print(f"handouts: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("HANDOUTS_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            print("set HANDOUTS_DEBUG=1 to see the details, and please report it", file=sys.stderr)
        return EXIT_FAULT


def run() -> None:
    """The `handouts` command. Everything is written (and closed) when `main` returns; what remains is Python's
    own shutdown, whose last garbage collection walks every object the run made (30-60 ms after a build).
    gc.freeze() takes them out of its way; the memory goes back to the system with the process as always.
    While it runs, a collection comes after every 20,000 new objects (Python's default: 700): a run makes millions
    of short-lived ones (ReportLab's text pieces, YAML nodes) and few cycles, so the young generation is walked
    far less often (about a tenth off `check`'s CPU time) for a few MB more at most."""
    import gc

    from handouts import compiled

    compiled.resume()  # paused while the command was imported
    global _DONE_WITH_EVERYTHING
    gc.set_threshold(20_000, 10, 10)
    _DONE_WITH_EVERYTHING = False
    code = main()
    gc.freeze()
    if _DONE_WITH_EVERYTHING and code == EXIT_OK:  # a build: end without taking Python's objects apart one by one
        _end_now(code)
    sys.exit(code)


def _end_now(code: int) -> None:
    """End the process at once after a build: the exit handlers run and the output is flushed, as at any exit,
    but the interpreter's own teardown (every module and object freed one by one, 10-15 ms after a build) is left
    to the system, which takes the memory back whole. Only after `cmd_build` said its files are all written and
    closed and no thread of its is working."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone away, or a stream closed: nothing more to say there
            pass
    os._exit(code)
