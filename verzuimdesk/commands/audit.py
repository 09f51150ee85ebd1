"""``verzuimdesk audit verify``: check that the audit trail is whole and unchanged.

Recomputes the hash chain over every audit entry (``core/audit.py``): a changed entry,
a missing or inserted one, or entries cut off at the end are reported, one Dutch line
each. Exit status 0 when the chain is whole, 1 when it is not, 2 when the case base
cannot be opened. ``--database URL`` checks another case base than the user's own.
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the subcommands of ``verzuimdesk audit``."""
    sub = parser.add_subparsers(dest="audit_command", metavar="verify", required=True)
    verify = sub.add_parser(
        "verify",
        help="controleer de hashketen van de audittrail",
        description="Controleer dat de audittrail compleet en ongewijzigd is.",
    )
    verify.add_argument("--database", metavar="URL", help="dit casusbestand (SQLAlchemy-URL)")


def run(args: argparse.Namespace) -> int:
    """Run ``verzuimdesk audit verify``; returns the exit status."""
    from verzuimdesk import paths
    from verzuimdesk.commands import open_or_say
    from verzuimdesk.core import audit

    case_base = open_or_say(
        "verzuimdesk audit", args.database or str(paths.default_case_base_path())
    )
    if case_base is None:
        return 2
    try:
        with case_base.sessions() as session:
            report = audit.verify_chain(session)
    finally:
        case_base.close()
    for problem in report.problems:
        print(problem)
    if report.ok:
        print(f"De audittrail is in orde: {report.entries} regels, de keten is ongebroken.")
        return 0
    print(f"De audittrail is NIET in orde: {len(report.problems)} probleem/problemen.")
    return 1
