#pragma once
// The local kanald of a workspace: found through its endpoint file, or
// started (in its own session, so it outlives the app and keeps publishing)
// and waited for until /health answers. Runs off the UI thread; knows no wx.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "api/client/api_client.h"

namespace kanal::gui {

struct LocalKanaldOptions {
  std::filesystem::path data_dir;
  std::filesystem::path kanald_program;
  std::chrono::seconds start_timeout{30};
};

// A healthy kanald's endpoint: the running one, or one started now.
// `progress` gets short human messages. Throws kanal::Error with kanald's
// own words when it refuses to start.
client::Endpoint ensure_local_kanald(const LocalKanaldOptions& options,
                                     const std::function<void(const std::string&)>& progress);

// True when the endpoint answers /health within a second or two.
bool is_healthy(const client::Endpoint& endpoint);

}  // namespace kanal::gui
