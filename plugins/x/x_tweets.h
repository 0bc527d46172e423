#pragma once
// Reading X's posts ("tweets" in the API): as the inbox's interactions, as
// figures, and as texts to compare when looking for a post whose answer
// was lost.

#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.h"
#include "kanal/plugin/network.h"

namespace kanal::x {

// The fields Kanal asks X for, on every read of posts.
inline constexpr const char* kTweetFields =
    "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,lang,public_metrics";

struct Tweet {
  std::string id;
  std::string text;
  std::string author_id;
  std::string conversation_id;
  std::string replied_to;  // the post it answers, if any
  std::string in_reply_to_user_id;
  std::string lang;
  std::optional<Timestamp> created_at;
};

// The posts of an answer's "data" (an array, or one object); items
// without an id are skipped and named in `unreadable`.
std::vector<Tweet> tweets_of(const rapidjson::Value& answer, std::vector<std::string>* unreadable = nullptr);
// The people of an answer's includes.users, by id.
std::map<std::string, plugin::Person> people_of(const rapidjson::Value& answer);

// A post addressed to the account as an interaction: a reply when it
// answers one of the account's posts, otherwise a mention.
plugin::Interaction interaction_of(const Tweet& tweet, const std::map<std::string, plugin::Person>& people,
                                   const std::string& account_id);

// public_metrics as figures: what X withholds (impressions on lower API
// tiers) is "not available", never 0.
plugin::PostMetrics post_metrics_of(const rapidjson::Value& tweet);

// The ids an answer's "errors" say X does not have (deleted, or never were).
std::set<std::string> not_found_ids(const rapidjson::Value& answer);

// A post's public address; X redirects /i/web/status/ID to the author's.
std::string post_url(const std::string& web_url, const std::string& id);

// Texts compared without what X rewrites: links (X shortens them, and adds
// one for attached images), spacing, Unicode normalisation; X's copy is
// HTML-escaped as well.
std::string comparable(std::string text_on_x);
// A part as X will show it, for comparing: its links (from kanal::text's
// entities) taken out.
std::string comparable(const plugin::Part& part);

// X's ids of posts and users are decimal numbers. Only such ids go into a
// request's path: an id from an answer is never trusted to be one.
bool is_post_id(const std::string& id);

// X's post ids are decimal numbers that grow with time: compared as such.
bool newer_id(const std::string& a, const std::string& b);

}  // namespace kanal::x
