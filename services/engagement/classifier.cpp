#include "engagement/classifier.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "core/error.h"
#include "core/utf8.h"

// The model compiled in (model_blob.cpp, generated from assets/moderation/model.bin).
extern "C" const char kanal_moderation_model_begin[];
extern "C" const char kanal_moderation_model_end[];

namespace kanal::engagement {
namespace {

// ---- Normalisation and tokens ----------------------------------------------

enum class TokenKind : std::uint8_t { word, placeholder, mark };

struct Token {
  std::uint32_t begin = 0;  // bytes into Scratch::token_bytes
  std::uint32_t end = 0;
  TokenKind kind = TokenKind::word;
};

// Per-thread buffers, so classifying allocates only while they grow.
struct Scratch {
  std::string folded;
  std::string token_bytes;
  std::vector<Token> tokens;
  std::vector<std::uint32_t> offsets;  // code point starts of one word
  std::vector<std::uint32_t> buckets;
};

Scratch& scratch() {
  thread_local Scratch buffers;
  return buffers;
}

// NFKC with case folding; ASCII text (most comments) without ICU.
void fold(std::string_view utf8, std::string& out) {
  out.clear();
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    out.resize(utf8.size());
    std::transform(utf8.begin(), utf8.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || nfkc_cf == nullptr) throw Error(ErrorCode::internal, "ICU has no NFKC_Casefold data");
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
  nfkc_cf->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, status);
  if (U_FAILURE(status)) throw Error(ErrorCode::invalid_input, "the text could not be normalised", "text");
}

bool ascii_word(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

bool word_char(UChar32 c) {
  if (c < 0x80) return ascii_word(c);
  const auto type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool starts_with(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.substr(at, prefix.size()) == prefix;
}

void append_cp(std::string& out, UChar32 c) {
  char bytes[4];
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(bytes, length, 4, c, error);
  if (!error) out.append(bytes, static_cast<std::size_t>(length));
}

void push_placeholder(Scratch& s, std::string_view text, TokenKind kind) {
  const auto begin = static_cast<std::uint32_t>(s.token_bytes.size());
  s.token_bytes.append(text);
  s.tokens.push_back({begin, static_cast<std::uint32_t>(s.token_bytes.size()), kind});
}

// Splits folded text into tokens: words (letters and digits, apostrophes
// inside dropped, runs of a letter cut to two), <url>, <user>, <num>, and
// "?", "!" and symbols (emoji) as marks.
void tokenise(std::string_view text, Scratch& s) {
  s.token_bytes.clear();
  s.tokens.clear();
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t at = 0;
  while (at < length) {
    const std::int32_t start = at;
    UChar32 c = 0;
    U8_NEXT(bytes, at, length, c);
    if (c < 0) continue;
    const auto here = static_cast<std::size_t>(start);
    if ((c == 'h' && (starts_with(text, here, "http://") || starts_with(text, here, "https://"))) ||
        (c == 'w' && starts_with(text, here, "www."))) {
      while (at < length && bytes[at] > ' ') ++at;
      push_placeholder(s, "<url>", TokenKind::placeholder);
      continue;
    }
    if (c == '@' && at < length && (ascii_word(bytes[at]) || bytes[at] == '_')) {
      while (at < length && (ascii_word(bytes[at]) || bytes[at] == '_' || bytes[at] == '.')) ++at;
      push_placeholder(s, "<user>", TokenKind::placeholder);
      continue;
    }
    if (c == '?' || c == '!') {
      if (s.tokens.empty() || s.tokens.back().kind != TokenKind::mark ||
          s.token_bytes[s.tokens.back().begin] != static_cast<char>(c)) {
        push_placeholder(s, c == '?' ? "?" : "!", TokenKind::mark);
      }
      continue;
    }
    if (!word_char(c)) {
      if (c >= 0x80 && u_charType(c) == U_OTHER_SYMBOL) {
        const auto begin = static_cast<std::uint32_t>(s.token_bytes.size());
        append_cp(s.token_bytes, c);
        s.tokens.push_back({begin, static_cast<std::uint32_t>(s.token_bytes.size()), TokenKind::mark});
      }
      continue;
    }
    // A word: until a character that is neither a letter, a digit nor an inner apostrophe.
    const auto begin = static_cast<std::uint32_t>(s.token_bytes.size());
    bool letters = false;
    UChar32 last = -1;
    UChar32 before_last = -1;
    for (;;) {
      if (c != last || c != before_last) append_cp(s.token_bytes, c);
      letters = letters || !(c >= '0' && c <= '9');
      before_last = last;
      last = c;
      if (at >= length) break;
      std::int32_t next = at;
      UChar32 d = 0;
      U8_NEXT(bytes, next, length, d);
      if ((d == '\'' || d == 0x2019) && next < length) {
        std::int32_t after = next;
        UChar32 e = 0;
        U8_NEXT(bytes, after, length, e);
        if (e >= 0 && word_char(e)) {
          at = after;  // "don't" → "dont"
          c = e;
          continue;
        }
      }
      if (d < 0 || !word_char(d)) break;
      at = next;
      c = d;
    }
    if (!letters) {
      s.token_bytes.resize(begin);
      push_placeholder(s, "<num>", TokenKind::placeholder);
    } else {
      s.tokens.push_back({begin, static_cast<std::uint32_t>(s.token_bytes.size()), TokenKind::word});
    }
  }
}

// ---- Hashed features ---------------------------------------------------------

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;
constexpr std::uint32_t kMaxNgramWord = 32;  // letters of a word looked at for character n-grams

enum FeatureKind : unsigned char { kUnigram = 'u', kBigram = 'b', kCharGram = 'c' };

inline std::uint64_t fnv(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

inline std::uint64_t fnv_byte(std::uint64_t hash, unsigned char c) { return (hash ^ c) * kFnvPrime; }

// FNV's low bits are weak; mix (murmur3's finaliser) and take the high bits.
inline std::uint32_t to_bucket(std::uint64_t hash, unsigned bits) {
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  return static_cast<std::uint32_t>(hash >> (64 - bits));
}

// Calls emit(bucket, kind, first, second) for every feature of the tokens in
// `s`: `first` and `second` are the feature's text (second only for bigrams;
// a character n-gram is first with its edges marked by `edge_before`/`edge_after`).
template <class Emit>
void for_each_feature(Scratch& s, unsigned bits, Emit&& emit) {
  const std::string_view all = s.token_bytes;
  std::string_view previous;
  for (const auto& token : s.tokens) {
    const auto word = all.substr(token.begin, token.end - token.begin);
    emit(to_bucket(fnv(fnv_byte(kFnvOffset, kUnigram), word), bits), kUnigram, word, std::string_view{}, false, false);
    if (!previous.empty()) {
      auto hash = fnv(fnv_byte(kFnvOffset, kBigram), previous);
      hash = fnv(fnv_byte(hash, ' '), word);
      emit(to_bucket(hash, bits), kBigram, previous, word, false, false);
    }
    previous = word;
    if (token.kind != TokenKind::word) continue;
    // Character 3–5-grams over the word with an edge mark at each end.
    auto& offsets = s.offsets;
    offsets.clear();
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(word.data());
    const auto length = static_cast<std::int32_t>(word.size());
    for (std::int32_t at = 0; at < length && offsets.size() < kMaxNgramWord;) {
      offsets.push_back(static_cast<std::uint32_t>(at));
      U8_FWD_1(bytes, at, length);
      if (at >= length || offsets.size() == kMaxNgramWord) offsets.push_back(static_cast<std::uint32_t>(at));
    }
    const auto letters = static_cast<std::uint32_t>(offsets.size() - 1);
    const std::uint32_t marked = letters + 2;
    for (std::uint32_t n = 3; n <= 5 && n <= marked; ++n) {
      for (std::uint32_t i = 0; i + n <= marked; ++i) {
        const bool edge_before = i == 0;
        const bool edge_after = i + n == marked;
        const std::uint32_t first = edge_before ? 0 : i - 1;
        const std::uint32_t last = std::min(i + n - 1, letters);
        const auto piece = word.substr(offsets[first], offsets[last] - offsets[first]);
        auto hash = fnv_byte(kFnvOffset, kCharGram);
        if (edge_before) hash = fnv_byte(hash, 0x02);
        hash = fnv(hash, piece);
        if (edge_after) hash = fnv_byte(hash, 0x03);
        emit(to_bucket(hash, bits), kCharGram, piece, std::string_view{}, edge_before, edge_after);
      }
    }
  }
}

void prepare(std::string_view utf8, Scratch& s) {
  if (!utf8::is_valid(utf8)) throw Error(ErrorCode::invalid_input, "the comment is not valid UTF-8", "text");
  fold(utf8, s.folded);
  tokenise(s.folded, s);
}

// ---- The model file ------------------------------------------------------------

constexpr std::string_view kMagic = "KANALMDL";
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::uint32_t kFeatureVersion = 1;  // bump when normalisation or features change
constexpr std::size_t kHeaderSize = 8 + 4 * 4 + 2 * 4 * kModelClassCount;

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
void put_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}
void put_f32(std::string& out, float value) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  put_u32(out, bits);
}
std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i)
    value |= std::uint32_t{static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])} << (8 * i);
  return value;
}
std::uint64_t get_u64(std::string_view in, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i)
    value |= std::uint64_t{static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])} << (8 * i);
  return value;
}
float get_f32(std::string_view in, std::size_t at) {
  const std::uint32_t bits = get_u32(in, at);
  float value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

[[noreturn]] void bad_model(const std::string& why) {
  throw Error(ErrorCode::invalid_input, "not a usable Kanal moderation model: " + why, "model");
}

std::string feature_text(FeatureKind kind, std::string_view first, std::string_view second, bool edge_before,
                         bool edge_after) {
  if (kind == kBigram) return std::string(first) + " " + std::string(second);
  if (kind == kUnigram) return std::string(first);
  return (edge_before ? "_" : "") + std::string(first) + (edge_after ? "_" : "");
}

}  // namespace

std::size_t model_class_index(Category category) {
  for (std::size_t i = 0; i < kModelClassCount; ++i) {
    if (kModelClasses[i] == category) return i;
  }
  return kModelClassCount;
}

double Scores::of(Category category) const {
  const auto index = model_class_index(category);
  return index < kModelClassCount ? probability[index] : 0.0;
}

Category Scores::top(std::initializer_list<Category> among) const {
  Category best = Category::other;
  double best_score = -1;
  auto consider = [&](Category category) {
    if (of(category) > best_score) {
      best_score = of(category);
      best = category;
    }
  };
  if (among.size() == 0) {
    for (const auto category : kModelClasses) consider(category);
  } else {
    for (const auto category : among) consider(category);
  }
  return best;
}

std::string classifier_tokens(std::string_view utf8) {
  auto& s = scratch();
  prepare(utf8, s);
  std::string out;
  for (const auto& token : s.tokens) {
    if (!out.empty()) out += ' ';
    out.append(s.token_bytes, token.begin, token.end - token.begin);
  }
  return out;
}

void classifier_features(std::string_view utf8, unsigned bits, std::vector<std::uint32_t>& buckets) {
  auto& s = scratch();
  prepare(utf8, s);
  buckets.clear();
  for_each_feature(s, bits, [&](std::uint32_t bucket, auto&&...) { buckets.push_back(bucket); });
}

Classifier Classifier::from_weights(unsigned bits, const std::vector<float>& weights,
                                    const std::array<float, kModelClassCount>& bias) {
  if (bits < kMinBits || bits > kMaxBits) throw Error(ErrorCode::invalid_input, "hash bits out of range", "bits");
  const std::size_t rows = std::size_t{1} << bits;
  if (weights.size() != rows * kModelClassCount) throw Error(ErrorCode::invalid_input, "wrong number of weights");
  Classifier model;
  model.bits_ = bits;
  model.bias_ = bias;
  for (std::size_t c = 0; c < kModelClassCount; ++c) {
    float largest = 0;
    for (std::size_t row = 0; row < rows; ++row)
      largest = std::max(largest, std::fabs(weights[row * kModelClassCount + c]));
    model.scale_[c] = largest > 0 ? largest / 127.0f : 1.0f;
  }
  model.weights_.resize(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const float q = std::round(weights[i] / model.scale_[i % kModelClassCount]);
    model.weights_[i] = static_cast<std::int8_t>(std::clamp(q, -127.0f, 127.0f));
  }
  return model;
}

Classifier Classifier::load(std::string_view bytes) {
  if (bytes.size() < kHeaderSize + 8 || bytes.substr(0, kMagic.size()) != kMagic) {
    bad_model("it does not start with the KANALMDL header");
  }
  const auto format = get_u32(bytes, 8);
  if (format != kFormatVersion) bad_model("format version " + std::to_string(format) + ", this Kanal reads version 1");
  const auto features = get_u32(bytes, 12);
  if (features != kFeatureVersion) {
    bad_model("made for feature version " + std::to_string(features) + ", this Kanal extracts version " +
              std::to_string(kFeatureVersion) + "; retrain it with this Kanal's trainer");
  }
  const auto bits = get_u32(bytes, 16);
  if (bits < kMinBits || bits > kMaxBits) bad_model("hash size 2^" + std::to_string(bits) + " is out of range");
  if (get_u32(bytes, 20) != kModelClassCount)
    bad_model("it scores " + std::to_string(get_u32(bytes, 20)) + " classes, not 8");
  const std::size_t weight_count = (std::size_t{1} << bits) * kModelClassCount;
  if (bytes.size() != kHeaderSize + weight_count + 8) {
    bad_model("it is " + std::to_string(bytes.size()) + " bytes, a model of 2^" + std::to_string(bits) + " rows is " +
              std::to_string(kHeaderSize + weight_count + 8) + " (truncated or padded?)");
  }
  if (get_u64(bytes, bytes.size() - 8) != fnv(kFnvOffset, bytes.substr(0, bytes.size() - 8))) {
    bad_model("its checksum does not match (the file is damaged)");
  }
  Classifier model;
  model.bits_ = bits;
  for (std::size_t c = 0; c < kModelClassCount; ++c) {
    model.bias_[c] = get_f32(bytes, 24 + 4 * c);
    model.scale_[c] = get_f32(bytes, 24 + 4 * kModelClassCount + 4 * c);
    if (!std::isfinite(model.bias_[c]) || !std::isfinite(model.scale_[c]) || model.scale_[c] <= 0) {
      bad_model("its bias or scale of class " + std::to_string(c) + " is not a finite number");
    }
  }
  model.weights_.resize(weight_count);
  std::memcpy(model.weights_.data(), bytes.data() + kHeaderSize, weight_count);
  return model;
}

const Classifier& Classifier::builtin() {
  static const Classifier model =
      load(std::string_view(kanal_moderation_model_begin,
                            static_cast<std::size_t>(kanal_moderation_model_end - kanal_moderation_model_begin)));
  return model;
}

std::string Classifier::save() const {
  std::string out(kMagic);
  put_u32(out, kFormatVersion);
  put_u32(out, kFeatureVersion);
  put_u32(out, bits_);
  put_u32(out, kModelClassCount);
  for (const float b : bias_) put_f32(out, b);
  for (const float s : scale_) put_f32(out, s);
  out.append(reinterpret_cast<const char*>(weights_.data()), weights_.size());
  put_u64(out, fnv(kFnvOffset, out));
  return out;
}

Scores Classifier::classify(std::string_view utf8) const {
  auto& s = scratch();
  prepare(utf8, s);
  std::array<std::int64_t, kModelClassCount> sums{};
  std::size_t count = 0;
  const std::int8_t* weights = weights_.data();
  for_each_feature(s, bits_, [&](std::uint32_t bucket, auto&&...) {
    const std::int8_t* row = weights + std::size_t{bucket} * kModelClassCount;
    for (std::size_t c = 0; c < kModelClassCount; ++c) sums[c] += row[c];
    ++count;
  });
  const double value = count == 0 ? 0.0 : 1.0 / std::sqrt(static_cast<double>(count));
  std::array<double, kModelClassCount> logits{};
  double largest = -1e300;
  for (std::size_t c = 0; c < kModelClassCount; ++c) {
    logits[c] = bias_[c] + static_cast<double>(scale_[c]) * static_cast<double>(sums[c]) * value;
    largest = std::max(largest, logits[c]);
  }
  Scores scores;
  double total = 0;
  for (std::size_t c = 0; c < kModelClassCount; ++c) {
    scores.probability[c] = std::exp(logits[c] - largest);
    total += scores.probability[c];
  }
  for (auto& p : scores.probability) p /= total;
  return scores;
}

std::vector<Feature> Classifier::explain(std::string_view utf8, Category category, std::size_t n) const {
  const auto target = model_class_index(category);
  if (target >= kModelClassCount || n == 0) return {};
  auto& s = scratch();
  prepare(utf8, s);
  // First the weights alone (no text, no sorting): the strongest few
  // occurrences, a repeated feature counted as often as it occurs.
  struct Pushed {
    std::uint32_t bucket;
    double weight;
    std::string text;
    bool word = false;  // named by a word rather than by letters inside one
  };
  // A few more than asked: a word and the same letters inside it become one line.
  const std::size_t keep = 3 * n;
  std::vector<Pushed> strongest;
  strongest.reserve(keep + 1);
  std::size_t count = 0;
  double floor = 0;
  const auto target_scale = static_cast<double>(scale_[target]);
  for_each_feature(s, bits_, [&](std::uint32_t bucket, auto&&...) {
    ++count;
    const std::int8_t* row = weights_.data() + std::size_t{bucket} * kModelClassCount;
    // Towards the category: its weight against the mean of the others.
    double others = 0;
    for (std::size_t c = 0; c < kModelClassCount; ++c) {
      if (c != target) others += static_cast<double>(scale_[c]) * row[c];
    }
    const double weight = target_scale * row[target] - others / static_cast<double>(kModelClassCount - 1);
    if (weight <= floor) return;  // weaker than all of a full list (or not towards the category)
    for (auto& pushed : strongest) {
      if (pushed.bucket == bucket) {
        pushed.weight += weight;
        return;
      }
    }
    if (strongest.size() < keep) {
      strongest.push_back({bucket, weight, {}, false});
      return;
    }
    // A repeated feature may grow past the floor later; that it then stays out is acceptable for an explanation.
    auto by_weight = [](const Pushed& x, const Pushed& y) { return x.weight < y.weight; };
    *std::min_element(strongest.begin(), strongest.end(), by_weight) = Pushed{bucket, weight, {}, false};
    floor = std::min_element(strongest.begin(), strongest.end(), by_weight)->weight;
  });
  const double value = count == 0 ? 0.0 : 1.0 / std::sqrt(static_cast<double>(count));
  std::uint64_t wanted = 0;  // a quick "maybe" before comparing buckets
  for (auto& pushed : strongest) {
    pushed.weight *= value;
    wanted |= std::uint64_t{1} << (pushed.bucket & 63);
  }
  // Then the text of those buckets only.
  for_each_feature(s, bits_,
                   [&](std::uint32_t bucket, FeatureKind kind, std::string_view first, std::string_view second,
                       bool edge_before, bool edge_after) {
                     if ((wanted & (std::uint64_t{1} << (bucket & 63))) == 0) return;
                     for (auto& pushed : strongest) {
                       if (pushed.bucket != bucket || pushed.word) continue;
                       if (pushed.text.empty() || kind != kCharGram) {
                         pushed.text = feature_text(kind, first, second, edge_before, edge_after);
                         pushed.word = kind != kCharGram;
                       }
                     }
                   });
  std::map<std::string, double> by_text;
  for (const auto& pushed : strongest) by_text[pushed.text] += pushed.weight;
  std::vector<Feature> features;
  for (const auto& [text, weight] : by_text) features.push_back({text, weight});
  std::sort(features.begin(), features.end(), [](const Feature& a, const Feature& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.text < b.text;
  });
  if (features.size() > n) features.resize(n);
  return features;
}

}  // namespace kanal::engagement
