"""The plugin API: hook specifications, public dataclasses and the plugin manager."""
