"""The SWV's quarterly reports and the numbers behind the charts (issue 10).

Pure Python (no Qt): the command line (``verzuimdesk report``) and the desk's *Rapportages*
menu both call :func:`verzuimdesk.core.reports.service.build_report` and
:func:`~verzuimdesk.core.reports.service.write_report`, so they produce the same content.
"""
