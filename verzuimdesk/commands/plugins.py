"""``verzuimdesk plugins``: list the installed regional plugins and their status.

One line per plugin: region id, distribution, version and status — ``geladen`` or
``mislukt: <reason>``. ``--verbose`` adds each failure's traceback, ``--json`` prints
one JSON object per plugin. The exit status is 0 when every plugin loaded, 1 when
at least one failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``verzuimdesk plugins``."""
    parser.add_argument("--json", action="store_true", help="één JSON-object per plugin")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="toon de volledige foutmelding (traceback)"
    )


def rows(registry: Any) -> list[dict[str, Any]]:
    """Return one dict per plugin (loaded first, then failures) for display."""
    out: list[dict[str, Any]] = []
    for plugin in registry.loaded:
        region_name = ""
        if plugin.region_id and registry.has_region(plugin.region_id):
            region_name = registry.region(plugin.region_id).name
        out.append(
            {
                "regio": plugin.region_id or plugin.name,
                "naam": region_name,
                "distributie": plugin.distribution or "-",
                "versie": plugin.version or "-",
                "status": "geladen",
                "reden": "",
                "traceback": "",
            }
        )
    for failure in registry.failures:
        out.append(
            {
                "regio": failure.name,
                "naam": "",
                "distributie": failure.distribution or "-",
                "versie": failure.version or "-",
                "status": "mislukt",
                "reden": failure.reason,
                "traceback": failure.traceback,
            }
        )
    return out


def run(args: argparse.Namespace, registry: Any | None = None) -> int:
    """Print the plugin table; 0 when all loaded, 1 when any failed."""
    if registry is None:
        from verzuimdesk.plugins.manager import PluginLoadError, create_plugin_manager

        try:
            registry = create_plugin_manager()
        except PluginLoadError as exc:  # strict mode
            print(f"verzuimdesk plugins: {exc}", file=sys.stderr)
            return 1
    table = rows(registry)
    if getattr(args, "json", False):
        for row in table:
            if not getattr(args, "verbose", False):
                row = {k: v for k, v in row.items() if k != "traceback"}
            print(json.dumps(row, ensure_ascii=False))
        return 1 if registry.failures else 0
    if not table:
        print("Geen regio-plugins geïnstalleerd. Installeer er een, bijvoorbeeld:")
        print("  pip install verzuimdesk-den-haag")
        return 0
    headers = ("regio", "distributie", "versie", "status")
    cells = [
        (
            row["regio"],
            row["distributie"],
            row["versie"],
            row["status"] + (f": {row['reden']}" if row["reden"] else ""),
        )
        for row in table
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers[:3])]
    print("  ".join(h.ljust(w) for h, w in zip(headers[:3], widths, strict=True)) + "  status")
    for row, cell in zip(table, cells, strict=True):
        line = "  ".join(c.ljust(w) for c, w in zip(cell[:3], widths, strict=True))
        print(f"{line}  {cell[3]}")
        if getattr(args, "verbose", False) and row["traceback"]:
            for tb_line in row["traceback"].rstrip().splitlines():
                print(f"    {tb_line}")
    return 1 if registry.failures else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``verzuimdesk plugins`` on its own (``python -m verzuimdesk.commands.plugins``)."""
    parser = argparse.ArgumentParser(
        prog="verzuimdesk plugins", description="Geïnstalleerde regio's tonen."
    )
    configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
