// Writing posts: threads as replies to the part before, images uploaded
// with their alt text, facets for links, mentions and hashtags. Exactly
// once: each part's record key (a TID) and time are chosen on the first
// attempt and kept in the host's store; a part is written with putRecord
// and swapRecord null, which creates it if absent and otherwise answers
// that it is already there, so a resend after a lost answer (or a PDS down
// mid-thread) goes on at the first part not yet written.
#include <chrono>

#include "bluesky_network.h"
#include "core/error.h"
#include "core/json.h"

namespace kanal::bluesky {

using plugin::FailureKind;
using plugin::NetworkError;

namespace {

constexpr const char* kPost = "app.bsky.feed.post";

StrongRef ref_of(const rapidjson::Value& answer, const std::string& what) {
  StrongRef ref{string_at(answer, "uri"), string_at(answer, "cid")};
  if (ref.uri.empty() || ref.cid.empty()) {
    throw NetworkError(FailureKind::unknown_outcome, "the answer to " + what + " names no record");
  }
  return ref;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> BlueskyNetwork::record_keys(const std::string& idempotency_key,
                                                                             std::size_t parts) {
  const auto state_key = "publication." + idempotency_key;
  std::lock_guard lock(keys_mutex_);
  std::vector<std::pair<std::string, std::string>> keys;
  if (const auto kept = host_.load(state_key)) {
    try {
      const auto doc = json::parse_json(*kept);
      for (const auto& item : doc.GetArray()) keys.emplace_back(string_at(item, "rkey"), string_at(item, "at"));
    } catch (const std::exception&) {
      keys.clear();
    }
  }
  if (keys.size() >= parts) return keys;
  // New keys after the kept ones, a microsecond apart: a thread's parts sort in order.
  const auto now = host_.clock().now();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  const unsigned clock_id = std::uniform_int_distribution<unsigned>(0, 1023)(random_);
  for (std::size_t i = keys.size(); i < parts; ++i) {
    keys.emplace_back(make_tid(micros + static_cast<std::int64_t>(i), clock_id), to_iso8601(now));
  }
  host_.save(state_key, json::written([&](json::JsonWriter& w) {
               w.StartArray();
               for (const auto& [rkey, at] : keys) {
                 w.StartObject();
                 json::write_string(w, "rkey", rkey);
                 json::write_string(w, "at", at);
                 w.EndObject();
               }
               w.EndArray();
             }));
  return keys;
}

StrongRef BlueskyNetwork::put_new_record(const Account& account, const std::string& collection, const std::string& rkey,
                                         const std::string& record_json, const std::string& what) const {
  const auto body = json::written([&](json::JsonWriter& w) {
    w.StartObject();
    json::write_string(w, "repo", account.session.did);
    json::write_string(w, "collection", collection);
    json::write_string(w, "rkey", rkey);
    w.Key("record");
    w.RawValue(record_json.c_str(), record_json.size(), rapidjson::kObjectType);
    w.Key("swapRecord");
    w.Null();  // only if nothing is there yet
    w.EndObject();
  });
  const auto response =
      account.pds.send("POST", "com.atproto.repo.putRecord", {}, body, "application/json", true, what);
  if (response.status == 200) {
    try {
      return ref_of(parse_answer(response.body, what), what);
    } catch (const NetworkError& e) {
      throw NetworkError(FailureKind::unknown_outcome, e.reason());
    }
  }
  if (xrpc_error_name(response) != "InvalidSwap") throw xrpc_failure(response, what);
  // Another record is at the key: ours from an earlier attempt (an image
  // uploaded again may differ in its metadata). It stands; read its reference.
  const auto existing = account.pds.query("com.atproto.repo.getRecord",
                                          {{"repo", account.session.did}, {"collection", collection}, {"rkey", rkey}},
                                          "reading the record already written");
  return ref_of(existing, "reading the record already written");
}

std::vector<Facet> BlueskyNetwork::facets_of(const Account& account, const plugin::Part& part) const {
  std::vector<Facet> facets;
  for (const auto& entity : part.entities) {
    if (entity.byte_end > part.text.size() || entity.byte_start >= entity.byte_end) continue;
    Facet facet{entity.kind, entity.byte_start, entity.byte_end, entity.value};
    if (entity.kind == plugin::TextEntity::link) {
      facet.value = link_uri(entity.value);
    } else if (entity.kind == plugin::TextEntity::mention) {
      // A mention links to the person's DID; one that does not resolve stays plain text.
      try {
        const auto answer = account.pds.query("com.atproto.identity.resolveHandle", {{"handle", entity.value}},
                                              "looking up @" + entity.value);
        facet.value = string_at(answer, "did");
      } catch (const NetworkError& e) {
        if (e.kind() != FailureKind::rejected) throw;
        facet.value.clear();
      }
      if (facet.value.empty()) continue;
    }
    facets.push_back(std::move(facet));
  }
  return facets;
}

std::vector<StrongRef> BlueskyNetwork::write_posts(const Account& account, const std::vector<plugin::Part>& parts,
                                                   const std::string& language, const std::string& idempotency_key,
                                                   const std::optional<ReplyRefs>& answering) {
  if (idempotency_key.empty()) throw NetworkError(FailureKind::rejected, "a post needs an idempotency key");
  const auto keys = record_keys(idempotency_key, parts.size());
  std::vector<StrongRef> written;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& part = parts[i];
    PostRecord record;
    record.text = part.text;
    record.language = language;
    record.created_at = keys[i].second;
    record.facets = facets_of(account, part);
    for (const auto& media : part.media) {
      const auto answer = account.pds.send("POST", "com.atproto.repo.uploadBlob", {}, media.content, media.content_type,
                                           false, "uploading an image");
      if (answer.status != 200) throw xrpc_failure(answer, "uploading an image");
      const auto uploaded = parse_answer(answer.body, "uploading an image");
      if (!uploaded.HasMember("blob") || !uploaded["blob"].IsObject()) {
        throw NetworkError(FailureKind::transient, "the answer to uploading an image has no blob");
      }
      rapidjson::StringBuffer blob;
      rapidjson::Writer<rapidjson::StringBuffer> writer(blob);
      uploaded["blob"].Accept(writer);
      record.images.push_back(
          ImageRef{std::string(blob.GetString(), blob.GetSize()), media.description, image_size(media.content)});
    }
    if (i > 0) {
      record.reply = ReplyRefs{answering ? answering->root : written.front(), written.back()};
    } else if (answering) {
      record.reply = answering;
    }
    const auto what = parts.size() == 1 ? std::string("posting") : "posting part " + std::to_string(i + 1);
    written.push_back(put_new_record(account, kPost, keys[i].first, post_record_json(record), what));
  }
  return written;
}

Future<plugin::Published> BlueskyNetwork::publish(const plugin::Connection& connection,
                                                  const plugin::Publication& publication) {
  return executor_.submit([this, connection, publication] {
    if (publication.parts.empty()) throw NetworkError(FailureKind::rejected, "nothing to publish");
    const auto account = open(connection);
    const auto refs = write_posts(account, publication.parts, publication.language, publication.idempotency_key, {});
    plugin::Published published;
    published.network_id = refs.front().uri;
    published.url = post_url(web_url(), account.session.handle, refs.front().uri);
    for (const auto& ref : refs) published.part_ids.push_back(ref.uri);
    return published;
  });
}

ReplyRefs BlueskyNetwork::reply_refs(const Account& account, const std::string& uri) const {
  const auto answer = account.pds.query("app.bsky.feed.getPosts", {{"uris", uri}}, "reading the post answered");
  if (!answer.HasMember("posts") || !answer["posts"].IsArray() || answer["posts"].Empty()) {
    throw NetworkError(FailureKind::rejected, "the post answered is gone from the network");
  }
  const auto& post = answer["posts"][0];
  const StrongRef parent{string_at(post, "uri"), string_at(post, "cid")};
  if (parent.uri != uri || parent.cid.empty()) {
    throw NetworkError(FailureKind::transient, "the answer about the post answered is incomplete");
  }
  StrongRef root = parent;
  if (post.HasMember("record") && post["record"].IsObject() && post["record"].HasMember("reply") &&
      post["record"]["reply"].IsObject() && post["record"]["reply"].HasMember("root")) {
    const auto& thread_root = post["record"]["reply"]["root"];
    root = StrongRef{string_at(thread_root, "uri"), string_at(thread_root, "cid")};
    if (root.uri.empty() || root.cid.empty()) root = parent;
  }
  return ReplyRefs{root, parent};
}

Future<plugin::Published> BlueskyNetwork::reply(const plugin::Connection& connection,
                                                const plugin::ReplyRequest& reply) {
  return executor_.submit([this, connection, reply] {
    if (reply.in_reply_to_id.empty() || reply.text.empty()) {
      throw NetworkError(FailureKind::rejected, "a reply needs a text and what it answers");
    }
    if (reply.direct) {
      throw NetworkError(FailureKind::rejected, "Kanal does not answer Bluesky's direct messages; answer in the app");
    }
    const auto account = open(connection);
    const auto refs = reply_refs(account, reply.in_reply_to_id);
    const auto written = write_posts(account, {plugin::Part{reply.text, {}, reply.entities}}, reply.language,
                                     reply.idempotency_key, refs);
    return plugin::Published{
        written.front().uri, post_url(web_url(), account.session.handle, written.front().uri), {written.front().uri}};
  });
}

Future<Done> BlueskyNetwork::remove(const plugin::Connection& connection, const std::string& network_id) {
  return executor_.submit([this, connection, network_id] {
    const auto uri = parse_at_uri(network_id);
    if (!uri) throw NetworkError(FailureKind::rejected, "'" + network_id + "' is not a Bluesky post");
    const auto account = open(connection);
    const auto body = json::written([&](json::JsonWriter& w) {
      w.StartObject();
      json::write_string(w, "repo", account.session.did);
      json::write_string(w, "collection", uri->collection);
      json::write_string(w, "rkey", uri->rkey);
      w.EndObject();
    });
    // Deleting what is already gone succeeds: the goal is met.
    account.pds.procedure("com.atproto.repo.deleteRecord", body, "deleting the post", true);
    return Done{};
  });
}

}  // namespace kanal::bluesky
