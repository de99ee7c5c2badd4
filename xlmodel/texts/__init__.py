"""Sentences and texts built from pieces that carry both a spreadsheet formula and the text it
gives, so one definition serves the workbook (live formulas with stored results) and the
command line (the text alone)."""
