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

# Every executable of the sanitizer build carries the default options and leak suppressions of
# tests/fuzz/sanitizer_options.cpp. Added once all targets exist (at the end of the top folder).
function(chipgraph_add_sanitizer_options folder)
    get_property(targets DIRECTORY ${folder} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        if(type STREQUAL "EXECUTABLE")
            target_sources(${target} PRIVATE
                ${PROJECT_SOURCE_DIR}/tests/fuzz/sanitizer_options.cpp)
        endif()
    endforeach()
    get_property(subfolders DIRECTORY ${folder} PROPERTY SUBDIRECTORIES)
    foreach(subfolder IN LISTS subfolders)
        chipgraph_add_sanitizer_options(${subfolder})
    endforeach()
endfunction()
if(CHIPGRAPH_SANITIZE)
    cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR}
        CALL chipgraph_add_sanitizer_options ${PROJECT_SOURCE_DIR})
endif()
