"""Getting data out of the desk: XLSX tables, an ``.ics`` of deadlines, the AVG access export.

Pure Python (no Qt). The GUI's export actions (``verzuimdesk.gui.exports``) collect what
the user sees and call these.
"""
