// One translation unit of a separately compiled build: metal's decoders and request builders.
#include <cloudimg/metal/src.hpp>
