"""Extraction: stated numbers and dates read from Chinese text.

Works on any string and knows nothing of the data folder. :mod:`.quantities`
(``parse_quantity``, ``extract_quantities``) and :mod:`.dates`
(``parse_date``, ``extract_dates``) are public; ``_scan`` (the one pass over a
text), ``_numerals`` (digits and Chinese numerals), ``_lexicon`` (units and
qualifier words) and ``_datepattern`` (the date grammar) serve them.
"""
