// A plugin built for another plugin API version: kanald must refuse it.
#include "kanal/plugin/entry.h"

extern "C" __attribute__((visibility("default"))) const KanalPluginInfo* kanal_plugin_info() {
  static const KanalPluginInfo info{
      kanal::plugin::kPluginApiVersion + 1, kanal::plugin::kPluginAbiId, "wrong_version", nullptr, nullptr, nullptr};
  return &info;
}
