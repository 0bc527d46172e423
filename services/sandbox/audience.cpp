#include "sandbox/audience.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/json.h"

extern const std::string_view kanal_sandbox_audience_corpus;

namespace kanal::sandbox {
namespace {

struct Weighted {
  const char* kind;
  int weight;
};
// What a reply under an agency's post tends to be.
constexpr Weighted kReplyKinds[] = {{"question", 28},     {"criticism", 18},     {"thanks", 12}, {"profanity", 9},
                                    {"neutral", 8},       {"counter_speech", 5}, {"hate", 5},    {"threat", 3},
                                    {"personal_data", 4}, {"scam", 4},           {"spam", 4}};
// What arrives as a direct message.
constexpr Weighted kDirectKinds[] = {{"question", 60}, {"personal_data", 15}, {"criticism", 15}, {"thanks", 10}};

struct CitizenName {
  const char* language;
  const char* username;
  const char* display_name;
};
constexpr CitizenName kCitizens[] = {
    {"sv", "anna_lindqvist", "Anna Lindqvist"},
    {"sv", "mats_h", "Mats Holm"},
    {"sv", "sara_ek", "Sara Ek"},
    {"sv", "pappa_jonas", "Jonas B."},
    {"sv", "kiruna_kim", "Kim i Kiruna"},
    {"sv", "lenamamma", "Lena"},
    {"da", "mette_k", "Mette Kristensen"},
    {"da", "jens_aalborg", "Jens fra Aalborg"},
    {"da", "sofie_n", "Sofie Nielsen"},
    {"da", "lars_p", "Lars P."},
    {"da", "hanne_h", "Hanne H."},
    {"nb", "ingrid_bodo", "Ingrid i Bodø"},
    {"nb", "ola_n", "Ola Nordmann"},
    {"nb", "kari_t", "Kari T."},
    {"nb", "sindre_h", "Sindre Haugen"},
    {"nb", "tromso_tina", "Tina"},
    {"fi", "aino_k", "Aino Korhonen"},
    {"fi", "mikko_v", "Mikko Virtanen"},
    {"fi", "oulun_sari", "Sari Oulusta"},
    {"fi", "jussi_l", "Jussi L."},
    {"fi", "helmi_m", "Helmi M."},
    {"de", "julia_f", "Julia Fischer"},
    {"de", "thomas_w", "Thomas W."},
    {"de", "flensburg_finn", "Finn aus Flensburg"},
    {"de", "sabine_k", "Sabine K."},
    {"de", "lukas_m", "Lukas M."},
    {"en", "carer_claire", "Claire (carer)"},
    {"en", "dave_r", "Dave R."},
    {"en", "priya_s", "Priya S."},
    {"en", "tom_remote", "Tom, far north"},
    {"en", "mum_of_three", "Mum of three"},
    {"en", "sam_k", "Sam K."},
};
constexpr const char* kOffices[] = {"Tromsø",  "Kiruna",    "Esbjerg", "Oulu",      "Bodø",  "Umeå",
                                    "Aalborg", "Rovaniemi", "Kiel",    "Inverness", "Luleå", "Vaasa"};

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// How much attention a post still gets: most in its first hours, a long tail after.
double attention(double age_hours) { return std::exp(-age_hours / 8.0) + 0.03 * std::exp(-age_hours / 96.0); }

}  // namespace

std::vector<CorpusComment> parse_corpus(std::string_view text) {
  auto doc = json::parse_json(text);
  json::ObjectReader reader(doc);
  reader.optional_string("comment", 4096);
  const auto* comments = reader.optional_array("comments");
  if (comments == nullptr || comments->Empty()) {
    throw Error(ErrorCode::invalid_input, "the corpus has no comments", "comments");
  }
  std::vector<CorpusComment> corpus;
  for (rapidjson::SizeType i = 0; i < comments->Size(); ++i) {
    json::ObjectReader item((*comments)[i], "comments[" + std::to_string(i) + "].");
    CorpusComment comment;
    comment.language = item.required_string("lang", 8);
    comment.kind = item.required_string("kind", 32);
    comment.text = item.required_string("text", 5000);
    item.reject_unknown();
    corpus.push_back(std::move(comment));
  }
  reader.reject_unknown();
  return corpus;
}

std::vector<CorpusComment> builtin_corpus() { return parse_corpus(kanal_sandbox_audience_corpus); }

Audience::Audience(SandboxState& state, std::vector<CorpusComment> corpus, std::uint64_t seed)
    : state_(state), corpus_(std::move(corpus)), random_(seed) {
  if (corpus_.empty()) throw Error(ErrorCode::invalid_input, "the audience needs a corpus of comments");
  std::lock_guard lock(state_.mutex());
  for (const auto& name : kCitizens) state_.add_citizen(name.username, name.display_name, name.language);
}

Audience::~Audience() { stop(); }

void Audience::advance(std::chrono::minutes simulated) {
  std::lock_guard lock(state_.mutex());
  // In steps of at most an hour, so attention fades within a long advance.
  for (auto left = simulated.count(); left > 0;) {
    const auto step = std::min<std::int64_t>(left, 60);
    left -= step;
    const double hours = static_cast<double>(step) / 60.0;
    for (auto* agency : state_.agency_accounts()) {
      grow_followers(*agency, hours);
      const auto existing = state_.statuses().size();  // replies added below are not reacted to in this step
      for (std::size_t i = 0; i < existing; ++i) {
        auto& post = state_.statuses()[i];
        if (post.deleted || post.account_id != agency->id || post.visibility == "direct") continue;
        react_to(post, *agency, hours);
      }
      for (std::int64_t n = poisson(hours * 0.15, 5); n > 0; --n) write_to(*agency, false);
      for (std::int64_t n = poisson(hours * 0.05, 3); n > 0; --n) write_to(*agency, true);
    }
    for (const auto& post : state_.statuses()) {
      if (!state_.account(post.account_id) || state_.account(post.account_id)->citizen) continue;
      age_hours_[post.id] += hours;
    }
  }
}

void Audience::grow_followers(SandboxAccount& agency, double hours) {
  const auto joined = poisson(hours * (0.3 + static_cast<double>(agency.followers) * 0.0003), 200);
  const auto left = poisson(hours * static_cast<double>(agency.followers) * 0.00005, 50);
  agency.followers = std::max<std::int64_t>(0, agency.followers + joined - left);
  const auto citizens = state_.citizens();
  for (std::int64_t i = 0; i < std::min<std::int64_t>(joined, 5); ++i) {
    auto* who = citizens[std::uniform_int_distribution<std::size_t>(0, citizens.size() - 1)(random_)];
    state_.notify(Notification{{}, "follow", agency.id, who->id, {}, SystemClock{}.now()});
  }
}

void Audience::react_to(Status& post, SandboxAccount& agency, double hours) {
  const double age = age_hours_[post.id];
  if (age > 30 * 24) return;
  const double reach = attention(age) * (post.in_reply_to_id.empty() ? 1.0 : 0.3);
  const double followers = static_cast<double>(agency.followers);
  const auto likes = poisson(hours * followers * 0.004 * reach, 500);
  const auto boosts = poisson(hours * followers * 0.001 * reach, 200);
  post.favourites += likes;
  post.reblogs += boosts;
  const auto citizens = state_.citizens();
  auto someone = [&] { return citizens[std::uniform_int_distribution<std::size_t>(0, citizens.size() - 1)(random_)]; };
  for (std::int64_t i = 0; i < std::min<std::int64_t>(likes, 10); ++i) {
    state_.notify(Notification{{}, "favourite", agency.id, someone()->id, post.id, SystemClock{}.now()});
  }
  for (std::int64_t i = 0; i < std::min<std::int64_t>(boosts, 5); ++i) {
    state_.notify(Notification{{}, "reblog", agency.id, someone()->id, post.id, SystemClock{}.now()});
  }
  if (!post.in_reply_to_id.empty()) return;  // the audience answers posts, not the agency's answers
  for (auto n = poisson(hours * (0.6 + followers * 0.0008) * reach, 20); n > 0; --n) comment_on(post, agency);
}

void Audience::comment_on(Status& post, SandboxAccount& agency) {
  // Now and then a reply answers another citizen's reply under the post.
  Status* parent = &post;
  if (std::uniform_real_distribution<double>(0, 1)(random_) < 0.15) {
    std::vector<Status*> replies;
    for (auto& candidate : state_.statuses()) {
      if (!candidate.deleted && candidate.in_reply_to_id == post.id && candidate.account_id != agency.id) {
        replies.push_back(&candidate);
      }
    }
    if (!replies.empty()) {
      parent = replies[std::uniform_int_distribution<std::size_t>(0, replies.size() - 1)(random_)];
    }
  }
  const bool same_language = std::uniform_real_distribution<double>(0, 1)(random_) < 0.85;
  auto& author = pick_citizen(same_language ? post.language : std::string());
  const auto& comment = pick_comment(same_language ? post.language : author.language, false);
  Status reply;
  reply.account_id = author.id;
  reply.in_reply_to_id = parent->id;
  reply.in_reply_to_account_id = parent->account_id;
  reply.mentions = {agency.id};
  std::string prefix = "@" + agency.username + " ";
  if (parent != &post) {
    if (const auto* other = state_.account(parent->account_id)) {
      prefix += "@" + other->username + " ";
      reply.mentions.push_back(other->id);
    }
  }
  reply.text = prefix + fill(comment.text, agency);
  reply.visibility = "public";
  reply.language = comment.language;
  reply.corpus_kind = comment.kind;
  reply.created_at = SystemClock{}.now();
  ++parent->replies;
  const auto& added = state_.add_status(std::move(reply));
  state_.notify(Notification{{}, "mention", agency.id, author.id, added.id, SystemClock{}.now()});
}

void Audience::write_to(SandboxAccount& agency, bool direct) {
  auto& author = pick_citizen({});
  const auto& comment = pick_comment(author.language, direct);
  Status status;
  status.account_id = author.id;
  status.mentions = {agency.id};
  status.text = "@" + agency.username + " " + fill(comment.text, agency);
  status.visibility = direct ? "direct" : "public";
  status.language = comment.language;
  status.corpus_kind = comment.kind;
  status.created_at = SystemClock{}.now();
  const auto& added = state_.add_status(std::move(status));
  state_.notify(Notification{{}, "mention", agency.id, author.id, added.id, SystemClock{}.now()});
}

const CorpusComment& Audience::pick_comment(const std::string& language, bool direct) {
  std::vector<const CorpusComment*> in_language;
  for (const auto& comment : corpus_) {
    if (comment.language == language) in_language.push_back(&comment);
  }
  if (in_language.empty()) {
    for (const auto& comment : corpus_) in_language.push_back(&comment);
  }
  const auto* kinds = direct ? std::begin(kDirectKinds) : std::begin(kReplyKinds);
  const auto* kinds_end = direct ? std::end(kDirectKinds) : std::end(kReplyKinds);
  int total = 0;
  for (const auto* kind = kinds; kind != kinds_end; ++kind) total += kind->weight;
  int roll = std::uniform_int_distribution<int>(0, total - 1)(random_);
  std::string wanted;
  for (const auto* kind = kinds; kind != kinds_end; ++kind) {
    if ((roll -= kind->weight) < 0) {
      wanted = kind->kind;
      break;
    }
  }
  std::vector<const CorpusComment*> candidates;
  for (const auto* comment : in_language) {
    if (comment->kind == wanted) candidates.push_back(comment);
  }
  if (candidates.empty()) candidates = in_language;
  return *candidates[std::uniform_int_distribution<std::size_t>(0, candidates.size() - 1)(random_)];
}

SandboxAccount& Audience::pick_citizen(const std::string& language) {
  auto citizens = state_.citizens();
  std::vector<SandboxAccount*> speakers;
  for (auto* citizen : citizens) {
    if (language.empty() || citizen->language == language) speakers.push_back(citizen);
  }
  if (speakers.empty()) speakers = citizens;
  return *speakers[std::uniform_int_distribution<std::size_t>(0, speakers.size() - 1)(random_)];
}

std::string Audience::fill(const std::string& text, const SandboxAccount& agency) {
  std::string filled = text;
  std::string domain = agency.username;
  std::replace(domain.begin(), domain.end(), '_', '-');
  replace_all(filled, "{agency}", agency.display_name);
  replace_all(filled, "{agency_lookalike_url}", "https://" + domain + "-refunds.example/verify");
  replace_all(filled, "{office}",
              kOffices[std::uniform_int_distribution<std::size_t>(0, std::size(kOffices) - 1)(random_)]);
  return filled;
}

std::int64_t Audience::poisson(double mean, std::int64_t most) {
  if (mean <= 0) return 0;
  return std::min<std::int64_t>(std::poisson_distribution<std::int64_t>(mean)(random_), most);
}

void Audience::run(int minutes_per_second) {
  if (minutes_per_second <= 0 || thread_.joinable()) return;
  thread_ = std::thread([this, minutes_per_second] {
    std::unique_lock lock(run_mutex_);
    while (!run_cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      lock.unlock();
      advance(std::chrono::minutes(minutes_per_second));
      lock.lock();
    }
  });
}

void Audience::stop() {
  {
    std::lock_guard lock(run_mutex_);
    stopping_ = true;
  }
  run_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kanal::sandbox
