// Default options of the sanitizer build (CHIPGRAPH_SANITIZE), compiled into every executable
// of it by cmake/Sanitizers.cmake: every test, the CLI and the fuzzers run with them however
// they are started (ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS still override).

// A UBSan report shows where it happened.
extern "C" const char* __ubsan_default_options() {
    return "print_stacktrace=1";
}

// Leaks in the system libraries we call, never in our code (each checked: their allocation
// stacks lie wholly inside the library): Graphviz 2.42 (its allocator gmalloc, layout engines,
// HTML label parser, pango plugin), fontconfig and pango's caches, and libedit's
// el_set(EL_ADDFN), which copies the function's name and help with wcsdup and never frees them
// (its source says so: "the two strdup's leak"; our code never calls wcsdup). Only the caller
// of malloc is known to LSan's fast unwinder, hence the library names.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libgvc.so\n"
           "leak:libgvplugin_dot_layout.so\n"
           "leak:libgvplugin_neato_layout.so\n"
           "leak:libgvplugin_pango.so\n"
           "leak:htmlparse\n"
           "leak:libfontconfig.so\n"
           "leak:libpango\n"
           "leak:libcairo.so\n"
           "leak:el_set\n"
           "leak:wcsdup\n";
}

// The CLI cases compare stderr: suppressed leaks must not print a summary.
extern "C" const char* __lsan_default_options() {
    return "print_suppressions=0";
}
