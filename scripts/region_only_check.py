#!/usr/bin/env python3
"""Region-only install check: the core plus ONE regional plugin, in a fresh virtualenv.

For each region (default: all bundled ones) this script

1. builds wheels of the core and the plugins once (``pip wheel --no-deps``);
2. creates a fresh virtual environment (``python -m venv``, no system site-packages);
3. installs the core wheel (with its dependencies), **only** that region's plugin wheel,
   and pytest;
4. checks that ``verzuimdesk plugins --json`` lists exactly that region, loaded;
5. runs the plugin's own tests there (copied out of the repository, so that the installed
   packages are tested, not the source tree);
6. starts the app offscreen: ``verzuimdesk --demo --smoke --region ID``
   (``QT_QPA_PLATFORM=offscreen``), falling back to ``verzuimdesk plugins`` when the
   installed app has no ``--smoke`` yet;

and prints PASS or FAIL per region with the time taken. The exit status is 1 when any
region fails. pip's cache makes repeated runs fast; ``--workdir DIR --reuse`` keeps and
reuses the virtual environments between runs.

Usage::

    python scripts/region_only_check.py                 # all bundled regions
    python scripts/region_only_check.py den_haag -v     # one region, show output
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REGIONS = ("den_haag", "amsterdam", "kennemerland", "lelystad", "amstelland")


@dataclass
class Result:
    """Outcome of one region's check."""

    region: str
    ok: bool = True
    steps: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def fail(self, step: str, output: str) -> None:
        self.ok = False
        self.steps.append(f"{step}: MISLUKT")
        self.log.append(f"--- {step} ---\n{output}")


def run(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: int = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing output as text."""
    return subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def bin_dir(venv: Path) -> Path:
    """The venv's scripts folder (``bin`` or ``Scripts`` on Windows)."""
    return venv / ("Scripts" if os.name == "nt" else "bin")


def build_wheels(out: Path, regions: tuple[str, ...]) -> dict[str, Path]:
    """Build the core's and the regions' wheels once; return name -> wheel path."""
    out.mkdir(parents=True, exist_ok=True)
    sources = [REPO] + [REPO / "plugins" / r for r in regions]
    proc = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            *map(str, sources),
        ]
    )
    if proc.returncode != 0:
        raise SystemExit(f"Wheels bouwen mislukt:\n{proc.stdout}\n{proc.stderr}")
    wheels: dict[str, Path] = {}
    for wheel in out.glob("*.whl"):
        dist = wheel.name.split("-")[0].lower()
        wheels[dist] = wheel
    return wheels


def check_region(region: str, work: Path, wheels: dict[str, Path], reuse: bool) -> Result:
    """Run every step for one region."""
    result = Result(region)
    start = time.monotonic()
    mark = [start]

    def took() -> str:
        now = time.monotonic()
        seconds, mark[0] = now - mark[0], now
        return f" [{seconds:.1f} s]"

    venv = work / f"venv-{region}"
    py = bin_dir(venv) / "python"
    env = dict(os.environ)
    for key in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "VERZUIMDESK_LOAD_PLUGINS"):
        env.pop(key, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        VERZUIMDESK_DATA_DIR=str(work / f"data-{region}"),
        # The smoke start saves window settings: never into the real user's configuration.
        XDG_CONFIG_HOME=str(work / f"config-{region}"),
        VERZUIMDESK_STRICT_PLUGINS="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PATH=str(bin_dir(venv)) + os.pathsep + env.get("PATH", ""),
    )

    # 1. A fresh virtual environment with the core and only this region's plugin.
    if not (reuse and py.exists()):
        shutil.rmtree(venv, ignore_errors=True)
        proc = run([sys.executable, "-m", "venv", str(venv)])
        if proc.returncode != 0:
            result.fail("venv", proc.stdout + proc.stderr)
            return result
    plugin_wheel = wheels[f"verzuimdesk_{region}"]
    proc = run(
        [
            str(py),
            "-m",
            "pip",
            "install",
            "-q",
            "--force-reinstall",
            "--no-deps",
            str(wheels["verzuimdesk"]),
            str(plugin_wheel),
        ],
        env=env,
    )
    if proc.returncode == 0:
        proc = run(
            [
                str(py),
                "-m",
                "pip",
                "install",
                "-q",
                str(wheels["verzuimdesk"]),
                str(plugin_wheel),
                "pytest",
            ],
            env=env,
        )
    if proc.returncode != 0:
        result.fail("pip install", proc.stdout + proc.stderr)
        return result
    result.steps.append("installatie: ok" + took())

    # 2. Exactly this region is installed, and it loads (strict mode).
    proc = run([str(py), "-m", "verzuimdesk.commands.plugins", "--json"], env=env)
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    listed = sorted((r["regio"], r["status"]) for r in rows)
    if proc.returncode != 0 or listed != [(region, "geladen")]:
        result.fail("verzuimdesk plugins", f"{listed}\n{proc.stdout}{proc.stderr}")
        return result
    result.steps.append("alleen deze regio geladen: ok" + took())

    # 3. The plugin's tests against the installed packages.
    tests = work / f"tests-{region}"
    shutil.rmtree(tests, ignore_errors=True)
    shutil.copytree(REPO / "plugins" / region / "tests", tests)
    (tests / "pytest.ini").write_text("[pytest]\naddopts = --import-mode=importlib\n")
    proc = run(
        [str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)], cwd=tests, env=env
    )
    summary = (proc.stdout.strip().splitlines() or ["?"])[-1]
    if proc.returncode != 0:
        result.fail("tests", proc.stdout + proc.stderr)
        return result
    result.steps.append(f"tests: {summary}" + took())

    # 4. Start the app offscreen on a demo case base and stop.
    exe = str(bin_dir(venv) / "verzuimdesk")
    proc = run([exe, "--demo", "--smoke", "--region", region], env=env, timeout=300, cwd=work)
    text = proc.stdout + proc.stderr
    if proc.returncode != 0 and "--smoke" in text and "onbekend" in text:
        proc = run([exe, "plugins"], env=env, cwd=work)
        label = "start (zonder --smoke: verzuimdesk plugins)"
    else:
        label = "start offscreen (--demo --smoke)"
    if proc.returncode != 0:
        result.fail(label, proc.stdout + proc.stderr)
        return result
    result.steps.append(f"{label}: ok" + took())
    result.seconds = time.monotonic() - start
    return result


def main(argv: list[str] | None = None) -> int:
    """Check the given regions; 0 when all pass."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "regions", nargs="*", metavar="REGIO", help=f"regio's (standaard: {', '.join(REGIONS)})"
    )
    parser.add_argument("--workdir", type=Path, help="map voor venvs (standaard: tijdelijk)")
    parser.add_argument("--reuse", action="store_true", help="bestaande venvs hergebruiken")
    parser.add_argument("--jobs", type=int, default=2, help="regio's tegelijk (standaard 2)")
    parser.add_argument("-v", "--verbose", action="store_true", help="toon alle uitvoer")
    args = parser.parse_args(argv)
    regions = tuple(args.regions) or REGIONS
    unknown = [r for r in regions if r not in REGIONS]
    if unknown:
        parser.error(f"onbekende regio: {', '.join(unknown)} (kies uit {', '.join(REGIONS)})")

    work = args.workdir or Path(tempfile.mkdtemp(prefix="verzuimdesk-regio-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    print(f"Werkmap: {work}")
    wheels = build_wheels(work / "wheels", regions)
    print(f"Wheels gebouwd in {time.monotonic() - started:.1f} s")
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda r: check_region(r, work, wheels, args.reuse), regions))
    failed = 0
    for result in results:
        status = "PASS" if result.ok else "FAIL"
        took = f" ({result.seconds:.1f} s)" if result.ok else ""
        print(f"{status}  {result.region}{took}")
        for step in result.steps:
            print(f"      {step}")
        if not result.ok or args.verbose:
            for chunk in result.log:
                print("\n".join("      " + line for line in chunk.splitlines()[-60:]))
        failed += not result.ok
    print(
        f"Totaal {time.monotonic() - started:.1f} s: "
        f"{len(results) - failed} geslaagd, {failed} mislukt"
    )
    if args.workdir is None and not failed:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
