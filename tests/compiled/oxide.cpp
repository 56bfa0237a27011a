// One translation unit of a separately compiled build: oxide's decoders and request builders.
#include <cloudimg/oxide/src.hpp>
