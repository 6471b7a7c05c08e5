# A compiled snapshot of the bundled knowledge base (engine/bundled_graph.h): chipgraph_snapshot
# loads graph/*.kg into a database at build time, and its bytes are embedded in the chipgraph
# executable, which restores them instead of parsing the files on every start. Rebuilt when a
# .kg file or the engine changes; it lives in the build folder only, never in the sources.
add_executable(chipgraph_snapshot cli/snapshot_main.cpp)
target_link_libraries(chipgraph_snapshot PRIVATE cg_engine)
set(CHIPGRAPH_SNAPSHOT_DB ${CMAKE_BINARY_DIR}/generated/bundled_graph.db)
set(CHIPGRAPH_SNAPSHOT_CPP ${CMAKE_BINARY_DIR}/generated/bundled_snapshot.cpp)
add_custom_command(
    OUTPUT ${CHIPGRAPH_SNAPSHOT_DB}
    COMMAND chipgraph_snapshot ${CHIPGRAPH_SNAPSHOT_DB} ${PROJECT_SOURCE_DIR}
            ${CHIPGRAPH_GRAPH_FILES}
    DEPENDS chipgraph_snapshot ${CHIPGRAPH_GRAPH_FILES}
    COMMENT "Compiling a snapshot of the bundled knowledge base (graph/*.kg)"
    VERBATIM)
add_custom_command(
    OUTPUT ${CHIPGRAPH_SNAPSHOT_CPP}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${CHIPGRAPH_SNAPSHOT_CPP} -DIMAGE=${CHIPGRAPH_SNAPSHOT_DB}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_snapshot.cmake
    DEPENDS ${CHIPGRAPH_SNAPSHOT_DB} ${PROJECT_SOURCE_DIR}/cmake/embed_snapshot.cmake
            ${PROJECT_SOURCE_DIR}/cmake/embed_common.cmake
    COMMENT "Embedding the snapshot of the bundled knowledge base"
    VERBATIM)
# Linked into the chipgraph executable and the golden test runner only (their main() hands it
# to the engine); chipgraph_snapshot itself loads the text.
add_library(cg_bundled_snapshot OBJECT ${CHIPGRAPH_SNAPSHOT_CPP})
target_link_libraries(cg_bundled_snapshot PRIVATE cg_engine)
target_link_libraries(chipgraph PRIVATE cg_bundled_snapshot)
