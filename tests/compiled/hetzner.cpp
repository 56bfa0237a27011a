// One translation unit of a separately compiled build: hetzner's decoders and request builders.
#include <cloudimg/hetzner/src.hpp>
