"""Loss along a straight path between two minima, measured with noise, fitted with NumPy.

Reads {"seed": ..., "params": {"points": ..., "noise": ...}} on stdin; writes results.json (the
fitted barrier and curvatures), slice.csv (every measurement with the fit) and plot.svg (a plot
drawn by hand, so the bytes depend only on the numbers).
"""
import json
import sys

import numpy as np

given = json.load(sys.stdin)
points, noise = given["params"]["points"], given["params"]["noise"]
rng = np.random.default_rng(given["seed"])

# A double well along the path t in [-1.5, 1.5]: minima at t = ±1, barrier 1 at t = 0.
t = np.linspace(-1.5, 1.5, points)
loss = (t**2 - 1) ** 2 + noise * rng.standard_normal(points)

fit = np.polynomial.Polynomial.fit(t, loss, deg=4).convert()
curvature = fit.deriv(2)
barrier = fit(0.0) - min(fit(-1.0), fit(1.0))

with open("results.json", "w") as out:
    json.dump({
        "points": points,
        "barrier": round(float(barrier), 6),
        "curvatures": [round(float(curvature(-1.0)), 6), round(float(curvature(1.0)), 6)],
        "residual_sd": round(float(np.std(loss - fit(t), ddof=5)), 6),
    }, out)

with open("slice.csv", "w") as out:
    out.write("t,loss,fit\n")
    for ti, li in zip(t, loss):
        out.write(f"{ti:.4f},{li:.6f},{fit(ti):.6f}\n")

# The plot: measurements as dots, the fit as a line, on a 360 x 220 canvas.
def x(v): return 40 + (v + 1.5) / 3.0 * 300
def y(v): return 190 - (v + 0.25) / 2.0 * 170
curve = " ".join(f"{x(v):.1f},{y(fit(v)):.1f}" for v in np.linspace(-1.5, 1.5, 121))
dots = "".join(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="2.5" fill="#1f77b4"/>' for a, b in zip(t, loss))
with open("plot.svg", "w") as out:
    out.write(
        '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="220" viewBox="0 0 360 220" '
        'font-family="DejaVu Sans" font-size="11">'
        '<rect width="360" height="220" fill="white"/>'
        f'<line x1="40" y1="190" x2="340" y2="190" stroke="black"/><line x1="40" y1="20" x2="40" y2="190" stroke="black"/>'
        + "".join(f'<text x="{x(v):.1f}" y="203" text-anchor="middle">{v:g}</text>' for v in (-1, 0, 1))
        + "".join(f'<text x="34" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>' for v in (0, 1))
        + '<text x="190" y="216" text-anchor="middle">position t along the path</text>'
        '<text x="12" y="105" transform="rotate(-90 12 105)" text-anchor="middle">loss</text>'
        + f'{dots}<polyline points="{curve}" fill="none" stroke="#d62728" stroke-width="1.5"/>'
        + '</svg>\n')
