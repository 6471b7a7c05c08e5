#!/usr/bin/env bash
# chipgraph's set-up in one command, on a fresh Debian 12 machine:
#   ./quickstart.sh        install what is missing, build, and answer a first question
#   ./quickstart.sh test   install what is missing, build, and run the whole test suite
# Re-running is cheap: packages already present are not reinstalled, the build is incremental.
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-demo}
case "$mode" in
demo | test) ;;
*)
    echo "usage: $0 [test]" >&2
    exit 2
    ;;
esac

packages=(cmake g++ make libsqlite3-dev sqlite3 libantlr4-runtime-dev antlr4
    libgraphviz-dev graphviz catch2 libcli11-dev nlohmann-json3-dev libedit-dev clang-format
    fonts-noto-cjk help2man libcpp-httplib-dev chromium libxlsxwriter-dev unzip)
# The test suite's second build (sanitizers, fuzzers) needs clang and its runtimes (libFuzzer).
[ "$mode" = demo ] || packages+=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The browser tests (tests/web) run on Node.js; any node >= 18 with npm will do.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "== building (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2

if [ "$mode" = test ]; then
    echo "== browser test dependencies (tests/web: npm ci)"
    (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
    echo "== running the test suite"
    ctest --test-dir build --output-on-failure -j2

    # The same suite built with clang, ASan and UBSan (any finding fails), then each fuzzer for
    # a bounded time: see tests/fuzz/README.md. No benchmark; the format check and the browser
    # test (Chromium driving the server; unit_serve covers the server here) ran above.
    echo "== building with sanitizers (build-asan/)"
    cmake -S . -B build-asan -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
        "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" -DCHIPGRAPH_FUZZ=ON \
        -DCHIPGRAPH_BUILD_BENCH=OFF -DCHIPGRAPH_PACKAGING=OFF >/dev/null
    cmake --build build-asan -j2
    echo "== running the test suite with sanitizers"
    ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j2 -E '^(clang_format|web/.*)$'
    echo "== fuzzing (tests/fuzz/run_fuzzers.sh)"
    tests/fuzz/run_fuzzers.sh build-asan "${CHIPGRAPH_FUZZ_SECONDS:-30}"
else
    echo "== who designs Trainium3?"
    build/chipgraph query 'who designs Trainium3?'
    echo
    echo "Next: build/chipgraph query --help, or see README.md and examples/."
fi
