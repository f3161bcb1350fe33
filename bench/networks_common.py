"""What bench/networks_numpy.py and bench/networks_torch.py share: the benchmark's sizes and data,
the step sizes, the timing loop and the output format, so that both measure what
`swift run -c release bench networks` measures (Sources/bench/NetworkBench.swift):

- a 2-hidden-layer tanh network d -> width -> width -> C = 2, softmax cross-entropy averaged over
  the N examples (natural log), full batch, float64, one thread;
- parameters one flat vector theta = [W1 (width x d, row-major), b1, W2, b2, W3 (C x width), b3],
  W_l ~ N(0, 1/fan-in), biases 0 (Swift's LeCun initialisation);
- data: N points x ~ N(0, I_d) with labels uniform over {0, 1} (Swift's `randomLabels`; the same
  distribution, not the same numbers: the generators differ);
- Adam (PyTorch's defaults, learning rate 1e-3), Euler-Maruyama Langevin
  theta <- theta - eta grad L + sqrt(2 eta T) xi with eta = 1e-3, T = 1e-4, a fresh standard normal
  xi per step, and Hessian-vector products H v at the initial theta with a fixed Gaussian v;
- rates per CPU second of the process (and per wall-clock second), the work doubled until it lasts
  `seconds` of CPU time, as Swift's `NetworkBench.rate`.
"""
import argparse
import json
import os
import sys
import time

SIZES = [(100, 10, 32), (200, 20, 64), (1000, 20, 128)]
CLASSES = 2
LEARNING_RATE = 1e-3
STEP_SIZE, TEMPERATURE = 1e-3, 1e-4


def one_thread():
    """Pins BLAS and OpenMP to one thread; must run before NumPy or PyTorch is imported."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"


def arguments(description, extra=()):
    parser = argparse.ArgumentParser(description=description)
    for flag, text in extra:
        parser.add_argument(flag, action="store_true", help=text)
    parser.add_argument("seconds", nargs="?", type=float, default=2.0,
                        help="CPU seconds per measurement (default 2, as `bench networks`)")
    parser.add_argument("--json", action="store_true", help="one JSON object per size on stdout")
    parser.add_argument("--sizes", default=None,
                        help="N:d:width,... (default 100:10:32,200:20:64,1000:20:128)")
    options = parser.parse_args()
    options.sizes = SIZES if options.sizes is None else [
        tuple(int(x) for x in item.split(":")) for item in options.sizes.split(",")]
    return options


def dataset(n, d, seed=1):
    """N x d Gaussian inputs and uniform labels in {0, .., C-1} (NumPy arrays)."""
    import numpy as np
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, d)), rng.integers(0, CLASSES, n)


def layer_shapes(d, width):
    """(outputs, inputs) of each weight layer."""
    return [(width, d), (width, width), (CLASSES, width)]


def parameter_count(d, width):
    return sum((i + 1) * o for o, i in layer_shapes(d, width))


def initial_parameters(d, width, seed=2):
    """W_l ~ N(0, 1/fan-in), biases 0, in the flat order of the Swift core."""
    import numpy as np
    rng = np.random.default_rng(seed)
    parts = []
    for o, i in layer_shapes(d, width):
        parts += [rng.standard_normal(o * i) / np.sqrt(i), np.zeros(o)]
    return np.concatenate(parts)


def fixture():
    """The PyTorch-computed fixture ../shared/fixtures/mlp_tanh.json beside the repository, if present."""
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "..", "..", "shared", "fixtures", "mlp_tanh.json"),
                      os.path.join(here, "..", "shared", "fixtures", "mlp_tanh.json")):
        if os.path.exists(candidate):
            with open(candidate) as f:
                return json.load(f)
    return None


def check_fixture(name, evaluate):
    """Holds an implementation against ../shared/fixtures/mlp_tanh.json: `evaluate(fx)` returns
    (P, loss, gradient, H v) for the fixture's network, parameters and direction, the arrays as
    NumPy arrays. Stops the benchmark unless all three agree with PyTorch's float64 values to 1e-10."""
    import numpy as np
    fx = fixture()
    if fx is None:
        return "fixture ../shared/fixtures/mlp_tanh.json not found (skipped)"
    p, loss, g, hv = evaluate(fx)
    errors = [abs(loss - fx["loss"]), np.max(np.abs(g - fx["grad"])), np.max(np.abs(hv - fx["hvp"]))]
    if not max(errors) < 1e-10:
        raise SystemExit(f"{name}: disagrees with the PyTorch fixture: loss, grad, H v errors {errors}")
    return f"PyTorch fixture (P = {p}): loss, gradient, H v within {max(errors):.1e}"


def rate(seconds, work):
    """Calls per CPU second (and per wall second) of work(count), count doubled (or x8 while far
    short) until one run lasts `seconds` of process CPU time, after one untimed call (PyTorch's
    first optimiser step imports and sets up for a second or more)."""
    work(1)
    count = 1
    while True:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        work(count)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        if cpu >= seconds:
            return {"cpu": count / cpu, "wall": count / wall}
        count *= 8 if cpu < seconds / 8 else 2


def report(options, implementation, versions, n, d, width, adam, langevin, hvp, hvp_method):
    record = {"implementation": implementation, "versions": versions, "N": n, "d": d, "width": width,
              "P": parameter_count(d, width), "adam": adam, "langevin": langevin, "hvp": hvp,
              "hvp_method": hvp_method}
    if options.json:
        print(json.dumps(record), flush=True)
    else:
        def f(x):
            return f"{x['cpu']:.0f} (wall {x['wall']:.0f})"
        print(f"{implementation}: N={n} d={d} width={width} P={record['P']}: Adam {f(adam)} steps/s, "
              f"Langevin {f(langevin)} steps/s, HVP {f(hvp)}/s", flush=True)


def log(message):
    print(message, file=sys.stderr, flush=True)
