"""Analysis: measures and comparisons computed from the loaded tables.

:mod:`.bounded` is the interval-valued number type; :mod:`.growth` the growth
formulas and the date convention; :mod:`.derived` the derived measures of each
case; :mod:`.compare` (a package: encoding, labels, crosstabs, similarity) the
case-by-feature comparisons; :mod:`.clustering` the average-linkage clustering
and its stability; :mod:`.phrases` (a package: amounts, words, markdown, growth)
the plain-text phrases notebooks print (it only formats).
"""
