"""Every check of the data, in one list, and :func:`validate`, which runs them.

``python -m gba validate`` (and ``gba.validate()``) runs :data:`CHECKS` in
order and reports every problem with the file, row, column and what was
expected. A check is a top-level function ``check_x(data_dir=None) ->
list[DataError]`` defined beside the data it checks; it returns its problems,
or raises :class:`~gba.errors.DataError` for one that stops it. To add a
check, write the function and add one line to :data:`CHECKS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from gba._paths import data_dir as _data_dir
from gba.analysis.derived import check_derived, check_recipes
from gba.analysis.observations import check_observations
from gba.datasets.cases import check_cases
from gba.datasets.datapackage import check_descriptor
from gba.datasets.duplicates import check_duplicates
from gba.datasets.events import check_events
from gba.datasets.features import check_features
from gba.datasets.glossary import check_glossary
from gba.datasets.indicators import check_indicators
from gba.datasets.provenance import check_raw_texts
from gba.datasets.tables import check_tables
from gba.datasets.translation import check_translation
from gba.datasets.typology import check_typology
from gba.errors import DataError

__all__ = ["CHECKS", "Check", "validate"]

Check = Callable[[str | os.PathLike[str] | None], list[DataError]]

#: The checks :func:`validate` runs, in this order.
CHECKS: tuple[Check, ...] = (
    check_descriptor,  # datapackage.json up to date; every file's bytes and hash
    check_raw_texts,  # raw texts match their recorded sha256
    check_tables,  # every table under its Table Schema (types, keys, foreign keys)
    check_cases,  # cases agree with the source text's titles and submitting units
    check_indicators,  # spans verbatim, dates, as-of, extractor coverage
    check_observations,  # later observations state their figure; series never fall or clash
    check_events,  # spans verbatim, dates, extractor coverage
    check_duplicates,  # no span counted twice by accident; one unit per measure
    check_recipes,  # derived.csv: known kinds, inputs that exist and fit the kind
    check_derived,  # every derived measure computes and its formula is right
    check_features,  # codebook well-formed; codes use it and quote the text
    check_translation,  # the translation's Chinese sentences tile every case text
    check_glossary,  # traditional forms are OpenCC's; codebook labels and translation use it
    check_typology,  # typology codings and codes: shapes, spans verbatim; roles; batch counts
)


def validate(data_dir: str | os.PathLike[str] | None = None) -> list[DataError]:
    """Run every check of :data:`CHECKS` on a data folder.

    Parameters
    ----------
    data_dir : path-like, optional
        The data folder (default: the package's data).

    Returns
    -------
    list of DataError
        Empty when the data is valid; a problem reported by two checks is listed once.

    Examples
    --------
    >>> import gba
    >>> gba.validate()
    []
    """
    folder = _data_dir(data_dir)
    problems: list[DataError] = []
    seen: set[str] = set()
    for check in CHECKS:
        try:
            found = check(folder)
        except DataError as err:
            found = [err]
        except Exception as err:  # a bad data folder never gives a traceback
            found = [
                DataError(
                    f"{check.__name__} could not finish: {type(err).__name__}: {err}",
                    expected="data the check can read; if the data looks right, please report this",
                )
            ]
        for p in found:
            if str(p) not in seen:
                seen.add(str(p))
                problems.append(p)
    return problems
