#include "store/interaction_repository.h"

#include <Poco/Data/Statement.h>

#include <array>
#include <deque>
#include <variant>

#include "core/error.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

constexpr std::array kStates{"new", "assigned", "answered", "done"};
constexpr std::array kVisibilities{"visible", "hide_pending", "hidden", "hide_refused"};

// The parameters of a statement built piece by piece, kept alive until it runs.
class Parameters {
 public:
  std::string add(Int64 value) {
    values_.emplace_back(value);
    return next();
  }
  std::string add(std::string value) {
    values_.emplace_back(std::move(value));
    return next();
  }
  void bind(Poco::Data::Statement& statement) {
    for (auto& value : values_) {
      if (auto* number = std::get_if<Int64>(&value)) {
        statement, use(*number);
      } else {
        statement, use(std::get<std::string>(value));
      }
    }
  }

 private:
  std::string next() { return "$" + std::to_string(values_.size()); }
  std::deque<std::variant<Int64, std::string>> values_;  // a deque: references stay valid
};

// Column vectors filled by one SELECT of the columns below, the text first.
constexpr const char* kColumnsAfterText =
    ", id, account_id, network_id, kind, author_id, author_handle, author_name, truncated, language, created_at, "
    "in_reply_to, post_id, url, fetched_at, state, assignee, category, score, action, decided_by, reason, "
    "needs_review, visibility, network_note, first_answer_at FROM interactions ";

struct Rows {
  std::vector<std::string> text, network_id, kind, author_id, author_handle, author_name, language, in_reply_to, url,
      state, category, action, decided_by, reason, visibility, network_note;
  std::vector<Int64> id, account, truncated, created, fetched, score, needs_review;
  std::vector<Poco::Nullable<Int64>> post, assignee, first_answer;

  void bind(Poco::Data::Statement& s) {
    s, into(text), into(id), into(account), into(network_id), into(kind), into(author_id), into(author_handle),
        into(author_name), into(truncated), into(language), into(created), into(in_reply_to), into(post), into(url),
        into(fetched), into(state), into(assignee), into(category), into(score), into(action), into(decided_by),
        into(reason), into(needs_review), into(visibility), into(network_note), into(first_answer);
  }

  std::vector<Interaction> to_interactions() const {
    std::vector<Interaction> out;
    out.reserve(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      Interaction item;
      item.id = InteractionId{id[i]};
      item.account = AccountId{account[i]};
      item.network_id = network_id[i];
      item.kind = kind[i];
      item.author_id = author_id[i];
      item.author_handle = author_handle[i];
      item.author_name = author_name[i];
      item.text = text[i];
      item.truncated = truncated[i] != 0;
      item.language = language[i];
      item.created_at = from_unix_ms(created[i]);
      item.in_reply_to = in_reply_to[i];
      if (!post[i].isNull()) item.post = PostId{post[i].value()};
      item.url = url[i];
      item.fetched_at = from_unix_ms(fetched[i]);
      item.state = parse_inbox_state(state[i]).value_or(InboxState::new_);
      if (!assignee[i].isNull()) item.assignee = UserId{assignee[i].value()};
      item.decision = {category[i], static_cast<int>(score[i]), action[i], decided_by[i], reason[i]};
      item.needs_review = needs_review[i] != 0;
      item.visibility = parse_visibility(visibility[i]).value_or(Visibility::visible);
      item.network_note = network_note[i];
      if (!first_answer[i].isNull()) item.first_answer_at = from_unix_ms(first_answer[i].value());
      out.push_back(std::move(item));
    }
    return out;
  }
};

// The WHERE clause of an inbox query (without paging).
std::string filters(const InboxQuery& query, Parameters& parameters) {
  std::string where = "WHERE 1 = 1";
  if (query.account) where += " AND account_id = " + parameters.add(query.account->value);
  if (query.within) {
    // Ids from the store itself, never from a request.
    std::string ids;
    for (const auto account : *query.within) ids += (ids.empty() ? "" : ", ") + std::to_string(account.value);
    where += ids.empty() ? " AND 1 = 0" : " AND account_id IN (" + ids + ")";
  }
  if (query.state) where += " AND state = " + parameters.add(std::string(to_string(*query.state)));
  if (query.visibility) where += " AND visibility = " + parameters.add(std::string(to_string(*query.visibility)));
  if (query.needs_review) where += " AND needs_review = 1";
  if (query.category) where += " AND category = " + parameters.add(*query.category);
  if (query.language) where += " AND language = " + parameters.add(*query.language);
  if (query.assignee) where += " AND assignee = " + parameters.add(query.assignee->value);
  if (query.from) where += " AND created_at >= " + parameters.add(to_unix_ms(*query.from));
  if (query.to) where += " AND created_at < " + parameters.add(to_unix_ms(*query.to));
  return where;
}

}  // namespace

std::string_view to_string(InboxState state) { return kStates[static_cast<std::size_t>(state)]; }

std::optional<InboxState> parse_inbox_state(std::string_view text) {
  for (std::size_t i = 0; i < kStates.size(); ++i) {
    if (text == kStates[i]) return static_cast<InboxState>(i);
  }
  return std::nullopt;
}

std::string_view to_string(Visibility visibility) { return kVisibilities[static_cast<std::size_t>(visibility)]; }

std::optional<Visibility> parse_visibility(std::string_view text) {
  for (std::size_t i = 0; i < kVisibilities.size(); ++i) {
    if (text == kVisibilities[i]) return static_cast<Visibility>(i);
  }
  return std::nullopt;
}

std::optional<InteractionId> InteractionRepository::insert(const NewInteraction& item, Timestamp when) {
  // The agency's post it answers, when kanald published it from this account.
  Poco::Nullable<Int64> post;
  if (!item.in_reply_to.empty()) {
    Int64 account = item.account.value;
    std::string answered = item.in_reply_to;
    std::vector<Int64> posts;
    session_ << "SELECT post_id FROM outbox WHERE account_id = $1 AND network_id = $2", use(account), use(answered),
        into(posts), now;
    if (!posts.empty()) post = posts.front();
  }
  // Placeholders are numbered in the order they are written: SQLite binds by
  // first appearance, so each value is added in its own statement.
  Parameters p;
  std::string values;
  const auto value = [&](auto v) { values += (values.empty() ? "" : ", ") + p.add(std::move(v)); };
  value(Int64{item.account.value});
  value(item.network_id);
  value(item.kind);
  value(item.author_id);
  value(item.author_handle);
  value(item.author_name);
  value(item.text);
  value(Int64{item.truncated ? 1 : 0});
  value(item.language);
  value(Int64{to_unix_ms(item.created_at)});
  value(item.in_reply_to);
  if (post.isNull()) {
    values += ", NULL";
  } else {
    value(Int64{post.value()});
  }
  value(item.url);
  value(Int64{to_unix_ms(when)});
  value(item.decision.category);
  value(Int64{item.decision.score_permille});
  value(item.decision.action);
  value(item.decision.decided_by);
  value(item.decision.reason);
  value(Int64{item.needs_review ? 1 : 0});
  value(std::string(to_string(item.visibility)));
  const std::string sql =
      "INSERT INTO interactions (account_id, network_id, kind, author_id, author_handle, author_name, text, "
      "truncated, language, created_at, in_reply_to, post_id, url, fetched_at, category, score, action, "
      "decided_by, reason, needs_review, visibility, state, network_note) VALUES (" +
      values + ", 'new', '') ON CONFLICT (account_id, network_id) DO NOTHING RETURNING id";
  std::vector<Int64> ids;
  Poco::Data::Statement statement(session_);
  statement << sql;
  p.bind(statement);
  statement, into(ids);
  statement.execute();
  if (ids.empty()) return std::nullopt;
  return InteractionId{ids.front()};
}

std::vector<Interaction> InteractionRepository::select(const std::string& text_column,
                                                       const std::string& where_and_order,
                                                       const std::vector<std::string>& text_keys,
                                                       const std::vector<Int64>& keys) {
  Parameters p;
  for (const auto& key : keys) p.add(key);
  for (const auto& key : text_keys) p.add(key);
  Poco::Data::Statement statement(session_);
  statement << "SELECT " + text_column + kColumnsAfterText + where_and_order;
  p.bind(statement);
  Rows rows;
  rows.bind(statement);
  statement.execute();
  return rows.to_interactions();
}

std::optional<Interaction> InteractionRepository::find(InteractionId id) {
  auto found = select("text", "WHERE id = $1", {}, {id.value});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Interaction> InteractionRepository::find_by_network_id(AccountId account, const std::string& network_id) {
  auto found = select("text", "WHERE account_id = $1 AND network_id = $2", {network_id}, {account.value});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Interaction> InteractionRepository::replies_to(AccountId account, const std::string& network_id) {
  return select("text", "WHERE account_id = $1 AND in_reply_to = $2 ORDER BY created_at, id", {network_id},
                {account.value});
}

InboxPage InteractionRepository::page(const InboxQuery& query) {
  Parameters p;
  std::string sql = "SELECT SUBSTR(text, 1, " + std::to_string(query.excerpt_characters) + ")" + kColumnsAfterText +
                    filters(query, p);
  if (query.before) sql += " AND id < " + p.add(query.before->value);
  const Int64 fetch = std::max(1, query.limit) + 1;  // one more tells whether there is a next page
  sql += " ORDER BY id DESC LIMIT " + p.add(fetch);
  if (query.offset > 0) sql += " OFFSET " + p.add(Int64{query.offset});
  Poco::Data::Statement statement(session_);
  statement << sql;
  p.bind(statement);
  Rows rows;
  rows.bind(statement);
  statement.execute();
  InboxPage page;
  page.items = rows.to_interactions();
  if (static_cast<Int64>(page.items.size()) == fetch) {
    page.items.pop_back();
    page.next_before = page.items.back().id;
  }
  return page;
}

std::int64_t InteractionRepository::count(const InboxQuery& query) {
  Parameters p;
  const std::string sql = "SELECT COUNT(*) FROM interactions " + filters(query, p);
  Int64 total = 0;
  Poco::Data::Statement statement(session_);
  statement << sql;
  p.bind(statement);
  statement, into(total);
  statement.execute();
  return total;
}

void InteractionRepository::set_state(InteractionId id, InboxState state) {
  Int64 key = id.value;
  std::string name{to_string(state)};
  session_ << "UPDATE interactions SET state = $1 WHERE id = $2", use(name), use(key), now;
}

void InteractionRepository::assign(InteractionId id, std::optional<UserId> assignee) {
  Int64 key = id.value;
  Poco::Nullable<Int64> who;
  if (assignee) who = assignee->value;
  // Assigning moves a new item on; taking the assignment away moves it back.
  session_ << "UPDATE interactions SET assignee = $1, state = CASE "
              "WHEN state = 'new' AND $2 > 0 THEN 'assigned' WHEN state = 'assigned' AND $3 = 0 THEN 'new' "
              "ELSE state END WHERE id = $4",
      use(who), bind(Int64{assignee ? 1 : 0}), bind(Int64{assignee ? 1 : 0}), use(key), now;
}

void InteractionRepository::record_decision(InteractionId id, const ModerationDecision& decision, bool needs_review) {
  Int64 key = id.value;
  std::string category = decision.category, action = decision.action, by = decision.decided_by,
              reason = decision.reason;
  Int64 score = decision.score_permille;
  Int64 review = needs_review ? 1 : 0;
  session_ << "UPDATE interactions SET category = $1, score = $2, action = $3, decided_by = $4, reason = $5, "
              "needs_review = $6 WHERE id = $7",
      use(category), use(score), use(action), use(by), use(reason), use(review), use(key), now;
}

bool InteractionRepository::set_visibility(InteractionId id, Visibility visibility, const std::string& network_note,
                                           Visibility expected) {
  Int64 key = id.value;
  std::string name{to_string(visibility)};
  std::string note = network_note;
  std::string was{to_string(expected)};
  Int64 review = visibility == Visibility::hide_refused ? 1 : 0;
  Poco::Data::Statement update(session_);
  update << "UPDATE interactions SET visibility = $1, network_note = $2, "
            "needs_review = CASE WHEN $3 = 1 THEN 1 ELSE needs_review END WHERE id = $4 AND visibility = $5",
      use(name), use(note), use(review), use(key), use(was);
  return update.execute() > 0;
}

std::vector<Interaction> InteractionRepository::pending_hides(AccountId account, int limit) {
  return select("text",
                "WHERE account_id = $1 AND visibility = 'hide_pending' ORDER BY id LIMIT " + std::to_string(limit), {},
                {account.value});
}

void InteractionRepository::mark_answered(InteractionId id, Timestamp when) {
  Int64 key = id.value;
  Int64 at = to_unix_ms(when);
  session_ << "UPDATE interactions SET first_answer_at = COALESCE(first_answer_at, $1), "
              "state = CASE WHEN state = 'done' THEN state ELSE 'answered' END WHERE id = $2",
      use(at), use(key), now;
}

std::vector<InteractionRepository::AnswerTime> InteractionRepository::answer_times(Timestamp from, Timestamp to) {
  Int64 start = to_unix_ms(from), end = to_unix_ms(to);
  std::vector<Int64> accounts, created, waiting;
  std::vector<Poco::Nullable<Int64>> answered;
  session_ << "SELECT account_id, created_at, first_answer_at, "
              "CASE WHEN state <> 'done' AND visibility = 'visible' THEN 1 ELSE 0 END FROM interactions "
              "WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at",
      use(start), use(end), into(accounts), into(created), into(answered), into(waiting), now;
  std::vector<AnswerTime> out;
  out.reserve(accounts.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    AnswerTime time{AccountId{accounts[i]}, from_unix_ms(created[i]), std::nullopt, waiting[i] != 0};
    if (!answered[i].isNull()) time.first_answer_at = from_unix_ms(answered[i].value());
    out.push_back(time);
  }
  return out;
}

std::vector<InteractionRepository::ModerationCount> InteractionRepository::moderation_counts(Timestamp from,
                                                                                             Timestamp to) {
  Int64 start = to_unix_ms(from), end = to_unix_ms(to);
  std::vector<Int64> accounts, items, hidden;
  std::vector<std::string> categories, actions;
  session_ << "SELECT account_id, category, action, COUNT(*), "
              "SUM(CASE WHEN visibility = 'hidden' THEN 1 ELSE 0 END) FROM interactions "
              "WHERE created_at >= $1 AND created_at < $2 GROUP BY account_id, category, action "
              "ORDER BY account_id, category, action",
      use(start), use(end), into(accounts), into(categories), into(actions), into(items), into(hidden), now;
  std::vector<ModerationCount> out;
  out.reserve(accounts.size());
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    out.push_back({AccountId{accounts[i]}, categories[i], actions[i], items[i], hidden[i]});
  }
  return out;
}

SyncCursor InteractionRepository::cursor(AccountId account) {
  Int64 key = account.value;
  std::vector<std::string> cursors, errors;
  std::vector<Int64> synced;
  session_ << "SELECT cursor, synced_at, last_error FROM inbox_cursors WHERE account_id = $1", use(key), into(cursors),
      into(synced), into(errors), now;
  if (cursors.empty()) return {};
  return {cursors.front(), from_unix_ms(synced.front()), errors.front()};
}

void InteractionRepository::set_cursor(AccountId account, const SyncCursor& cursor) {
  Int64 key = account.value;
  std::string text = cursor.cursor, error = cursor.last_error;
  Int64 at = cursor.synced_at ? to_unix_ms(*cursor.synced_at) : 0;
  session_ << "DELETE FROM inbox_cursors WHERE account_id = $1", use(key), now;
  session_ << "INSERT INTO inbox_cursors (account_id, cursor, synced_at, last_error) VALUES ($1, $2, $3, $4)", use(key),
      use(text), use(at), use(error), now;
}

std::vector<SavedReply> InteractionRepository::saved_replies() {
  std::vector<Int64> ids, by, at;
  std::vector<std::string> names, languages, texts;
  session_ << "SELECT id, name, language, text, created_by, created_at FROM saved_replies ORDER BY language, name, id",
      into(ids), into(names), into(languages), into(texts), into(by), into(at), now;
  std::vector<SavedReply> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out.push_back({ids[i], names[i], languages[i], texts[i], UserId{by[i]}, from_unix_ms(at[i])});
  }
  return out;
}

SavedReply InteractionRepository::add_saved_reply(const std::string& name, const std::string& language,
                                                  const std::string& text, UserId by, Timestamp when) {
  std::string n = name, l = language, t = text;
  Int64 who = by.value, at = to_unix_ms(when), id = 0;
  session_ << "INSERT INTO saved_replies (name, language, text, created_by, created_at) VALUES ($1, $2, $3, $4, $5) "
              "RETURNING id",
      use(n), use(l), use(t), use(who), use(at), into(id), now;
  return {id, name, language, text, by, when};
}

bool InteractionRepository::remove_saved_reply(std::int64_t id) {
  Int64 key = id;
  Poco::Data::Statement statement(session_);
  statement << "DELETE FROM saved_replies WHERE id = $1", use(key);
  return statement.execute() > 0;
}

}  // namespace kanal::store
