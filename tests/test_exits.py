"""Exit codes, from real runs: 0 done, 1 an internal fault, 2 a problem in the input, 3 something outside failed
(the mail server refused or dropped, nothing listening, the send log locked by another process, a disk that
cannot be written). Each says so in plain words, without a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from aiosmtpd.controller import Controller
from conftest import CASES, ROOT, snapshot
from test_mail import PASSWORD, Inbox, authenticator, free_port, mail_workspace


def test_the_help_lists_every_exit_code(capsys):
    from handouts.commands.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert (
        "exit status:\n  0  done\n  1  an internal fault: please report it (HANDOUTS_DEBUG=1 shows the "
        "details)\n  2  a problem in your input: every error with its file, line and column; nothing was "
        "written\n  3  something outside failed: the mail server refused or dropped the connection, the "
        "network, the send\n     log locked by another run, a disk full or not writable; fix that (or wait) "
        "and run the same command again\n" in out
    )


def test_0_when_done(run, tmp_path):
    result = run("build", "desk-break", "--format", "cheatsheet", "--out", str(tmp_path), workspace=ROOT)
    assert result.code == 0, result.err
    assert result.err == ""
    assert (tmp_path / "desk-break" / "cheatsheet.pdf").is_file()


def test_2_for_a_problem_in_a_file(run, tmp_path):
    result = run("build", "--out", str(tmp_path / "out"), workspace=CASES / "unknown-key")
    assert result.code == 2
    assert result.err == (
        "sequences/s.yaml:4:5: unknown key 'hodl' in step; did you mean 'hold'?\n"
        "1 error in 1 file; nothing was written\n"
    )
    assert not (tmp_path / "out").exists()


def test_1_for_an_internal_fault_without_a_traceback_unless_asked(run, monkeypatch):
    import handouts.pipeline.loading

    monkeypatch.setattr(handouts.pipeline.loading, "load_workspace", lambda *a, **k: [][1])
    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)
    result = run("check", workspace=ROOT)
    assert result.code == 1
    assert result.err == (
        "handouts: internal error: IndexError: list index out of range\n"
        "set HANDOUTS_DEBUG=1 to see the details, and please report it\n"
    )
    monkeypatch.setenv("HANDOUTS_DEBUG", "1")
    result = run("check", workspace=ROOT)
    assert result.code == 1
    assert result.err.startswith("handouts: internal error: IndexError: list index out of range\nTraceback ")


@pytest.fixture
def refusing_server():
    """A real SMTP server (aiosmtpd on 127.0.0.1) that takes the login, then answers every message with 451."""

    class Busy(Inbox):
        async def handle_DATA(self, server, session, envelope):
            return "451 4.3.0 Mailbox busy, try again later"

    port = free_port()
    controller = Controller(
        Busy(),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
        auth_required=True,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    yield port
    controller.stop()


def test_3_when_the_server_answers_451(run, examples, refusing_server, monkeypatch):
    mail_workspace(examples, 2, refusing_server)
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    result = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-11-21", workspace=examples)
    assert result.code == 3
    assert result.out == "wrote 2 drafts under build/outbox\n"
    assert result.err == (
        "handouts mail: sending stopped after 0 of 2 messages: the mail server 127.0.0.1:"
        f"{refusing_server} refused the message for now (SMTPDataError: the server said 451 4.3.0 Mailbox busy, "
        "try again later); this is usually temporary: wait a few minutes; the 0 delivered are in the send log: "
        "run the same command again to send the other 2\n"
    )
    assert (examples / "sent-mail.log").read_bytes() == b""


def test_3_when_nothing_listens_on_the_port(run, examples, monkeypatch):
    port = free_port()
    mail_workspace(examples, 1, port)
    monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
    result = run("mail", "--clients", "clients.yaml", "--send", "--date", "2026-11-21", workspace=examples)
    assert result.code == 3
    assert result.err.startswith(
        f"handouts mail: sending stopped after 0 of 1 message: the mail server 127.0.0.1:"
        f"{port} refused the connection (ConnectionRefusedError: "
    )
    assert result.err.endswith(
        "); check host: and port: in studio.yaml, and that the server is running; the 0 "
        "delivered are in the send log: run the same command again to send the other 1\n"
    )
    assert "Traceback" not in result.err


def test_3_when_another_process_holds_the_send_log(run, examples, monkeypatch):
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
        auth_required=True,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    try:
        mail_workspace(examples, 2, port)
        monkeypatch.setenv("HANDOUTS_SMTP_PASSWORD", PASSWORD)
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent("""
            import fcntl, sys
            with open(sys.argv[1], "a") as log:
                fcntl.flock(log, fcntl.LOCK_EX)
                print("locked", flush=True)
                sys.stdin.read()  # until the test closes our stdin
            """),
                str(examples / "sent-mail.log"),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout.readline() == "locked\n"
            result = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)
        finally:
            holder.stdin.close()
            holder.wait(timeout=10)
        assert result.code == 3
        assert result.err == (
            "handouts mail: another 'handouts mail --send' is sending from this workspace "
            "(sent-mail.log is locked); wait for it to finish, then run the same command again; "
            "nothing was sent by this run\n"
        )
        assert inbox.messages == []
        again = run("mail", "--clients", "clients.yaml", "--send", workspace=examples)  # the other run is over
        assert again.code == 0, again.err
        assert len(inbox.messages) == 2
    finally:
        controller.stop()


def test_3_when_the_output_folder_cannot_be_written(run, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_bytes(b"a file where the output folder should be")
    result = run("build", "desk-break", "--format", "cheatsheet", "--out", str(blocker / "inner"), workspace=ROOT)
    assert result.code == 3
    assert result.err == (
        f"handouts build: cannot write {blocker / 'inner' / 'desk-break' / 'cheatsheet.pdf'} "
        "(Not a directory); make room on the disk, or check that the folder can be written to (or "
        "choose another with --out), then run the same command again\n"
    )
    assert blocker.read_bytes() == b"a file where the output folder should be"


def test_3_when_the_clients_output_folder_cannot_be_written(run, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_bytes(b"not a folder")
    result = run("build", "--clients", "clients.yaml", "--date", "2026-11-21", "--out", str(blocker), workspace=ROOT)
    assert result.code == 3
    assert result.err == (
        f"handouts build: cannot write {blocker} (File exists); make room on the disk, or check "
        "that the folder can be written to (or choose another with --out), then run the same "
        "command again\n"
    )
    assert snapshot(tmp_path) == {"out": snapshot(tmp_path)["out"]}


def test_the_installed_command_exits_3_without_a_traceback(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_bytes(b"x")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handouts",
            "build",
            "desk-break",
            "--format",
            "cheatsheet",
            "--workspace",
            str(ROOT),
            "--out",
            str(blocker / "inner"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 3
    assert result.stderr.startswith("handouts build: cannot write ") and "Traceback" not in result.stderr


def disk_full(*args, **kwargs):
    """A product whose image cannot be written: what the image stage raises when the disk is full."""
    from handouts.core.errors import OutsideError

    raise OutsideError("cannot write build/.cache/images/x.png (No space left on device)", "make room on the disk")


def test_3_when_the_helper_process_cannot_write_its_image_cache(run, tmp_path, monkeypatch):
    """The cheat sheet is made by the helper process; a disk that refuses there is still exit 3, not a fault."""
    from handouts.pipeline import run as build_run

    monkeypatch.setattr(build_run, "cheatsheet_pdf", disk_full)
    result = run("build", "desk-break", "--out", str(tmp_path / "out"), workspace=ROOT)
    assert result.code == 3
    assert result.err == (
        "handouts build: cannot write build/.cache/images/x.png (No space left on device); make room on the disk\n"
    )
    assert not (tmp_path / "out" / "desk-break").exists()
