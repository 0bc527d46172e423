#pragma once
// The one symbol a plugin library exports. kanald calls it after dlopen and
// refuses the plugin unless api_version equals its own kPluginApiVersion.

#include "kanal/plugin/network.h"

extern "C" {

struct KanalPluginInfo {
  int api_version;
  const char* id;
  kanal::plugin::Network* (*create)(kanal::plugin::Host* host);
  void (*destroy)(kanal::plugin::Network* network);
};

// Defined by each plugin with KANAL_PLUGIN(...) below.
const KanalPluginInfo* kanal_plugin_info();
}

// Exports the entry point for a Network subclass constructible from Host&.
#define KANAL_PLUGIN(NETWORK_CLASS, ID)                                                                \
  extern "C" __attribute__((visibility("default"))) const KanalPluginInfo* kanal_plugin_info() {       \
    static const KanalPluginInfo info{                                                                 \
        kanal::plugin::kPluginApiVersion, ID,                                                          \
        [](kanal::plugin::Host* host) -> kanal::plugin::Network* { return new NETWORK_CLASS(*host); }, \
        [](kanal::plugin::Network* network) { delete network; }};                                      \
    return &info;                                                                                      \
  }
