"""The one error type a user ever sees: it names the file, the key and the reason."""
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


def read_user_file(path: Path, kind: str) -> bytes:
    """The bytes of a file the user named, or an InputError that says why they cannot be had."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "", "file not found") from None
    except IsADirectoryError:
        raise InputError(str(path), "", f"is a folder, not {kind}") from None
    except PermissionError:
        raise InputError(str(path), "", "cannot be read (permission denied)") from None
