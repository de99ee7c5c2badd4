try:
    from .entry import run
except KeyboardInterrupt:  # Ctrl-C before even the entry point loaded
    raise SystemExit(130) from None

raise SystemExit(run())
