"""Writes Tests/LandscapeTests/Fixtures/linkage_scipy.json: SciPy's average and Ward linkage, and
the cophenetic correlations, of a few random distance matrices, for DendrogramTests to compare
against. Run once (the tests never need Python):

    bash bench/setup-python.sh && bench/.venv/bin/python -m pip install scipy
    bench/.venv/bin/python bench/make_linkage_fixture.py
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, linkage
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

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LandscapeTests/Fixtures/linkage_scipy.json"
out.write_text(json.dumps({
    "generator": "bench/make_linkage_fixture.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "cases": cases,
}, indent=1) + "\n")
print(f"wrote {out} ({len(cases)} cases, SciPy {scipy.__version__})")
