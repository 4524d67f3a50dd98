"""The one error type for bad data, naming file, row, column and what was expected.

Examples
--------
>>> err = DataError("not an integer: 'x'", file="cases.csv", row=3, column="case_id",
...                 expected="an integer from 1 up")
>>> print(err)
cases.csv, row 3, column 'case_id': not an integer: 'x' (expected an integer from 1 up)
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["DataError", "listing"]


def listing(items: Iterable[object], most: int = 5) -> str:
    """Return the first few items joined by commas, then how many more there are.

    A message about many rows stays one short line however large the file.

    Examples
    --------
    >>> listing(["a", "b"])
    'a, b'
    >>> listing(range(100_000))
    '0, 1, 2, 3, 4 and 99995 more'
    """
    shown: list[str] = []
    rest = 0
    for item in items:
        if len(shown) < most:
            shown.append(str(item))
        else:
            rest += 1
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


class DataError(ValueError):
    """A data file (or a value in it) is not what the package expects.

    Parameters
    ----------
    message : str
        What is wrong.
    file : str, optional
        The file's name (relative to the data folder where possible).
    row : int, optional
        For a table, the 1-based data row (the first row below the header is
        row 1, which a spreadsheet shows on its line 2); for a text file, the
        1-based line.
    column : str, optional
        The column (or field) name.
    expected : str, optional
        What would have been valid.

    Examples
    --------
    >>> err = DataError("empty value", file="indicators.csv", row=4, column="unit",
    ...                 expected="a value (this column is required)")
    >>> err.file, err.row, err.column
    ('indicators.csv', 4, 'unit')
    >>> isinstance(err, ValueError)
    True
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.expected = expected
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        text = ", ".join(where)
        text = f"{text}: {self.message}" if text else self.message
        if self.expected:
            text += f" (expected {self.expected})"
        return text
