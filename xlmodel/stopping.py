"""Stopping the `xlmodel` command on a signal: Ctrl-C (SIGINT), SIGTERM and SIGHUP end it with
128 + the signal's number (KeyboardInterrupt, or SystemExit), with no traceback and with the
file being written removed.

The exception is raised wherever ordinary Python code runs, so that any work stops at once and
unwinds through its cleanups (which a second signal does not interrupt). Two places cannot
take it:
- a block in `deferred()` (creating, naming and removing a temporary file): the signal is only
  recorded, and raised when `raise_if_stopped()` is called or the block ends;
- a finalizer (`__del__`, a weakref callback), which Python cannot unwind from: it would print
  the exception as "Exception ignored in ..." and carry on as if no signal had come. The
  exception is not printed but recorded again, and raised by the next `raise_if_stopped()`
  (before a file gets its name, and when the command ends) or signal.

Without `install()` (a notebook, a program using the library) Python's own handling stays.
"""
from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

_pending: Optional[int] = None  # a signal received and not raised yet
_unwinding: Optional[int] = None  # the signal whose exception is being raised
_deferring = 0


def install() -> None:
    """Handle the signals that still have Python's default handling (not one the caller ignores)."""
    for name, default in (("SIGINT", signal.default_int_handler), ("SIGTERM", signal.SIG_DFL),
                          ("SIGHUP", signal.SIG_DFL)):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == default:
            signal.signal(number, _on_signal)
    sys.unraisablehook = _unraisable


def _on_signal(signum: int, frame) -> None:
    global _pending
    if _unwinding is not None:  # stopping already: let the cleanups finish
        return
    _pending = signum
    if not _deferring:
        raise_if_stopped()


def raise_if_stopped() -> None:
    """Raise the exception of a signal received and not raised yet."""
    global _pending, _unwinding
    if _pending is not None:
        _unwinding, _pending = _pending, None
        raise KeyboardInterrupt if _unwinding == signal.SIGINT else SystemExit(128 + _unwinding)


def _unraisable(unraisable) -> None:
    global _pending, _unwinding
    if _unwinding is not None and isinstance(unraisable.exc_value, (KeyboardInterrupt, SystemExit)):
        _pending, _unwinding = _unwinding, None  # raised in a finalizer, which swallowed it
        return
    sys.__unraisablehook__(unraisable)


@contextmanager
def deferred() -> Iterator[None]:
    """A block that a signal does not interrupt: its exception is raised once the block ends."""
    global _deferring
    if threading.current_thread() is not threading.main_thread():  # only the main thread runs handlers
        yield
        return
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    raise_if_stopped()
