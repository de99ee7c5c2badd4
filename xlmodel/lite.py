"""Write the two files xlwings Lite takes: a self-sufficient main.py and its requirements.txt.

xlwings Lite runs Python (Pyodide) inside Excel on Windows, Mac and the web, and installs
packages from PyPI only: xlmodel is not there, and a workbook may be used offline. So
main.py carries the xlmodel modules the UDFs need as source text, serves them to `import`
through a small finder, and then holds the UDF module (`xlmodel_udfs`, kept in
udfs/xlmodel_udfs.py) verbatim, so the functions Lite registers are the very ones classic
xlwings imports. requirements.txt lists
only xlwings, which Lite installs itself.
"""
from __future__ import annotations

import ast
import importlib.util
import re
from importlib import resources
from pathlib import Path
from typing import Optional

from . import __version__
from .errors import InputError
from .output_files import check_folder_writable, check_name, check_target, os_reason, write_text

PACKAGE = "xlmodel"
UDF_MODULE = "xlmodel_udfs"
UDF_FILE = f"{UDF_MODULE}.py"
UDF_SOURCE_FOLDER = "udfs"  # where a source checkout keeps it (the wheel installs it top-level)
REQUIREMENTS = "xlwings>=0.33\n"
FILES = ("main.py", "requirements.txt")

_HEADER = '''\
"""xlmodel {version} for xlwings Lite: Excel functions that value tech job offers.

Written by `xlmodel lite`; regenerate it rather than editing it. The first part embeds
the xlmodel engine (xlwings Lite cannot install it: it is not on PyPI); the second part is
xlmodel's UDF module unchanged: OFFERVALUE, OFFERTC, VESTED, VESTSCHEDULE, ASKBASE,
ASKSIGNON, ASKEQUITY, BREAKEVENGROWTH, LEAVEVALUE, ASKBUMP, PROBABILITYTOCLOSE,
ACCELERATIONVALUE and OFFERODDS.
"""
'''

_BOOTSTRAP = '''
# --- part 1: the xlmodel package, embedded ------------------------------------------------
import importlib.abc as _importlib_abc
import importlib.util as _importlib_util
import sys as _sys


class _EmbeddedXlmodel(_importlib_abc.MetaPathFinder, _importlib_abc.InspectLoader):
    """Imports xlmodel's modules from the source text in _XLMODEL_SOURCES."""

    xlmodel_lite = True

    def find_spec(self, name, path=None, target=None):
        if name not in _XLMODEL_SOURCES:
            return None
        return _importlib_util.spec_from_loader(name, self, origin=self._origin(name),
                                                is_package=name in _XLMODEL_PACKAGES)

    @staticmethod
    def _origin(name):
        return "<xlmodel-lite>/" + name.replace(".", "/") + ".py"

    def get_source(self, name):
        return _XLMODEL_SOURCES[name]

    def get_code(self, name):
        return compile(_XLMODEL_SOURCES[name], self._origin(name), "exec", dont_inherit=True)

    def is_package(self, name):
        return name in _XLMODEL_PACKAGES


def _install_embedded_xlmodel():
    # Lite runs main.py again after each edit: drop what an earlier run (or an installed
    # xlmodel) left behind, so these sources are the ones imported.
    _sys.meta_path[:] = [f for f in _sys.meta_path if not getattr(f, "xlmodel_lite", False)]
    for name in [n for n in _sys.modules if n == "{package}" or n.startswith("{package}.")]:
        del _sys.modules[name]
    _sys.meta_path.insert(0, _EmbeddedXlmodel())


_XLMODEL_SOURCES = {{
{sources}}}
_XLMODEL_PACKAGES = {packages!r}

_install_embedded_xlmodel()


# --- part 2: the UDF module, {udf_path} ---------------------------------------------
'''


def _module_file(module: str):
    """The source file of xlmodel module `module` (dotted below xlmodel, "" for the package)."""
    parts = module.split(".") if module else []
    package = resources.files(PACKAGE).joinpath(*parts, "__init__.py") if parts else resources.files(PACKAGE).joinpath(
        "__init__.py")
    if package.is_file():
        return package
    return resources.files(PACKAGE).joinpath(*parts[:-1], f"{parts[-1]}.py")


def _is_package(module: str) -> bool:
    return _module_file(module).name == "__init__.py"


def _module_source(module: str) -> str:
    return _module_file(module).read_text(encoding="utf-8")


def udf_path() -> Path:
    """The UDF module's source file, found as `import xlmodel_udfs` would find it (without importing it)."""
    spec = importlib.util.find_spec(UDF_MODULE)
    if spec is None or not spec.origin:
        raise InputError(UDF_MODULE, (), "cannot be found: reinstall xlmodel (pip install xlmodel)")
    path = Path(spec.origin)
    in_checkout = path.parent / UDF_SOURCE_FOLDER / UDF_FILE  # the checkout's shim stands for this file
    return in_checkout if in_checkout.is_file() else path


def udf_source() -> str:
    return udf_path().read_text(encoding="utf-8")


def _xlmodel_imports(source: str, module: Optional[str]) -> set[str]:
    """The xlmodel modules (dotted below xlmodel, "" for the package) that a source imports;
    `module` is the importing xlmodel module (None for code outside the package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level and module is not None:
                here = module.split(".") if module else []
                package = here if _is_package(module) else here[:-1]
                package = package[:len(package) - (node.level - 1)]
                base = ".".join(package + ([node.module] if node.module else []))
            elif node.level == 0 and node.module and (node.module == PACKAGE or node.module.startswith(PACKAGE + ".")):
                base = node.module[len(PACKAGE) + 1:]
            else:
                continue
            found.add(base)
            for alias in node.names:  # `from . import engine`, `from .inputs import schema`
                submodule = f"{base}.{alias.name}" if base else alias.name
                if _exists(submodule):
                    found.add(submodule)
        elif isinstance(node, ast.Import):
            found.update(alias.name[len(PACKAGE) + 1:] for alias in node.names
                         if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."))
    for name in list(found):  # importing a.b runs a's __init__ first
        parts = name.split(".")
        found.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return found


def _exists(module: str) -> bool:
    return _module_file(module).is_file()


def needed_modules() -> list[str]:
    """The xlmodel modules the UDF module needs, directly or through each other ("" = __init__)."""
    todo, seen = list(_xlmodel_imports(udf_source(), None) | {""}), set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo.extend(_xlmodel_imports(_module_source(module), module) - seen)
    return sorted(seen)


def _literal(text: str) -> str:
    """`text` as a Python literal that reads well: a raw triple-quoted string when that is exact."""
    literal = f"r'''{text}'''"
    if "'''" in text or text.endswith("\\") or "\r" in text:
        literal = repr(text)
    try:
        exact = ast.literal_eval(literal) == text
    except SyntaxError:
        exact = False
    return literal if exact else repr(text)


def main_py() -> str:
    """The main.py for xlwings Lite: the embedded xlmodel modules, then the UDF module."""
    entries = []
    for module in needed_modules():
        name = f"{PACKAGE}.{module}" if module else PACKAGE
        entries.append(f"    {name!r}: {_literal(_module_source(module))},\n")
    udfs = udf_source()
    future = re.findall(r"^from __future__ import .*$", udfs, flags=re.M)
    udfs = re.sub(r"^from __future__ import .*\n", "", udfs, flags=re.M)
    head = _HEADER.format(version=__version__) + "".join(line + "\n" for line in future)
    packages = sorted(f"{PACKAGE}.{m}" if m else PACKAGE for m in needed_modules() if _is_package(m))
    bootstrap = _BOOTSTRAP.format(package=PACKAGE, sources="".join(entries), packages=packages,
                                  udf_path=f"{UDF_MODULE} ({UDF_SOURCE_FOLDER}/{UDF_FILE})")
    return head + bootstrap + udfs


def requirements_txt() -> str:
    return REQUIREMENTS


def write_lite(folder: str | Path, force: bool = False) -> list[Path]:
    """Write main.py and requirements.txt into `folder` (created if need be); never overwrite unless forced.

    On any failure, what this call created (files, folders) is removed again.
    """
    folder = Path(folder)
    check_name(folder, None, "xlmodel-lite")
    try:
        if folder.exists() and not folder.is_dir():
            raise InputError(str(folder), (), "is a file, not a folder; choose a folder with -o")
        targets = [folder / name for name in FILES]
        existing = [str(path) for path in targets if path.exists()]
        missing = [p for p in [folder, *folder.parents] if not p.exists()]
    except OSError as error:
        raise InputError(str(folder), (), os_reason(error)) from None
    if existing and not force:
        verb = "already exists" if len(existing) == 1 else "already exist"
        raise InputError(" and ".join(existing), (), f"{verb}; pass --force to overwrite, or choose another folder with -o")
    nearest = folder.parents[len(missing) - 1] if missing else folder  # the deepest folder that exists
    if not nearest.is_dir():
        raise InputError(str(folder), (), f"{str(nearest)!r} is a file, not a folder; choose a folder with -o")
    check_folder_writable(nearest, str(folder))
    contents = {"main.py": main_py(), "requirements.txt": requirements_txt()}
    written: list[Path] = []
    try:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(str(folder), (), f"cannot be created: {os_reason(error)}") from None
        for path in targets:
            check_target(path, None, path.stem, force)
            is_new = not path.exists()
            write_text(path, contents[path.name], force)
            if is_new:
                written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for created in missing:  # deepest first
            try:
                created.rmdir()
            except OSError:
                pass
        raise
    return targets
