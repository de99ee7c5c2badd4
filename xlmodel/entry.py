"""The `xlmodel` command's entry point (the console script and `python -m xlmodel`).

It imports nothing of xlmodel but `stopping` before it is ready for a signal: Ctrl-C at any
moment, even while the modules load, ends with exit code 130 and no traceback; SIGTERM and
SIGHUP unwind like an exit (128 + the signal's number), so a file being written is removed,
not left behind.
"""
from . import stopping

EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C: 128 + SIGINT


def run() -> int:
    try:
        stopping.install()
        from .cli import main
        code = main()
        stopping.raise_if_stopped()  # a signal that came while a finalizer ran
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
