"""The one error type a user ever sees: it names the file, the key and the reason."""
import errno
import os
from pathlib import Path


def shorten(text: str, keep: int = 40) -> str:
    """Text as a message quotes it: cut in its middle when longer than twice `keep`."""
    return text if len(text) <= 2 * keep else f"{text[:keep]}...{text[-keep:]}"


def key_path(path: tuple) -> str:
    """("offers", 1, "equity", "growth") -> "offers[1].equity.growth"."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class InputError(Exception):
    """Bad input from the user. The CLI prints it and exits with code 2.

    `path` locates the bad value as data: the keys and list positions from the top of the
    offers file (("offers", 1, "equity", "growth")), or a sheet's key path when a workbook is
    read; `label` names what the path runs through in words ("offer 'Nimbus AI'").

    Two more facts serve whoever maps the path onto cells (`xlmodel read`, the Excel functions);
    the message never shows them: `parts`, the paths below `path` of the values a rule is about
    (("grant_value",), ("shares",), ("percent",)) or of the part of a pair that is wrong ((0,)
    for a tranche's month, (1,) for its fraction); `missing`, True when a required key is absent."""

    def __init__(self, source: str, path: tuple = (), reason: str = "", label: str = "", *,
                 parts: tuple = (), missing: bool = False):
        self.source = str(source)
        self.path = tuple(path)
        self.reason = reason
        self.label = label
        self.parts = tuple(tuple(part) for part in parts)
        self.missing = missing
        super().__init__(self.message)

    @property
    def key(self) -> str:
        """The key path as the message prints it, with its label."""
        text = key_path(self.path)
        return f"{text} ({self.label})" if text and self.label else text

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
    return shorten(str(path), 60)


def read_user_file(path: Path, kind: str, limit: int) -> bytes:
    """The bytes of a file the user named (at most `limit` of them), or an InputError that says
    why they cannot be had."""
    source = shown_path(path)
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > limit:
                raise InputError(source, (), f"is {os.fstat(handle.fileno()).st_size:,} bytes, far larger than "
                                 f"{kind} can be (at most {limit:,}); is it the right file?")
            content = handle.read(limit + 1)
    except IsADirectoryError:
        raise InputError(source, (), f"is a folder, not {kind}") from None
    except OSError as error:
        reason = _READ_REASONS.get(error.errno, f"cannot be read ({(error.strerror or 'input/output error').lower()})")
        raise InputError(source, (), reason) from None
    if len(content) > limit:  # a file that is not a regular one (a pipe, a device) can run on
        raise InputError(source, (), f"holds more than {limit:,} bytes, far more than {kind} can be; "
                         "is it the right file?")
    return content
