# A stand-in for an installed libuv package that defines only ${FAKE_TARGET}.
add_library(${FAKE_TARGET} INTERFACE IMPORTED)
