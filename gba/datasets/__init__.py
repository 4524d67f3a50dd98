"""The data: the table reader, the source text and one loader per table.

:mod:`.tables` reads any table of ``datapackage.json`` under its schema;
:mod:`.datapackage` writes that descriptor; :mod:`.provenance` reads the raw
source and cites it; :mod:`.cleaning` turns the raw text into clean case texts,
which :mod:`.cases` loads. :mod:`.indicators`, :mod:`.events`,
:mod:`.features` and :mod:`.exclusions` load the curated tables; :mod:`.spans`
holds the shared span and coverage checks. Each module that owns a table also
owns its domain check (a top-level ``check_*`` function listed in
:mod:`gba.checks`).
"""
