"""National rules as pure functions: school calendar, signals, leerplicht, inspectie."""
