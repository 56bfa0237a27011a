# Run with cmake -P; the ctest tests of tests/consumer/CMakeLists.txt call it.
#
#   -DSTEP=install  -DBINARY_DIR=<cloudimg build> -DPREFIX=<dir> [-DCONFIG=<cfg>]
#       installs the cloudimg build tree into a fresh PREFIX (cmake --install).
#   -DSTEP=consume  -DPREFIX=<dir> -DSOURCE_DIR=<consumer project> -DWORK_DIR=<dir>
#                   -DGENERATOR=<gen> -DCXX_COMPILER=<path> [-DCONFIG=<cfg>]
#                   [-DCOMPONENT=curl|openssl|testing] [-DBOOST_DIR=<dir>]
#       configures, builds and runs the consumer project against PREFIX only,
#       with the libraries of the components it does not use made unfindable.

cmake_minimum_required(VERSION 3.25)

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc COMMAND_ECHO STDOUT)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
endfunction()

if(NOT CONFIG)
    set(CONFIG Release)
endif()

if(STEP STREQUAL "install")
    file(REMOVE_RECURSE "${PREFIX}")
    run(${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${PREFIX}" --config "${CONFIG}")
    foreach(f include/cloudimg/hetzner.hpp share/cmake/cloudimg/cloudimgConfig.cmake
              share/cmake/cloudimg/cloudimgConfigVersion.cmake share/cmake/cloudimg/cloudimg-targets.cmake)
        if(NOT EXISTS "${PREFIX}/${f}")
            message(FATAL_ERROR "not installed: ${PREFIX}/${f}")
        endif()
    endforeach()

elseif(STEP STREQUAL "consume")
    file(REMOVE_RECURSE "${WORK_DIR}")
    set(args
        -S "${SOURCE_DIR}" -B "${WORK_DIR}" -G "${GENERATOR}"
        "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
        "-DCMAKE_BUILD_TYPE=${CONFIG}"
        "-DCMAKE_PREFIX_PATH=${PREFIX}"
        # Only the install tree may satisfy find_package(cloudimg): no registries.
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
    if(BOOST_DIR)
        list(APPEND args "-DBoost_DIR=${BOOST_DIR}")
    endif()
    list(APPEND args "-DCONSUMER_COMPONENT=${COMPONENT}")
    # Prove the core needs no component library, and a component none of the
    # others': what is not used cannot be found at all here. (The curl variant
    # leaves OpenSSL findable: a CURL package config may depend on it.)
    if(NOT COMPONENT STREQUAL "curl" AND NOT COMPONENT STREQUAL "uv")
        list(APPEND args -DCMAKE_DISABLE_FIND_PACKAGE_CURL=ON)
    endif()
    if(NOT COMPONENT STREQUAL "uv")
        list(APPEND args -DCMAKE_DISABLE_FIND_PACKAGE_libuv=ON)
    endif()
    if(NOT COMPONENT MATCHES "^(curl|openssl|uv|asio)$")
        list(APPEND args -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON)
    endif()
    # Unused is their point: nothing may look for those packages.
    list(APPEND args --no-warn-unused-cli)
    run(${CMAKE_COMMAND} ${args})

    # The package must come from PREFIX, not from a system install or the build tree.
    file(STRINGS "${WORK_DIR}/CMakeCache.txt" dir_line REGEX "^cloudimg_DIR:")
    string(REGEX REPLACE "^cloudimg_DIR:[A-Z]+=" "" found_dir "${dir_line}")
    file(REAL_PATH "${found_dir}" found_dir)
    file(REAL_PATH "${PREFIX}" real_prefix)
    string(FIND "${found_dir}/" "${real_prefix}/" at)
    if(NOT at EQUAL 0)
        message(FATAL_ERROR "cloudimg was found in '${found_dir}', not under '${real_prefix}'")
    endif()

    run(${CMAKE_COMMAND} --build "${WORK_DIR}" --config "${CONFIG}")
    set(programs consumer)
    if(COMPONENT)
        list(APPEND programs consumer_${COMPONENT})
    endif()
    foreach(p IN LISTS programs)
        # Multi-config generators put programs in a per-configuration folder.
        set(exe "${WORK_DIR}/${p}")
        if(NOT EXISTS "${exe}" AND EXISTS "${WORK_DIR}/${CONFIG}/${p}")
            set(exe "${WORK_DIR}/${CONFIG}/${p}")
        endif()
        run("${exe}")
    endforeach()

else()
    message(FATAL_ERROR "STEP must be install or consume, not '${STEP}'")
endif()
