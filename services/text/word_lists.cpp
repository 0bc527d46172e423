#include "text/word_lists.h"

#include <map>
#include <mutex>

extern const std::string_view kanal_text_jargon;
extern const std::string_view kanal_text_rights;

namespace kanal::text {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

template <typename T, typename Make>
const T& cached(std::map<std::string, T, std::less<>>& cache, std::mutex& mutex, std::string_view language, Make make) {
  const std::lock_guard lock(mutex);
  auto it = cache.find(language);
  if (it == cache.end()) it = cache.emplace(std::string(language), make()).first;
  return it->second;
}

}  // namespace

std::vector<std::string> section_lines(std::string_view file, std::string_view language) {
  std::vector<std::string> lines;
  bool in_section = false;
  std::size_t start = 0;
  while (start < file.size()) {
    std::size_t end = file.find('\n', start);
    if (end == std::string_view::npos) end = file.size();
    const std::string_view line = trim(file.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      in_section = line.substr(1, line.size() - 2) == language;
      continue;
    }
    if (in_section) lines.emplace_back(line);
  }
  return lines;
}

const std::vector<JargonEntry>& jargon_for(std::string_view language) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<JargonEntry>, std::less<>> cache;
  return cached(cache, mutex, language, [&] {
    std::vector<JargonEntry> entries;
    for (const auto& line : section_lines(kanal_text_jargon, language)) {
      const std::size_t equals = line.find('=');
      if (equals == std::string::npos) continue;
      entries.push_back({std::string(trim(std::string_view(line).substr(0, equals))),
                         std::string(trim(std::string_view(line).substr(equals + 1)))});
    }
    return entries;
  });
}

const std::vector<std::string>& rights_terms_for(std::string_view language) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<std::string>, std::less<>> cache;
  return cached(cache, mutex, language, [&] { return section_lines(kanal_text_rights, language); });
}

}  // namespace kanal::text
