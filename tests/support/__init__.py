"""Test support shared by the whole suite: a fake region, desks, windows, the rules oracle.

Loaded as a pytest plugin by ``tests/conftest.py`` (``pytest_plugins``); helpers are imported
as ``from tests.support.desk import TODAY``.
"""
