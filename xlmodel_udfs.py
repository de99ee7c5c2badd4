"""Source-checkout shim: `import xlmodel_udfs` from the repository root (PYTHONPATH=. or an
editable install) loads the real module, udfs/xlmodel_udfs.py. The wheel installs that file
itself as xlmodel_udfs.py and never ships this shim.
"""
import importlib.util as _util
import pathlib as _pathlib
import sys as _sys

_spec = _util.spec_from_file_location(__name__, _pathlib.Path(__file__).resolve().parent / "udfs" / "xlmodel_udfs.py")
_module = _util.module_from_spec(_spec)
_sys.modules[__name__] = _module
_spec.loader.exec_module(_module)
