"""The BPS Levenberg-Marquardt descent in NumPy, for the speed ratio against the Swift core.

Reads the system from stdin as JSON (written by `bench bps-numpy`: monomials, constants, the free
unknowns and fixed entries of one gauge slice), runs `runs` descents from U[-box, box] starts with the
same schedule as `SliceChart.levenbergMarquardt` (mu0 = 1e-3 max diag, /3 on success, x4 on failure,
stagnation check every 20 iterations, 200 iterations, stop below 1e-15, escape at 1e4), each
evaluation vectorised, and prints one JSON line: runs, converged, seconds, descents_per_second.
"""
import json
import sys
import time

import numpy as np


def main():
    spec = json.load(sys.stdin)
    m = spec["fieldCount"]
    eq, left, right, coef = (np.array(spec[k]) for k in ("equation", "left", "right", "coefficient"))
    constants = np.array(spec["constants"], dtype=complex)
    free = np.array(spec["free"])
    base = np.zeros(m, dtype=complex)
    for index, value in spec["fixed"]:
        base[index] = value
    n = len(free)
    column = -np.ones(m, dtype=int)
    column[free] = np.arange(n)
    rng = np.random.default_rng(spec["seed"])
    # Jacobian scatter: entry (eq, column(left)) += coef * x[right] and symmetrically.
    use_l, use_r = column[left] >= 0, column[right] >= 0
    flat_l = eq[use_l] * n + column[left][use_l]
    flat_r = eq[use_r] * n + column[right][use_r]

    def residual(x):
        return constants + np.bincount(eq, weights=(coef * x[left] * x[right]).real, minlength=m) \
            + 1j * np.bincount(eq, weights=(coef * x[left] * x[right]).imag, minlength=m)

    def jacobian(x):
        vl = coef[use_l] * x[right][use_l]
        vr = coef[use_r] * x[left][use_r]
        flat = np.concatenate([flat_l, flat_r])
        values = np.concatenate([vl, vr])
        j = np.bincount(flat, weights=values.real, minlength=m * n) + 1j * np.bincount(flat, weights=values.imag, minlength=m * n)
        return j.reshape(m, n)

    def descend(u):
        x = base.copy()
        x[free] = u
        e = residual(x)
        loss = np.vdot(e, e).real
        mu, checkpoint = -1.0, loss
        for iteration in range(200):
            if loss < 1e-15 or not np.isfinite(loss):
                break
            if iteration % 20 == 19:
                if loss > 0.5 * checkpoint or np.abs(x[free]).max() > 1e4:
                    break
                checkpoint = loss
            j = jacobian(x)
            a = j.conj().T @ j
            g = j.conj().T @ e
            if mu < 0:
                mu = 1e-3 * a.diagonal().real.max()
            improved = False
            for _ in range(40):
                try:
                    c = np.linalg.cholesky(a + mu * np.eye(n))
                except np.linalg.LinAlgError:
                    mu *= 4
                    continue
                step = -np.linalg.solve(c.conj().T, np.linalg.solve(c, g))
                trial = x.copy()
                trial[free] += step
                et = residual(trial)
                lt = np.vdot(et, et).real
                if np.isfinite(lt) and lt < loss:
                    x, e, loss, mu, improved = trial, et, lt, max(mu / 3, 1e-300), True
                    break
                mu *= 4
            if not improved:
                break
        return loss

    box, runs = spec["box"], spec["runs"]
    start = time.perf_counter()
    converged = sum(descend(rng.uniform(-box, box, n) + 1j * rng.uniform(-box, box, n)) < 1e-6 for _ in range(runs))
    seconds = time.perf_counter() - start
    print(json.dumps({"runs": runs, "converged": int(converged), "seconds": seconds, "descents_per_second": runs / seconds}))


if __name__ == "__main__":
    main()
