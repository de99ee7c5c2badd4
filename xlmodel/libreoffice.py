"""Headless LibreOffice: recalculate a workbook or export it to PDF."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import InputError

# Recalculate every formula on load, even in a file that carries cached values.
_PROFILE_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
"""
# The user interface locale and the locale of number formats (decimal and grouping separators, dates).
_LOCALE_ITEM = ('<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="{name}" oor:op="fuse">'
                '<value>{locale}</value></prop></item>\n')
_LOCALE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")

INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-calc-nogui)"


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise InputError("LibreOffice", (), f"not found on this machine; {INSTALL_HINT}")


class ConversionError(InputError):
    """LibreOffice ran but wrote nothing: it failed, timed out or could not be started. `detail` says why."""

    def __init__(self, source: str | Path, detail: str):
        self.detail = detail
        super().__init__(str(source), "", f"LibreOffice could not convert it: {detail}")


def profile_settings(locale: str | None = None) -> str:
    """The registrymodifications.xcu of a fresh profile: recalculate on load; with `locale`
    (a BCP 47 tag such as "de-DE"), that locale for the interface and for number formats."""
    items = _PROFILE_HEAD
    if locale is not None:
        if not _LOCALE_TAG.fullmatch(locale):
            raise ValueError(f"not a locale tag: {locale!r} (expected e.g. de-DE)")
        items += "".join(_LOCALE_ITEM.format(name=name, locale=locale) for name in ("ooLocale", "ooSetupSystemLocale"))
    return items + "</oor:items>\n"


def profile(root: Path, locale: str | None = None) -> str:
    """A fresh LibreOffice user profile under `root` (see profile_settings); its URI for -env:UserInstallation."""
    user = root / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(profile_settings(locale))
    return root.resolve().as_uri()


def convert_all(sources: list[str | Path], target_format: str, out_dir: str | Path, timeout: int = 180,
                locale: str | None = None) -> list[Path]:
    """Open each of `sources` in one headless LibreOffice, recalculate, and save it as `target_format`
    in `out_dir` (one start of LibreOffice for all: it takes seconds). The sources' names must differ."""
    sources, out_dir = [Path(source) for source in sources], Path(out_dir)
    named = ", ".join(str(source) for source in sources)
    with tempfile.TemporaryDirectory(prefix="xlmodel-lo-") as profile_dir:
        command = [soffice(), f"-env:UserInstallation={profile(Path(profile_dir), locale)}", "--headless", "--norestore",
                   "--convert-to", target_format, "--outdir", str(out_dir), *map(str, sources)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    env={**os.environ, "HOME": profile_dir})
        except subprocess.TimeoutExpired:
            raise ConversionError(named, f"no answer after {timeout} s") from None
        except OSError as error:  # found but not runnable
            raise ConversionError(named, f"{command[0]} could not be started ({error.strerror or error})") from None
    produced = [out_dir / (source.stem + "." + target_format.split(":")[0]) for source in sources]
    missing = [source for source, path in zip(sources, produced) if not path.exists()]
    if result.returncode != 0 or missing:
        detail = result.stderr.strip() or result.stdout.strip() or "no output"
        raise ConversionError(", ".join(map(str, missing)) or named,
                              f"exit code {result.returncode}, {detail}" if result.returncode else detail)
    return produced


def convert(source: str | Path, target_format: str, out_dir: str | Path, timeout: int = 180,
            locale: str | None = None) -> Path:
    """Open `source` in headless LibreOffice, recalculate, and save it as `target_format` in `out_dir`."""
    return convert_all([source], target_format, out_dir, timeout, locale)[0]


def recalculate(source: str | Path, out_dir: str | Path, locale: str | None = None) -> Path:
    """A recalculated copy of the workbook (xlsx) in `out_dir`; the source is left untouched."""
    return convert(source, "xlsx", out_dir, locale=locale)


def recalculate_all(sources: list[str | Path], out_dir: str | Path, locale: str | None = None,
                    timeout: int = 600) -> list[Path]:
    """Recalculated copies (xlsx) of several workbooks, by one LibreOffice; the sources are left untouched."""
    return convert_all(sources, "xlsx", out_dir, timeout, locale)
