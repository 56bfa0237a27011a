// One translation unit of a separately compiled build: openstack's decoders and request builders.
#include <cloudimg/openstack/src.hpp>
