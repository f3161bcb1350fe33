"""Writes Tests/LandscapeTests/Fixtures/spinglass_scipy.json, the NumPy/SciPy references of the
spin-glass estimators (run once; the tests never need Python):
- "effects": the least-squares fit of the per-replica model d_ab = mu + alpha_a + alpha_b + eps
  by numpy.linalg.lstsq on the explicit design matrix; its fitted values (unique, whatever the
  parametrisation) against ReplicaEffects (HierarchyTestTests);
- "matching": pairwise weight matching of two one-hidden-layer ReLU networks: each unit's incoming
  vector [w_in, b] scaled to unit norm (the scale pushed into w_out), then the units of network b
  matched to those of network a by scipy.optimize.linear_sum_assignment(maximize=True) on the dot
  products of the unit vectors [w_in, b, w_out] (EnsembleAlignmentTests);
- "activation_matching": pairwise activation matching: the units of network b matched to those of
  network a by linear_sum_assignment(maximize=True) on the Pearson correlations of their ReLU
  activations over random inputs; b is a noisy, permuted and unit-by-unit rescaled copy of a
  (HierarchyTestTests);
- "wilson": 95 % Wilson score intervals of binomial proportions by
  scipy.stats.binomtest(k, n).proportion_ci(method="wilson") (HierarchyTestTests).

    bash bench/setup-python.sh && bench/.venv/bin/python -m pip install scipy
    bench/.venv/bin/python bench/make_spinglass_fixtures.py
"""
import json
import pathlib

import numpy as np
import scipy
import scipy.stats
from scipy.optimize import linear_sum_assignment

rng = np.random.default_rng(20261207)


def effects_case(m, scale):
    """A symmetric distance matrix with per-replica effects plus noise, and its lstsq fit."""
    alpha = rng.normal(0, scale, m)
    pairs = [(a, b) for a in range(m) for b in range(a + 1, m)]
    d = np.zeros((m, m))
    for a, b in pairs:
        d[a, b] = d[b, a] = 0.6 + alpha[a] + alpha[b] + rng.normal(0, 0.03)
    design = np.zeros((len(pairs), m + 1))
    design[:, 0] = 1
    for row, (a, b) in enumerate(pairs):
        design[row, 1 + a] = 1
        design[row, 1 + b] = 1
    target = np.array([d[a, b] for a, b in pairs])
    coefficients, *_ = np.linalg.lstsq(design, target, rcond=None)
    fitted = design @ coefficients
    return {"distances": d.tolist(), "fitted": fitted.tolist()}


def unit_vectors(theta, d, h, c):
    """Rows [w_in, b, w_out] of the rescaled network (MultilayerPerceptron order W1, b1, W2, b2)."""
    w1 = theta[: h * d].reshape(h, d)
    b1 = theta[h * d: h * d + h]
    w2 = theta[h * d + h: h * d + h + c * h].reshape(c, h)
    norm = np.sqrt((w1 ** 2).sum(axis=1) + b1 ** 2)
    return np.concatenate([w1 / norm[:, None], (b1 / norm)[:, None], (w2 * norm[None, :]).T], axis=1)


def matching_case(d, h, c):
    p = h * (d + 1) + c * (h + 1)
    a, b = rng.standard_normal(p), rng.standard_normal(p)
    ua, ub = unit_vectors(a, d, h, c), unit_vectors(b, d, h, c)
    rows, columns = linear_sum_assignment(ua @ ub.T, maximize=True)
    return {"inputs": d, "hidden": h, "outputs": c, "a": a.tolist(), "b": b.tolist(),
            "permutation": [int(j) for j in columns[np.argsort(rows)]]}


def activation_case(d, h, c, n):
    p = h * (d + 1) + c * (h + 1)
    a = rng.standard_normal(p)
    w1 = a[: h * d].reshape(h, d)
    b1 = a[h * d: h * d + h]
    w2 = a[h * d + h: h * d + h + c * h].reshape(c, h)
    b2 = a[h * d + h + c * h:]
    sigma = rng.permutation(h)
    scale = rng.uniform(0.5, 2.0, h)
    nw1 = (w1[sigma] + 0.4 * rng.standard_normal((h, d))) * scale[:, None]
    nb1 = (b1[sigma] + 0.4 * rng.standard_normal(h)) * scale
    nw2 = w2[:, sigma] / scale[None, :]
    b = np.concatenate([nw1.ravel(), nb1, nw2.ravel(), b2])
    x = rng.standard_normal((n, d))

    def standardised(theta):
        z = np.maximum(x @ theta[: h * d].reshape(h, d).T + theta[h * d: h * d + h], 0)
        sd = z.std(axis=0)
        return np.where(sd > 0, (z - z.mean(axis=0)) / np.where(sd > 0, sd, 1), 0)

    correlation = standardised(a).T @ standardised(b) / n
    rows, columns = linear_sum_assignment(correlation, maximize=True)
    return {"inputs": d, "hidden": h, "outputs": c, "a": a.tolist(), "b": b.tolist(), "x": x.ravel().tolist(),
            "permutation": [int(j) for j in columns[np.argsort(rows)]]}


def wilson_case(k, n):
    interval = scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return {"successes": k, "trials": n, "low": interval.low, "high": interval.high}


content = {
    "effects": [effects_case(m, s) for m, s in ((5, 0.05), (9, 0.1), (16, 0.02))],
    "matching": [matching_case(d, h, c) for d, h, c in ((3, 4, 2), (5, 8, 3), (10, 32, 4))],
    "activation_matching": [activation_case(d, h, c, n) for d, h, c, n in ((4, 5, 2, 40), (8, 12, 3, 200), (20, 32, 4, 500))],
    "wilson": [wilson_case(k, n) for k, n in ((0, 20), (1, 100), (5, 100), (10, 100), (19, 400), (88, 100), (400, 400), (3, 7))],
}
out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LandscapeTests/Fixtures/spinglass_scipy.json"
out.write_text(json.dumps({"generator": "bench/make_spinglass_fixtures.py", "scipy": scipy.__version__, "numpy": np.__version__,
                           **content}, indent=1) + "\n")
print(f"wrote {out}")
