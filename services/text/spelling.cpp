#include "text/spelling.h"

#include <filesystem>
#include <map>

#include <hunspell/hunspell.hxx>

namespace kanal::text {
namespace {

constexpr std::size_t kMaxRemembered = 100'000;  // words; the memory stays small

// Debian's dictionary names per language, most fitting first.
std::vector<std::string> dictionary_names(std::string_view language) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> names = {
      {"sv", {"sv_SE", "sv_FI"}}, {"da", {"da_DK"}}, {"nb", {"nb_NO"}},
      {"no", {"nb_NO"}},          {"nn", {"nn_NO"}}, {"de", {"de_DE", "de_AT", "de_CH"}},
      {"en", {"en_GB", "en_US"}}, {"fi", {"fi_FI"}}};
  const auto it = names.find(language);
  return it == names.end() ? std::vector<std::string>{} : it->second;
}

std::string dictionary_directory() {
  const char* from_environment = std::getenv("KANAL_HUNSPELL_DIR");
  return from_environment != nullptr ? from_environment : "/usr/share/hunspell";
}

}  // namespace

std::shared_ptr<SpellChecker> SpellChecker::for_language(std::string_view language) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<SpellChecker>, std::less<>> loaded;
  const std::lock_guard lock(mutex);
  if (const auto it = loaded.find(language); it != loaded.end()) return it->second;
  std::shared_ptr<SpellChecker> checker;
  for (const auto& name : dictionary_names(language)) {
    const std::string base = dictionary_directory() + "/" + name;
    if (std::filesystem::exists(base + ".aff") && std::filesystem::exists(base + ".dic")) {
      checker = std::make_shared<SpellChecker>(base + ".aff", base + ".dic");
      break;
    }
  }
  loaded.emplace(std::string(language), checker);
  return checker;
}

SpellChecker::SpellChecker(const std::string& aff, const std::string& dic)
    : hunspell_(std::make_unique<Hunspell>(aff.c_str(), dic.c_str())), encoding_(hunspell_->get_dict_encoding()) {}

SpellChecker::~SpellChecker() = default;

std::string SpellChecker::encode(const icu::UnicodeString& word) const {
  if (encoding_ == "UTF-8") {
    std::string out;
    word.toUTF8String(out);
    return out;
  }
  // Older dictionaries (nb_NO) are in an ISO-8859 code page.
  const int32_t size = word.extract(0, word.length(), nullptr, encoding_.c_str());
  std::string out(static_cast<std::size_t>(size), '\0');
  word.extract(0, word.length(), out.data(), encoding_.c_str());
  return out;
}

bool SpellChecker::correct(const icu::UnicodeString& word) {
  const std::string encoded = encode(word);
  const std::lock_guard lock(mutex_);
  if (const auto it = known_.find(encoded); it != known_.end()) return it->second;
  if (known_.size() > kMaxRemembered) known_.clear();
  return known_[encoded] = hunspell_->spell(encoded);
}

std::vector<std::string> SpellChecker::suggestions(const icu::UnicodeString& word, std::size_t at_most) {
  const std::string encoded = encode(word);
  std::vector<std::string> found;
  {
    const std::lock_guard lock(mutex_);
    auto it = suggested_.find(encoded);
    if (it == suggested_.end()) {
      if (suggested_.size() > kMaxRemembered) suggested_.clear();
      it = suggested_.emplace(encoded, hunspell_->suggest(encoded)).first;
    }
    found = it->second;
  }
  if (found.size() > at_most) found.resize(at_most);
  if (encoding_ != "UTF-8") {
    for (auto& s : found) {
      const icu::UnicodeString decoded(s.data(), static_cast<int32_t>(s.size()), encoding_.c_str());
      s.clear();
      decoded.toUTF8String(s);
    }
  }
  return found;
}

void SpellChecker::accept(const icu::UnicodeString& word) {
  const std::string encoded = encode(word);
  const std::lock_guard lock(mutex_);
  hunspell_->add(encoded);
  known_.erase(encoded);
}

}  // namespace kanal::text
