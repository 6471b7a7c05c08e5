# Generates the ANTLR parser for grammar/ChipGraph.g4 at build time into the build folder and
# builds it as its own library. The 4.7.2 tool emits u8"..." literals that are char8_t in C++20,
# so the generated code is compiled as C++17.
set(CHIPGRAPH_GRAMMAR ${PROJECT_SOURCE_DIR}/grammar/ChipGraph.g4)
set(CHIPGRAPH_GEN_DIR ${CMAKE_BINARY_DIR}/generated)
set(CHIPGRAPH_GEN_SOURCES
    ${CHIPGRAPH_GEN_DIR}/ChipGraphLexer.cpp
    ${CHIPGRAPH_GEN_DIR}/ChipGraphParser.cpp
    ${CHIPGRAPH_GEN_DIR}/ChipGraphVisitor.cpp
    ${CHIPGRAPH_GEN_DIR}/ChipGraphBaseVisitor.cpp)

add_custom_command(
    OUTPUT ${CHIPGRAPH_GEN_SOURCES}
    COMMAND ${ANTLR4} -Dlanguage=Cpp -no-listener -visitor -package chipgraph::gen
            -Xexact-output-dir -o ${CHIPGRAPH_GEN_DIR} ${CHIPGRAPH_GRAMMAR}
    DEPENDS ${CHIPGRAPH_GRAMMAR}
    COMMENT "Generating the ChipGraph parser with ANTLR"
    VERBATIM)

add_library(chipgraph_antlr_gen STATIC ${CHIPGRAPH_GEN_SOURCES})
set_target_properties(chipgraph_antlr_gen PROPERTIES CXX_STANDARD 17 POSITION_INDEPENDENT_CODE ON)
target_compile_options(chipgraph_antlr_gen PRIVATE -w)
target_include_directories(chipgraph_antlr_gen SYSTEM PUBLIC
    ${CHIPGRAPH_GEN_DIR} ${ANTLR4_INCLUDE_DIR})
target_link_libraries(chipgraph_antlr_gen PUBLIC antlr4_shared)
include(${CMAKE_CURRENT_LIST_DIR}/AntlrClang.cmake)
