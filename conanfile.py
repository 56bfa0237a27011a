# Conan 2 recipe for cloudimg: headers and nothing to compile.
#
#   conan create . -o "cloudimg/*:curl=True"     # builds and runs test_package/
#
# tests/packaging installs cloudimg with exactly the CMake variables this
# recipe passes (it reads them from _cmake_variables and _adapters below) and
# builds test_package/ against that prefix alone; it also checks that the
# version and the requirements agree with CMakeLists.txt and the CMake targets.
# Lowest Boost that works: 1.81.

import os

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy, rmdir

required_conan_version = ">=2.0"


class CloudimgConan(ConanFile):
    name = "cloudimg"
    version = "0.1.0"
    description = "Header-only, sans-IO C++20 client for the image APIs of LXD, Hetzner Cloud, Oxide, metal-stack and OpenStack"
    license = "BSL-1.0"
    topics = ("cloud", "rest", "sans-io", "header-only", "lxd", "hetzner", "oxide", "openstack")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    exports_sources = "CMakeLists.txt", "cmake/*", "include/*", "LICENSE_1_0.txt"

    # The core: Boost (JSON and URL are compiled libraries; Describe, Mp11 and
    # System come with the headers). The same three targets that CMake links.
    _boost = "boost/[>=1.81.0 <2]"
    _core_requires = ["boost::headers", "boost::json", "boost::url"]

    # option: (CMake variable, requirement or None, component, the component's cpp_info.requires)
    # A component's requires name its own library and, for uv, the curl component.
    _adapters = {
        "curl": ("CLOUDIMG_WITH_CURL", "libcurl/[>=7.88.1 <9]", "curl", ["libcurl::curl"]),
        "openssl": ("CLOUDIMG_WITH_OPENSSL", "openssl/[>=3.0.0 <4]", "openssl", ["openssl::crypto"]),
        "libuv": ("CLOUDIMG_WITH_UV", "libuv/[>=1.44.2 <2]", "uv", ["libuv::libuv", "curl"]),
        "asio": ("CLOUDIMG_WITH_ASIO", "openssl/[>=3.0.0 <4]", "asio", ["openssl::ssl", "openssl", "boost::headers"]),
    }

    # Passed to CMake whatever the options: only the headers and the package config.
    _cmake_variables = {
        "CLOUDIMG_BUILD_TESTS": False,
        "CLOUDIMG_BUILD_EXAMPLES": False,
        "CLOUDIMG_BUILD_BENCHMARKS": False,
        "CLOUDIMG_BUILD_FUZZERS": False,
        "CLOUDIMG_INSTALL": True,
    }

    options = {name: [True, False] for name in _adapters}
    default_options = {name: False for name in _adapters}

    def layout(self):
        cmake_layout(self, src_folder=".")

    def requirements(self):
        # The headers include Boost's, curl's, OpenSSL's and libuv's: consumers need both.
        self.requires(self._boost, transitive_headers=True, transitive_libs=True)
        # once each: openssl and asio both need OpenSSL
        wanted = {requirement for option, (_, requirement, _, _) in self._adapters.items()
                  if requirement and self.options.get_safe(option)}
        for requirement in sorted(wanted):
            self.requires(requirement, transitive_headers=True, transitive_libs=True)

    def package_id(self):
        # The same headers for every option and setting.
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 20)
        if self.options.libuv and not self.options.curl:
            raise ConanInvalidConfiguration("cloudimg:libuv drives libcurl: it needs cloudimg:curl=True")
        if self.options.asio and not self.options.openssl:
            raise ConanInvalidConfiguration("cloudimg:asio pins public keys with cloudimg::openssl: it needs cloudimg:openssl=True")
        if self.dependencies["boost"].options.get_safe("header_only"):
            raise ConanInvalidConfiguration("cloudimg needs the compiled Boost.JSON and Boost.URL (boost:header_only=False)")
        for library in ("json", "url"):
            if self.dependencies["boost"].options.get_safe(f"without_{library}"):
                raise ConanInvalidConfiguration(f"cloudimg needs Boost.{library.upper()} (boost:without_{library}=False)")

    def generate(self):
        tc = CMakeToolchain(self)
        for variable, value in self._cmake_variables.items():
            tc.cache_variables[variable] = value
        for option, (variable, _, _, _) in self._adapters.items():
            tc.cache_variables[variable] = bool(self.options.get_safe(option))
        tc.generate()
        # CMakeLists.txt calls find_package(Boost ...) and, per option, CURL, OpenSSL, libuv.
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()

    def package(self):
        copy(self, "LICENSE_1_0.txt", self.source_folder, os.path.join(self.package_folder, "licenses"))
        cmake = CMake(self)
        cmake.install()
        # Conan's CMakeDeps writes the consumer's cloudimgConfig.cmake from package_info().
        rmdir(self, os.path.join(self.package_folder, "share"))

    def package_info(self):
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        self.cpp_info.set_property("cmake_file_name", "cloudimg")
        # cloudimg::cloudimg is the core component, as in the installed package
        # config; the aggregate of every enabled component needs another name.
        self.cpp_info.set_property("cmake_target_name", "cloudimg::all")

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "cloudimg::cloudimg")
        core.bindirs = []
        core.libdirs = []
        core.requires = list(self._core_requires)

        # The scripted transport for tests needs nothing more than the core: always there.
        testing = self.cpp_info.components["testing"]
        testing.set_property("cmake_target_name", "cloudimg::testing")
        testing.bindirs = []
        testing.libdirs = []
        testing.requires = ["core"]

        for option, (_, _, component, requires) in self._adapters.items():
            if not self.options.get_safe(option):
                continue
            c = self.cpp_info.components[component]
            c.set_property("cmake_target_name", f"cloudimg::{component}")
            c.bindirs = []
            c.libdirs = []
            c.requires = ["core"] + list(requires)
