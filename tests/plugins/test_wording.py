"""Wording that is true (issue 9, item 10): the 16-hour duty starts *at* 16 hours."""

from __future__ import annotations

import re

from verzuimdesk.plugins.manager import create_plugin_manager


def _den_haag_texts() -> list[str]:
    registry = create_plugin_manager()
    texts: list[str] = []
    for stage in registry.ladder("den_haag").stages:
        texts += [t.reason for t in stage.entry_triggers]
        texts += [a.text for a in stage.actions]
        texts.append(stage.description or "")
    for checklist in registry.checklists("den_haag"):
        texts += [i.text for i in checklist.items]
    return texts


def test_den_haag_says_ten_minste_16_uur() -> None:
    texts = _den_haag_texts()
    wrong = [t for t in texts if re.search(r"meer dan 16 uur", t, re.IGNORECASE)]
    assert not wrong, wrong
    assert any("ten minste 16 uur" in t for t in texts)


def test_the_pdf_names_the_form_by_its_dutch_title(qtbot) -> None:  # type: ignore[no-untyped-def]
    from verzuimdesk.gui.form_renderer import FormWidget

    form = create_plugin_manager().form("den_haag", "duo-melding")
    widget = FormWidget(form)
    qtbot.addWidget(widget)
    printed = widget.to_html()
    assert "Verzuimmelding DUO" in printed
    assert "duo-melding" not in printed
