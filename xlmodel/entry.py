"""The `xlmodel` command's entry point (the console script and `python -m xlmodel`).

It imports nothing of xlmodel before it is ready for a signal: Ctrl-C at any moment, even while
the modules load, ends with exit code 130 and no traceback; SIGTERM and SIGHUP unwind like an
exit (128 + the signal's number), so a file being written is removed, not left behind.
"""
import signal

EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C: 128 + SIGINT


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)


def _install_signal_handlers() -> None:
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _terminate)


def run() -> int:
    try:
        _install_signal_handlers()
        from .cli import main
        return main()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
