# Findlibuv: libuv as the imported target libuv::uv.
#
# libuv 1.45 and later install a CMake package: its shared library is
# libuv::uv, its static one libuv::uv_a (vcpkg's static triplets have only
# that one). Conan's CMakeDeps names it libuv::libuv, or uv / uv_a after the
# recipe. Whichever of those the package defines, libuv::uv stands for it.
# Debian 12's libuv1-dev (1.44) has only pkg-config data, so otherwise the
# header and the library are looked for directly. Sets libuv_FOUND.

find_package(libuv CONFIG QUIET)
if(TARGET libuv::uv)
    set(libuv_FOUND TRUE)
    return()
endif()
foreach(_libuv_target IN ITEMS libuv::uv_a libuv::libuv uv_a uv)
    if(TARGET ${_libuv_target})
        add_library(libuv::uv INTERFACE IMPORTED)
        set_target_properties(libuv::uv PROPERTIES INTERFACE_LINK_LIBRARIES ${_libuv_target})
        set(libuv_FOUND TRUE)
        unset(_libuv_target)
        return()
    endif()
endforeach()
unset(_libuv_target)

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
