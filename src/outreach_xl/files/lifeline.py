"""Worker processes that end when the process that started them dies (``kill -9`` included).

``bind_to_parent`` is the merge pool's worker initializer. On Linux the kernel sends the worker
SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); on every POSIX system a daemon thread
also polls ``getppid()`` and ends the worker once it has been re-parented. On Windows nothing is
needed: the pool's workers watch their parent's handle themselves.

PR_SET_PDEATHSIG fires when the *thread* that forked the worker ends, so the pool must be fed from
one long-lived thread (the one running the merge); the merge does exactly that.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def bind_to_parent(parent: int) -> None:
    """End this process when ``parent`` (the merge's process, or the fork server between) dies."""
    if os.name != "posix":
        return
    if sys.platform.startswith("linux"):
        _death_signal(signal.SIGKILL)
    first = os.getppid()
    if first == 1 or not _alive(parent):  # the parent died before we got here
        os._exit(1)
    watch = threading.Thread(target=_watch, args=(first,), name="outreach-parent", daemon=True)
    watch.start()


def _death_signal(sig: int) -> None:
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)


def _watch(first: int) -> None:
    event = threading.Event()
    while not event.wait(POLL_SECONDS):
        if os.getppid() != first:
            os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
