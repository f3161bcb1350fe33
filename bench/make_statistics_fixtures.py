"""Writes Tests/LandscapeTests/Fixtures/statistics_scipy.json: SciPy's and NumPy's values for the
statistics of Sources/Landscape/Statistics (StatisticsSciPyTests; the tests never need Python).

    python3 bench/make_statistics_fixtures.py      # any Python with numpy and scipy

Each case is a pair of samples (x, y) and what SciPy computes from them. The rank tests are
called with the method our code chooses (exact for small untied samples, the normal
approximation otherwise), so that both branches are compared.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import special, stats

rng = np.random.default_rng(20261207)


def untied(a):
    return len(np.unique(np.abs(a))) == len(a)


def case(name, x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    out = {"name": name, "x": x.tolist(), "y": y.tolist()}
    out["mean"] = float(np.mean(x))
    out["sd"] = float(np.std(x, ddof=1))
    out["se"] = float(stats.sem(x))
    out["median"] = float(np.median(x))
    out["quantiles"] = [[q, float(np.quantile(x, q))] for q in (0.0, 0.025, 0.1, 0.25, 0.5, 0.9, 0.975, 1.0)]
    probe = [float(y[0]), float(np.median(x)), float(x[0])]
    out["percentiles"] = [[v, float(stats.percentileofscore(x, v, kind="mean"))] for v in probe]
    out["zscores"] = [[v, float((v - np.mean(x)) / np.std(x, ddof=1))] for v in probe]
    welch = stats.ttest_ind(x, y, equal_var=False)
    out["welch"] = {"t": float(welch.statistic), "df": float(welch.df), "p": float(welch.pvalue)}
    if len(x) == len(y):
        paired = stats.ttest_rel(x, y)
        out["paired_t"] = {"t": float(paired.statistic), "df": float(paired.df), "p": float(paired.pvalue)}
        d = (x - y)[x != y]
        exact = untied(d) and len(d) <= 50
        w = stats.wilcoxon(x, y, method="exact" if exact else "asymptotic", correction=False)
        out["wilcoxon"] = {"statistic": float(w.statistic), "p": float(w.pvalue), "exact": exact}
        rho = stats.spearmanr(x, y)
        out["spearman"] = {"rho": float(rho.statistic), "p": float(rho.pvalue)}
    both = np.concatenate([x, y])
    exact = len(np.unique(both)) == len(both) and min(len(x), len(y)) <= 8
    u = stats.mannwhitneyu(x, y, method="exact" if exact else "asymptotic")
    out["mann_whitney"] = {"u": float(u.statistic), "p": float(u.pvalue), "exact": exact}
    return out


cases = [
    case("normal-5-shifted", rng.normal(0, 1, 5), rng.normal(1, 1, 5)),
    case("normal-8-unequal-var", rng.normal(0, 1, 8), rng.normal(0.5, 3, 8)),
    case("normal-12-vs-7", rng.normal(0, 1, 12), rng.normal(0.2, 2, 7)),
    case("normal-30-noise", rng.normal(5, 1, 30), rng.normal(5, 1, 30)),
    case("paired-20-correlated", *(lambda base: (base + rng.normal(0, 0.3, 20), base + 0.2 + rng.normal(0, 0.3, 20)))(rng.normal(0, 1, 20))),
    case("integers-25-ties", rng.integers(0, 6, 25), rng.integers(1, 7, 25)),
    case("rounded-60-ties", np.round(rng.normal(0, 1, 60), 1), np.round(rng.normal(0.3, 1, 60), 1)),
    case("exponential-9-vs-40", rng.exponential(1, 9), rng.exponential(2, 40)),
    case("lognormal-6", rng.lognormal(0, 1, 6), rng.lognormal(0.5, 1, 6)),
]

t_cdf = []
for df in (1.0, 2.5, 4.0, 10.0, 37.3, 200.0):
    for t in (-8.0, -2.1, -0.3, 0.0, 0.7, 1.96, 5.5):
        t_cdf.append([t, df, float(stats.t.cdf(t, df))])
t_quantiles = [[p, df, float(stats.t.ppf(p, df))] for df in (2.0, 4.0, 9.0, 29.0) for p in (0.025, 0.5, 0.9, 0.975)]
beta = [[x, a, b, float(special.betainc(a, b, x))] for (a, b) in ((0.5, 0.5), (2.0, 3.0), (15.0, 0.5), (0.3, 40.0), (100.0, 120.0))
        for x in (0.01, 0.2, 0.5, 0.83, 0.999)]

out = pathlib.Path(__file__).resolve().parent.parent / "Tests/LandscapeTests/Fixtures/statistics_scipy.json"
out.write_text(json.dumps({
    "generator": "bench/make_statistics_fixtures.py", "scipy": scipy.__version__, "numpy": np.__version__,
    "cases": cases, "t_cdf": t_cdf, "t_quantiles": t_quantiles, "incomplete_beta": beta,
}, indent=1) + "\n")
print(f"wrote {out}")
