#!/usr/bin/env bash
# Retrains jumok's two teaching models from a clean checkout: generates the
# corpora, trains, exports to web/models/*, measures the exported files, rewrites
# the cards and checks the tokenizers with the runtime's tokenizer package.
# Fails if a measured behaviour is below its threshold. About 5 minutes on 2 cores.
#   bash scripts/train/train.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=/usr/bin/python3  # Debian's Python, where apt installs python3-torch
SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)

# Training only: the demo and the tests never need PyTorch.
if ! $PYTHON -c 'import torch' 2>/dev/null; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y python3-torch
fi
# python3-torch runs on whichever libblas.so.3 is installed; Debian's reference
# BLAS made a training step about 5x slower than OpenBLAS does.
if ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  $SUDO apt-get install -y libopenblas0-pthread
fi
# One thread (config.TORCH_THREADS): the machine has two cores and is shared.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

$PYTHON scripts/train/train_ko_en.py
$PYTHON scripts/train/measure_ko_en.py >/dev/null
$PYTHON scripts/train/train_coref.py
$PYTHON scripts/train/measure_coref.py >/dev/null
$PYTHON scripts/train/cards.py
node scripts/train/check_tokenizers.mjs
$PYTHON scripts/train/thresholds.py
