"""Tests of scripts/check-census.py on a real census: it passes the census, and it fails (with the
right message) on the census with a gauge-transformed copy of a minimum added, with a minimum
removed, with one field value off by 1e-6; --compare matches the census with a shuffled, gauge-
transformed copy of itself and finds the removed minimum.

    python3 scripts/test-check-census.py build/bps.census2.solutions.csv
"""
import csv
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-census.py")
spec = importlib.util.spec_from_file_location("check_census", SCRIPT)
census = importlib.util.module_from_spec(spec)
spec.loader.exec_module(census)


def field_values(header, x, i):
    """Row i of the minima x in the CSV's column order (the value columns only)."""
    values = []
    for name in header:
        part, field, r, c = re.fullmatch(r"(Re|Im) (\w+)(?:\[(\d+),(\d+)\])?", name).groups()
        v = x[field][i, int(r or 1) - 1, int(c or 1) - 1]
        values.append(repr(float(v.real if part == "Re" else v.imag)))
    return values


def write(path, header, rows):
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows([header] + rows)
    return path


def run(*arguments):
    result = subprocess.run([sys.executable, SCRIPT, *arguments], capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def expect(label, outcome, code, text):
    status, output = outcome
    if status != code or text not in output:
        sys.exit(f"test-check-census: FAILED {label}: exit {status} (expected {code}), output:\n{output}")
    print(f"test-check-census: {label}: exit {status}, '{text}'")


def main():
    path = sys.argv[1]
    with open(path, newline="") as handle:
        header, *rows = list(csv.reader(handle))
    first_value = next(j for j, name in enumerate(header) if name.startswith("Re "))
    x, n = census.read_census(path)
    moved = census.gauge_transformed(x, n, np.random.default_rng(7))
    relabel = lambda row, values: row[:first_value] + values
    with tempfile.TemporaryDirectory() as work:
        expect("the census", run(path), 0, "check-census: passed")
        copy = relabel(rows[0], field_values(header[first_value:], moved, 0))
        expect("a gauge-equivalent duplicate", run(write(f"{work}/dup.csv", header, rows + [copy])), 1,
               f"are one orbit (CSV rows 1={len(rows) + 1})")
        missing = write(f"{work}/missing.csv", header, rows[:-1])
        expect("a minimum removed", run(missing), 1, "not closed under")
        broken = [list(r) for r in rows]
        broken[2][first_value + 3] = repr(float(broken[2][first_value + 3]) + 1e-6)
        expect("a field off by 1e-6", run(write(f"{work}/broken.csv", header, broken)), 1, "violate the F-terms")
        order = np.random.default_rng(8).permutation(len(rows))
        shuffled = [relabel(rows[i], field_values(header[first_value:], moved, i)) for i in order]
        other = write(f"{work}/shuffled.csv", header, shuffled)
        expect("--compare with a shuffled gauge-transformed copy", run(path, "--compare", other), 0,
               f"{len(rows)} matched, 0 only in A, 0 only in B")
        expect("--compare with a minimum removed", run(path, "--compare", missing), 1,
               f"{len(rows) - 1} matched, 1 only in A, 0 only in B")


if __name__ == "__main__":
    main()
