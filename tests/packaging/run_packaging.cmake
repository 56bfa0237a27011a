# Run with cmake -P; the packaging_* tests of CMakeLists.txt call it.
#
# Installs cloudimg as vcpkg's port or Conan's recipe would, with the CMake
# options read from ports/cloudimg/portfile.cmake or conanfile.py (never
# repeated here), into a fresh PREFIX; then configures, builds and runs a
# separate project with only PREFIX on CMAKE_PREFIX_PATH, and checks that the
# source tree is not on its include path.
#
#   -DMODE=vcpkg -DFEATURES=<feature,...>   the port, with those features (and the ones they need)
#       consumer: the port's usage snippet (ports/cloudimg/usage) around usage_main.cpp
#   -DMODE=conan -DOPTIONS=<option,...>     the recipe, with those options True
#       consumer: test_package/
#   and -DSOURCE_DIR=<cloudimg checkout> -DWORK_DIR=<dir> -DGENERATOR=<gen>
#       -DCXX_COMPILER=<path> [-DLAUNCHER=<ccache>] [-DBOOST_DIR=<dir>]

cmake_minimum_required(VERSION 3.25)

string(REPLACE "," ";" FEATURES "${FEATURES}")
string(REPLACE "," ";" OPTIONS "${OPTIONS}")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc COMMAND_ECHO STDOUT)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
endfunction()

# The common arguments of both configure steps.
set(common -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(LAUNCHER)
    list(APPEND common "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
if(BOOST_DIR)
    list(APPEND common "-DBoost_DIR=${BOOST_DIR}")
endif()

set(prefix "${WORK_DIR}/prefix")
set(cloudimg_build "${WORK_DIR}/cloudimg-build")
set(consumer_source "${WORK_DIR}/consumer-src")
set(consumer_build "${WORK_DIR}/consumer-build")
file(REMOVE_RECURSE "${WORK_DIR}")

# ------------------------------------------------------------------ the options the package manager passes

set(options "")
if(MODE STREQUAL "vcpkg")
    file(READ "${SOURCE_DIR}/ports/cloudimg/portfile.cmake" portfile)
    file(READ "${SOURCE_DIR}/ports/cloudimg/vcpkg.json" manifest)

    # A feature brings the features of cloudimg it depends on (libuv: curl).
    set(features ${FEATURES})
    set(queue ${FEATURES})
    while(queue)
        list(POP_FRONT queue feature)
        string(JSON n ERROR_VARIABLE err LENGTH "${manifest}" features ${feature} dependencies)
        if(err)
            message(FATAL_ERROR "ports/cloudimg/vcpkg.json has no feature '${feature}'")
        endif()
        if(n GREATER 0)
            math(EXPR last "${n} - 1")
            foreach(i RANGE ${last})
                string(JSON type TYPE "${manifest}" features ${feature} dependencies ${i})
                if(type STREQUAL "OBJECT")
                    string(JSON name GET "${manifest}" features ${feature} dependencies ${i} name)
                    if(name STREQUAL "cloudimg")
                        string(JSON m LENGTH "${manifest}" features ${feature} dependencies ${i} features)
                        math(EXPR mlast "${m} - 1")
                        foreach(j RANGE ${mlast})
                            string(JSON needed GET "${manifest}" features ${feature} dependencies ${i} features ${j})
                            if(NOT needed IN_LIST features)
                                list(APPEND features ${needed})
                                list(APPEND queue ${needed})
                            endif()
                        endforeach()
                    endif()
                endif()
            endforeach()
        endif()
    endwhile()
    message(STATUS "vcpkg features: ${features}")

    # vcpkg_check_features(... FEATURES <feature> <variable> ...): ON or OFF for each.
    string(REGEX MATCH "vcpkg_check_features\\(([^)]*)\\)" block "${portfile}")
    string(REGEX MATCHALL "\n[ \t]+[a-z0-9-]+[ \t]+CLOUDIMG_[A-Z_]+" pairs "${CMAKE_MATCH_1}")
    if(NOT pairs)
        message(FATAL_ERROR "no feature options found in portfile.cmake's vcpkg_check_features")
    endif()
    foreach(pair IN LISTS pairs)
        string(REGEX MATCH "([a-z0-9-]+)[ \t]+(CLOUDIMG_[A-Z_]+)" _ "${pair}")
        if(CMAKE_MATCH_1 IN_LIST features)
            list(APPEND options "-D${CMAKE_MATCH_2}=ON")
        else()
            list(APPEND options "-D${CMAKE_MATCH_2}=OFF")
        endif()
    endforeach()
    # vcpkg_cmake_configure(... OPTIONS -D...): the fixed ones.
    string(REGEX MATCH "vcpkg_cmake_configure\\(([^)]*)\\)" block "${portfile}")
    string(REGEX MATCHALL "-DCLOUDIMG_[A-Z_]+=[^ \t\n]+" fixed "${CMAKE_MATCH_1}")
    list(APPEND options ${fixed})
    # VCPKG_BUILD_TYPE release: vcpkg configures Release only.

elseif(MODE STREQUAL "conan")
    file(READ "${SOURCE_DIR}/conanfile.py" recipe)
    # _cmake_variables = { "CLOUDIMG_X": True|False, ... }
    string(REGEX MATCH "_cmake_variables = {([^}]*)}" block "${recipe}")
    string(REGEX MATCHALL "\"CLOUDIMG_[A-Z_]+\": (True|False)" pairs "${CMAKE_MATCH_1}")
    foreach(pair IN LISTS pairs)
        string(REGEX MATCH "\"(CLOUDIMG_[A-Z_]+)\": (True|False)" _ "${pair}")
        if(CMAKE_MATCH_2 STREQUAL "True")
            list(APPEND options "-D${CMAKE_MATCH_1}=ON")
        else()
            list(APPEND options "-D${CMAKE_MATCH_1}=OFF")
        endif()
    endforeach()
    # _adapters = { "option": ("CLOUDIMG_WITH_X", ...), ... }: True for the options asked for.
    string(REGEX MATCH "_adapters = {(.*)\n    }" block "${recipe}")
    string(REGEX MATCHALL "\"[a-z0-9_]+\": \\(\"CLOUDIMG_[A-Z_]+\"" pairs "${CMAKE_MATCH_1}")
    if(NOT pairs)
        message(FATAL_ERROR "no adapter options found in conanfile.py's _adapters")
    endif()
    foreach(pair IN LISTS pairs)
        string(REGEX MATCH "\"([a-z0-9_]+)\": \\(\"(CLOUDIMG_[A-Z_]+)\"" _ "${pair}")
        if(CMAKE_MATCH_1 IN_LIST OPTIONS)
            list(APPEND options "-D${CMAKE_MATCH_2}=ON")
        else()
            list(APPEND options "-D${CMAKE_MATCH_2}=OFF")
        endif()
    endforeach()
else()
    message(FATAL_ERROR "MODE must be vcpkg or conan, not '${MODE}'")
endif()
message(STATUS "${MODE} passes: ${options}")

# ------------------------------------------------------------------ install

# The port without features must need none of the component libraries: vcpkg
# would not have installed them. Make them unfindable for both projects.
if(MODE STREQUAL "vcpkg" AND NOT features)
    list(APPEND common -DCMAKE_DISABLE_FIND_PACKAGE_CURL=ON -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON
        -DCMAKE_DISABLE_FIND_PACKAGE_libuv=ON)
endif()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${cloudimg_build}" ${common} ${options}
    "-DCMAKE_INSTALL_PREFIX=${prefix}" --no-warn-unused-cli)
run(${CMAKE_COMMAND} --build "${cloudimg_build}")
run(${CMAKE_COMMAND} --install "${cloudimg_build}")

if(MODE STREQUAL "vcpkg")
    # vcpkg_cmake_config_fixup(PACKAGE_NAME cloudimg) expects share/cloudimg.
    set(config_dir "${prefix}/share/cloudimg")
else()
    set(config_dir "${prefix}/share/cmake/cloudimg")
endif()
foreach(f "${config_dir}/cloudimgConfig.cmake" "${prefix}/include/cloudimg/hetzner.hpp")
    if(NOT EXISTS "${f}")
        message(FATAL_ERROR "not installed: ${f}")
    endif()
endforeach()

# ------------------------------------------------------------------ the consumer

if(MODE STREQUAL "vcpkg")
    # The snippet's indented CMake lines, block by block; the components block
    # only when the install has every component it names.
    file(STRINGS "${SOURCE_DIR}/ports/cloudimg/usage" lines)
    set(snippet "")
    set(with_components OFF)
    foreach(line IN LISTS lines)
        if(line MATCHES "^    ([a-z_]+\\(.*\\))$")
            set(command "${CMAKE_MATCH_1}")
            if(command MATCHES "COMPONENTS|cloudimg::(curl|openssl|uv|asio)")
                if(NOT features)
                    continue()
                endif()
                set(with_components ON)
            endif()
            string(APPEND snippet "${command}\n")
        endif()
    endforeach()
    if(NOT snippet MATCHES "find_package\\(cloudimg")
        message(FATAL_ERROR "no find_package(cloudimg ...) in ports/cloudimg/usage")
    endif()
    file(WRITE "${consumer_source}/CMakeLists.txt"
        "cmake_minimum_required(VERSION 3.25)\n"
        "project(usage LANGUAGES CXX)\n"
        "add_executable(main main.cpp)\n"
        "target_compile_features(main PRIVATE cxx_std_20)\n"
        "# ports/cloudimg/usage:\n"
        "${snippet}")
    if(with_components)
        file(APPEND "${consumer_source}/CMakeLists.txt" "target_compile_definitions(main PRIVATE USAGE_WITH_COMPONENTS)\n")
    endif()
    file(COPY_FILE "${CMAKE_CURRENT_LIST_DIR}/usage_main.cpp" "${consumer_source}/main.cpp")
    set(program main)
else()
    file(COPY "${SOURCE_DIR}/test_package/" DESTINATION "${consumer_source}" PATTERN "conanfile.py" EXCLUDE)
    set(program test_package)
endif()

run(${CMAKE_COMMAND} -S "${consumer_source}" -B "${consumer_build}" ${common}
    "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON --no-warn-unused-cli)

# cloudimg from PREFIX, and the checkout nowhere on the include path.
file(STRINGS "${consumer_build}/CMakeCache.txt" dir_line REGEX "^cloudimg_DIR:")
string(REGEX REPLACE "^cloudimg_DIR:[A-Z]+=" "" found_dir "${dir_line}")
file(REAL_PATH "${found_dir}" found_dir)
file(REAL_PATH "${config_dir}" real_config_dir)
if(NOT found_dir STREQUAL real_config_dir)
    message(FATAL_ERROR "cloudimg was found in '${found_dir}', not in '${real_config_dir}'")
endif()
file(READ "${consumer_build}/compile_commands.json" commands)
string(FIND "${commands}" "${SOURCE_DIR}/include" at)
if(NOT at EQUAL -1)
    message(FATAL_ERROR "the consumer compiles with the source tree's include directory:\n${commands}")
endif()

run(${CMAKE_COMMAND} --build "${consumer_build}")
run("${consumer_build}/${program}")
