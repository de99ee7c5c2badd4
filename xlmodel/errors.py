"""The one error type a user ever sees: it names the file, the key and the reason."""


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
