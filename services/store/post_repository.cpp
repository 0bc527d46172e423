#include "store/post_repository.h"

#include <Poco/Data/Statement.h>

#include <map>

#include "core/error.h"
#include "core/json.h"

using namespace Poco::Data::Keywords;
using Poco::Int64;

namespace kanal::store {
namespace {

std::string fields_to_json(const std::map<std::string, std::string>& fields) {
  return json::written([&](json::JsonWriter& w) {
    w.StartObject();
    for (const auto& [name, value] : fields) json::write_string(w, name.c_str(), value);
    w.EndObject();
  });
}

std::map<std::string, std::string> fields_from_json(const std::string& text) {
  std::map<std::string, std::string> fields;
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  if (!doc.IsObject()) return fields;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    if (it->value.IsString()) fields.emplace(it->name.GetString(), it->value.GetString());
  }
  return fields;
}

constexpr const char* kPostColumns =
    "SELECT id, author_id, text, state, version, created_at, updated_at, language, template_id, segment_id, "
    "template_text, needs_expert_check, template_fields, reply_to FROM posts ";

// Column vectors filled by one SELECT of kPostColumns.
struct PostRows {
  std::vector<Int64> id, author, version, created, updated, expert, reply_to;
  std::vector<std::string> text, state, language, template_id, segment_id, template_text, fields;

  void bind(Poco::Data::Statement& statement) {
    statement, into(id), into(author), into(text), into(state), into(version), into(created), into(updated),
        into(language), into(template_id), into(segment_id), into(template_text), into(expert), into(fields),
        into(reply_to);
  }

  std::vector<Post> to_posts() const {
    std::vector<Post> posts;
    posts.reserve(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      Post post;
      post.id = PostId{id[i]};
      post.author = UserId{author[i]};
      post.text = text[i];
      post.state = parse_post_state(state[i]).value_or(PostState::draft);
      post.version = version[i];
      post.created_at = from_unix_ms(created[i]);
      post.updated_at = from_unix_ms(updated[i]);
      post.language = language[i];
      post.origin = PostOrigin{template_id[i], segment_id[i], template_text[i], fields_from_json(fields[i])};
      post.needs_expert_check = expert[i] != 0;
      post.reply_to = InteractionId{reply_to[i]};
      posts.push_back(std::move(post));
    }
    return posts;
  }
};

}  // namespace

Post PostRepository::create(const NewPost& post, Timestamp when) {
  Int64 author = post.author.value;
  Int64 at = to_unix_ms(when);
  std::string text = post.text;
  std::string state{to_string(PostState::draft)};
  std::string language = post.language;
  std::string template_id = post.origin.template_id;
  std::string segment_id = post.origin.segment_id;
  std::string template_text = post.origin.template_text;
  std::string fields = fields_to_json(post.origin.fields);
  Int64 expert = post.needs_expert_check ? 1 : 0;
  Int64 reply_to = post.reply_to.value;
  Int64 id = 0;
  session_ << "INSERT INTO posts (author_id, text, state, version, created_at, updated_at, language, template_id, "
              "segment_id, template_text, needs_expert_check, template_fields, reply_to) "
              "VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
      use(author), use(text), use(state), use(at), bind(at), use(language), use(template_id), use(segment_id),
      use(template_text), use(expert), use(fields), use(reply_to), into(id), now;
  insert_variants(PostId{id}, post.variants);
  insert_attachments(PostId{id}, 0, post.media);
  insert_thread(PostId{id}, post.thread);
  auto created = find(PostId{id});
  if (!created) throw Error(ErrorCode::internal, "a post just created could not be read back");
  return *created;
}

std::optional<Post> PostRepository::find(PostId id) {
  Int64 key = id.value;
  PostRows rows;
  Poco::Data::Statement select(session_);
  select << std::string(kPostColumns) + "WHERE id = $1 AND deleted_at IS NULL", use(key);
  rows.bind(select);
  select.execute();
  auto posts = rows.to_posts();
  if (posts.empty()) return std::nullopt;
  load_details(posts);
  return std::move(posts.front());
}

std::vector<Post> PostRepository::answers_to(InteractionId item) {
  Int64 key = item.value;
  PostRows rows;
  Poco::Data::Statement select(session_);
  select << std::string(kPostColumns) + "WHERE reply_to = $1 AND deleted_at IS NULL ORDER BY id", use(key);
  rows.bind(select);
  select.execute();
  auto posts = rows.to_posts();
  load_details(posts);
  return posts;
}

PostPage PostRepository::list(const PostQuery& query) {
  std::string sql = std::string(kPostColumns) + "WHERE deleted_at IS NULL";
  Int64 before = query.before ? query.before->value : 0;
  std::string state = query.state ? std::string(to_string(*query.state)) : std::string();
  Int64 fetch = std::max(1, query.limit) + 1;  // one more tells whether there is a next page

  Poco::Data::Statement select(session_);
  int placeholder = 0;
  auto next = [&] { return " $" + std::to_string(++placeholder); };
  if (query.state) sql += " AND state =" + next();
  if (query.before) sql += " AND id <" + next();
  if (!query.hidden.empty()) sql += " AND NOT (" + query.hidden + ")";
  sql += " ORDER BY id DESC LIMIT" + next();
  select << sql;
  if (query.state) select, use(state);
  if (query.before) select, use(before);
  select, use(fetch);
  PostRows rows;
  rows.bind(select);
  select.execute();

  PostPage page;
  page.items = rows.to_posts();
  if (static_cast<Int64>(page.items.size()) == fetch) {
    page.items.pop_back();
    page.next_before = page.items.back().id;
  }
  load_details(page.items);
  return page;
}

Post PostRepository::update(PostId id, std::int64_t expected_version, const PostChanges& changes, Timestamp when) {
  auto current = find(id);
  if (!current) throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " does not exist");
  if (current->version != expected_version) {
    throw Error(ErrorCode::stale_version,
                "post " + std::to_string(id.value) + " was changed by someone else (now at version " +
                    std::to_string(current->version) + ", you edited version " + std::to_string(expected_version) + ")",
                "version");
  }
  Int64 key = id.value;
  Int64 expected = expected_version;
  Int64 at = to_unix_ms(when);
  std::string text = changes.text.value_or(current->text);
  std::string language = changes.language.value_or(current->language);
  Int64 expert = changes.needs_expert_check.value_or(current->needs_expert_check) ? 1 : 0;
  // The version check is repeated in the UPDATE itself, so two writers that
  // both passed the check above cannot both win.
  Poco::Data::Statement statement(session_);
  statement << "UPDATE posts SET text = $1, version = version + 1, updated_at = $2, language = $3, "
               "needs_expert_check = $4 WHERE id = $5 AND version = $6 AND deleted_at IS NULL",
      use(text), use(at), use(language), use(expert), use(key), use(expected);
  if (statement.execute() != 1) {
    throw Error(ErrorCode::stale_version, "post " + std::to_string(id.value) + " was changed by someone else",
                "version");
  }
  if (changes.variants) {
    session_ << "DELETE FROM post_variants WHERE post_id = $1", use(key), now;
    insert_variants(id, *changes.variants);
  }
  if (changes.media) {
    session_ << "DELETE FROM post_media WHERE post_id = $1 AND part_index = 0", use(key), now;
    insert_attachments(id, 0, *changes.media);
  }
  if (changes.thread) {
    session_ << "DELETE FROM post_media WHERE post_id = $1 AND part_index > 0", use(key), now;
    session_ << "DELETE FROM post_parts WHERE post_id = $1", use(key), now;
    insert_thread(id, *changes.thread);
  }
  return *find(id);
}

void PostRepository::set_state(PostId id, PostState state, Timestamp when) {
  Int64 key = id.value;
  Int64 at = to_unix_ms(when);
  std::string name{to_string(state)};
  session_ << "UPDATE posts SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND state <> $4",
      use(name), use(at), use(key), bind(name), now;
}

void PostRepository::remove(PostId id, Timestamp when) {
  Int64 key = id.value;
  Int64 at = to_unix_ms(when);
  Poco::Data::Statement statement(session_);
  statement << "UPDATE posts SET deleted_at = $1, version = version + 1 WHERE id = $2 AND deleted_at IS NULL", use(at),
      use(key);
  if (statement.execute() != 1) {
    throw Error(ErrorCode::not_found, "post " + std::to_string(id.value) + " does not exist");
  }
}

void PostRepository::insert_variants(PostId id, const std::vector<Variant>& variants) {
  Int64 post = id.value;
  for (const auto& variant : variants) {
    Int64 account = variant.account.value;
    std::string text = variant.text;
    session_ << "INSERT INTO post_variants (post_id, account_id, text) VALUES ($1, $2, $3)", use(post), use(account),
        use(text), now;
  }
}

void PostRepository::insert_attachments(PostId id, int part_index, const std::vector<Attachment>& media) {
  Int64 post = id.value;
  Int64 part = part_index;
  for (std::size_t i = 0; i < media.size(); ++i) {
    Int64 item = static_cast<Int64>(i);
    Int64 media_id = media[i].media.value;
    std::string description = media[i].description;
    session_ << "INSERT INTO post_media (post_id, part_index, item_index, media_id, description) "
                "VALUES ($1, $2, $3, $4, $5)",
        use(post), use(part), use(item), use(media_id), use(description), now;
  }
}

void PostRepository::insert_thread(PostId id, const std::vector<ThreadPart>& thread) {
  Int64 post = id.value;
  for (std::size_t i = 0; i < thread.size(); ++i) {
    Int64 part = static_cast<Int64>(i + 1);
    std::string text = thread[i].text;
    session_ << "INSERT INTO post_parts (post_id, part_index, text) VALUES ($1, $2, $3)", use(post), use(part),
        use(text), now;
    insert_attachments(id, static_cast<int>(i + 1), thread[i].media);
  }
}

void PostRepository::load_details(std::vector<Post>& posts) {
  if (posts.empty()) return;
  // Ids are integers we read ourselves, so inlining them is safe.
  std::string ids;
  std::map<Int64, Post*> by_id;
  for (auto& post : posts) {
    ids += (ids.empty() ? "" : ",") + std::to_string(post.id.value);
    by_id[post.id.value] = &post;
  }
  {
    std::vector<Int64> post_ids, account_ids;
    std::vector<std::string> texts;
    session_ << "SELECT post_id, account_id, text FROM post_variants WHERE post_id IN (" + ids +
                    ") ORDER BY post_id, account_id",
        into(post_ids), into(account_ids), into(texts), now;
    for (std::size_t i = 0; i < post_ids.size(); ++i) {
      by_id[post_ids[i]]->variants.push_back(Variant{AccountId{account_ids[i]}, texts[i]});
    }
  }
  {
    std::vector<Int64> post_ids, part_indexes;
    std::vector<std::string> texts;
    session_ << "SELECT post_id, part_index, text FROM post_parts WHERE post_id IN (" + ids +
                    ") ORDER BY post_id, part_index",
        into(post_ids), into(part_indexes), into(texts), now;
    for (std::size_t i = 0; i < post_ids.size(); ++i) by_id[post_ids[i]]->thread.push_back(ThreadPart{texts[i], {}});
  }
  std::vector<Int64> post_ids, part_indexes, media_ids;
  std::vector<std::string> descriptions;
  session_ << "SELECT post_id, part_index, media_id, description FROM post_media WHERE post_id IN (" + ids +
                  ") ORDER BY post_id, part_index, item_index",
      into(post_ids), into(part_indexes), into(media_ids), into(descriptions), now;
  for (std::size_t i = 0; i < post_ids.size(); ++i) {
    auto& post = *by_id[post_ids[i]];
    Attachment attachment{MediaId{media_ids[i]}, descriptions[i]};
    const auto part = static_cast<std::size_t>(part_indexes[i]);
    if (part == 0) {
      post.media.push_back(std::move(attachment));
    } else if (part <= post.thread.size()) {
      post.thread[part - 1].media.push_back(std::move(attachment));
    }
  }
}

}  // namespace kanal::store
