# The sanitizer and fuzzing build: the second build folder of `./quickstart.sh test` (see
# tests/fuzz/README.md). Off by default; the default build is untouched.
#   CHIPGRAPH_SANITIZE  every target compiled and linked with AddressSanitizer and
#                       UndefinedBehaviorSanitizer, stopping at the first finding; libstdc++'s
#                       own checks (_GLIBCXX_ASSERTIONS) on too.
#   CHIPGRAPH_FUZZ      clang only, implies CHIPGRAPH_SANITIZE: every target also carries
#                       libFuzzer's coverage instrumentation, and tests/fuzz/ builds the fuzzers.
option(CHIPGRAPH_SANITIZE "Build everything with ASan and UBSan" OFF)
option(CHIPGRAPH_FUZZ "Build the libFuzzer targets of tests/fuzz (clang; implies ASan+UBSan)" OFF)

if(CHIPGRAPH_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "CHIPGRAPH_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14")
    endif()
    set(CHIPGRAPH_SANITIZE ON CACHE BOOL "Build everything with ASan and UBSan" FORCE)
endif()

if(CHIPGRAPH_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
        -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS)
    add_link_options(-fsanitize=address,undefined)
endif()

if(CHIPGRAPH_FUZZ)
    # Coverage for the fuzzers in every library. Plain executables (the tests) link without
    # libFuzzer: the sanitizer runtime provides the coverage callbacks.
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
