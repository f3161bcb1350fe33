"""An independent check of a BPS minima census (build/bps.census*.solutions.csv).

Written from the science note (shared/science/bps.md: the superpotential, its F-term equations in
matrix form, the gauge group U(1)^3 x U(N) complexified), not from the Swift census. For one CSV file
of minima of the quiver with charges (1, 1, 1, N) it checks, with NumPy only:

1. every minimum solves the 18 F-term matrix equations (largest entry of any residual <= --tolerance);
2. its own gauge invariants (closed loops of the quiver, below) are invariant under a random element
   of GL(1)^3 x GL(N) applied to every minimum (a self-test);
3. the minima are pairwise distinct orbits: each minimum's nearest other one (all pairs, vectorised),
   the smallest relative distance of invariants between distinct minima against the largest one
   between gauge-equivalent copies (the gap is the evidence); equal invariants are duplicates and fail;
4. the set is closed under x -> -x and under complex conjugation;
5. the number of orbits equals --expected, else |c(4N)| of the helicity-trace index, computed here
   from the product form of -theta_1^2 / eta^6.

`--compare other.csv` matches two censuses minimum for minimum instead (matched / only in A / only
in B). Exit status 1 on any failure, 2 on unreadable input.

    python3 scripts/check-census.py build/bps.census2.solutions.csv [--n 2] [--expected 56]
    python3 scripts/check-census.py a.csv --compare b.csv
"""
import argparse
import csv
import re
import sys
import time

import numpy as np

C12, C13, C14, C23, C24, C34 = 2 / 3, 3 / 5, 5 / 7, 7 / 11, 11 / 13, 13 / 17
ARROWS = ["12", "21", "13", "31", "23", "32", "14", "24", "34", "41", "42", "43"]
FIELDS = ["z" + a for a in ARROWS] + ["phi12", "phi23", "phi31", "phi1", "phi2", "phi3"]
SEED = 20231107  # fixes the random projections, so two files get the same invariants


def shape(field, n):
    """Matrix shape of a field: Z_k4 is 1 x N, Z_4k is N x 1, phi_1..3 are N x N, the rest 1 x 1."""
    if field in ("phi1", "phi2", "phi3"):
        return (n, n)
    if field.startswith("z") and field[2] == "4":
        return (1, n)
    if field.startswith("z") and field[1] == "4":
        return (n, 1)
    return (1, 1)


def read_census(path, n=None):
    """The minima of a census CSV as {field: complex array (minima, rows, cols)} and N.

    Columns are `Re f`, `Im f` for 1 x 1 fields and `Re f[i,j]`, `Im f[i,j]` (1-based) otherwise."""
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    column = {}
    for j, name in enumerate(header):
        m = re.fullmatch(r"(Re|Im) (\w+)(?:\[(\d+),(\d+)\])?", name)
        if m:
            part, field, i, k = m.groups()
            column[(field, int(i or 1) - 1, int(k or 1) - 1, part)] = j
    found_n = 1 + max(k for (f, _, k, _) in column if f == "z14")
    if n is not None and n != found_n:
        raise ValueError(f"{path}: --n {n}, but the columns are those of N = {found_n}")
    value_columns = sorted(column.values())
    values = np.zeros((len(body), len(header)))
    values[:, value_columns] = [[float(r[j]) for j in value_columns] for r in body]
    minima = {}
    for field in FIELDS:
        rs, cs = shape(field, found_n)
        m = np.zeros((len(body), rs, cs), complex)
        for i in range(rs):
            for k in range(cs):
                m[:, i, k] = values[:, column[(field, i, k, "Re")]] + 1j * values[:, column[(field, i, k, "Im")]]
        minima[field] = m
    return minima, found_n


def f_terms(x):
    """The 18 F-term equations of the note, one matrix per field (batched over minima)."""
    z = {a: x["z" + a] for a in ARROWS}
    p1, p2, p3 = x["phi1"], x["phi2"], x["phi3"]
    one = np.eye(p1.shape[-1])
    return {
        "F12": z["12"] @ z["21"] + C12, "F23": z["23"] @ z["32"] + C23, "F31": z["31"] @ z["13"] + C13,
        "F41": z["41"] @ z["14"] + C14 * one + p2 @ p3 - p3 @ p2,
        "F42": z["42"] @ z["24"] + C24 * one + p3 @ p1 - p1 @ p3,
        "F43": z["43"] @ z["34"] + C34 * one - (p2 @ p1 - p1 @ p2),
        "G21": z["21"] * x["phi12"] + z["23"] @ z["31"] + z["24"] @ z["41"],
        "G12": z["12"] * x["phi12"] + z["13"] @ z["32"] + z["14"] @ z["42"],
        "G31": z["31"] * x["phi31"] + z["32"] @ z["21"] - z["34"] @ z["41"],
        "G13": z["13"] * x["phi31"] + z["12"] @ z["23"] + z["14"] @ z["43"],
        "G32": z["32"] * x["phi23"] + z["31"] @ z["12"] + z["34"] @ z["42"],
        "G23": z["23"] * x["phi23"] + z["21"] @ z["13"] + z["24"] @ z["43"],
        "G14": -z["14"] @ p1 + z["12"] @ z["24"] - z["13"] @ z["34"],
        "G41": -p1 @ z["41"] + z["42"] @ z["21"] + z["43"] @ z["31"],
        "G24": -z["24"] @ p2 + z["21"] @ z["14"] + z["23"] @ z["34"],
        "G42": -p2 @ z["42"] + z["43"] @ z["32"] + z["41"] @ z["12"],
        "G34": -z["34"] @ p3 + z["31"] @ z["14"] + z["32"] @ z["24"],
        "G43": -p3 @ z["43"] - z["41"] @ z["13"] + z["42"] @ z["23"],
    }


def superpotential(x):
    """W of the note with phi_i -> -phi_i (i = 1, 2, 3), the relabelling under which the 18
    equations are its holomorphic gradient; traces are taken over node 4."""
    z = {a: x["z" + a] for a in ARROWS}
    p1, p2, p3 = -x["phi1"], -x["phi2"], -x["phi3"]
    tr = lambda m: np.trace(m, axis1=-2, axis2=-1)
    s = lambda m: m[..., 0, 0]
    return (s(x["phi12"] * (z["12"] * z["21"] + C12)) + s(x["phi23"] * (z["23"] * z["32"] + C23))
            + s(x["phi31"] * (z["31"] * z["13"] + C13))
            + tr(p1 @ z["41"] @ z["14"]) + C14 * tr(p1) + tr(p2 @ z["42"] @ z["24"]) + C24 * tr(p2)
            + tr(p3 @ z["43"] @ z["34"]) + C34 * tr(p3) + tr(p1 @ (p2 @ p3 - p3 @ p2))
            + s(z["12"] * z["23"] * z["31"] + z["21"] * z["13"] * z["32"]
                + z["12"] @ z["24"] @ z["41"] + z["21"] @ z["14"] @ z["42"] - z["13"] @ z["34"] @ z["41"]
                + z["31"] @ z["14"] @ z["43"] + z["23"] @ z["34"] @ z["42"] + z["32"] @ z["24"] @ z["43"]))


def equation_of(field):
    """The equation that is dW/d(field): F_kl for phi_kl and phi_1..3 (node 4 pairs with node 1..3
    as in the note's labels), G_lk for Z_kl."""
    if field.startswith("z"):
        return "G" + field[2] + field[1]
    return {"phi12": "F12", "phi23": "F23", "phi31": "F31",
            "phi1": "F41", "phi2": "F42", "phi3": "F43"}[field]


def check_equations_are_gradient(n, rng, h=1e-5):
    """Self-test of the transcription: at a random point, central differences of W equal the
    equations (transposed, as d tr(A X)/dX = A^T), with sign -1 for phi_1..3 (the relabelling)."""
    x = {f: rng.normal(size=(1,) + shape(f, n)) + 1j * rng.normal(size=(1,) + shape(f, n)) for f in FIELDS}
    eqs, worst = f_terms(x), 0.0
    for f in FIELDS:
        rs, cs = shape(f, n)
        grad = np.zeros((rs, cs), complex)
        for i in range(rs):
            for k in range(cs):
                up, down = dict(x), dict(x)
                up[f], down[f] = x[f].copy(), x[f].copy()
                up[f][0, i, k] += h
                down[f][0, i, k] -= h
                grad[i, k] = (superpotential(up)[0] - superpotential(down)[0]) / (2 * h)
        sign = -1 if f in ("phi1", "phi2", "phi3") else 1
        worst = max(worst, np.abs(grad - sign * eqs[equation_of(f)][0].T).max())
    return worst


def residuals(x):
    """Largest |entry| of any of the 18 equations, per minimum."""
    return np.max([np.abs(e).reshape(len(e), -1).max(axis=1) for e in f_terms(x).values()], axis=0)


# Gauge invariants. The group acts as Z_kl -> g_k Z_kl g_l^-1 (g_1..3 in C*, g_4 in GL(N)) and
# phi_i -> g_4 phi_i g_4^-1; phi12, phi23, phi31 are invariant. Every invariant below is a closed
# loop of the quiver (a trace of a product of arrows around a cycle), hence invariant. Why they
# tell orbits apart:
# (a) F12, F23, F31 force Z12 Z21 = -c12 etc., so all six arrows among nodes 1..3 are non-zero, and
#     the torus can be fixed by Z12 = Z13 = 1; then Z21, Z31 (from Z12 Z21, Z13 Z31), Z23 (from
#     Z12 Z23 Z31) and Z32 (from Z23 Z32) are fixed by loops.
# (b) Transport node 4's arrows to node 1: rows C_k = Z_1k Z_k4 (Z_11 = 1), columns B_l = Z_4l Z_l1.
#     They transform as C -> g_1 C g_4^-1, B -> g_4 B g_1^-1, and with Z_1k fixed they give back Z_k4,
#     Z_4l. The loops at node 1, M_kl(w) = C_k w(phi) B_l for words w in phi1, phi2, phi3, are the
#     coefficients of a non-commutative rational series realised by (C, phi, B) on C^N. If the
#     realisation is minimal (the columns w B span C^N, and the rows C w do: checked per minimum
#     below), it is unique up to GL(N) (Fliess; Schuetzenberger), and the Hankel matrix
#     H = [C_k u v B_l] over words |u| <= N, |v| <= N - 1 (all coefficients up to length 2N - 1)
#     determines it. So phi12, phi23, phi31, the loops of (a) and H are a complete set for these minima.
# H has 3 (3^(N+1) - 1)/2 x 3 (3^N - 1)/2 entries (396,396 at N = 5); two distinct matrices differ in
# almost every fixed random projection P^H H Q, so 8 x 8 projected entries stand in for H (a fixed
# seed: every file gets the same functionals). Different invariants prove different orbits whatever
# the completeness; completeness is what makes equal invariants a duplicate.
PROJECTION = 8


def transported(x):
    """Node 4's rows C (minima, 3, N) and columns B (minima, N, 3), transported to node 1."""
    c = np.concatenate([x["z14"], x["z12"] * x["z24"], x["z13"] * x["z34"]], axis=1)
    b = np.concatenate([x["z41"], x["z42"] * x["z21"], x["z43"] * x["z31"]], axis=2)
    return c, b


def krylov_levels(start, phis, length, left):
    """[start w] (left) or [w start] (right) for all words w of each length 0..length, stacked along
    the word axis (rows if left, columns if right), one array per length."""
    levels = [start]
    for _ in range(length):
        last = levels[-1]
        levels.append(np.concatenate([last @ p for p in phis], axis=1) if left
                      else np.concatenate([p @ last for p in phis], axis=2))
    return levels


def projections(n):
    """The fixed random functionals P (per left length 0..N) and Q (per right length 0..N-1)."""
    rng = np.random.default_rng(SEED + n)
    unit = lambda *s: np.exp(2j * np.pi * rng.random(s)) / np.sqrt(s[0] * s[1] / PROJECTION)
    p = [unit(PROJECTION, 3 * 3 ** j) for j in range(n + 1)]
    q = [unit(3 * 3 ** j, PROJECTION) for j in range(n)]
    return p, q


def invariants(x, n, chunk=256):
    """Invariant vectors (minima, count) and their names."""
    z = {a: x["z" + a][:, 0, 0] for a in ARROWS if "4" not in a}
    phis = [x["phi1"], x["phi2"], x["phi3"]]
    tr = lambda m: np.trace(m, axis1=-2, axis2=-1)
    cols, names = [x["phi12"][:, 0, 0], x["phi23"][:, 0, 0], x["phi31"][:, 0, 0],
                   z["12"] * z["21"], z["23"] * z["32"], z["31"] * z["13"], z["12"] * z["23"] * z["31"],
                   z["13"] * z["32"] * z["21"]], \
        ["phi12", "phi23", "phi31", "Z12 Z21", "Z23 Z32", "Z31 Z13", "Z12 Z23 Z31", "Z13 Z32 Z21"]
    for i, p in enumerate(phis):
        power = p
        for j in range(1, n + 1):
            cols.append(tr(power))
            names.append(f"tr phi{i + 1}^{j}")
            power = power @ p
    for i, j in ((0, 1), (1, 2), (2, 0)):
        cols.append(tr(phis[i] @ phis[j]))
        names.append(f"tr phi{i + 1} phi{j + 1}")
    c, b = transported(x)
    for w, word in [(None, "")] + [(p, f" phi{i + 1}") for i, p in enumerate(phis)]:
        m = c @ b if w is None else c @ w @ b
        for k in range(3):
            for l in range(3):
                cols.append(m[:, k, l])
                names.append(f"C{k + 1}{word} B{l + 1}")
    p, q = projections(n)
    hankel = []
    for s in range(0, len(c), chunk):
        ph = [f[s:s + chunk] for f in phis]
        left = sum(pj @ lj for pj, lj in zip(p, krylov_levels(c[s:s + chunk], ph, n, True)))
        right = sum(lj @ qj for lj, qj in zip(krylov_levels(b[s:s + chunk], ph, n - 1, False), q))
        hankel.append((left @ right).reshape(len(left), -1))
    names += [f"(P^H H Q)[{i + 1},{j + 1}]" for i in range(PROJECTION) for j in range(PROJECTION)]
    return np.concatenate([np.stack(cols, axis=1), np.concatenate(hankel)], axis=1), names


def minimality(x, n, chunk=256):
    """Per minimum, sigma_N / sigma_1 of the column space [w B] and of the row space [C w] (|w| < N),
    with the letters, the columns B_l and the rows C_k scaled to norm 1 (which leaves both spans
    alone): > 0 means a minimal realisation, so that the invariants are complete for this minimum."""
    phis = [x["phi1"], x["phi2"], x["phi3"]]
    scale = np.max([np.linalg.norm(p, axis=(1, 2)) for p in phis], axis=0)[:, None, None] + 1e-300
    phis = [p / scale for p in phis]
    c, b = transported(x)
    c = c / np.linalg.norm(c, axis=2, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    ratio = lambda m: (lambda s: s[:, -1] / s[:, 0])(np.linalg.svd(m, compute_uv=False))
    cyclic, cocyclic = [], []
    for s in range(0, len(c), chunk):
        ph = [p[s:s + chunk] for p in phis]
        cyclic.append(ratio(np.concatenate(krylov_levels(b[s:s + chunk], ph, n - 1, False), axis=2)))
        left = np.concatenate(krylov_levels(c[s:s + chunk], ph, n - 1, True), axis=1)
        cocyclic.append(ratio(np.swapaxes(left, 1, 2)))
    return np.concatenate(cyclic), np.concatenate(cocyclic)


def gauge_transformed(x, n, rng):
    """Every minimum moved along its orbit by one random element (g_1, g_2, g_3, g_4) of the group."""
    g = {str(k): np.exp(rng.normal() + 2j * np.pi * rng.random()) * np.eye(1) for k in (1, 2, 3)}
    g["4"] = np.eye(n) + 0.5 * (rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))) / np.sqrt(n)
    inverse = {k: np.linalg.inv(v) for k, v in g.items()}
    y = {f: x[f] for f in ("phi12", "phi23", "phi31")}
    for a in ARROWS:
        y["z" + a] = g[a[0]] @ x["z" + a] @ inverse[a[1]]
    for f in ("phi1", "phi2", "phi3"):
        y[f] = g["4"] @ x[f] @ inverse["4"]
    return y


def relative_distance(a, b, floor, axis=-1):
    """max_j |a_j - b_j| / max(|a_j|, |b_j|, floor_j), j along the invariants' axis (the last); the
    maximum is taken over `axis` (axis=0: per invariant, over minima)."""
    return (np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)).max(axis=axis)


def nearest(queries, points, floor, skip_self=False, candidates=4, chunk=1024):
    """For each query: the index of the nearest point and the relative distance to it. Candidates are
    the few nearest points in the Euclidean distance of the invariants scaled by their floors (all
    pairs at once, one matrix product per chunk of queries: accurate to ~1e-7 of that scale, far
    below the distances between orbits); the relative distance is then taken exactly over them."""
    u, v = queries / floor, points / floor
    norms = (np.abs(v) ** 2).sum(axis=1)
    index, distance = np.empty(len(u), int), np.empty(len(u))
    for s in range(0, len(u), chunk):
        block = u[s:s + chunk]
        squared = (np.abs(block) ** 2).sum(axis=1)[:, None] + norms - 2 * (block @ v.conj().T).real
        if skip_self:
            squared[np.arange(len(squared)), np.arange(s, s + len(squared))] = np.inf
        near = np.argpartition(squared, min(candidates, len(v) - 1) - 1, axis=1)[:, :candidates]
        exact = relative_distance(queries[s:s + chunk, None, :], points[near], floor)
        if skip_self:
            exact[near == np.arange(s, s + len(near))[:, None]] = np.inf
        best = exact.argmin(axis=1)
        index[s:s + chunk] = near[np.arange(len(near)), best]
        distance[s:s + chunk] = exact[np.arange(len(near)), best]
    return index, distance


def helicity_index(n):
    """|c(4N)|: the coefficient of q^N y^0 in (y - 2 + 1/y) prod_m (1 - y q^m)^2 (1 - q^m/y)^2 /
    (1 - q^m)^4, in exact integers; the coefficient of q^(N+1) y^2 (also 4k - l^2 = 4N) must agree."""
    top = n + 1
    series = np.zeros((top + 1, 2 * top + 3), dtype=object)  # [q power, y power + top + 1]
    series[0, top:top + 3] = [1, -2, 1]
    for m in range(1, top + 1):
        for _ in range(2):
            series[m:] -= np.roll(series, 1, axis=1)[:-m]   # times (1 - y q^m)
            series[m:] -= np.roll(series, -1, axis=1)[:-m]  # times (1 - q^m / y)
        for _ in range(4):
            for k in range(m, top + 1):                     # times 1 / (1 - q^m)
                series[k] += series[k - m]
    value, check = series[n, top + 1], series[n + 1, top + 3]
    if value != check:
        raise ArithmeticError(f"c(4N) from q^N y^0 is {value}, from q^(N+1) y^2 {check}")
    return abs(int(value))


def column_floor(vectors):
    """Per invariant, 1e-3 of its root mean square over the census: below it a difference is
    measured against this scale, not against a value that vanishes."""
    return 1e-3 * np.sqrt((np.abs(vectors) ** 2).mean(axis=0)) + 1e-300


def check(path, x, n, expected, tolerance, same):
    """Every check of one census; returns (failures, summary)."""
    count, failures = len(x["phi1"]), []
    rng = np.random.default_rng(SEED)
    transcription = check_equations_are_gradient(n, rng)
    if transcription > 1e-6:
        failures.append(f"the equations are not the gradient of W (self-test error {transcription:.1e})")
    residual = residuals(x)
    bad = np.flatnonzero(residual > tolerance)
    if len(bad):
        failures.append(f"{len(bad)} minima violate the F-terms (worst: minimum {bad[residual[bad].argmax()] + 1}, "
                        f"residual {residual.max():.1e} > {tolerance:.0e})")
    vectors, names = invariants(x, n)
    floor = column_floor(vectors)
    cyclic, cocyclic = minimality(x, n)
    margin = min(cyclic.min(), cocyclic.min())
    if margin < 1e-10:
        failures.append(f"minimum {np.argmin(np.minimum(cyclic, cocyclic)) + 1} is not a minimal realisation "
                        "(w B or C w do not span C^N): equal invariants would not prove one orbit")
    transformed = gauge_transformed(x, n, rng)
    moved_vectors = invariants(transformed, n)[0]
    moved = relative_distance(vectors, moved_vectors, floor)
    moved_residual = residuals(transformed).max()
    if moved.max() > same:
        worst = relative_distance(vectors, moved_vectors, floor, axis=0).argmax()
        failures.append(f"the invariants change under a gauge transformation (by {moved.max():.1e} > {same:.0e}; "
                        f"most: {names[worst]})")
    partner, between = nearest(vectors, vectors, floor, skip_self=True)
    duplicates = sorted({tuple(sorted((i, j))) for i, j in enumerate(partner) if between[i] <= same})
    if duplicates:
        shown = ", ".join(f"{i + 1}={j + 1}" for i, j in duplicates[:10])
        failures.append(f"{len(duplicates)} pairs of minima are one orbit (CSV rows {shown})")
    images = {}
    symmetries = (("x -> -x", lambda v: -v), ("conjugation", np.conj))
    for name, act in symmetries:
        image = {f: act(v) for f, v in x.items()}
        _, images[name] = nearest(invariants(image, n)[0], vectors, floor)
        missing = np.flatnonzero(images[name] > same)
        if len(missing):
            failures.append(f"not closed under {name}: the images of {len(missing)} minima are not in the census "
                            f"(first: minimum {missing[0] + 1})")
    index = helicity_index(n)
    target = expected if expected is not None else index
    orbits = count - len({j for _, j in duplicates})
    if orbits != target:
        failures.append(f"{orbits} distinct orbits, expected {target}")
    within = max(moved.max(), *(d.max() for d in images.values()))
    apart = np.where(between > same, between, np.inf)
    closest = np.argmin(apart)
    summary = (
        f"check-census {path} (N = {n}): {count} minima. F-terms: largest entry of "
        f"any of the 18 residuals {residual.max():.1e} (tolerance {tolerance:.0e}; after a random gauge "
        f"transformation {moved_residual:.1e}); the equations are the gradient of W to {transcription:.0e}. "
        f"Invariants: {vectors.shape[1]} closed loops per minimum, complete at every minimum (minimal "
        f"realisation, smallest singular-value ratio {margin:.1e}); a random gauge transformation moves them by at "
        f"most {moved.max():.1e} (relative). Orbits: {orbits} distinct, {len(duplicates)} duplicate pairs; the "
        f"smallest distance between two distinct minima is {apart[closest]:.1e} (rows {closest + 1} and "
        f"{partner[closest] + 1}), the largest between gauge-equivalent copies (random transformation, "
        f"images under x -> -x and conjugation) {within:.1e}: a gap of {apart[closest] / max(within, 1e-300):.0e} "
        f"around the threshold {same:.0e}. Closed under x -> -x and conjugation: "
        f"{'yes' if all(d.max() <= same for d in images.values()) else 'NO'}. Count {orbits} against "
        f"{'--expected ' + str(expected) + ', ' if expected is not None else ''}|c({4 * n})| = {index}.")
    return failures, summary


def compare(path_a, xa, path_b, xb, n, same):
    """Match two censuses of the same N minimum for minimum on the invariants."""
    a, b = invariants(xa, n)[0], invariants(xb, n)[0]
    floor = column_floor(np.concatenate([a, b]))
    to_b, dist_a = nearest(a, b, floor)
    _, dist_b = nearest(b, a, floor)
    only_a, only_b = np.flatnonzero(dist_a > same), np.flatnonzero(dist_b > same)
    matched = np.flatnonzero(dist_a <= same)
    failures = []
    if len(only_a) or len(only_b):
        failures.append(f"the censuses differ: only in A rows {[int(i) + 1 for i in only_a[:20]]}, "
                        f"only in B rows {[int(i) + 1 for i in only_b[:20]]}")
    if len(set(to_b[matched])) != len(matched):
        failures.append("several minima of A match one of B: A holds duplicates")
    distances = np.concatenate([dist_a, dist_b])
    apart = distances[distances > same]
    summary = (f"check-census --compare (N = {n}): A = {path_a} ({len(a)} minima), B = {path_b} ({len(b)}): "
               f"{len(matched)} matched, {len(only_a)} only in A, {len(only_b)} only in B; largest relative "
               f"distance of a match {np.append(distances[distances <= same], 0).max():.1e}"
               + (f", smallest of a minimum to its nearest in the other census when not matched {apart.min():.1e}"
                  if len(apart) else "") + f" (threshold {same:.0e}).")
    return failures, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("census", help="a census CSV (build/bps.<label>.solutions.csv)")
    parser.add_argument("--n", type=int, help="N (default: read from the columns)")
    parser.add_argument("--expected", type=int, help="the number of minima (default: |c(4N)|, computed)")
    parser.add_argument("--tolerance", type=float, default=1e-8, help="largest F-term residual (1e-8)")
    parser.add_argument("--same", type=float, default=1e-4,
                        help="relative invariant distance at or below which two minima are one orbit (1e-4)")
    parser.add_argument("--compare", metavar="OTHER.csv",
                        help="match this census with another, minimum for minimum")
    args = parser.parse_args()
    start = time.time()
    try:
        x, n = read_census(args.census, args.n)
        other = read_census(args.compare, n)[0] if args.compare else None
    except (OSError, ValueError, KeyError, IndexError) as error:
        print(f"check-census: error: cannot read the census: {error!r}", file=sys.stderr)
        return 2
    if args.compare:
        failures, summary = compare(args.census, x, args.compare, other, n, args.same)
    else:
        failures, summary = check(args.census, x, n, args.expected, args.tolerance, args.same)
    print(summary)
    for failure in failures:
        print(f"check-census: error: {args.census}: {failure}", file=sys.stderr)
    print(f"check-census: {'FAILED' if failures else 'passed'} in {time.time() - start:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
