"""The network benchmark of `swift run -c release bench networks` in NumPy, one thread, float64:
Adam steps, Langevin steps and Hessian-vector products per second of a 2-hidden-layer tanh network
with softmax cross-entropy, full batch, with hand-written backpropagation (see networks_common.py
for the sizes, data, step sizes and timing).

Hessian-vector products are exact, by a hand-written forward-over-reverse pass (Pearlmutter's
R-operator, the same algorithm as Sources/Landscape/Networks/HessianVectorProduct.swift), not by a
difference of gradients.

At start-up the gradient is checked against central finite differences of the loss (every
coordinate of a small network, and a random direction at each benchmark size), the Hessian-vector
product against a central difference of two gradients, and both against the PyTorch fixture
../shared/fixtures/mlp_tanh.json when it is there; the script stops if any check fails.

    bench/.venv/bin/python bench/networks_numpy.py [seconds] [--json] [--sizes N:d:width,...]
"""
import platform

import networks_common as common

common.one_thread()

import numpy as np  # noqa: E402  (after the thread pinning)


class Network:
    """A tanh MLP with softmax cross-entropy on fixed data, theta one flat vector; the buffers of
    the forward, backward and R passes are allocated once, so a step allocates (almost) nothing."""

    def __init__(self, x, y, widths):
        self.x, self.n = x, x.shape[0]
        self.widths = widths
        self.classes = widths[-1]
        self.onehot = np.zeros((self.n, self.classes))
        self.onehot[np.arange(self.n), y] = 1
        self.shapes, offset = [], 0
        for fan_in, fan_out in zip(widths[:-1], widths[1:]):
            self.shapes.append((offset, fan_out, fan_in))
            offset += (fan_in + 1) * fan_out
        self.p = offset
        n = self.n
        self.a = [np.empty((n, o)) for _, o, _ in self.shapes]        # activations (logits last)
        self.s = [np.empty((n, o)) for _, o, _ in self.shapes[:-1]]   # slopes 1 - a^2
        self.g = [np.empty((n, o)) for _, o, _ in self.shapes]        # delta_l before the slope
        self.delta = [np.empty((n, o)) for _, o, _ in self.shapes]    # dL/dz_l
        self.rz = [np.empty((n, o)) for _, o, _ in self.shapes]
        self.ra = [np.empty((n, o)) for _, o, _ in self.shapes[:-1]]
        self.rdelta = [np.empty((n, o)) for _, o, _ in self.shapes]
        self.tmp = [np.empty((n, o)) for _, o, _ in self.shapes]
        self.probabilities = np.empty((n, self.classes))
        self.rowmax, self.rowsum = np.empty((n, 1)), np.empty((n, 1))

    def views(self, flat):
        """[(W, b)] views (no copies) of a flat parameter-shaped vector."""
        out = []
        for offset, o, i in self.shapes:
            out.append((flat[offset:offset + o * i].reshape(o, i), flat[offset + o * i:offset + o * i + o]))
        return out

    def forward(self, layers):
        """Fills the activations and slopes; returns the mean loss and leaves softmax - onehot,
        divided by N, in delta[-1]."""
        inputs = self.x
        last = len(layers) - 1
        for l, (w, b) in enumerate(layers):
            z = self.a[l]
            np.matmul(inputs, w.T, out=z)
            z += b
            if l < last:
                np.tanh(z, out=z)
                np.multiply(z, z, out=self.s[l])
                np.subtract(1, self.s[l], out=self.s[l])
            inputs = z
        z, p = self.a[last], self.delta[last]
        np.max(z, axis=1, keepdims=True, out=self.rowmax)
        np.subtract(z, self.rowmax, out=p)
        np.exp(p, out=p)
        np.sum(p, axis=1, keepdims=True, out=self.rowsum)
        loss = (np.sum(self.rowmax) + np.sum(np.log(self.rowsum)) - np.vdot(z, self.onehot)) / self.n
        p /= self.rowsum
        return loss, p

    def loss(self, theta):
        return self.forward(self.views(theta))[0]

    def value_and_gradient(self, layers, grads):
        """L and dL/dtheta, written into the views `grads` of the flat gradient."""
        loss, p = self.forward(layers)
        last = len(layers) - 1
        delta = self.delta[last]
        delta -= self.onehot
        delta *= 1 / self.n
        for l in range(last, -1, -1):
            w, _ = layers[l]
            gw, gb = grads[l]
            below = self.x if l == 0 else self.a[l - 1]
            np.matmul(delta.T, below, out=gw)
            np.sum(delta, axis=0, out=gb)
            if l > 0:
                np.matmul(delta, w, out=self.g[l - 1])
                np.multiply(self.g[l - 1], self.s[l - 1], out=self.delta[l - 1])
                delta = self.delta[l - 1]
        return loss

    def hessian_vector_product(self, layers, vs, hvs):
        """H v by the R-operator: R{z_l} = R{a_(l-1)} W_l^T + a_(l-1) V_l^T + c_l, R{a_l} = s_l R{z_l};
        R{delta_L} = (diag p - p p^T) R{z_L} / N; R{dW_l} = R{delta_l}^T a_(l-1) + delta_l^T R{a_(l-1)},
        R{delta_(l-1)} = (R{delta_l} W_l + delta_l V_l) s_(l-1) + (delta_l W_l) (-2 a s)_(l-1) R{z_(l-1)}."""
        self._gradient_for_hvp(layers)
        last = len(layers) - 1
        for l, ((w, _), (vw, vb)) in enumerate(zip(layers, vs)):
            rz = self.rz[l]
            below = self.x if l == 0 else self.a[l - 1]
            np.matmul(below, vw.T, out=rz)
            if l > 0:
                np.matmul(self.ra[l - 1], w.T, out=self.tmp[l])
                rz += self.tmp[l]
            rz += vb
            if l < last:
                np.multiply(self.s[l], rz, out=self.ra[l])
        # Output: (diag p - p p^T) r / N with p = softmax z.
        p = self.probabilities
        rd = self.rdelta[last]
        np.multiply(p, self.rz[last], out=rd)
        np.sum(rd, axis=1, keepdims=True, out=self.rowsum)
        np.subtract(self.rz[last], self.rowsum, out=rd)
        rd *= p
        rd *= 1 / self.n
        for l in range(last, -1, -1):
            (w, _), (vw, _), (hw, hb) = layers[l], vs[l], hvs[l]
            delta, rdelta = self.delta[l], self.rdelta[l]
            below = self.x if l == 0 else self.a[l - 1]
            np.matmul(rdelta.T, below, out=hw)
            if l > 0:
                hw += delta.T @ self.ra[l - 1]
            np.sum(rdelta, axis=0, out=hb)
            if l > 0:
                t, rbelow = self.tmp[l - 1], self.rdelta[l - 1]
                np.matmul(rdelta, w, out=rbelow)
                np.matmul(delta, vw, out=t)
                rbelow += t
                rbelow *= self.s[l - 1]
                # (delta_l W_l) * sigma''(z) * R{z}, sigma'' = -2 a s for tanh.
                np.multiply(self.g[l - 1], self.a[l - 1], out=t)
                t *= self.s[l - 1]
                t *= self.rz[l - 1]
                t *= -2
                rbelow += t

    def _gradient_for_hvp(self, layers):
        """The forward and backward pass of the gradient without storing dL/dW (the R pass needs
        the activations, slopes, deltas and softmax only)."""
        loss, p = self.forward(layers)
        last = len(layers) - 1
        np.copyto(self.probabilities, p)
        delta = self.delta[last]
        delta -= self.onehot
        delta *= 1 / self.n
        for l in range(last, 0, -1):
            w, _ = layers[l]
            np.matmul(delta, w, out=self.g[l - 1])
            np.multiply(self.g[l - 1], self.s[l - 1], out=self.delta[l - 1])
            delta = self.delta[l - 1]
        return loss


def plain_value_and_gradient(x, onehot, theta, shapes):
    """The same gradient written the plain way (new arrays for every intermediate, theta sliced and
    reshaped per call, the gradient concatenated): what `--plain` times, to show the cost of
    allocation against the preallocated `Network`."""
    layers = [(theta[o:o + m * k].reshape(m, k), theta[o + m * k:o + m * k + m]) for o, m, k in shapes]
    activations = [x]
    for w, b in layers[:-1]:
        activations.append(np.tanh(activations[-1] @ w.T + b))
    w, b = layers[-1]
    z = activations[-1] @ w.T + b
    top = z.max(axis=1, keepdims=True)
    e = np.exp(z - top)
    total = e.sum(axis=1, keepdims=True)
    loss = np.mean(top[:, 0] + np.log(total[:, 0]) - (z * onehot).sum(axis=1))
    delta = (e / total - onehot) / x.shape[0]
    parts = []
    for l in range(len(layers) - 1, -1, -1):
        w, _ = layers[l]
        parts = [(delta.T @ activations[l]).ravel(), delta.sum(axis=0)] + parts
        if l > 0:
            delta = (delta @ w) * (1 - activations[l] ** 2)
    return loss, np.concatenate(parts)


def gradient(net, theta):
    g = np.empty(net.p)
    loss = net.value_and_gradient(net.views(theta), net.views(g))
    return loss, g


def hvp(net, theta, v):
    hv = np.empty(net.p)
    net.hessian_vector_product(net.views(theta), net.views(v), net.views(hv))
    return hv


def check(net, theta, rng, every_coordinate):
    """Gradient against central differences of L, H v against central differences of grad L."""
    _, g = gradient(net, theta)
    h = 1e-6
    if every_coordinate:
        fd = np.empty(net.p)
        for k in range(net.p):
            e = np.zeros(net.p)
            e[k] = h
            fd[k] = (net.loss(theta + e) - net.loss(theta - e)) / (2 * h)
        error = np.max(np.abs(fd - g)) / max(np.max(np.abs(g)), 1e-300)
        what = f"every one of {net.p} coordinates"
    else:
        u = rng.standard_normal(net.p)
        fd = (net.loss(theta + h * u) - net.loss(theta - h * u)) / (2 * h)
        error = abs(fd - g @ u) / max(abs(g @ u), 1e-300)
        what = "a random direction"
    if not error < 1e-6:
        raise SystemExit(f"networks_numpy: the gradient disagrees with finite differences ({what}): {error:.2e}")
    v = rng.standard_normal(net.p)
    hv = hvp(net, theta, v)
    e = 1e-5
    fd_hv = (gradient(net, theta + e * v)[1] - gradient(net, theta - e * v)[1]) / (2 * e)
    hv_error = np.max(np.abs(fd_hv - hv)) / max(np.max(np.abs(hv)), 1e-300)
    if not hv_error < 1e-6:
        raise SystemExit(f"networks_numpy: H v disagrees with a difference of gradients: {hv_error:.2e}")
    return error, hv_error


def evaluate_fixture(fx):
    net = Network(np.array(fx["X"]), np.array(fx["y"]), [fx["d"]] + list(fx["widths"]) + [fx["C"]])
    theta = np.array(fx["theta"])
    loss, g = gradient(net, theta)
    return net.p, loss, g, hvp(net, theta, np.array(fx["v"]))


def main():
    options = common.arguments(__doc__.splitlines()[0], [
        ("--plain", "also time Adam and Langevin with the plain, allocating gradient (plain_value_and_gradient)")])
    rng = np.random.default_rng(7)
    x, y = common.dataset(7, 3, seed=11)
    small = Network(x, y, [3, 5, 5, common.CLASSES])
    errors = check(small, rng.standard_normal(small.p), rng, every_coordinate=True)
    common.log(f"networks_numpy: checks: finite differences (P = {small.p}): gradient {errors[0]:.1e}, "
               f"H v {errors[1]:.1e} (relative); {common.check_fixture('networks_numpy', evaluate_fixture)}")
    versions = {"python": platform.python_version(), "numpy": np.__version__}
    for n, d, width in options.sizes:
        x, y = common.dataset(n, d)
        net = Network(x, y, [d, width, width, common.CLASSES])
        start = common.initial_parameters(d, width)
        errors = check(net, start, rng, every_coordinate=False)
        common.log(f"networks_numpy: N={n} d={d} width={width}: gradient vs finite difference {errors[0]:.1e}, "
                   f"H v vs difference of gradients {errors[1]:.1e}")
        theta, grad = np.empty(net.p), np.empty(net.p)
        layers, grads = net.views(theta), net.views(grad)
        m, v, t1, t2 = (np.empty(net.p) for _ in range(4))

        def adam(steps, b1=0.9, b2=0.999, eps=1e-8, lr=common.LEARNING_RATE):
            np.copyto(theta, start)
            m.fill(0)
            v.fill(0)
            for t in range(1, steps + 1):
                net.value_and_gradient(layers, grads)
                # m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2
                np.multiply(m, b1, out=m)
                np.multiply(grad, 1 - b1, out=t2)
                np.add(m, t2, out=m)
                np.multiply(grad, grad, out=t1)
                np.multiply(t1, 1 - b2, out=t1)
                np.multiply(v, b2, out=v)
                np.add(v, t1, out=v)
                # theta <- theta - lr m_hat / (sqrt(v_hat) + eps)
                np.multiply(v, 1 / (1 - b2 ** t), out=t1)
                np.sqrt(t1, out=t1)
                np.add(t1, eps, out=t1)
                np.divide(m, t1, out=t2)
                np.multiply(t2, lr / (1 - b1 ** t), out=t2)
                np.subtract(theta, t2, out=theta)

        noise_rng = np.random.default_rng(3)
        amplitude = np.sqrt(2 * common.STEP_SIZE * common.TEMPERATURE)

        def langevin(steps):
            np.copyto(theta, start)
            for _ in range(steps):
                net.value_and_gradient(layers, grads)
                noise_rng.standard_normal(out=t1)
                np.multiply(t1, amplitude, out=t1)
                np.multiply(grad, common.STEP_SIZE, out=t2)
                np.subtract(theta, t2, out=theta)
                np.add(theta, t1, out=theta)

        direction = np.random.default_rng(4).standard_normal(net.p)
        product = np.empty(net.p)
        at, vs, hvs = net.views(start.copy()), net.views(direction), net.views(product)

        def products(count):
            for _ in range(count):
                net.hessian_vector_product(at, vs, hvs)

        if options.plain:
            _, reference = gradient(net, start)
            plain = plain_value_and_gradient(x, net.onehot, start, net.shapes)[1]
            assert np.max(np.abs(plain - reference)) <= 1e-12 * np.max(np.abs(reference))

            def plain_adam(steps, b1=0.9, b2=0.999, eps=1e-8, lr=common.LEARNING_RATE):
                theta, m, v = start.copy(), np.zeros(net.p), np.zeros(net.p)
                for t in range(1, steps + 1):
                    _, g = plain_value_and_gradient(x, net.onehot, theta, net.shapes)
                    m = b1 * m + (1 - b1) * g
                    v = b2 * v + (1 - b2) * g * g
                    theta = theta - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)

            def plain_langevin(steps):
                theta = start.copy()
                for _ in range(steps):
                    _, g = plain_value_and_gradient(x, net.onehot, theta, net.shapes)
                    theta = theta - common.STEP_SIZE * g + amplitude * noise_rng.standard_normal(net.p)

            common.report(options, "numpy-plain", versions, n, d, width, common.rate(options.seconds, plain_adam),
                          common.rate(options.seconds, plain_langevin), common.rate(options.seconds, products),
                          "exact, hand-written forward-over-reverse (R-operator), preallocated")
        common.report(options, "numpy", versions, n, d, width, common.rate(options.seconds, adam),
                      common.rate(options.seconds, langevin), common.rate(options.seconds, products),
                      "exact, hand-written forward-over-reverse (R-operator)")


if __name__ == "__main__":
    main()
