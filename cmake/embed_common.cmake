# Shared by the cmake -P scripts that embed files in the binary (embed_files.cmake: the bundled
# graph; embed_assets.cmake: the web page).

# Sets `out` to the bytes of `path` as a C array initialiser ("0x2d,0x2d,...").
function(embedded_bytes path out)
    file(READ ${path} hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    set(${out} "${bytes}" PARENT_SCOPE)
endfunction()

# Writes `text` to `output` only when it changes, so that an unchanged file rebuilds nothing.
function(write_if_changed output text)
    file(WRITE ${output}.tmp "${text}")
    file(COPY_FILE ${output}.tmp ${output} ONLY_IF_DIFFERENT)
    file(REMOVE ${output}.tmp)
endfunction()
