# cloudimg: headers, a CMake package config and nothing to compile.
#
# An overlay port kept in the repository: it packages the checkout it sits in
# (vcpkg install cloudimg --overlay-ports=<checkout>/ports). A port for a
# registry would fetch a release instead, with vcpkg_from_github(... REF v${VERSION}).
#
# tests/packaging installs cloudimg with exactly the options below (it reads
# them from this file) and builds the usage snippet against that prefix alone.
# Lowest Boost that works: 1.81 (vcpkg.json says so with "version>=").

set(VCPKG_BUILD_TYPE release)  # header-only: one configuration is all there is

get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

# Each feature turns on the CMake option of its component.
vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        curl    CLOUDIMG_WITH_CURL
        openssl CLOUDIMG_WITH_OPENSSL
        libuv   CLOUDIMG_WITH_UV
        asio    CLOUDIMG_WITH_ASIO
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DCLOUDIMG_BUILD_TESTS=OFF
        -DCLOUDIMG_BUILD_EXAMPLES=OFF
        -DCLOUDIMG_BUILD_BENCHMARKS=OFF
        -DCLOUDIMG_BUILD_FUZZERS=OFF
        -DCLOUDIMG_INSTALL=ON
        -DCLOUDIMG_INSTALL_CMAKEDIR=share/cloudimg
        ${FEATURE_OPTIONS}
)
vcpkg_cmake_install()
# The package config is installed where vcpkg wants it (share/cloudimg); this
# checks it and removes what a header-only package does not need.
vcpkg_cmake_config_fixup(PACKAGE_NAME cloudimg CONFIG_PATH share/cloudimg)

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/share/doc")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE_1_0.txt")
