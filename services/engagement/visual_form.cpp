#include "engagement/visual_form.h"

#include <unicode/translit.h>
#include <unicode/uspoof.h>

#include <memory>
#include <mutex>

#include "text/unicode_text.h"

namespace kanal::engagement {

std::string visual_form(std::string_view text) {
  static std::mutex mutex;  // ICU's transliterator is not thread-safe
  static std::unique_ptr<icu::Transliterator> plain;
  static USpoofChecker* checker = nullptr;
  const auto unicode = text::to_unicode(text, "text");
  std::lock_guard lock(mutex);
  UErrorCode status = U_ZERO_ERROR;
  if (checker == nullptr) {
    checker = uspoof_open(&status);
    status = U_ZERO_ERROR;
    plain.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  }
  icu::UnicodeString skeleton;
  status = U_ZERO_ERROR;
  if (checker != nullptr) uspoof_getSkeletonUnicodeString(checker, 0, unicode, skeleton, &status);
  if (checker == nullptr || U_FAILURE(status)) skeleton = unicode;
  if (plain) plain->transliterate(skeleton);
  return text::to_utf8(skeleton.toLower());
}

}  // namespace kanal::engagement
