# clang 14 rejects a header of Debian's ANTLR 4.9 runtime: misc/InterpreterDataReader.h declares
# `InterpreterData() {};`, whose member dfa::Vocabulary has no usable default constructor (a hard
# error in clang, accepted by g++). We never use InterpreterData, and system headers are never
# edited: at configure time a patched copy of that header goes into a shadow include folder in
# the build tree, placed before the system one. antlr4-runtime.h is copied beside it, because it
# includes the header with quotes, which look in the including file's own folder first; every
# other header still comes from the system folder. Included by Antlr.cmake.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(chipgraph_antlr_header ${ANTLR4_INCLUDE_DIR}/misc/InterpreterDataReader.h)
    file(READ ${chipgraph_antlr_header} chipgraph_antlr_text)
    set(chipgraph_antlr_bad "InterpreterData() {};")
    string(FIND "${chipgraph_antlr_text}" "${chipgraph_antlr_bad}" chipgraph_antlr_at)
    if(NOT chipgraph_antlr_at EQUAL -1)
        set(CHIPGRAPH_ANTLR_SHADOW_DIR ${CMAKE_BINARY_DIR}/antlr4-shadow)
        string(REPLACE "${chipgraph_antlr_bad}" "InterpreterData() : vocabulary({}, {}) {}"
            chipgraph_antlr_text "${chipgraph_antlr_text}")
        file(MAKE_DIRECTORY ${CHIPGRAPH_ANTLR_SHADOW_DIR}/misc)
        file(WRITE ${CHIPGRAPH_ANTLR_SHADOW_DIR}/misc/InterpreterDataReader.h.tmp
            "${chipgraph_antlr_text}")
        file(COPY_FILE ${CHIPGRAPH_ANTLR_SHADOW_DIR}/misc/InterpreterDataReader.h.tmp
            ${CHIPGRAPH_ANTLR_SHADOW_DIR}/misc/InterpreterDataReader.h ONLY_IF_DIFFERENT)
        file(REMOVE ${CHIPGRAPH_ANTLR_SHADOW_DIR}/misc/InterpreterDataReader.h.tmp)
        file(COPY_FILE ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h
            ${CHIPGRAPH_ANTLR_SHADOW_DIR}/antlr4-runtime.h ONLY_IF_DIFFERENT)
        target_include_directories(chipgraph_antlr_gen SYSTEM BEFORE PUBLIC
            ${CHIPGRAPH_ANTLR_SHADOW_DIR})
    endif()
endif()
