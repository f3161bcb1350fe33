"""The uncertainty of the fitted barrier, from the measurements another step wrote.

Reads {"seed": ..., "params": {"slice": "slice.csv", "resamples": ...}} on stdin, where slice.csv
is the table the measuring step wrote (t, loss, fit), handed over by `reads`. Refits the quartic,
then gives the barrier's standard error twice: by a residual bootstrap (the fitted curve plus
resampled residuals, refitted) and by the linear-model formula sigma^2 a^T (X^T X)^-1 a, where a is
the difference of the design rows at t = 0 and at the lower of the two minima. Writes results.json.
"""
import json
import sys

import numpy as np

given = json.load(sys.stdin)
params = given["params"]
rng = np.random.default_rng(given["seed"])
table = np.genfromtxt(params["slice"], delimiter=",", names=True)
t, loss = table["t"], table["loss"]

design = np.vander(t, 5, increasing=True)  # 1, t, t^2, t^3, t^4


def barriers(coefficients):
    """Barrier of each column of quartic coefficients: value at 0 minus the lower of t = -1, 1."""
    at = lambda v: np.vander(np.atleast_1d(v), 5, increasing=True) @ coefficients
    return at(0.0)[0] - np.minimum(at(-1.0)[0], at(1.0)[0])


beta, *_ = np.linalg.lstsq(design, loss, rcond=None)
fitted = design @ beta
residuals = loss - fitted
barrier = float(barriers(beta[:, None])[0])

# Residual bootstrap: every resample refitted in one least-squares solve.
resamples = int(params["resamples"])
scale = np.sqrt(len(t) / (len(t) - 5))  # residuals shrink by the fitted degrees of freedom
samples = fitted[:, None] + scale * rng.choice(residuals, size=(len(t), resamples), replace=True)
refits, *_ = np.linalg.lstsq(design, samples, rcond=None)
bootstrap_se = float(np.std(barriers(refits), ddof=1))

# The barrier is linear in the loss only while the same minimum is the lower one; at that side
# fixed, the linear-model formula and the bootstrap of the same linear quantity must agree.
side = -1.0 if (np.vander([-1.0], 5, increasing=True) @ beta)[0] < (np.vander([1.0], 5, increasing=True) @ beta)[0] else 1.0
a = (np.vander([0.0], 5, increasing=True) - np.vander([side], 5, increasing=True))[0]
sigma2 = residuals @ residuals / (len(t) - 5)
formula_se = float(np.sqrt(sigma2 * a @ np.linalg.solve(design.T @ design, a)))
linear_se = float(np.std(a @ refits, ddof=1))

with open("results.json", "w") as out:
    json.dump({
        "barrier": round(barrier, 6),
        "bootstrap_se": round(bootstrap_se, 6),
        "linear_bootstrap_se": round(linear_se, 6),
        "formula_se": round(formula_se, 6),
        "resamples": resamples,
    }, out)
