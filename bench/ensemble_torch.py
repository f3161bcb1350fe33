"""The ensemble benchmark of `swift run -c release bench ensemble` in PyTorch on the CPU, one thread:
M replicas of a 784-32-10 ReLU network trained TOGETHER in one batched computation (torch.bmm over
the replica axis, each replica with its own shuffle), SGD with momentum 0.9 and learning rate 0.01,
softmax cross-entropy, on 4,000 MNIST-sized examples (a 10-class Gaussian mixture: the cost does not
depend on the values). Prints milliseconds of CPU time per net and epoch for each batch size, the
figure issue 11 quotes as 13-34 ms (32 replicas, float32, batch 256 down to 16).

PyTorch is optional (`bash bench/setup-python.sh --torch`): without it this script says so and
exits with status 0.

    bench/.venv/bin/python bench/ensemble_torch.py [replicas] [epochs] [--float64]
"""
import sys
import time

import networks_common as common

common.one_thread()

try:
    import torch
except ImportError:
    common.log("ensemble_torch: PyTorch is not installed, skipped (optional: bash bench/setup-python.sh --torch)")
    sys.exit(0)

torch.set_num_threads(1)
args = [a for a in sys.argv[1:] if not a.startswith("--")]
replicas = int(args[0]) if args else 32
epochs = int(args[1]) if len(args) > 1 else 2
dtype = torch.float64 if "--float64" in sys.argv else torch.float32
n, d, h, c = 4000, 784, 32, 10

generator = torch.Generator().manual_seed(1)
means = torch.linalg.qr(torch.randn(d, c, generator=generator, dtype=torch.float64))[0].T.to(dtype)
y = torch.arange(n) % c
x = 3 * means[y] + torch.randn(n, d, generator=generator, dtype=dtype)

for batch in (16, 64, 256):
    w1 = (torch.randn(replicas, d, h, generator=generator, dtype=dtype) * (2 / d) ** 0.5).requires_grad_()
    b1 = torch.zeros(replicas, 1, h, dtype=dtype, requires_grad=True)
    w2 = (torch.randn(replicas, h, c, generator=generator, dtype=dtype) * (2 / h) ** 0.5).requires_grad_()
    b2 = torch.zeros(replicas, 1, c, dtype=dtype, requires_grad=True)
    optimiser = torch.optim.SGD([w1, b1, w2, b2], lr=0.01, momentum=0.9)
    start = time.process_time()
    for epoch in range(epochs):
        order = torch.stack([torch.randperm(n, generator=generator) for _ in range(replicas)])
        for s in range(0, n, batch):
            rows = order[:, s:s + batch]
            xb, yb = x[rows], y[rows]
            logits = torch.bmm(torch.relu(torch.bmm(xb, w1) + b1), w2) + b2
            # Mean over each replica's batch, summed over replicas: each replica's own SGD step.
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, c), yb.reshape(-1), reduction="sum") / rows.shape[1]
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    cpu = time.process_time() - start
    print(f"ensemble_torch: 784-32-10, N={n}, batch {batch:3d}: {1000 * cpu / (replicas * epochs):.1f} ms per net and epoch "
          f"(CPU, {dtype}), {replicas} replicas x {epochs} epochs, batched")
