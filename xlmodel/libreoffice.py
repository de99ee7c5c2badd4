"""Headless LibreOffice: recalculate a workbook or export it to PDF."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import InputError

# Recalculate every formula on load, even in a file that carries cached values.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-calc-nogui)"


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise InputError("LibreOffice", "", f"not found on this machine; {INSTALL_HINT}")


class ConversionError(InputError):
    """LibreOffice ran but wrote nothing: it failed, timed out or could not be started. `detail` says why."""

    def __init__(self, source: str | Path, detail: str):
        self.detail = detail
        super().__init__(str(source), "", f"LibreOffice could not convert it: {detail}")


def _profile(root: Path) -> str:
    user = root / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS)
    return root.resolve().as_uri()


def convert(source: str | Path, target_format: str, out_dir: str | Path, timeout: int = 180) -> Path:
    """Open `source` in headless LibreOffice, recalculate, and save it as `target_format` in `out_dir`."""
    source, out_dir = Path(source), Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="xlmodel-lo-") as profile:
        command = [soffice(), f"-env:UserInstallation={_profile(Path(profile))}", "--headless", "--norestore",
                   "--convert-to", target_format, "--outdir", str(out_dir), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise ConversionError(source, f"no answer after {timeout} s") from None
        except OSError as error:  # found but not runnable
            raise ConversionError(source, f"{command[0]} could not be started ({error.strerror or error})") from None
    produced = out_dir / (source.stem + "." + target_format.split(":")[0])
    if result.returncode != 0 or not produced.exists():
        detail = result.stderr.strip() or result.stdout.strip() or "no output"
        raise ConversionError(source, f"exit code {result.returncode}, {detail}" if result.returncode else detail)
    return produced


def recalculate(source: str | Path, out_dir: str | Path) -> Path:
    """A recalculated copy of the workbook (xlsx) in `out_dir`; the source is left untouched."""
    return convert(source, "xlsx", out_dir)
