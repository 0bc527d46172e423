#include "store/migrations.h"

#include <Poco/Data/Session.h>

#include <algorithm>

#include "core/error.h"
#include "core/time.h"
#include "store/audit_repository.h"

using namespace Poco::Data::Keywords;

namespace kanal::store {
namespace {

// Spells the column types that differ between the dialects; "" for a
// statement of the other dialect.
std::string expand(const std::string& sql, const Database& db) {
  std::string out = sql;
  for (const auto& [prefix, dialect] : {std::pair{std::string("%SQLITE% "), Dialect::sqlite},
                                        std::pair{std::string("%POSTGRESQL% "), Dialect::postgresql}}) {
    if (out.rfind(prefix, 0) != 0) continue;
    if (db.dialect() != dialect) return "";
    out.erase(0, prefix.size());
  }
  const std::pair<std::string, std::string> tokens[] = {
      {"%ID%", db.identity_column()},
      {"%BLOB%", db.dialect() == Dialect::sqlite ? "BLOB" : "BYTEA"},
  };
  for (const auto& [token, replacement] : tokens) {
    for (auto at = out.find(token); at != std::string::npos; at = out.find(token, at)) {
      out.replace(at, token.size(), replacement);
    }
  }
  return out;
}

int current_version(Poco::Data::Session& session) {
  Poco::Nullable<Poco::Int64> version;
  session << "SELECT MAX(version) FROM schema_migrations", into(version), now;
  return version.isNull() ? 0 : static_cast<int>(version.value());
}

// Several kanald on one PostgreSQL: one migrates, the others wait here.
void lock_schema(Database& db, Poco::Data::Session& session) {
  if (db.dialect() == Dialect::postgresql) session << "SELECT pg_advisory_xact_lock(7420001)", now;
}

std::vector<std::string> table_names(Database& db, Poco::Data::Session& session) {
  std::vector<std::string> names;
  if (db.dialect() == Dialect::sqlite) {
    session << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", into(names), now;
  } else {
    session << "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
        into(names), now;
  }
  return names;
}

void ensure_migrations_table(Database& db) {
  db.transact([&](Poco::Data::Session& session) {
    lock_schema(db, session);
    const auto tables = table_names(db, session);
    if (std::find(tables.begin(), tables.end(), "schema_migrations") != tables.end()) return;
    // Tables, but not ours: someone else's database, which is not ours to change.
    if (!tables.empty()) {
      throw Error(ErrorCode::unavailable, "the database " + db.description() +
                                              " holds tables but is not a Kanal database; refusing to start. "
                                              "It was not modified.");
    }
    session << "CREATE TABLE schema_migrations ("
               "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        now;
  });
}

void refuse_if_newer(const Database& db, int version, int newest_known) {
  if (version <= newest_known) return;
  throw Error(ErrorCode::unavailable, "the database " + db.description() + " is at schema version " +
                                          std::to_string(version) + ", newer than this Kanal knows (" +
                                          std::to_string(newest_known) +
                                          "); refusing to start. Upgrade Kanal; the database was not modified.");
}

}  // namespace

const std::vector<Migration>& schema_migrations() {
  static const std::vector<Migration> migrations{
      {1,
       "users, accounts, posts with variants, audit events",
       {
           "CREATE TABLE users (id %ID%, login TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, "
           "role TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE accounts (id %ID%, network TEXT NOT NULL, handle TEXT NOT NULL, "
           "display_name TEXT NOT NULL, created_at BIGINT NOT NULL, UNIQUE (network, handle))",
           // Deleting a post keeps the row (deleted_at): posts are public records.
           "CREATE TABLE posts (id %ID%, author_id BIGINT NOT NULL REFERENCES users (id), text TEXT NOT NULL, "
           "state TEXT NOT NULL, version BIGINT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, deleted_at BIGINT)",
           "CREATE INDEX posts_live_by_id ON posts (deleted_at, id)",
           "CREATE INDEX posts_live_by_state ON posts (deleted_at, state, id)",
           "CREATE TABLE post_variants (post_id BIGINT NOT NULL REFERENCES posts (id), "
           "account_id BIGINT NOT NULL REFERENCES accounts (id), text TEXT NOT NULL, "
           "PRIMARY KEY (post_id, account_id))",
           "CREATE TABLE audit_events (id %ID%, at BIGINT NOT NULL, actor_id BIGINT REFERENCES users (id), "
           "action TEXT NOT NULL, object_type TEXT NOT NULL, object_id BIGINT, detail TEXT NOT NULL)",
           "CREATE INDEX audit_events_by_object ON audit_events (object_type, object_id)",
       }},
      {2,
       "connected accounts and the outbox",
       {
           "ALTER TABLE accounts ADD COLUMN instance_url TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE accounts ADD COLUMN network_account_id TEXT NOT NULL DEFAULT ''",
           // The platform credentials, encrypted (store/secret_box.h); NULL once disconnected.
           "ALTER TABLE accounts ADD COLUMN credentials TEXT",
           "ALTER TABLE accounts ADD COLUMN health TEXT NOT NULL DEFAULT 'ok'",
           "ALTER TABLE accounts ADD COLUMN health_detail TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE accounts ADD COLUMN followers BIGINT NOT NULL DEFAULT 0",
           // One row per (post, account) to publish; the key makes resending safe.
           "CREATE TABLE outbox (id %ID%, post_id BIGINT NOT NULL REFERENCES posts (id), "
           "account_id BIGINT NOT NULL REFERENCES accounts (id), idempotency_key TEXT NOT NULL UNIQUE, "
           "state TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, "
           "last_error TEXT NOT NULL DEFAULT '', network_id TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '', "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (post_id, account_id))",
           "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
       }},
      {3,
       "images with alt text, and threads",
       {
           // Uploaded once; posts refer to them. Kept with the post for the records.
           "CREATE TABLE media (id %ID%, uploader_id BIGINT NOT NULL REFERENCES users (id), "
           "content_type TEXT NOT NULL, filename TEXT NOT NULL, size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, "
           "content %BLOB% NOT NULL, created_at BIGINT NOT NULL)",
           // The parts of a thread after the first (which is posts.text).
           "CREATE TABLE post_parts (post_id BIGINT NOT NULL REFERENCES posts (id), part_index INTEGER NOT NULL, "
           "text TEXT NOT NULL, PRIMARY KEY (post_id, part_index))",
           // Images on a part (0: the first), in order, with their alt text.
           "CREATE TABLE post_media (post_id BIGINT NOT NULL REFERENCES posts (id), part_index INTEGER NOT NULL, "
           "item_index INTEGER NOT NULL, media_id BIGINT NOT NULL REFERENCES media (id), "
           "description TEXT NOT NULL, PRIMARY KEY (post_id, part_index, item_index))",
       }},
      {4,
       "a post's language, its template and segment, and the rights flag",
       {
           "ALTER TABLE posts ADD COLUMN language TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE posts ADD COLUMN template_id TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE posts ADD COLUMN segment_id TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE posts ADD COLUMN template_text TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE posts ADD COLUMN needs_expert_check BIGINT NOT NULL DEFAULT 0",
       }},
      {5,
       "each account's server text limits",
       {
           "ALTER TABLE accounts ADD COLUMN max_characters BIGINT NOT NULL DEFAULT 0",
           "ALTER TABLE accounts ADD COLUMN characters_per_url BIGINT NOT NULL DEFAULT 0",
       }},
      {6,
       "the audit trail as a hash chain",
       {
           // seq: the event's place in the chain; prev_hash and hash seal it
           // (store/audit_repository.h). Earlier events are sealed here, once.
           "ALTER TABLE audit_events ADD COLUMN seq BIGINT",
           "ALTER TABLE audit_events ADD COLUMN prev_hash TEXT",
           "ALTER TABLE audit_events ADD COLUMN hash TEXT",
           "CREATE UNIQUE INDEX audit_events_by_seq ON audit_events (seq)",
           "CREATE INDEX audit_events_by_time ON audit_events (at)",
           // The chain's end, one row: its lock orders concurrent writers.
           "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, last_seq BIGINT NOT NULL, last_hash TEXT NOT NULL)",
           "INSERT INTO audit_head (id, last_seq, last_hash) VALUES "
           "(1, 0, '0000000000000000000000000000000000000000000000000000000000000000')",
       },
       [](Poco::Data::Session& session) { seal_events_before_the_chain(session); }},
      {7,
       "the fields a template post was filled in with",
       {
           // A JSON object; kanald composes the template again from it to
           // check the text a client says the template gave.
           "ALTER TABLE posts ADD COLUMN template_fields TEXT NOT NULL DEFAULT '{}'",
       }},
      {8,
       "sign-in, sessions, reviews and approvals",
       {
           // An Argon2id string (libsodium); empty: the user cannot sign in
           // with a password (the OS user of a local workspace).
           "ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE users ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0",
           // Only a hash of each session token is kept.
           "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id), "
           "created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
           // Failed sign-ins in a row, per login (known or not): they slow down and lock.
           "CREATE TABLE sign_in_failures (login TEXT PRIMARY KEY, failures BIGINT NOT NULL, "
           "last_failure_at BIGINT NOT NULL, locked_until BIGINT NOT NULL)",
           // One submission of a post for approval: the exact content and
           // targets (and their hash) the approvals are bound to.
           "CREATE TABLE reviews (id %ID%, post_id BIGINT NOT NULL REFERENCES posts (id), "
           "content_hash TEXT NOT NULL, content TEXT NOT NULL, targets TEXT NOT NULL, steps TEXT NOT NULL, "
           "reasons TEXT NOT NULL, submitted_by BIGINT NOT NULL REFERENCES users (id), submitted_at BIGINT NOT NULL, "
           "state TEXT NOT NULL, closed_at BIGINT)",
           "CREATE INDEX reviews_by_post ON reviews (post_id, id)",
           "CREATE INDEX reviews_by_state ON reviews (state, id)",
           "CREATE TABLE review_decisions (id %ID%, review_id BIGINT NOT NULL REFERENCES reviews (id), "
           "step TEXT NOT NULL, decided_by BIGINT NOT NULL REFERENCES users (id), decision TEXT NOT NULL, "
           "comment TEXT NOT NULL, content_hash TEXT NOT NULL, at BIGINT NOT NULL)",
           "CREATE INDEX review_decisions_by_review ON review_decisions (review_id, id)",
           // What the publisher was cleared to send; it refuses anything else.
           "ALTER TABLE outbox ADD COLUMN content_hash TEXT NOT NULL DEFAULT ''",
       }},
      {9,
       "who may do what on which account",
       {
           // capabilities: a comma list of draft, publish, approve, answer, moderate.
           "CREATE TABLE account_permissions (account_id BIGINT NOT NULL REFERENCES accounts (id), "
           "user_id BIGINT NOT NULL REFERENCES users (id), capabilities TEXT NOT NULL, "
           "PRIMARY KEY (account_id, user_id))",
       }},
      {10,
       "posts scheduled for a moment",
       {
           // due_at in UTC; wall_clock and zone as the person chose them.
           "CREATE TABLE schedules (post_id BIGINT PRIMARY KEY REFERENCES posts (id), account_ids TEXT NOT NULL, "
           "due_at BIGINT NOT NULL, wall_clock TEXT NOT NULL, zone TEXT NOT NULL, state TEXT NOT NULL, "
           "reason TEXT NOT NULL, scheduled_by BIGINT NOT NULL REFERENCES users (id), updated_at BIGINT NOT NULL)",
           "CREATE INDEX schedules_due ON schedules (state, due_at)",
       }},
      {11,
       "crisis pauses, blackout windows, queue slots, repeated posts",
       {
           // account_ids empty: every account. A pause holds until resumed_at is set.
           "CREATE TABLE pauses (id %ID%, account_ids TEXT NOT NULL, reason TEXT NOT NULL, "
           "paused_by BIGINT NOT NULL REFERENCES users (id), paused_at BIGINT NOT NULL, "
           "resumed_by BIGINT REFERENCES users (id), resumed_at BIGINT)",
           // [starts_at, ends_at) in UTC; starts, ends and zone as the person named them.
           "CREATE TABLE blackouts (id %ID%, name TEXT NOT NULL, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, "
           "starts TEXT NOT NULL, ends TEXT NOT NULL, zone TEXT NOT NULL, account_ids TEXT NOT NULL, "
           "created_by BIGINT NOT NULL REFERENCES users (id), created_at BIGINT NOT NULL)",
           // Workspace-wide settings by name (e.g. catch_up_minutes).
           "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
           // slots: a comma list of "mon 09:00".
           "CREATE TABLE queue_slots (account_id BIGINT PRIMARY KEY REFERENCES accounts (id), "
           "slots TEXT NOT NULL, zone TEXT NOT NULL)",
           // The rule that made a repeated post, in words ("payment day 25 (se)").
           "ALTER TABLE schedules ADD COLUMN series TEXT NOT NULL DEFAULT ''",
       }},
      {12,
       "the engagement inbox",
       {
           // What the networks brought in, once per account and network id.
           // post_id: the agency's post it answers. score: the moderation's
           // confidence in permille. visibility: visible, hidden, or
           // hide_refused (wanted hidden, the network refused).
           "CREATE TABLE interactions (id %ID%, account_id BIGINT NOT NULL REFERENCES accounts (id), "
           "network_id TEXT NOT NULL, kind TEXT NOT NULL, author_id TEXT NOT NULL, author_handle TEXT NOT NULL, "
           "author_name TEXT NOT NULL, text TEXT NOT NULL, truncated BIGINT NOT NULL, language TEXT NOT NULL, "
           "created_at BIGINT NOT NULL, in_reply_to TEXT NOT NULL, post_id BIGINT, url TEXT NOT NULL, "
           "fetched_at BIGINT NOT NULL, state TEXT NOT NULL, assignee BIGINT REFERENCES users (id), "
           "category TEXT NOT NULL, score BIGINT NOT NULL, action TEXT NOT NULL, decided_by TEXT NOT NULL, "
           "reason TEXT NOT NULL, needs_review BIGINT NOT NULL, visibility TEXT NOT NULL, network_note TEXT NOT NULL, "
           "first_answer_at BIGINT, UNIQUE (account_id, network_id))",
           "CREATE INDEX interactions_by_state ON interactions (state, id)",
           "CREATE INDEX interactions_by_account ON interactions (account_id, id)",
           "CREATE INDEX interactions_by_review ON interactions (needs_review, id)",
           "CREATE INDEX interactions_by_visibility ON interactions (visibility, id)",
           "CREATE INDEX interactions_by_language ON interactions (language, id)",
           "CREATE INDEX interactions_by_category ON interactions (category, id)",
           // Where each account's sync goes on from.
           "CREATE TABLE inbox_cursors (account_id BIGINT PRIMARY KEY REFERENCES accounts (id), "
           "cursor TEXT NOT NULL, synced_at BIGINT NOT NULL, last_error TEXT NOT NULL)",
           // Answers the team reuses; the text may hold {fields}.
           "CREATE TABLE saved_replies (id %ID%, name TEXT NOT NULL, language TEXT NOT NULL, text TEXT NOT NULL, "
           "created_by BIGINT NOT NULL REFERENCES users (id), created_at BIGINT NOT NULL)",
           "ALTER TABLE posts ADD COLUMN reply_to BIGINT NOT NULL DEFAULT 0",
           // What a comment answers is found by the network's id of the agency's post.
           "CREATE INDEX outbox_by_network_id ON outbox (account_id, network_id)",
       }},
      {13,
       "likes and followers over time",
       {
           // An account's figures as read (value NULL: the network did not
           // give it), and their rollups per hour, day and ISO week, kept
           // up to date as each reading comes in.
           "CREATE TABLE account_samples (account_id BIGINT NOT NULL REFERENCES accounts (id), "
           "metric TEXT NOT NULL, at BIGINT NOT NULL, value BIGINT, PRIMARY KEY (account_id, metric, at))",
           "CREATE TABLE account_rollups (account_id BIGINT NOT NULL REFERENCES accounts (id), "
           "metric TEXT NOT NULL, period TEXT NOT NULL, start_at BIGINT NOT NULL, first_value BIGINT, "
           "last_value BIGINT, low BIGINT, high BIGINT, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL, "
           "samples BIGINT NOT NULL, unavailable BIGINT NOT NULL, PRIMARY KEY (account_id, metric, period, start_at))",
           // A published variant's figures as read, and where its reading
           // schedule stands (next_at NULL: done) with the latest figures.
           "CREATE TABLE post_samples (outbox_id BIGINT NOT NULL REFERENCES outbox (id), at BIGINT NOT NULL, "
           "likes BIGINT, shares BIGINT, replies BIGINT, impressions BIGINT, PRIMARY KEY (outbox_id, at))",
           "CREATE TABLE post_figures (outbox_id BIGINT PRIMARY KEY REFERENCES outbox (id), "
           "account_id BIGINT NOT NULL REFERENCES accounts (id), published_at BIGINT NOT NULL, "
           "taken BIGINT NOT NULL, next_at BIGINT, read_at BIGINT, likes BIGINT, shares BIGINT, replies BIGINT, "
           "impressions BIGINT, gone BIGINT NOT NULL)",
           "CREATE INDEX post_figures_due ON post_figures (account_id, next_at)",
           "CREATE INDEX post_figures_by_published ON post_figures (published_at)",
           // A report's answer times and moderation figures are of the comments written in its period.
           "CREATE INDEX interactions_by_created ON interactions (created_at)",
       }},
      {14,
       "press contacts and their handles per network",
       {
           // identity_key: name and organisation, case folded (contacts/contact_rules.h);
           // an import matches rows to contacts by it.
           "CREATE TABLE press_contacts (id %ID%, name TEXT NOT NULL, organisation TEXT NOT NULL, "
           "role TEXT NOT NULL, notes TEXT NOT NULL, identity_key TEXT NOT NULL UNIQUE, "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           // network: a plugin's id; handle as written there, handle_key in lower case.
           "CREATE TABLE press_contact_handles (contact_id BIGINT NOT NULL REFERENCES press_contacts (id), "
           "network TEXT NOT NULL, handle TEXT NOT NULL, handle_key TEXT NOT NULL, "
           "PRIMARY KEY (contact_id, network), UNIQUE (network, handle_key))",
       }},
      {15,
       "the database refuses to change or remove a sealed audit event",
       {
           // Sealing (seq, prev_hash, hash of a row still unsealed) is the one update allowed;
           // an insert comes unsealed and never over another row (SQLite's INSERT OR REPLACE).
           "%SQLITE% CREATE TRIGGER audit_events_sealed_stay BEFORE UPDATE ON audit_events "
           "WHEN OLD.seq IS NOT NULL BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
           "%SQLITE% CREATE TRIGGER audit_events_content_stays "
           "BEFORE UPDATE OF id, at, actor_id, action, object_type, object_id, detail ON audit_events "
           "BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
           "%SQLITE% CREATE TRIGGER audit_events_stay BEFORE DELETE ON audit_events "
           "BEGIN SELECT RAISE(ABORT, 'audit events cannot be removed'); END",
           "%SQLITE% CREATE TRIGGER audit_events_come_unsealed BEFORE INSERT ON audit_events "
           "WHEN NEW.seq IS NOT NULL OR EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id) "
           "BEGIN SELECT RAISE(ABORT, 'audit events are added unsealed, and never over another'); END",
           "%POSTGRESQL% CREATE FUNCTION kanal_audit_events_stay() RETURNS trigger LANGUAGE plpgsql AS $body$ "
           "BEGIN "
           "IF TG_OP = 'INSERT' THEN "
           "IF NEW.seq IS NOT NULL THEN RAISE EXCEPTION 'audit events are added unsealed'; END IF; "
           "RETURN NEW; "
           "END IF; "
           "IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'audit events cannot be removed'; END IF; "
           "IF OLD.seq IS NOT NULL OR (NEW.id, NEW.at, NEW.actor_id, NEW.action, NEW.object_type, NEW.object_id, "
           "NEW.detail) IS DISTINCT FROM (OLD.id, OLD.at, OLD.actor_id, OLD.action, OLD.object_type, OLD.object_id, "
           "OLD.detail) THEN RAISE EXCEPTION 'audit events cannot be changed'; END IF; "
           "RETURN NEW; "
           "END $body$",
           "%POSTGRESQL% CREATE TRIGGER audit_events_stay BEFORE INSERT OR UPDATE OR DELETE ON audit_events "
           "FOR EACH ROW EXECUTE FUNCTION kanal_audit_events_stay()",
           "%POSTGRESQL% CREATE TRIGGER audit_events_not_truncated BEFORE TRUNCATE ON audit_events "
           "FOR EACH STATEMENT EXECUTE FUNCTION kanal_audit_events_stay()",
           // Times are kept in order from here on; events recorded before
           // (times read before the chain's lock) may differ by moments.
           "ALTER TABLE audit_head ADD COLUMN ordered_from BIGINT NOT NULL DEFAULT 1",
           "UPDATE audit_head SET ordered_from = last_seq + 1",
       }},
      {16,
       "sign-in attempts refused while a login is locked",
       {
           // Counted, not each put on the record: the trail names the first.
           "ALTER TABLE sign_in_failures ADD COLUMN refused BIGINT NOT NULL DEFAULT 0",
       }},
      {17,
       "deliveries claimed by one kanald for a lease; when their first attempt went out",
       {
           "ALTER TABLE outbox ADD COLUMN first_attempt_at BIGINT",
           "ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT ''",
           "ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0",
       }},
      {18,
       "the role a pause was set with (lifting it needs as much, whatever the setter's role is now)",
       {
           "ALTER TABLE pauses ADD COLUMN paused_by_role TEXT NOT NULL DEFAULT ''",
           "UPDATE pauses SET paused_by_role = (SELECT role FROM users WHERE users.id = pauses.paused_by)",
       }},
      {19,
       "the workspace's documents (approval policy, templates, word lists, moderation) kept in the database",
       {
           // name: one of settings/documents.h; revision counts changes, so each kanald sees another's.
           "CREATE TABLE workspace_documents (name TEXT PRIMARY KEY, content TEXT NOT NULL, "
           "revision BIGINT NOT NULL, changed_at BIGINT NOT NULL, changed_by BIGINT REFERENCES users (id))",
       }},
  };
  return migrations;
}

int schema_version(Database& db) {
  ensure_migrations_table(db);
  return db.read([](Poco::Data::Session& session) { return current_version(session); });
}

int migrate(Database& db, const std::vector<Migration>& migrations) {
  ensure_migrations_table(db);
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  refuse_if_newer(db, schema_version(db), newest_known);
  int applied = 0;
  for (const auto& migration : migrations) {
    const bool ran = db.transact([&](Poco::Data::Session& session) {
      lock_schema(db, session);
      const int version = current_version(session);
      refuse_if_newer(db, version, newest_known);
      if (version >= migration.version) return false;
      for (const auto& statement : migration.statements) {
        if (const auto sql = expand(statement, db); !sql.empty()) session << sql, now;
      }
      if (migration.then) migration.then(session);
      Poco::Int64 at = to_unix_ms(SystemClock{}.now());
      Poco::Int64 number = migration.version;
      std::string name = migration.name;
      session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", use(number),
          use(name), use(at), now;
      return true;
    });
    if (ran) ++applied;
  }
  return applied;
}

}  // namespace kanal::store
