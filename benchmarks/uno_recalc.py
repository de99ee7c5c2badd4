#!/usr/bin/python3
"""Time LibreOffice's full recalculation (calculateAll) of workbooks, through UNO.

Run by benchmarks/run.py with the system Python that has LibreOffice's `uno` module
(Debian: python3-uno), not the project's Python:

    /usr/bin/python3 benchmarks/uno_recalc.py JOB.json

JOB.json: {"soffice": path, "profile": file URI, "runs": N, "files": [paths]}.
Prints JSON: {"files": {path: [the seconds of each timed calculateAll, after one untimed call]}};
all the files are open at once and recalculated in turn, round after round."""
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def connect(soffice, profile):
    pipe = f"xlmodel-bench-{os.getpid()}"
    home = tempfile.mkdtemp(prefix="xlmodel-uno-")
    process = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                                "--nologo", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "HOME": home})
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # not listening yet
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit("LibreOffice did not answer on its UNO pipe")
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return process, desktop, home


@contextlib.contextmanager
def office(soffice, profile):
    """A headless LibreOffice for the block's length: its Desktop, then the office closed and its
    HOME removed whatever happens (also used by the tests that edit cells through UNO)."""
    process, desktop, home = connect(soffice, profile)
    try:
        yield desktop
    finally:
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(home, ignore_errors=True)


def load(desktop, path):
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    return desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (hidden,))


def timed_calculations(documents, runs):
    """The seconds of each calculateAll of each document, the documents taken in turn, round after
    round, so that what else the machine does hits them all alike."""
    for document in documents:
        document.calculateAll()  # untimed: the first pass after loading builds LibreOffice's dependency lists
    times = [[] for _ in documents]
    for _ in range(runs):
        for document, seconds in zip(documents, times):
            start = time.perf_counter()
            document.calculateAll()
            seconds.append(time.perf_counter() - start)
    return times


def main():
    with open(sys.argv[1]) as handle:
        job = json.load(handle)
    result = {"files": {}}
    with office(job["soffice"], job["profile"]) as desktop:
        documents = [load(desktop, path) for path in job["files"]]
        for path, seconds in zip(job["files"], timed_calculations(documents, job["runs"])):
            result["files"][path] = seconds
        for document in documents:
            document.close(True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
