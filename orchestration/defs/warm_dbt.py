"""A warm dbt: a dbt process started when a run starts, which imports dbt and loads the project
while the Python stages work, then runs the one dbt command the dbt step hands it.

Why: on 2 cores a `dbt build` spends about 5 s before its first node, 3 s importing dbt and 2 s
checking and loading the parsed project: a third of a one-article refresh of a small warehouse.
dbt's programmatic API runs a command on a project already loaded (`dbtRunner(manifest=...)`).
It runs in a process of its own: dbt inside the step's process shared one interpreter lock with
Dagster's event handling and measured slower (docs/scaling.md, section 3).

- `WarmDbt.start()` (the dbt resource, when a run that builds dbt models starts) listens on a
  Unix socket in a private folder and spawns `python -m orchestration.defs.warm_dbt serve`
  with it. The worker imports dbt, parses the project into the dbt target folder the step uses
  (runs are serialised, dagster.yaml, so no other dbt uses that folder meanwhile), and then
  accepts one command; one sent earlier waits.
- `plenary-dbt` (`client_main`), the dbt executable the resource gives dagster-dbt, connects,
  sends its arguments, working folder and environment, and passes its own stdout and stderr
  (the pipe dagster-dbt reads) with them. The worker writes dbt's output there, as the `dbt` CLI
  would, and answers with dbt's exit code.
- With no worker to use (none started, already used, failed to load the project, or loaded for
  another warehouse or folder) the client replaces itself with the real `dbt`, so a command
  always runs, warm or not.

Stdlib only at import: the client starts in about 50 ms.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

WORKER_ENV = "PLENARY_DBT_WORKER"  # the socket of the worker the next dbt command may use
_HEADER = struct.Struct("!Q")  # length of the request that follows


@dataclass
class WarmDbt:
    """A started worker: the step's dbt command goes to it through `socket_path`."""

    process: subprocess.Popen
    socket_path: Path

    @classmethod
    def start(cls, project_dir: Path, target_path: Path, log_path: Path, env: dict[str, str]) -> "WarmDbt":
        folder = Path(tempfile.mkdtemp(prefix="plenary-dbt-"))  # private (0700): only we connect
        socket_path = folder / "worker.sock"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        # listening before the worker starts: a command sent while it loads waits in the backlog
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener, open(log_path, "ab") as log:
            listener.bind(str(socket_path))
            listener.listen(1)
            process = subprocess.Popen(
                [sys.executable, "-m", "orchestration.defs.warm_dbt", "serve", str(listener.fileno()), str(socket_path),
                 str(target_path)],
                cwd=project_dir, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                pass_fds=[listener.fileno()],
            )
        return cls(process, socket_path)

    def close(self) -> None:
        """Stop the worker if it is still waiting or running, and remove its socket."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.socket_path.parent, ignore_errors=True)


# ------------------------------------------------------------------------------------ worker


def serve(listener_fd: int, socket_path: Path, target_path: Path) -> int:
    # The client stops the command by forwarding SIGTERM or SIGINT here. A signal the starting
    # process ignored stays ignored across exec: a process started in the background has SIGINT
    # ignored, and Dagster gives SIGTERM SIGINT's handler (`setup_interrupt_handlers`), so a run
    # may start this worker with both ignored; it would then run on after a stop, holding the
    # warehouse's lock. The usual actions, whoever started it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    listener = socket.socket(fileno=listener_fd)
    from dbt.cli.main import dbtRunner  # the 3 s this process exists to spend early

    loaded = dbtRunner().invoke(["parse", "--target-path", str(target_path), "--quiet", "--log-level-file", "info"])
    # Parsing leaves the project's objects alive to the end; frozen, the collector no longer
    # walks them on each collection (the build's nodes measured 1-1.5 s slower without).
    gc.collect()
    gc.freeze()
    connection, _ = listener.accept()
    listener.close()
    socket_path.unlink(missing_ok=True)  # one command per worker
    with connection:
        request, fds = _receive_request(connection)
        refusal = _refusal(request, loaded, target_path)
        if refusal:
            print(f"warm dbt: not used ({refusal})", flush=True)
            connection.sendall(b"R\n")
            return 0
        connection.sendall(f"A {os.getpid()}\n".encode())
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        sys.stdout.reconfigure(line_buffering=True)  # each event reaches Dagster as dbt logs it
        result = dbtRunner(manifest=loaded.result).invoke(request["argv"])
        sys.stdout.flush()
        sys.stderr.flush()
        # the dbt CLI's exit codes: 1 when a node failed, 2 when the command could not run
        code = 0 if result.success else (2 if result.exception is not None else 1)
        connection.sendall(f"{code}\n".encode())
    return 0


def _receive_request(connection: socket.socket) -> tuple[dict, list[int]]:
    header, fds, _, _ = socket.recv_fds(connection, _HEADER.size, 2)
    (size,) = _HEADER.unpack(header)
    payload = b""
    while len(payload) < size:
        chunk = connection.recv(size - len(payload))
        if not chunk:
            raise ConnectionError("the dbt client left before sending its command")
        payload += chunk
    return json.loads(payload), fds


def _refusal(request: dict, loaded, target_path: Path) -> str | None:
    """Why the loaded project cannot serve this command, or None when it can."""
    if not loaded.success:
        return "the project did not load; see above"
    if Path(request["cwd"]).resolve() != Path.cwd().resolve():
        return f"another dbt project folder: {request['cwd']}"
    # the profile reads the warehouse path, and the relations the project names depend on it
    if request["env"].get("PLENARY_WAREHOUSE") != os.environ.get("PLENARY_WAREHOUSE"):
        return "another warehouse"
    argv = request["argv"]
    requested_target = argv[argv.index("--target-path") + 1] if "--target-path" in argv else request["env"].get("DBT_TARGET_PATH")
    if requested_target is None or Path(request["cwd"], requested_target).resolve() != target_path.resolve():
        return f"another target folder: {requested_target}"
    if argv[:1] in (["parse"], ["deps"], ["clean"], ["init"], ["debug"]):
        return f"`dbt {argv[0]}` runs as itself"
    return None


# ------------------------------------------------------------------------------------ client


def client_main() -> None:
    """`plenary-dbt ARGS`: run `dbt ARGS` on the warm worker, or as the real `dbt`."""
    argv = sys.argv[1:]
    worker = os.environ.pop(WORKER_ENV, None)
    code = _run_on_worker(Path(worker), argv) if worker else None
    if code is not None:
        sys.exit(code)
    dbt = shutil.which("dbt", path=str(Path(sys.executable).parent)) or "dbt"
    os.execvp(dbt, [dbt, *argv])


def _run_on_worker(socket_path: Path, argv: list[str]) -> int | None:
    """dbt's exit code, or None when the worker cannot take the command (run it as `dbt`)."""
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(str(socket_path))
    except OSError:
        return None
    with connection:
        payload = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
        socket.send_fds(connection, [_HEADER.pack(len(payload))], [1, 2])
        connection.sendall(payload)
        replies = connection.makefile("rb")
        answer = replies.readline().split()
        if not answer or answer[0] != b"A":
            return None  # refused, or the worker ended before taking it: nothing has run
        worker_pid = int(answer[1])

        def forward(signum, _frame):
            os.kill(worker_pid, signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        code = replies.readline().strip()
        # no code: the worker was stopped (or died) while dbt ran
        return int(code) if code else 2


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        sys.exit(serve(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])))
    client_main()
