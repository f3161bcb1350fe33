#!/usr/bin/env bash
# Creates the git-ignored virtual environment bench/.venv for the Python reference benchmarks
# (bench/networks_numpy.py, bench/networks_torch.py, bench/bps_numpy.py) and installs NumPy into it;
# with --torch also PyTorch (optional; the CPU-only build, torch==2.13.0+cpu, about 200 MB, which the
# package index here serves; the plain PyPI build brings about 3 GB of CUDA wheels). The tests never
# need any of this.
#
#   bash bench/setup-python.sh            # NumPy only
#   bash bench/setup-python.sh --torch    # NumPy and PyTorch
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
torch=0
for argument in "$@"; do
    case "$argument" in
        --torch) torch=1 ;;
        -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "setup-python.sh: unknown option $argument (only --torch)" >&2; exit 2 ;;
    esac
done
python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet numpy
if [ "$torch" = 1 ]; then
    "$venv/bin/python" -m pip install "torch==2.13.0+cpu"
fi
"$venv/bin/python" - <<'PY'
import numpy
print("bench/.venv: numpy", numpy.__version__)
try:
    import torch
    print("bench/.venv: torch", torch.__version__)
except ImportError:
    print("bench/.venv: torch not installed (optional: bash bench/setup-python.sh --torch)")
PY
