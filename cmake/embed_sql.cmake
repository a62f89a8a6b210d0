# Embeds the SQL files of one layer (src/<layer>/sql/*.sql) into C, run at
# build time by the kc_sql() function of CMakeLists.txt:
#   cmake -DLAYER=derive -DSQL_DIR=... -DSQL_REL=src/derive/sql -DOUT_C=... -DOUT_H=...
#         -P embed_sql.cmake
# (SQL_REL names the folder in the comments; src/sql for src/kchart.c, the top).
# Each file NAME.sql becomes `const char kc__sql_NAME[]` (dashes become
# underscores): its bytes as they are, then a NUL, as an array of bytes, so
# that no C compiler limit on string literals applies. The header declares
# them, one layer's SQL only. Files are written only when their text
# changes, so an edit of one statement recompiles what includes its layer's
# header and nothing else.
file(GLOB files RELATIVE ${SQL_DIR} ${SQL_DIR}/*.sql)
list(SORT files)
string(TOUPPER ${LAYER} upper)
set(c "/* Generated from the files of ${SQL_REL}/ by cmake/embed_sql.cmake: do not edit. */\n")
string(APPEND c "#include \"sql/${LAYER}_sql.h\"\n")
set(h "/* Generated from the files of ${SQL_REL}/ by cmake/embed_sql.cmake: do not edit.\n")
string(APPEND h " * The SQL of the ${LAYER} layer, each file's text and a NUL (docs/store.md,\n")
string(APPEND h " * \"SQL files\"). Included by that layer's code only. */\n")
string(APPEND h "#ifndef KC_SQL_${upper}_H\n#define KC_SQL_${upper}_H\n\n")
foreach(file ${files})
  string(REGEX REPLACE "\\.sql$" "" stem ${file})
  string(REPLACE "-" "_" name ${stem})
  file(READ ${SQL_DIR}/${file} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  # Bytes of 0x80 and over (UTF-8 beyond ASCII) do not fit a signed char
  # without a cast.
  string(REGEX REPLACE "(0x[89a-f].)" "(char)\\1" bytes "${bytes}")
  # Lines of 16 bytes, so that the generated file stays readable by tools.
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)"
         "\\1\n    " bytes "${bytes}")
  string(APPEND c "\n/* ${SQL_REL}/${file} */\nconst char kc__sql_${name}[] = {\n    ${bytes}0};\n")
  string(APPEND h "/* ${SQL_REL}/${file} */\nextern const char kc__sql_${name}[];\n")
endforeach()
string(APPEND h "\n#endif\n")
foreach(pair "OUT_C;c" "OUT_H;h")
  list(GET pair 0 var)
  list(GET pair 1 text)
  set(old "")
  if(EXISTS ${${var}})
    file(READ ${${var}} old)
  endif()
  if(NOT old STREQUAL "${${text}}")
    file(WRITE ${${var}} "${${text}}")
  endif()
endforeach()
