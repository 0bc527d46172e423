#pragma once
// Where a local workspace lives, and how clients find the local kanald.

#include <filesystem>
#include <optional>
#include <string>

namespace kanal {

// $XDG_DATA_HOME/kanal, else ~/.local/share/kanal.
std::filesystem::path default_data_dir();

// What a local kanald publishes in its data directory so that the desktop
// app and kanalctl find it without configuration.
struct LocalEndpoint {
  std::string url;  // e.g. http://127.0.0.1:40123
  std::string token;
  long pid = 0;
};

std::filesystem::path endpoint_file(const std::filesystem::path& data_dir);
std::filesystem::path token_file(const std::filesystem::path& data_dir);

// Reads both files; nullopt when either is missing or unreadable.
std::optional<LocalEndpoint> read_local_endpoint(const std::filesystem::path& data_dir);

// The running program's own file (/proc/self/exe): where it finds what is
// installed beside it (plugins in ../lib/kanal/plugins).
std::filesystem::path program_path();

// Creates `path` and any parent missing, each directory it creates readable
// by its owner only (0700), whatever the umask; an existing one keeps the
// rights its owner gave it. Throws kanal::Error when it cannot.
void create_private_directories(const std::filesystem::path& path);

// A file's bytes; nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

// Writes a file readable by its owner only (0600), atomically (temp + rename).
void write_private_file(const std::filesystem::path& path, const std::string& content);

}  // namespace kanal
