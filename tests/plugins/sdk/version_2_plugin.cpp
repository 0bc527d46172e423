// A plugin as it was built against plugin API version 2, whose entry point
// had no ABI id and no descriptor: written out here as that version laid
// it out, since the SDK's headers are version 3 now. kanald must refuse it
// after reading only its first member.
struct Version2Info {
  int api_version;
  const char* id;
  void* (*create)(void* host);
  void (*destroy)(void* network);
};

extern "C" __attribute__((visibility("default"))) const Version2Info* kanal_plugin_info() {
  static const Version2Info info{2, "version_2", nullptr, nullptr};
  return &info;
}
