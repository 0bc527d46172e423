// A plugin that says the right API version but was built against other
// contract headers (someone changed network.h and did not bump the
// version): its ABI id gives it away and kanald must refuse it.
#include "kanal/plugin/entry.h"

extern "C" __attribute__((visibility("default"))) const KanalPluginInfo* kanal_plugin_info() {
  static const KanalPluginInfo info{
      kanal::plugin::kPluginApiVersion, "0000000000000000ffffffffffffffff", "other_abi", nullptr, nullptr, nullptr};
  return &info;
}
