"""Run one parser function in a child process, bounded in time and memory.

Reading the largest workbook the upload accepts holds the interpreter for seconds, and a small
hostile workbook can ask calamine for more memory than the machine has (its cells are kept in one
dense block from A1 to the last cell; a failed allocation in Rust ends the process). Done in the
server's process, the first stalls every other session (they share the GIL) and the second ends
them all. So an .xlsx is read in a child forked from a warm fork server (the parser already
imported: about 20 ms a call): its address space and wall time are bounded, the server's process
only waits, and a child that runs out of either is ended, its file refused with a message.

The child's result comes back pickled (a parsed frame's columns pickle as whole arrays), progress
as small messages on the way.
"""

from __future__ import annotations

import importlib
import multiprocessing
import pickle
import resource
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

# The parser and its imports (pandas, pyarrow, calamine) are loaded once into the fork server, and
# the program's main module too, so that a child does not import it again (multiprocessing would, as
# "__mp_main__"; the main module of `streamlit run` and of pytest guards its work by `__name__`).
_PRELOAD = ["__main__", "analytics.ingest.parser"]
_LOCK = threading.Lock()


class ChildTimedOut(Exception):
    """The function did not finish within its time (the child was ended)."""


class ChildOutOfMemory(Exception):
    """The child ran out of its memory (MemoryError, or it died: Rust aborts on a failed allocation)."""


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    with _LOCK:
        context.set_forkserver_preload(_PRELOAD)
    return context


def _address_space() -> int:
    """Bytes of address space this process has mapped now (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(connection: Connection, module: str, function: str, kwargs: dict[str, object],
           settings: dict[str, object], memory: int, relay_progress: bool) -> None:
    """In the child: bound the memory, run the function, send ("done", result), ("raised", exception)
    or ("memory", "")."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a Rust abort must not write a core file
    limit = _address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    target = importlib.import_module(module)
    vars(target).update(settings)  # the limits as the parent has them (tests lower them)

    def progress(fraction: float, label: str) -> None:
        connection.send(("progress", fraction, label))

    try:
        if relay_progress:
            kwargs = {**kwargs, "progress": progress}
        result = getattr(target, function)(**kwargs)
        payload = pickle.dumps(("done", result), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(("memory", ""))
    except Exception as error:  # noqa: BLE001 - raised again in the parent, as if called there
        try:
            payload = pickle.dumps(("raised", error))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled: its kind
            payload = pickle.dumps(("raised", RuntimeError(type(error).__name__)))
    connection.send_bytes(payload)
    connection.close()


def run_bounded(module: str, function: str, kwargs: dict[str, object], *, seconds: float, memory: int,
                settings: dict[str, object] | None = None,
                progress: Callable[[float, str], None] | None = None) -> object:
    """`module.function(**kwargs)` in a child (with `progress=` relayed when given); its result. Raises ChildTimedOut after
    `seconds`, ChildOutOfMemory when it needs more than `memory` bytes beyond what it starts with.
    `settings` are module globals set in the child first (the parent's limits)."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, module, function, kwargs, settings or {}, memory, progress is not None),
                              daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + seconds
    try:
        while True:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                raise ChildTimedOut(function)
            try:
                message = receiver.recv_bytes()
            except EOFError:
                raise ChildOutOfMemory(function) from None  # ended without answering: killed or aborted
            kind, *rest = pickle.loads(message)
            if kind == "progress":
                if progress:
                    progress(*rest)
                continue
            if kind == "memory":
                raise ChildOutOfMemory(function)
            if kind == "raised":
                raise rest[0]
            return rest[0]
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
        process.close()
