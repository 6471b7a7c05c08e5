# Embeds the knowledge base in graph/*.kg into the binary at build time, so chipgraph answers
# questions with no set-up. The generated file lives in the build folder and is rebuilt when
# any .kg file changes (or one is added: CONFIGURE_DEPENDS re-globs).
file(GLOB CHIPGRAPH_GRAPH_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/graph/*.kg)
list(SORT CHIPGRAPH_GRAPH_FILES)
set(CHIPGRAPH_BUNDLED_CPP ${CMAKE_BINARY_DIR}/generated/bundled_graph.cpp)
add_custom_command(
    OUTPUT ${CHIPGRAPH_BUNDLED_CPP}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${CHIPGRAPH_BUNDLED_CPP} -DROOT=${PROJECT_SOURCE_DIR}
            "-DFILES=${CHIPGRAPH_GRAPH_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${CHIPGRAPH_GRAPH_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
            ${PROJECT_SOURCE_DIR}/cmake/embed_common.cmake
    COMMENT "Embedding the bundled knowledge base (graph/*.kg)"
    VERBATIM)
