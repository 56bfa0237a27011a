# Findlibuv: libuv as the imported target libuv::uv.
#
# libuv 1.45 and later install a CMake package that defines libuv::uv (and
# vcpkg's and Conan's libuv do too); it is used when found. Debian 12's
# libuv1-dev (1.44) has only pkg-config data, so otherwise the header and
# the library are looked for directly. Sets libuv_FOUND.

find_package(libuv CONFIG QUIET)
if(TARGET libuv::uv)
    set(libuv_FOUND TRUE)
    return()
endif()

find_path(LIBUV_INCLUDE_DIR NAMES uv.h)
find_library(LIBUV_LIBRARY NAMES uv libuv)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(libuv REQUIRED_VARS LIBUV_LIBRARY LIBUV_INCLUDE_DIR)

if(libuv_FOUND AND NOT TARGET libuv::uv)
    add_library(libuv::uv UNKNOWN IMPORTED)
    set_target_properties(libuv::uv PROPERTIES
        IMPORTED_LOCATION "${LIBUV_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${LIBUV_INCLUDE_DIR}")
endif()
mark_as_advanced(LIBUV_INCLUDE_DIR LIBUV_LIBRARY)
