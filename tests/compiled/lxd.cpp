// One translation unit of a separately compiled build: lxd's decoders and request builders.
#include <cloudimg/lxd/src.hpp>
