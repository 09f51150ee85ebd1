"""Reading the tabular files users have (CSV from school systems and Excel), Qt-free.

``dutch_values`` parses one cell (Dutch dates, decimal commas, kind spellings, text
encodings); ``absence_csv`` reads a whole absence CSV columnar with those parsers.
"""
