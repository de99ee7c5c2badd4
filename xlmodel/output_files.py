"""Writing the user's files safely.

- `check_target` refuses, before any work is done, a target that cannot or must not be written:
  a folder, a name that is only a suffix or too long for the file system, a folder that does not
  exist or cannot be written, an existing file (unless forced) and, even when forced, a file the
  command is reading.
- `write_atomically` writes to a file no user sees (an unnamed O_TMPFILE file where the system
  has them, else a hidden dot-file beside the target), and only then gives it its name: a crash,
  Ctrl-C or SIGTERM leaves nothing, SIGKILL leaves no half-written file under a visible name.
  A new name is created exclusively (a hard link, which fails if the name exists), so of two
  commands writing the same new file at once, the second is refused rather than overwriting
  the first; a forced overwrite is an atomic rename.
"""
from __future__ import annotations

import errno
import os
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterable, Optional

from . import stopping
from .errors import InputError, shorten

DEFAULT_NAME_MAX = 255
TEMPORARY_PREFIX = ".xlmodel-"
EXISTS = "already exists; pass --force to overwrite it, or choose another name with -o"

_umask_lock = threading.Lock()

_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ELOOP: "too many symbolic links in the path",
}


def os_reason(error: OSError) -> str:
    """A plain reason for an operating-system error, without Python's exception text."""
    return _REASONS.get(error.errno, (error.strerror or "input/output error").lower())


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return DEFAULT_NAME_MAX


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_name(path: Path, suffix: Optional[str], kind: str) -> None:
    """Refuse a name that is only a suffix (`-o .xlsx`) or longer than the file system allows."""
    if suffix and path.name.lower() == suffix:
        raise InputError(str(path), (), f"is only a suffix; give a name such as {kind}{suffix}")
    size, limit = len(os.fsencode(path.name)), _name_max(_folder(path))
    if size > limit:
        raise InputError(shorten(str(path), 60), (), f"the file name is too long: {size} bytes, "
                         f"where the file system allows {limit}; choose a shorter name")



def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_folder_writable(folder: Path, shown: str) -> None:
    """Refuse a folder in which no file can be created (permission, a read-only or special file
    system): found by creating an unnamed file there (or a hidden one, removed at once)."""
    try:
        handle = _open_unnamed(folder)
        if handle is None:
            handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=folder)
            os.unlink(temporary)
        os.close(handle)
    except OSError as error:
        raise InputError(shown, (), f"cannot write in the folder {str(folder)!r}: {os_reason(error)}") from None


def check_target(path: Path, suffix: str | None, kind: str, force: bool = False,
                 reading: Iterable[Path] = ()) -> Path:
    """Refuse a target that cannot or must not be written, before any work is done.

    `reading`: the files the command reads; never overwritten, even with `force`.
    """
    path = Path(path)
    check_name(path, suffix, kind)
    shown = str(path)
    try:
        if path.is_dir():
            raise InputError(shown, (), f"is a folder; give a file name such as {kind}{suffix or path.suffix}")
        if suffix is not None and path.suffix.lower() != suffix:
            raise InputError(shown, (), f"the name must end in {suffix}")
        exists = path.exists() or path.is_symlink()
        for source in reading:
            if exists and _same_file(path, Path(source)):
                raise InputError(shown, (), f"is the file being read ({source}); choose another name with -o")
        if exists and not force:
            raise InputError(shown, (), EXISTS)
        folder = _folder(path)
        if not folder.exists():
            raise InputError(shown, (), f"folder {str(folder)!r} does not exist")
        if not folder.is_dir():
            raise InputError(shown, (), f"{str(folder)!r} is a file, not a folder")
    except OSError as error:  # a name the system refuses (too long a path, a loop of links, ...)
        raise InputError(shorten(shown, 60), (), os_reason(error)) from None
    check_folder_writable(folder, shown)
    return path


def _open_unnamed(folder: Path) -> Optional[int]:
    """An unnamed file in `folder` (Linux O_TMPFILE), or None where the system cannot make one."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.exists("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_RDWR, 0o600)  # private while written; see _ordinary
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None  # the file system cannot: fall back to a hidden named file
        raise


def _link_unnamed(handle: int, path: Path) -> None:
    """Give the unnamed file open as `handle` the name `path` (FileExistsError if it exists).

    linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N, as open(2) documents for O_TMPFILE; os.link
    calls plain link(2), which would link the /proc entry itself, unless given a folder handle.
    """
    folder = os.open(_folder(path), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.link(f"/proc/self/fd/{handle}", path.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _ordinary() -> int:
    """The mode of an ordinary new file (0o666 less the umask): the temporary file was private."""
    with _umask_lock:  # reading the umask means setting it: not from two threads at once
        umask = os.umask(0o077)
        os.umask(umask)
    return 0o666 & ~umask


def _link_new(source: str, path: Path) -> None:
    """Give the finished file the name `path`, failing if the name exists (FileExistsError)."""
    try:
        os.link(source, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links: claim the name exclusively, then rename onto it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(source, path)


def write_atomically(path: Path, write: Callable[[str], None], force: bool = False) -> Path:
    """Call `write(filesystem_path)` to write a file no one sees, then give it the name `path`.

    Without `force` an existing `path` is never replaced, even one created by another program
    while this one wrote: InputError.
    """
    # A signal stops the write before the file gets its name, never between creating, naming and
    # removing the temporary file (which would leave it behind).
    with stopping.deferred():
        return _write_then_name(Path(path), write, force)


def _write_then_name(path: Path, write: Callable[[str], None], force: bool) -> Path:
    folder = _folder(path)
    handle: Optional[int] = None
    temporary: Optional[str] = None
    try:
        try:
            handle = _open_unnamed(folder)
            if handle is not None:
                write(f"/proc/self/fd/{handle}")
                os.fchmod(handle, _ordinary())
                stopping.raise_if_stopped()
                if force:
                    temporary = _hidden_name(folder, path.suffix)
                    _link_unnamed(handle, Path(temporary))
                    os.replace(temporary, path)
                    temporary = None
                else:
                    _link_unnamed(handle, path)
            else:
                descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=path.suffix, dir=folder)
                os.close(descriptor)
                write(temporary)
                os.chmod(temporary, _ordinary())
                stopping.raise_if_stopped()
                if force:
                    os.replace(temporary, path)
                else:
                    _link_new(temporary, path)
                    os.unlink(temporary)
                temporary = None
        except FileExistsError:
            raise InputError(str(path), (), "already exists (another program wrote it meanwhile); nothing was "
                             "overwritten: pass --force to overwrite it, or choose another name with -o") from None
        except OSError as error:
            raise InputError(shorten(str(path), 60), (), f"cannot be written: {os_reason(error)}") from None
    finally:
        if handle is not None:
            os.close(handle)
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return path


def _hidden_name(folder: Path, suffix: str) -> str:
    """A fresh hidden name in `folder` for a moment between linking and renaming."""
    while True:
        candidate = os.path.join(folder, f"{TEMPORARY_PREFIX}{os.urandom(6).hex()}{suffix}")
        if not os.path.lexists(candidate):
            return candidate


def write_text(path: Path, text: str, force: bool = False) -> Path:
    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    return write_atomically(path, write, force)
