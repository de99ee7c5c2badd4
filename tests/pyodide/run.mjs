// Runs xlmodel's xlwings Lite main.py in Pyodide (the runtime of xlwings Lite) under Node.
//
//   node run.mjs < batch.json > results.json
//
// batch.json: {"main_py": "<source>", "calls": [[FUNCTION, [arguments...]], ...]}.
// main.py imports `from xlwings import func, arg, ret`: a stub module with pass-through
// decorators is written into Pyodide's file system first (the real one needs Excel). main.py
// is run twice as the module "main", as Lite re-runs it after each edit; then every call is
// made in Python, the arguments turned from JSON into Python objects as Lite delivers them
// (lists of lists, None for blanks, floats; {"jsnull": true} becomes pyodide.ffi.jsnull).
// Results come back as JSON, with Python's version.
import { loadPyodide } from "pyodide";

const XLWINGS_STUB = `
"""Stand-in for xlwings inside this test: func/arg/ret only mark the function."""
def func(f=None, **options):
    return f if f is not None else (lambda g: g)

def arg(name, convert=None, **options):
    return lambda g: g

def ret(*convert, **options):
    return lambda g: g

__version__ = "stub"
`;

const RUNNER = `
import json, sys
from pyodide.ffi import jsnull

def as_lite(value):
    """{"jsnull": true} stands for Pyodide's JsNull, a blank cell as older xlwings passed it."""
    if isinstance(value, dict) and value.get("jsnull"):
        return jsnull
    if isinstance(value, list):
        return [as_lite(item) for item in value]
    return value

def run_main(source):
    namespace = {"__name__": "main"}
    exec(compile(source, "main.py", "exec"), namespace)
    return namespace

def call_all(batch):
    namespace = run_main(batch["main_py"])
    namespace = run_main(batch["main_py"])  # Lite runs main.py again after an edit
    results = []
    for name, args in batch["calls"]:
        try:
            results.append({"value": namespace[name](*as_lite(args))})
        except Exception as error:  # a UDF must never raise: report it as a failure
            results.append({"raised": f"{type(error).__name__}: {error}"})
    engine = sys.modules["xlmodel.engine"]
    return json.dumps({"python": sys.version.split()[0], "engine_origin": engine.__spec__.origin,
                       "results": results})
`;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf-8");
}

const batch = await readStdin();
const pyodide = await loadPyodide({ stdout: (text) => process.stderr.write(text + "\n") });
pyodide.FS.mkdirTree("/home/pyodide/stub");
pyodide.FS.writeFile("/home/pyodide/stub/xlwings.py", XLWINGS_STUB);
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/stub')");
pyodide.runPython(RUNNER);
pyodide.globals.set("batch_json", batch);
const output = pyodide.runPython("call_all(json.loads(batch_json))");
process.stdout.write(output);
