#!/bin/sh
# Builds the Figures target in release mode and times typical renderings (bench/figures-bench.swift).
set -e
cd "$(dirname "$0")/.."
swift build -c release --target Figures
swiftc -O bench/figures-bench.swift -I .build/release/Modules -Xcc -fmodule-map-file=Sources/CCairo/module.modulemap \
    .build/release/Figures.build/*.o -lcairo -o .build/release/figures-bench
.build/release/figures-bench
