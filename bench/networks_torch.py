"""The network benchmark of `swift run -c release bench networks` in PyTorch on the CPU, one thread
(torch.set_num_threads(1)), float64: Adam steps (torch.optim.Adam), Langevin steps and
Hessian-vector products per second of a 2-hidden-layer tanh network with softmax cross-entropy,
full batch (see networks_common.py for the sizes, data, step sizes and timing).

Gradients by autograd's backward pass; Hessian-vector products exact, by double backward
(grad of <grad L, v>), the way the fixture ../shared/fixtures/mlp_tanh.json was made.

PyTorch is optional (`bash bench/setup-python.sh --torch`): without it this script says so and
exits with status 0. At start-up the gradient is checked against central finite differences of the
loss and H v against a central difference of two gradients, and both against the fixture when it is
there; the script stops if any check fails.

    bench/.venv/bin/python bench/networks_torch.py [seconds] [--json] [--sizes N:d:width,...]
"""
import platform
import sys

import networks_common as common

common.one_thread()

try:
    import torch
except ImportError:
    common.log("networks_torch: PyTorch is not installed, skipped (optional: bash bench/setup-python.sh --torch)")
    sys.exit(0)

import numpy as np  # noqa: E402

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass
torch.set_default_dtype(torch.float64)


class Network:
    """A tanh MLP with softmax cross-entropy on fixed data; theta one flat leaf tensor whose
    slices are the layers' weights and biases (autograd sums into one flat gradient)."""

    def __init__(self, x, y, widths):
        self.x = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float64))
        self.y = torch.from_numpy(np.asarray(y, dtype=np.int64))
        self.shapes, offset = [], 0
        for fan_in, fan_out in zip(widths[:-1], widths[1:]):
            self.shapes.append((offset, fan_out, fan_in))
            offset += (fan_in + 1) * fan_out
        self.p = offset

    def loss(self, theta):
        a = self.x
        last = len(self.shapes) - 1
        for l, (offset, o, i) in enumerate(self.shapes):
            w = theta[offset:offset + o * i].view(o, i)
            b = theta[offset + o * i:offset + o * i + o]
            a = torch.addmm(b, a, w.t())
            if l < last:
                a = torch.tanh(a)
        return torch.nn.functional.cross_entropy(a, self.y)

    def value_and_gradient(self, theta):
        theta = theta.detach().requires_grad_(True)
        loss = self.loss(theta)
        (g,) = torch.autograd.grad(loss, theta)
        return loss.item(), g

    def hessian_vector_product(self, theta, v):
        theta = theta.detach().requires_grad_(True)
        (g,) = torch.autograd.grad(self.loss(theta), theta, create_graph=True)
        (hv,) = torch.autograd.grad(g @ v, theta)
        return hv


def check(net, theta, generator, every_coordinate):
    _, g = net.value_and_gradient(theta)
    with torch.no_grad():
        h = 1e-6
        if every_coordinate:
            fd = torch.empty(net.p)
            for k in range(net.p):
                e = torch.zeros(net.p)
                e[k] = h
                fd[k] = (net.loss(theta + e) - net.loss(theta - e)) / (2 * h)
            error = ((fd - g).abs().max() / g.abs().max()).item()
            what = f"every one of {net.p} coordinates"
        else:
            u = torch.randn(net.p, generator=generator)
            fd = (net.loss(theta + h * u) - net.loss(theta - h * u)) / (2 * h)
            error = (abs(fd - g @ u) / abs(g @ u)).item()
            what = "a random direction"
    if not error < 1e-6:
        raise SystemExit(f"networks_torch: the gradient disagrees with finite differences ({what}): {error:.2e}")
    v = torch.randn(net.p, generator=generator)
    hv = net.hessian_vector_product(theta, v)
    e = 1e-5
    fd_hv = (net.value_and_gradient(theta + e * v)[1] - net.value_and_gradient(theta - e * v)[1]) / (2 * e)
    hv_error = ((fd_hv - hv).abs().max() / hv.abs().max()).item()
    if not hv_error < 1e-6:
        raise SystemExit(f"networks_torch: H v disagrees with a difference of gradients: {hv_error:.2e}")
    return error, hv_error


def evaluate_fixture(fx):
    net = Network(np.array(fx["X"]), np.array(fx["y"]), [fx["d"]] + list(fx["widths"]) + [fx["C"]])
    theta = torch.tensor(fx["theta"])
    loss, g = net.value_and_gradient(theta)
    hv = net.hessian_vector_product(theta, torch.tensor(fx["v"]))
    return net.p, float(loss), g.numpy(), hv.numpy()


def main():
    options = common.arguments(__doc__.splitlines()[0])
    generator = torch.Generator().manual_seed(7)
    x, y = common.dataset(7, 3, seed=11)
    small = Network(x, y, [3, 5, 5, common.CLASSES])
    errors = check(small, torch.randn(small.p, generator=generator), generator, every_coordinate=True)
    common.log(f"networks_torch: checks: finite differences (P = {small.p}): gradient {errors[0]:.1e}, "
               f"H v {errors[1]:.1e} (relative); {common.check_fixture('networks_torch', evaluate_fixture)}")
    versions = {"python": platform.python_version(), "torch": torch.__version__,
                "threads": torch.get_num_threads()}
    for n, d, width in options.sizes:
        x, y = common.dataset(n, d)
        net = Network(x, y, [d, width, width, common.CLASSES])
        start = torch.from_numpy(common.initial_parameters(d, width))
        errors = check(net, start, generator, every_coordinate=False)
        common.log(f"networks_torch: N={n} d={d} width={width}: gradient vs finite difference {errors[0]:.1e}, "
                   f"H v vs difference of gradients {errors[1]:.1e}")

        def adam(steps):
            theta = start.clone().requires_grad_(True)
            optimiser = torch.optim.Adam([theta], lr=common.LEARNING_RATE)
            for _ in range(steps):
                optimiser.zero_grad()
                net.loss(theta).backward()
                optimiser.step()

        noise = torch.Generator().manual_seed(3)
        amplitude = (2 * common.STEP_SIZE * common.TEMPERATURE) ** 0.5

        def langevin(steps):
            theta = start.clone().requires_grad_(True)
            xi = torch.empty(net.p)
            for _ in range(steps):
                (g,) = torch.autograd.grad(net.loss(theta), theta)
                with torch.no_grad():
                    xi.normal_(generator=noise)
                    theta.add_(g, alpha=-common.STEP_SIZE).add_(xi, alpha=amplitude)

        direction = torch.randn(net.p, generator=torch.Generator().manual_seed(4))

        def products(count):
            for _ in range(count):
                net.hessian_vector_product(start, direction)

        common.report(options, "torch", versions, n, d, width, common.rate(options.seconds, adam),
                      common.rate(options.seconds, langevin), common.rate(options.seconds, products),
                      "exact, autograd double backward")


if __name__ == "__main__":
    main()
