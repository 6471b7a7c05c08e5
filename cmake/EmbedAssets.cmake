# Embeds the web page of `chipgraph serve` (src/serve/web/*) into the binary at build time: no
# files to install, no network. Rebuilt when a file changes (or is added: CONFIGURE_DEPENDS).
file(GLOB CHIPGRAPH_WEB_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/serve/web/*)
list(SORT CHIPGRAPH_WEB_FILES)
set(CHIPGRAPH_ASSETS_CPP ${CMAKE_BINARY_DIR}/generated/serve_assets.cpp)
add_custom_command(
    OUTPUT ${CHIPGRAPH_ASSETS_CPP}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${CHIPGRAPH_ASSETS_CPP} "-DFILES=${CHIPGRAPH_WEB_FILES}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
    DEPENDS ${CHIPGRAPH_WEB_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_assets.cmake
            ${PROJECT_SOURCE_DIR}/cmake/embed_common.cmake
    COMMENT "Embedding the web page (src/serve/web)"
    VERBATIM)
