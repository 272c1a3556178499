"""Work shared with a forked copy of this process, on a machine with a core
to spare: rendering is Python through and through, so threads would not help.

The child inherits everything already computed (the briefing, the compiled
templates) without copying, does every other item, and sends its results
back through a pipe. Where forking is not safe or not worth it, everything
runs here, in order.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from typing import Callable, Sequence, TypeVar

from .problems import BadInput

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting a child costs more than it saves.
WORTH_FORKING = 400


def _can_fork() -> bool:
    # A fork copies only the calling thread: with others running (a server,
    # a file watcher) a lock one of them holds would stay locked forever.
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def map_shared(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], every other item done by a child
    process when that is safe and worth it. `function` must only compute:
    what it changes in the child stays there. BadInput raised on either side
    is raised here; any other failure of the child as RuntimeError."""
    if len(items) < WORTH_FORKING or not _can_fork():
        return [function(item) for item in items]
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: never returns
        os.close(reading)
        outcome: tuple[str, object]
        code = 0
        try:
            try:
                outcome = ("done", [function(item) for item in items[1::2]])
            except BadInput as bad:
                outcome = ("bad", (bad.problems, bad.truncated))
            except BaseException:
                outcome = ("failed", traceback.format_exc())
            with os.fdopen(writing, "wb") as stream:
                pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            code = 1
        finally:
            os._exit(code)  # no clean-up of the parent's: its files, its atexit handlers
    os.close(writing)
    with os.fdopen(reading, "rb") as stream:
        try:
            mine = [function(item) for item in items[0::2]]
            status, value = pickle.load(stream)
        except EOFError:
            status, value = "failed", "it ended without sending its results"
        except BaseException:
            os.kill(child, signal.SIGKILL)
            raise
        finally:
            os.waitpid(child, 0)
    if status == "bad":
        refused = BadInput(value[0])
        refused.truncated = value[1]
        raise refused
    if status == "failed":
        raise RuntimeError(f"a forked renderer failed:\n{value}")
    results: list = [None] * len(items)
    results[0::2], results[1::2] = mine, value
    return results
