"""Writes the SciPy fixtures of the LandscapeTests (run once; the tests never need Python):
- Fixtures/linkage_scipy.json: SciPy's average and Ward linkage, and the cophenetic correlations,
  of a few random distance matrices (DendrogramSciPyTests);
- Fixtures/assignment_scipy.json: scipy.optimize.linear_sum_assignment's optimal totals on random
  square matrices too large for brute force (LinearAssignmentTests).

    bash bench/setup-python.sh && bench/.venv/bin/python -m pip install scipy
    bench/.venv/bin/python bench/make_scipy_fixtures.py
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, linkage
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import pdist, squareform

rng = np.random.default_rng(20241125)
cases = []


def add(name, distances):
    condensed = squareform(distances, checks=True)
    case = {"name": name, "distances": distances.tolist()}
    for method in ("average", "ward"):
        z = linkage(condensed, method=method)
        case[method] = {
            "merges": [[int(a), int(b), float(h), int(s)] for a, b, h, s in z],
            "cophenetic_correlation": float(cophenet(z, condensed)[0]),
        }
    cases.append(case)


# Euclidean distances of Gaussian points (Ward's natural input), of a few sizes and dimensions.
for n, d in ((7, 2), (12, 3), (20, 5), (31, 10)):
    add(f"gaussian-{n}x{d}", squareform(pdist(rng.standard_normal((n, d)))))
# Gaussian clusters: a hierarchy to recover.
centres = rng.standard_normal((3, 4)) * 4
add("clusters-18x4", squareform(pdist(np.repeat(centres, 6, axis=0) + rng.standard_normal((18, 4)))))
# A symmetric matrix of uniform entries: a dissimilarity that is not Euclidean.
u = rng.uniform(0.1, 1.0, (15, 15))
u = np.triu(u, 1)
add("uniform-15", u + u.T)

fixtures = pathlib.Path(__file__).resolve().parent.parent / "Tests/LandscapeTests/Fixtures"
versions = {"scipy": scipy.__version__, "numpy": np.__version__}


def write(name, content):
    out = fixtures / name
    out.write_text(json.dumps({"generator": "bench/make_scipy_fixtures.py", **versions, **content}, indent=1) + "\n")
    print(f"wrote {out}")


write("linkage_scipy.json", {"cases": cases})

# Assignment: real entries of both signs, and small integers (many ties), minimised.
assignments = []
for n, kind in ((10, "normal"), (25, "normal"), (50, "normal"), (40, "integers"), (50, "uniform")):
    if kind == "normal":
        cost = rng.standard_normal((n, n))
    elif kind == "integers":
        cost = rng.integers(-3, 4, (n, n)).astype(float)
    else:
        cost = rng.uniform(-100, 100, (n, n))
    rows, columns = linear_sum_assignment(cost)
    assignments.append({"name": f"{kind}-{n}", "cost": cost.tolist(), "minimum": float(cost[rows, columns].sum())})
write("assignment_scipy.json", {"cases": assignments})
