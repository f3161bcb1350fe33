#!/usr/bin/env python3
"""Reference values for Tests/LandscapeTests/FluctuationResponseTests.swift (SciPy; run by hand,
the tests hold the printed numbers and never need SciPy).

One point of the boundary model, c = A e^{-u} with cutoff A e^{-X} = 1e-6 fixed, at temperature T:
eps = 1e-6/T, <c> = T e^{-eps}/E1(eps), <c^2> = T^2 (1 + eps) e^{-eps}/E1(eps). The chord
response 2(<c>_b - <c>_a)/(T_b - T_a) against sqrt(D_var,a D_var,b) with D_var = 2 Var(c)/T^2,
between T_a = 1e-4 and T_b = r T_a, and D_var at T = 1e-4.
"""
import numpy as np
from scipy.special import exp1

A = 1e-6


def mean(t):
    e = A / t
    return t * np.exp(-e) / exp1(e)


def variance(t):
    e = A / t
    r = np.exp(-e) / exp1(e)
    return t * t * (1 + e) * r - (t * r) ** 2


for ratio in [10, 10**0.5, 1.5, 1.1, 1.02]:
    a, b = 1e-4, 1e-4 * ratio
    response = 2 * (mean(b) - mean(a)) / (b - a)
    fluctuation = np.sqrt(2 * variance(a) / a**2 * 2 * variance(b) / b**2)
    print(f"r = {ratio}: response/fluctuation - 1 = {response / fluctuation - 1!r}")
print(f"D_var at T = 1e-4: {2 * variance(1e-4) / 1e-8!r}")
