"""The one error type a user ever sees: it names the file, the key and the reason."""
import errno
import os
from pathlib import Path


class InputError(Exception):
    """Bad input from the user. The CLI prints it and exits with code 2."""

    def __init__(self, source: str, key: str, reason: str):
        self.source = str(source)
        self.key = key
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.source}: {self.key}" if self.key else self.source
        return f"{where}: {self.reason}"


_READ_REASONS = {
    errno.ENOENT: "file not found",
    errno.EACCES: "cannot be read (permission denied)",
    errno.EPERM: "cannot be read (permission denied)",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ENOTDIR: "file not found (a part of the path is a file, not a folder)",
    errno.ELOOP: "cannot be read (too many symbolic links in the path)",
}


def shown_path(path) -> str:
    """A path as an error message shows it: a name too long to read is cut in its middle."""
    text = str(path)
    return text if len(text) <= 120 else f"{text[:60]}...{text[-60:]}"


def read_user_file(path: Path, kind: str, limit: int) -> bytes:
    """The bytes of a file the user named (at most `limit` of them), or an InputError that says
    why they cannot be had."""
    source = shown_path(path)
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise InputError(source, "", f"is {os.fstat(handle.fileno()).st_size:,} bytes, far larger than "
                                 f"{kind} can be (at most {limit:,}); is it the right file?")
            content = handle.read(limit + 1)
    except IsADirectoryError:
        raise InputError(source, "", f"is a folder, not {kind}") from None
    except OSError as error:
        reason = _READ_REASONS.get(error.errno, f"cannot be read ({(error.strerror or 'input/output error').lower()})")
        raise InputError(source, "", reason) from None
    if len(content) > limit:  # a file that is not a regular one (a pipe, a device) can run on
        raise InputError(source, "", f"holds more than {limit:,} bytes, far more than {kind} can be; "
                         "is it the right file?")
    return content
