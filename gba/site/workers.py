"""Run the site build's slow steps in forked worker processes, beside the main process.

:class:`Job` starts one step (rendering the notebooks) in a child process at once;
:class:`Work` runs many independent steps (drawing a figure in one language) in two
workers. Where this process may not fork (:func:`may_fork`), each step runs here when
its result is asked for; either way a step runs whole in one process, so the bytes it
returns do not depend on where it ran.

Examples
--------
>>> Job(str.upper, "ab").result()
'AB'
>>> work = Work([(len, "abc"), (str.title, "gba")])
>>> len(work), work.result(0), work.result(1)
(2, 3, 'Gba')
>>> work.close()
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["Job", "Work", "may_fork"]


def may_fork() -> bool:
    """Whether worker processes may be forked here: several cores, fork, no other thread.

    Forking a process that runs other threads (a browser driver, say) is unsafe.
    """
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    return (os.cpu_count() or 1) >= 2 and can_fork and threading.active_count() == 1


def _run_and_send(func: Callable[[Any], Any], arg: Any, conn: Any) -> None:
    """Run ``func(arg)`` in a child process and send ``(ok, result or error)`` back."""
    try:
        outcome = (True, func(arg))
    except BaseException as err:  # sent back and raised in the parent
        outcome = (False, err)
    try:
        conn.send(outcome)
    except Exception as err:  # an unpicklable error: say what it was
        conn.send((False, RuntimeError(repr(outcome[1] if not outcome[0] else err))))
    finally:
        conn.close()


class Job:
    """One slow step (rendering the notebooks) started in a forked child process at once.

    It runs while this process validates the data and renders the pages, before the
    figure workers (:class:`Work`) are forked; a plain process and a pipe, no thread,
    so forking those workers later stays safe. Without fork it runs here when its
    result is asked for.
    """

    def __init__(self, func: Callable[[Any], Any], arg: Any) -> None:
        self._func, self._arg = func, arg
        self._proc: Any = None
        self._result: tuple[bool, Any] | None = None
        if may_fork():
            context = multiprocessing.get_context("fork")
            self._conn, send = context.Pipe(duplex=False)
            self._proc = context.Process(target=_run_and_send, args=(func, arg, send), daemon=True)
            self._proc.start()
            send.close()

    def result(self) -> Any:
        """Return the step's result (waiting for it, or running it here)."""
        if self._result is None:
            if self._proc is None:
                self._result = (True, self._func(self._arg))
            else:
                try:
                    self._result = self._conn.recv()
                except EOFError:
                    self._result = (False, RuntimeError("the site's notebook worker died"))
                self.close()
        ok, value = self._result
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop the child process if it still runs."""
        if self._proc is not None:
            if self._proc.is_alive() and self._result is None:
                self._proc.terminate()
            self._proc.join()
            self._conn.close()
            self._proc = None


class Work:
    """Slow, independent steps (drawing a figure in one language) run side by side.

    With two or more tasks on a machine with several cores, two worker processes
    (forked, so they inherit the loaded package, data and fonts) run them while
    the main process renders the pages; otherwise each runs here when its result
    is asked for. Each task runs whole in one process, so the output bytes do not
    depend on where it ran.
    """

    def __init__(self, tasks: list[tuple[Callable[[Any], Any], Any]]) -> None:
        self._tasks = tasks
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Any] = []
        self._done: dict[int, Any] = {}
        workers = min(2, os.cpu_count() or 1, len(tasks))
        if workers >= 2 and may_fork():
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(workers, mp_context=context)
            self._futures = [self._pool.submit(f, arg) for f, arg in tasks]

    def __len__(self) -> int:
        return len(self._tasks)

    def result(self, i: int) -> Any:
        """Return the result of task ``i`` (waiting for it, or running it here)."""
        if i not in self._done:
            if self._pool is None:
                f, arg = self._tasks[i]
                self._done[i] = f(arg)
            else:
                self._done[i] = self._futures[i].result()
        return self._done[i]

    def close(self) -> None:
        """Stop the workers (tasks not started are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
