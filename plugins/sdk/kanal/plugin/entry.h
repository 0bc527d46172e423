#pragma once
// The one symbol a plugin library exports. kanald calls it after dlopen and
// refuses the plugin unless api_version equals its own kPluginApiVersion and
// abi_id equals its own kPluginAbiId (a hash of the headers that make the
// contract, taken at build time: a change to any of them changes it).
// api_version stays the first member in every version, so a plugin of any
// version can be read far enough to be refused.

#include "kanal/plugin/abi_id.h"
#include "kanal/plugin/network.h"

extern "C" {

struct KanalPluginInfo {
  int api_version;
  const char* abi_id;
  const char* id;
  // The network's descriptor without a host: what kanalctl reads to count a
  // text as the network does, without kanald.
  const kanal::NetworkDescriptor* (*descriptor)();
  kanal::plugin::Network* (*create)(kanal::plugin::Host* host);
  void (*destroy)(kanal::plugin::Network* network);
};

// Defined by each plugin with KANAL_PLUGIN(...) below.
const KanalPluginInfo* kanal_plugin_info();
}

// Exports the entry point for a Network subclass constructible from Host&
// and with a static `const NetworkDescriptor& static_descriptor()`.
#define KANAL_PLUGIN(NETWORK_CLASS, ID)                                                                \
  extern "C" __attribute__((visibility("default"))) const KanalPluginInfo* kanal_plugin_info() {       \
    static const KanalPluginInfo info{                                                                 \
        kanal::plugin::kPluginApiVersion,                                                              \
        kanal::plugin::kPluginAbiId,                                                                   \
        ID,                                                                                            \
        []() -> const kanal::NetworkDescriptor* { return &NETWORK_CLASS::static_descriptor(); },       \
        [](kanal::plugin::Host* host) -> kanal::plugin::Network* { return new NETWORK_CLASS(*host); }, \
        [](kanal::plugin::Network* network) { delete network; }};                                      \
    return &info;                                                                                      \
  }
