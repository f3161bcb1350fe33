"""Writes the PyTorch fixture of the Float32 training path (run once; the tests never need Python):
Fixtures/sgd_torch.json, mini-batch SGD with momentum on a small ReLU network, in torch.float32
and torch.float64 from the same float32-representable data and initial weights
(NetworkPrecisionTests).

    bash bench/setup-python.sh --torch
    bench/.venv/bin/python bench/make_torch_fixtures.py
"""
import json
import pathlib

import numpy as np
import torch

rng = np.random.default_rng(20261207)
n, d, h, c = 48, 7, 6, 3
batch, steps, lr, momentum = 8, 30, 0.1, 0.9

# Values exactly representable in float32, so both precisions start from the same numbers.
x = rng.standard_normal((n, d)).astype(np.float32)
y = rng.integers(0, c, n)
theta0 = np.concatenate([
    (rng.standard_normal((h, d)) * np.sqrt(2 / d)).ravel(), np.zeros(h),
    (rng.standard_normal((c, h)) * np.sqrt(2 / h)).ravel(), np.zeros(c),
]).astype(np.float32)
batches = [rng.permutation(n)[:batch].tolist() for _ in range(steps)]


def train(dtype):
    """θ after `steps` SGD steps and the loss of each step's batch before its update."""
    t = torch.tensor(theta0, dtype=dtype)
    sizes = [h * d, h, c * h, c]
    w1, b1, w2, b2 = (p.clone().requires_grad_() for p in torch.split(t, sizes))
    optimiser = torch.optim.SGD([w1, b1, w2, b2], lr=lr, momentum=momentum)
    xs, ys, losses = torch.tensor(x, dtype=dtype), torch.tensor(y), []
    for rows in batches:
        logits = torch.relu(xs[rows] @ w1.view(h, d).T + b1) @ w2.view(c, h).T + b2
        loss = torch.nn.functional.cross_entropy(logits, ys[rows])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        losses.append(float(loss.detach()))
    return {"theta": torch.cat([w1, b1, w2, b2]).detach().double().tolist(), "losses": losses}


fixture = {
    "torch": torch.__version__,
    "network": {"inputs": d, "hidden": h, "outputs": c, "activation": "relu"},
    "learning_rate": lr, "momentum": momentum,
    "inputs": x.astype(np.float64).ravel().tolist(), "labels": y.tolist(),
    "theta0": theta0.astype(np.float64).tolist(), "batches": batches,
    "float32": train(torch.float32), "float64": train(torch.float64),
}
path = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "LandscapeTests" / "Fixtures" / "sgd_torch.json"
path.write_text(json.dumps(fixture, indent=1) + "\n")
gap = np.max(np.abs(np.array(fixture["float32"]["theta"]) - np.array(fixture["float64"]["theta"])))
print(f"wrote {path}: float32 and float64 θ differ by up to {gap:.3g} after {steps} steps")
