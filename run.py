"""Set up and run VerzuimDesk from a source checkout, with nothing but Python 3.11+.

    python3 run.py demo    # install everything in .venv and start the desk on a demo case base
    python3 run.py test    # install everything incl. test tools in .venv and run the whole suite

Works the same on Linux, macOS and Windows. The virtual environment lives in
``.venv`` beside this file; installing is skipped when no ``pyproject.toml``
changed since the last run.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REGIONS = ("den_haag", "amsterdam", "kennemerland", "lelystad", "amstelland")
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    """Return the interpreter of the project's virtual environment."""
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def _fingerprint(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for project in [
        ROOT / "pyproject.toml",
        *(ROOT / "plugins" / r / "pyproject.toml" for r in REGIONS),
    ]:
        digest.update(project.read_bytes())
    return digest.hexdigest()


#: Test processes (pytest-xdist): one per core, at most four — the GUI, SQLite and
#: PostgreSQL tests are independent, and one process took over 15 minutes for the suite.
TEST_WORKERS = max(1, min(4, os.cpu_count() or 1))

#: One set of extras for both commands, so switching between ``demo`` and ``test`` never
#: reinstalls: the test tools are small next to Qt.
EXTRAS = "test"


def install(extras: str = EXTRAS) -> None:
    """Create ``.venv`` and install the core and the bundled regional plugins (editable)."""
    if not venv_python().exists():
        print("Virtuele omgeving maken in .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".verzuimdesk-installed"
    wanted = _fingerprint(extras)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("VerzuimDesk en de regionale plug-ins installeren …", flush=True)
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    command = [
        str(venv_python()),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-e",
        target,
    ]
    for region in REGIONS:
        command += ["-e", str(ROOT / "plugins" / region)]
    subprocess.run(command, check=True)
    stamp.write_text(wanted)


def run_demo(extra_args: list[str]) -> int:
    """Install and start the desk on a fresh demo case base."""
    install()
    return subprocess.call([str(venv_python()), "-m", "verzuimdesk", "--demo", *extra_args])


def run_tests(extra_args: list[str]) -> int:
    """Install with test tools and run lint, the whole test suite and the region-only checks."""
    install()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    python = str(venv_python())
    steps = [
        ("ruff", [python, "-m", "ruff", "check", "."]),
        ("import-contracten", [str(venv_python().parent / "lint-imports"), "--no-cache"]),
        ("mypy", [python, "-m", "mypy"]),
        ("pytest", [python, "-m", "pytest", "-n", str(TEST_WORKERS), *extra_args]),
        ("regio-los", [python, str(ROOT / "scripts" / "region_only_check.py")]),
    ]
    failed = []
    for name, command in steps:
        print(f"\n=== {name} ===", flush=True)
        if subprocess.call(command, cwd=ROOT, env=env) != 0:
            failed.append(name)
    if failed:
        print(f"\nMislukt: {', '.join(failed)}", flush=True)
        return 1
    print("\nAlles geslaagd.", flush=True)
    return 0


def main(argv: list[str]) -> int:
    """Dispatch ``demo`` or ``test``."""
    if sys.version_info < MIN_PYTHON:
        print("VerzuimDesk heeft Python 3.11 of nieuwer nodig.", file=sys.stderr)
        return 2
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    handler = run_demo if argv[0] == "demo" else run_tests
    return handler(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
