"""Writing the user's files safely: never over an existing file unless forced, and atomically
(a temporary file beside the target, then a rename), so a crash leaves no half-written file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from .errors import InputError


def check_target(path: Path, suffix: str | None, kind: str, force: bool = False) -> Path:
    """Refuse a target that is a folder, has the wrong ending, exists (unless forced) or has no folder."""
    if path.is_dir():
        raise InputError(str(path), "", f"is a folder; give a file name such as {kind}{suffix or path.suffix}")
    if suffix is not None and path.suffix.lower() != suffix:
        raise InputError(str(path), "", f"the name must end in {suffix}")
    if path.exists() and not force:
        raise InputError(str(path), "", "already exists; pass --force to overwrite it, or choose another name with -o")
    if not path.parent.is_dir():
        raise InputError(str(path), "", f"folder {str(path.parent)!r} does not exist")
    return path


def write_atomically(path: Path, write: Callable[[str], None]) -> Path:
    """Call `write(temporary_path)`, then move the finished file onto `path`."""
    handle, temporary = tempfile.mkstemp(prefix=".xlmodel-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; the user's file is an ordinary one
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    return write_atomically(path, write)
