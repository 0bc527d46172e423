#!/usr/bin/env node
/*
 * fake_meta.js: a stateful fake of Meta's Graph API (Facebook Pages and Instagram
 * professional accounts) for Kanal's tests. Plain Node 20, no dependencies,
 * 127.0.0.1 only, all state in memory.
 *
 *   node fake_meta.js [--port N] [--url-file PATH]    (port 0, the default, picks a free one)
 *
 * One URL serves the Graph API and the web login dialog. Paths carry a version
 * prefix, /vNN.N/ (any version is taken; Kanal uses v21.0).
 *
 * SPEC CHECKING. Every Graph call is checked against Meta's own API description,
 * the facebook-business-sdk-codegen spec files in tests/specs/facebook:
 *  - The id in the path names a node, and every node has a type (User, Page,
 *    PagePost, Photo, Comment, IGUser, IGMedia, IGComment; IGContainer below).
 *    (node type, edge, method) must be one of that type's "apis", else Graph's
 *    errors: an edge the type lacks → 400 code 2500 "Unknown path components: /edge";
 *    a method the node or edge lacks, or an id that is unknown, deleted or not
 *    the caller's → 400 GraphMethodException code 100 subcode 33 "Unsupported get
 *    request. Object with ID '…' does not exist, cannot be loaded due to missing
 *    permissions, or does not support this operation. …".
 *  - Each parameter must be one of that api's params or a global one: access_token,
 *    appsecret_proof, fields, limit, after, before, pretty, format, method,
 *    suppress_http_code; since, until and summary also on GET edge reads (paging).
 *    Else 400 code 100 "(#100) Param NAME is not a valid parameter".
 *    Values must be of the param's type: bool true/false/1/0, int, unsigned int
 *    digits, float, datetime unix seconds or ISO 8601, map a JSON object, file a
 *    multipart file part, list<X> a JSON array or a comma list (or name[0]=…
 *    indexed form), enums only their values (enum_types.json). Refusals:
 *    "(#100) Param NAME must be a boolean|an integer|a non-negative integer|a number|
 *    a unix timestamp or an ISO 8601 date|a JSON object|an array|a file upload",
 *    "(#100) NAME must be one of the following values: a, b" (NAME[i] in a list),
 *    "(#100) The parameter NAME is required".
 *  - fields= (with expansions: a{b,c}, .limit(n), .summary(true|total_count),
 *    .filter(…), .order(…), .as(alias)) must name fields or GET edges of the type
 *    (for an edge read, of the edge's return type), recursively: else 400 code 100
 *    "(#100) Tried accessing nonexisting field (NAME) on node type (TYPE)". A
 *    modifier on an edge must be one of that edge's params, of its type.
 *  - Answers carry only fields the spec files define for the type (the fake
 *    asserts this of its own tables at start), plus id, the data/paging{cursors{
 *    before,after},next,previous} envelope and edge summaries. A field the fake
 *    keeps no value for is left out, as Graph leaves out empty fields (e.g. a
 *    post's `shares` until it has been shared).
 *  - Params come in the query string, an urlencoded, multipart/form-data or JSON
 *    body, or both; `method=get|post|delete` overrides the HTTP method as on Graph.
 *  Spec-described apis the fake has no handler for answer 501 code 1.
 *
 * FROM META'S DOCUMENTATION, NOT THE SPEC FILES:
 *   GET  /vNN/dialog/oauth  client_id redirect_uri state scope (comma or space list)
 *        response_type=code [code_challenge code_challenge_method=S256|plain]
 *        [auth_type display] → 302 to redirect_uri?code=…&state=…#_=_ (Facebook appends
 *        #_=_), consenting at once as config signed_in_user; consent "deny" →
 *        ?error=access_denied&error_code=200&error_description=Permissions+error&
 *        error_reason=user_denied&state=…#_=_. An unknown client_id, a redirect_uri
 *        not in config redirect_uris (when set), or an unknown permission → an HTML
 *        error page (400), no redirect.
 *   GET|POST /vNN/oauth/access_token
 *        client_id client_secret redirect_uri code [code_verifier] → {access_token,
 *          token_type:"bearer", expires_in: short_token_ttl_s}; the code works once
 *          (code 100 subcode 36009 after), for 10 minutes (36007), with the dialog's
 *          redirect_uri (36008); PKCE checked when the dialog had a challenge (then
 *          client_secret may be left out). Wrong client_id → code 101, wrong secret → code 1.
 *        grant_type=fb_exchange_token client_id client_secret fb_exchange_token →
 *          a long-lived user token, expires_in long_token_ttl_s (5184000).
 *        grant_type=client_credentials client_id client_secret → the app token APPID|SECRET.
 *   GET  /vNN/?ids=a,b&fields=…  → {"a":{…},"b":{…}}; an id that is unknown or gone →
 *        400 code 803 "(#803) Some of the aliases you requested do not exist: a".
 *   IGContainer (POST /{ig-user}/media makes one): GET /{container}?fields=id,status,
 *        status_code; status_code EXPIRED|ERROR|FINISHED|IN_PROGRESS|PUBLISHED.
 *   Other documented types used for answers: ContentPublishingLimitResponse {config,
 *        quota_usage}, InstagramInsightsResult, StoryAttachment, PlatformImageSource,
 *        IGCommentFromUser {id,username}, Profile {id,name}, Permission {permission,status};
 *        the `source` file part of POST /{page}/photos; `tasks` on /{user}/accounts.
 *   GET  /_cdn/{photo-id}.jpg, /_cdn/ig/{media-id}.jpg, /_cdn/file/{n}   the bytes (no token).
 *
 * TOKENS. Every Graph call needs access_token (query, body, or Authorization: Bearer|OAuth):
 *   none → 400 OAuthException code 2500 "An active access token must be used to query
 *   information about the current user." for /me, code 104 "An access token is required
 *   to request this resource." elsewhere; unknown → code 190 "Invalid OAuth access token -
 *   Cannot parse access token"; expired → 190 subcode 463 "Error validating access token:
 *   Session has expired on …"; app deauthorized (DELETE /{user}/permissions) → 190
 *   subcode 458. appsecret_proof = hex HMAC-SHA256(key app secret, message token) is
 *   checked when sent; required unless config require_appsecret_proof is false:
 *   missing → GraphMethodException code 100 "API calls from the server require an
 *   appsecret_proof argument", wrong → code 100 "Invalid appsecret_proof provided in the
 *   API argument" (app tokens need none).
 *   Kinds: user (short-lived from the code, long-lived from fb_exchange_token), page
 *   (the access_token field of a Page the user manages, e.g. /me/accounts; never expires
 *   when derived from a long-lived token), app ("APPID|APPSECRET": only for
 *   /{user}/permissions). `me` is the token's user, or its page for a page token.
 *   What a call needs (else Graph's errors):
 *     page edges, writes on the page's posts/photos/comments, comment and post
 *     insights reads → the page's own page token: a user token → 400 code 210 "(#210) A
 *     page access token is required to request this resource.", another page's → code 200.
 *     Instagram calls → the linked page's token, or a user token of one of its managers
 *     (anything else → code 100 subcode 33).
 *   Permissions (the scope granted in the dialog; /_fake/tokens grants all of these):
 *     pages_show_list (/me/accounts), pages_read_engagement (page edges, posts, photos,
 *     comments), pages_read_user_content (visitor_posts, tagged, comments),
 *     pages_manage_posts (feed, photos, edit/delete posts and photos),
 *     pages_manage_engagement (comment, hide, delete comments, blocked), read_insights,
 *     instagram_basic, instagram_content_publish (media, media_publish,
 *     content_publishing_limit, containers, delete media), instagram_manage_comments
 *     (comments, replies, hide, tags, mentions), instagram_manage_insights.
 *     Missing: a read → code 10 "(#10) This endpoint requires the 'PERM' permission or
 *     the 'Page Public Content Access' feature.", a write → code 200 "(#200) The user
 *     hasn't authorized the application to perform this action", Instagram → code 10
 *     "(#10) Application does not have permission for this action" (the request log
 *     names the missing permission).
 *
 * WHAT IT SERVES (beyond plain node reads; lists are newest first unless said, `limit`
 * default 25, max 100, since/until inclusive on created_time/timestamp):
 *   /me/accounts (the user's pages with page tokens, `tasks`), /{user}/permissions GET|DELETE
 *   /{page}: feed (page's posts and visitor posts), posts, published_posts, scheduled_posts,
 *     visitor_posts, tagged (posts by others mentioning the page), photos GET|POST,
 *     feed POST, insights, blocked GET|POST|DELETE
 *   POST /{page}/photos  source (multipart file) or url (fetched, 127.0.0.1 only);
 *     published (default true: answers {id, post_id}), alt_text_custom, temporary,
 *     caption|message. Not PNG/JPEG/GIF/WebP by magic bytes → code 324 "(#324) Missing
 *     or invalid image file"; neither source nor url → 324 "(#324) Requires upload file".
 *   POST /{page}/feed  message, link, attached_media (JSON array of {"media_fbid"} or
 *     attached_media[0]=… indexed), published, scheduled_publish_time (10 min to 30 days
 *     ahead, with published=false) → {id:"PAGEID_N"}. Attached photos must be this page's
 *     unpublished, unattached photos. Nothing to post → "(#100) Missing message or
 *     attachment"; the page's last post again within a day → code 506 "(#506) Duplicate
 *     status message" (subcode 1455006).
 *   /{post}: GET, POST message (edit), DELETE; comments GET|POST, attachments,
 *     reactions, likes, insights (post_impressions, post_impressions_unique, …)
 *   /{comment}: GET, POST is_hidden|message, DELETE, comments GET|POST (replies go
 *     to the top-level comment, as on Facebook), likes, reactions. Hiding the page's own
 *     comment → "(#100) A Page cannot hide its own comments" (the fake's wording).
 *   Comments: filter toplevel (default)|stream (replies too, with parent), order
 *     chronological (default)|reverse_chronological, since. Hidden comments are listed
 *     with is_hidden true. Summaries: comments {order,total_count,can_comment},
 *     reactions {total_count,viewer_reaction}, likes {total_count,can_like,has_liked}.
 *   Insights: page metrics page_impressions, page_impressions_unique, page_impressions_paid,
 *     page_impressions_paid_unique, page_impressions_organic_v2,
 *     page_impressions_organic_unique_v2, page_post_engagements, page_posts_impressions,
 *     page_posts_impressions_unique, page_posts_impressions_paid,
 *     page_posts_impressions_organic, page_follows, page_daily_follows,
 *     page_daily_follows_unique, page_daily_unfollows_unique, page_views_total,
 *     page_actions_post_reactions_total, page_video_views, page_total_actions;
 *     post metrics post_impressions, post_impressions_unique, post_impressions_paid,
 *     post_impressions_paid_unique, post_impressions_organic,
 *     post_impressions_organic_unique, post_impressions_fan, post_clicks,
 *     post_clicks_by_type, post_reactions_by_type_total, post_reactions_like_total,
 *     post_reactions_love_total, post_video_views. Anything else (page_fans, …) → code 100
 *     "(#100) The value must be a valid insights metric". No metric → all of them.
 *   /{ig-user}: GET, media GET|POST, media_publish, content_publishing_limit, tags,
 *     mentions POST. POST media: image_url (fetched by the fake, 127.0.0.1 only), caption,
 *     alt_text, is_carousel_item, media_type=CAROUSEL + children (2-10 item containers);
 *     videos, reels and stories are not faked (501). A container is IN_PROGRESS, then
 *     FINISHED container_ready_ms (300) after it was made if its image arrived (else
 *     ERROR); a carousel when its children are. media_publish creation_id:
 *     IN_PROGRESS or already PUBLISHED → code 9007 subcode 2207027 "Media ID is not
 *     available"; ERROR → code 9004 subcode 2207052; EXPIRED (24 h) → code -2 subcode
 *     2207020; unknown → code 24 subcode 2207008 "Media builder not found"; the
 *     publishing limit reached → code 9 subcode 2207042 "Application request limit
 *     reached" (error_user_msg "You reached maximum number of posts that is allowed to be
 *     published by Content Publishing API.").
 *   /{ig-media}: GET, POST comment_enabled, DELETE, children, comments GET|POST, insights
 *     (metric from the spec enum; on feed media only comments, follows, impressions,
 *     likes, profile_activity, profile_visits, reach, saved, shares, total_interactions,
 *     views: others → "(#100) The Media Insights API does not support the M metric for
 *     this media product type.").
 *   /{ig-comment}: GET, POST hide, DELETE, replies GET|POST (to the top-level comment).
 *     An IG comment names its author as from {id, username} and username; `user` {id}
 *     only when the author is the professional account itself. IG comment lists are
 *     newest first; hidden comments are listed with hidden true.
 *   Usage headers on every Graph answer: X-App-Usage {call_count,total_cputime,total_time}
 *   (config app_usage) and, when the call concerns a page or an Instagram account,
 *   X-Business-Use-Case-Usage {"<id>":[{type:"pages"|"instagram",call_count,total_cputime,
 *   total_time,estimated_time_to_regain_access}]} (config business_usage.default or
 *   business_usage["<id>"]); Facebook-API-Version.
 *   suppress_http_code=1 answers errors with 200, pretty=1 indents.
 *
 * Error answers: {"error":{"message","type","code","error_subcode"?,"is_transient"?,
 *   "error_user_title"?,"error_user_msg"?,"fbtrace_id"}}, HTTP 400 (500 for code 1/2).
 *
 * CONTROL API (JSON in and out)
 *   GET  /_fake/health                    → {"ok":true}
 *   POST /_fake/reset                     back to the start: Kari Nordmann (signed in) manages
 *        "Kanal Test Agency" (kanaltestagency, 52,000 followers; Instagram kanaltestagency,
 *        8,300 followers) and "Kanal Regional Office" (1,200 followers, no Instagram);
 *        visitors Anna Andersson and Lars Berg.
 *   GET  /_fake/config   POST /_fake/config {app_id, app_secret, signed_in_user (id or name),
 *        consent "allow"|"deny", redirect_uris [] (empty: any), require_appsecret_proof,
 *        short_token_ttl_s, long_token_ttl_s, container_ready_ms, publishing_quota_total,
 *        app_usage {call_count,total_cputime,total_time},
 *        business_usage {default:{…}, "<id>":{…, estimated_time_to_regain_access}}}
 *   GET  /_fake/users   POST /_fake/users {name} → user
 *   GET  /_fake/pages   POST /_fake/pages {name, username?, followers?, fans?, manager (user id
 *        or name), instagram? {username, followers?, follows?, name?}} → page (with
 *        instagram_business_account)
 *   POST /_fake/posts   {page, message, created_time?, link?} → a page post made on Facebook
 *   POST /_fake/media   {ig (id or username), caption, created_time?} → an IG post made in the app
 *   POST /_fake/comments {author, on, message, created_time?} → comment. On a post, photo or
 *        comment: author a user (id or name) or a page; on an IG media or IG comment: author
 *        an Instagram username (new ones are made up) → IG comment (a reply on a comment).
 *   POST /_fake/visitor_posts {author, page, message, created_time?} → post on the page
 *   POST /_fake/tags    {author, page | ig | target, message, created_time?} → a Facebook
 *        post by the user mentioning the page (in /tagged), or an IG media by the
 *        Instagram username tagging the account (in /tags)
 *   POST /_fake/posts/{id}/metrics   PagePost {reactions, shares, comments (overrides the
 *        count), impressions, impressions_unique, likes, clicks}; IGMedia {likes, comments,
 *        impressions, reach, saved, shares, views}; Photo {reactions, likes}
 *   POST /_fake/media/{id}/metrics   the same
 *   POST /_fake/pages/{id}/metrics   {page_impressions: N, …} (overrides computed values)
 *   POST /_fake/tokens  {user?, expires_in?, scope?} → {access_token, token_type,
 *        expires_in, pages:[{id,name,access_token,instagram_business_account?}]} (long-lived)
 *   POST /_fake/files   raw bytes → {url} (an image the fake serves, for image_url)
 *   GET  /_fake/state   users, pages, instagram, posts (deleted), photos (alt text, published,
 *        attached_to), containers, media, comments, ig_comments (hidden, deleted), blocked,
 *        tokens (revoked, expired), grants, faults, requests (count)
 *   GET  /_fake/requests?since=SEQ   each Graph request: seq, at, method, path (after the
 *        version, e.g. "/123/feed"), version, params (access_token, appsecret_proof,
 *        client_secret, fb_exchange_token, code_verifier redacted; files as their size),
 *        token, node, status, error, outcome "sent"|"lost"|"malformed"|"refused_by_spec",
 *        refusal, fault
 *   POST /_fake/faults  {kind, method?, path? (after the version; "*" matches one path
 *        segment, a trailing "*" any rest: "/123/feed", "/*\/comments", "/123*"), count?
 *        (default 1; -1 until cleared), seconds?, code?}; applies to the next `count`
 *        matching Graph requests:
 *          lose_answer      do the work, then destroy the socket without an answer
 *          malformed_json   do the work, answer 200 with a cut-off JSON body
 *          server_error     500 code 1 "An unknown error occurred" (code 2: "An unexpected
 *                           error has occurred. Please retry your request later."), not done
 *          token_expired    190 subcode 463, as if the token had expired
 *          throttle         refused: code (4 default, 17, 32, 613, 80001, 80002) with Graph's
 *                           message, usage headers at 100 % and estimated_time_to_regain_access
 *                           = ceil(seconds / 60) (seconds default 300)
 *          permission       code 200 "(#200) Permissions error" (code 10: "(#10) Application
 *                           does not have permission for this action")
 *          policy_block     code 368 "The action attempted has been deemed abusive or is
 *                           otherwise disallowed"
 *          invalid_parameter code 100 "(#100) Invalid parameter"
 *          image_refused    a photo upload (POST …/photos) refused with code 324
 *          container_stuck  containers made by the matching POST …/media never finish
 *          container_error  containers made by the matching POST …/media end in ERROR
 *          publishing_limit content_publishing_limit says quota_usage = quota_total and
 *                           media_publish is refused (code 9); a count is spent by each
 *                           refused media_publish
 *   GET  /_fake/faults   DELETE /_fake/faults
 */
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// ---------------------------------------------------------------- the spec files

const SPEC_DIR = path.join(__dirname, '..', '..', 'specs', 'facebook');
const SPEC_TYPES = [
  'User',
  'Page',
  'PagePost',
  'Photo',
  'Comment',
  'IGUser',
  'IGMedia',
  'IGComment',
  'InsightsResult',
  'InsightsValue',
];

// Types the spec files do not describe, from Meta's documentation.
const DOCUMENTED_TYPES = {
  IGContainer: {
    fields: { id: 'string', status: 'string', status_code: 'string' },
    apis: [{ method: 'GET', endpoint: null, return: 'IGContainer', params: [] }],
  },
  ContentPublishingLimitResponse: { fields: { config: 'Object', quota_usage: 'int' } },
  InstagramInsightsResult: {
    fields: {
      description: 'string',
      id: 'string',
      name: 'string',
      period: 'string',
      title: 'string',
      total_value: 'Object',
      values: 'list<InsightsValue>',
    },
  },
  StoryAttachment: {
    fields: {
      description: 'string',
      media: 'Object',
      media_type: 'string',
      target: 'Object',
      title: 'string',
      type: 'string',
      unshimmed_url: 'string',
      url: 'string',
      subattachments: 'Object',
    },
  },
  PlatformImageSource: { fields: { height: 'unsigned int', source: 'string', width: 'unsigned int' } },
  IGCommentFromUser: { fields: { id: 'string', username: 'string' } },
  Profile: { fields: { id: 'string', name: 'string' } },
  Permission: { fields: { permission: 'string', status: 'string' } },
};
// Params Meta documents that the spec files leave out.
const DOCUMENTED_PARAMS = { 'Page POST photos': [{ name: 'source', required: false, type: 'file' }] };
// Fields of an edge's items that only that edge has ("edge data").
const EDGE_DATA = { 'User.accounts': { tasks: 'list<string>' } };

const TYPES = {};
function loadSpecs() {
  for (const t of SPEC_TYPES) {
    const spec = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, `${t}.json`), 'utf8'));
    TYPES[t] = {
      spec: true,
      fields: new Map((spec.fields || []).map(f => [f.name, f.type])),
      apis: (spec.apis || []).map(a => ({
        method: a.method,
        endpoint: a.endpoint ?? null,
        return: a.return,
        params: a.params || [],
      })),
    };
  }
  for (const [t, d] of Object.entries(DOCUMENTED_TYPES))
    TYPES[t] = { spec: false, fields: new Map(Object.entries(d.fields)), apis: d.apis || [] };
  for (const [key, extra] of Object.entries(DOCUMENTED_PARAMS)) {
    const [t, method, endpoint] = key.split(' ');
    TYPES[t].apis.find(a => a.method === method && a.endpoint === endpoint).params.push(...extra);
  }
}
const ENUMS = new Map();
function loadEnums() {
  for (const e of JSON.parse(fs.readFileSync(path.join(SPEC_DIR, 'enum_types.json'), 'utf8')))
    ENUMS.set(e.name, e.values);
}

const PRIMITIVES = new Set(['string', 'bool', 'int', 'unsigned int', 'float', 'datetime']);
const baseType = t => {
  const m = /^list<(.+)>$/.exec(t);
  return m ? baseType(m[1]) : t;
};
const findApi = (type, method, endpoint) =>
  TYPES[type]?.apis.find(a => a.method === method && a.endpoint === endpoint) || null;

// What a name in fields= is on a type: a field, a GET edge, or edge data.
function fieldInfo(type, name, edgeKey) {
  const info = TYPES[type];
  if (name === 'id') return { kind: 'field', type: 'string' };
  if (info.fields.has(name)) return { kind: 'field', type: info.fields.get(name) };
  const edge = findApi(type, 'GET', name);
  if (edge) return { kind: 'edge', type: edge.return, api: edge };
  const extra = EDGE_DATA[edgeKey]?.[name];
  if (extra) return { kind: 'field', type: extra };
  return null;
}

// ---------------------------------------------------------------- ids and time

let idCounter = 1000;
const pad = (n, w) => String(n).padStart(w, '0');
const next = () => ++idCounter;
const ID = {
  user: () => '1000' + pad(next(), 11),
  page: () => '1100' + pad(next(), 11),
  object: () => '1200' + pad(next(), 11),
  comment: () => '1300' + pad(next(), 11),
  igUser: () => '178414' + pad(next(), 11),
  igMedia: () => '179' + pad(next(), 14),
  igComment: () => '180' + pad(next(), 14),
  container: () => '181' + pad(next(), 14),
};
let orderSeq = 0;
const fbTime = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
const iso = ms => new Date(ms).toISOString();
const randomToken = () => 'EAAK' + crypto.randomBytes(48).toString('base64url');
const trace = () => crypto.randomBytes(8).toString('base64url').slice(0, 11);
const DAY_MS = 86400e3;

// Unix seconds, or ISO 8601 (2024-05-01, 2024-05-01T10:00, …:00Z, …+0000, …+00:00).
function parseTime(s) {
  if (/^\d{1,11}$/.test(s)) return Number(s) * 1000;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return null;
  let time = m[2] ?? '00:00:00';
  if (time.length === 5) time += ':00';
  let tz = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(tz)) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
  const t = Date.parse(`${m[1]}T${time}${tz}`);
  return Number.isNaN(t) ? null : t;
}

// ---------------------------------------------------------------- state

const ALL_PERMISSIONS = [
  'public_profile',
  'email',
  'pages_show_list',
  'pages_read_engagement',
  'pages_read_user_content',
  'pages_manage_posts',
  'pages_manage_engagement',
  'pages_manage_metadata',
  'pages_messaging',
  'read_insights',
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
  'instagram_manage_messages',
];
const FULL_SCOPE = ALL_PERMISSIONS.filter(p => !['email', 'pages_messaging', 'instagram_manage_messages'].includes(p));

let state;
let BASE = 'http://127.0.0.1';
const files = new Map(); // /_fake/files uploads survive resets; they are only bytes

function defaultConfig() {
  return {
    app_id: 'kanal-test-app',
    app_secret: 'kanal-test-app-secret',
    signed_in_user: null,
    consent: 'allow',
    redirect_uris: [],
    require_appsecret_proof: true,
    short_token_ttl_s: 3600,
    long_token_ttl_s: 5184000,
    code_ttl_s: 600,
    container_ready_ms: 300,
    publishing_quota_total: 100,
    app_usage: { call_count: 1, total_cputime: 1, total_time: 1 },
    business_usage: { default: { call_count: 1, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 } },
  };
}

function reset() {
  state = {
    config: defaultConfig(),
    nodes: new Map(),
    codes: new Map(),
    tokens: new Map(),
    grants: new Map(),
    faults: [],
    requests: [],
    seq: 0,
    faultSeq: 0,
  };
  const kari = addUser({ name: 'Kari Nordmann' });
  addUser({ name: 'Anna Andersson' });
  addUser({ name: 'Lars Berg' });
  state.config.signed_in_user = kari.id;
  addPage({
    name: 'Kanal Test Agency',
    username: 'kanaltestagency',
    followers: 52000,
    fans: 49800,
    manager: kari.id,
    instagram: { username: 'kanaltestagency', name: 'Kanal Test Agency', followers: 8300, follows: 140 },
  });
  addPage({ name: 'Kanal Regional Office', followers: 1200, manager: kari.id });
}

class ControlError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function put(node) {
  node.seq = ++orderSeq;
  if (node.created === undefined) node.created = Date.now();
  state.nodes.set(node.id, node);
  return node;
}
const nodesOf = type => [...state.nodes.values()].filter(n => n.type === type);

function addUser({ name }) {
  if (typeof name !== 'string' || !name.trim()) throw new ControlError(400, 'name is required');
  const [first, ...rest] = name.trim().split(/\s+/);
  return put({ type: 'User', id: ID.user(), name: name.trim(), first_name: first, last_name: rest.join(' ') });
}

function findByNameOrId(type, ref) {
  if (ref === undefined || ref === null) return null;
  const s = String(ref);
  const n = state.nodes.get(s);
  if (n && n.type === type) return n;
  return (
    nodesOf(type).find(
      x => x.name === s || (x.username && x.username.toLowerCase() === s.replace(/^@/, '').toLowerCase()),
    ) || null
  );
}
const findUser = ref => findByNameOrId('User', ref);
const findPage = ref => findByNameOrId('Page', ref);
function findIg(ref) {
  const n = findByNameOrId('IGUser', ref);
  return n && n.professional ? n : null;
}

function addPage({ name, username, followers = 0, fans, manager, instagram }) {
  if (typeof name !== 'string' || !name.trim()) throw new ControlError(400, 'name is required');
  const user = findUser(manager);
  if (!user) throw new ControlError(400, `no user ${manager}`);
  if (username && findPage(username)) throw new ControlError(409, `page username ${username} is taken`);
  const page = put({
    type: 'Page',
    id: ID.page(),
    name: name.trim(),
    username: username || null,
    followers,
    fans: fans ?? followers,
    managers: [user.id],
    ig: null,
    blocked: [],
    metrics: {},
    about: '',
  });
  if (instagram) {
    if (!instagram.username || !/^[A-Za-z0-9._]{1,30}$/.test(instagram.username))
      throw new ControlError(400, 'instagram.username: 1-30 letters, digits, . or _');
    if (igByUsername(instagram.username)) throw new ControlError(409, `instagram ${instagram.username} is taken`);
    const ig = put({
      type: 'IGUser',
      id: ID.igUser(),
      professional: true,
      username: instagram.username,
      name: instagram.name || page.name,
      followers: instagram.followers ?? 0,
      follows: instagram.follows ?? 0,
      biography: instagram.biography || '',
      page: page.id,
      ig_id: next() * 1000 + 17,
    });
    page.ig = ig.id;
  }
  return page;
}

function igByUsername(username) {
  const u = String(username).replace(/^@/, '').toLowerCase();
  return nodesOf('IGUser').find(n => n.username.toLowerCase() === u) || null;
}
// An Instagram person (not a professional account the fake serves): commenters, taggers.
function igPerson(username) {
  const existing = igByUsername(username);
  if (existing) return existing;
  if (!/^[A-Za-z0-9._]{1,30}$/.test(String(username)))
    throw new ControlError(400, `bad instagram username ${username}`);
  return put({
    type: 'IGUser',
    id: ID.igUser(),
    professional: false,
    username: String(username),
    name: String(username),
  });
}

const pageOfPost = post => (post.page ? state.nodes.get(post.page) : null);
// The node a comment is on (post or photo), through any parent.
function commentTarget(c) {
  return state.nodes.get(c.on);
}
// The page whose content a node is.
function owningPage(node) {
  switch (node.type) {
    case 'Page':
      return node;
    case 'PagePost':
      return pageOfPost(node);
    case 'Photo':
      return state.nodes.get(node.page);
    case 'Comment':
      return owningPage(commentTarget(node));
    default:
      return null;
  }
}
function owningIg(node) {
  switch (node.type) {
    case 'IGUser':
      return node;
    case 'IGMedia':
    case 'IGContainer':
      return state.nodes.get(node.ig);
    case 'IGComment':
      return owningIg(state.nodes.get(node.media));
    default:
      return null;
  }
}

function isLive(n) {
  if (!n || n.deleted) return false;
  switch (n.type) {
    case 'Comment':
      return isLive(commentTarget(n)) && (!n.parent || isLive(state.nodes.get(n.parent)));
    case 'IGComment':
      return isLive(state.nodes.get(n.media)) && (!n.parent || isLive(state.nodes.get(n.parent)));
    case 'IGMedia':
      return !n.parent_media || isLive(state.nodes.get(n.parent_media));
    case 'IGUser':
      return n.professional;
    default:
      return true;
  }
}
const postPublished = p => p.published || (p.scheduled_at && p.scheduled_at <= Date.now());

function addPost({
  page,
  author,
  kind,
  message,
  link,
  photos = [],
  created,
  published = true,
  scheduledAt,
  mentions = [],
}) {
  const num = ID.object();
  const owner = kind === 'tagged' ? author.id : page.id;
  const post = put({
    type: 'PagePost',
    id: `${owner}_${num}`,
    num,
    page: kind === 'tagged' ? null : page.id,
    author: author.id,
    kind,
    message: message ?? null,
    link: link ?? null,
    photos,
    created: created ?? Date.now(),
    updated: created ?? Date.now(),
    published,
    scheduled_at: scheduledAt ?? null,
    mentions,
    metrics: {},
    deleted: false,
  });
  for (const id of photos) state.nodes.get(id).attached_to = post.id;
  return post;
}

function addComment({ on, author, message, created, parent }) {
  const target = on.type === 'Comment' ? commentTarget(on) : on;
  const top = on.type === 'Comment' ? (on.parent ? state.nodes.get(on.parent) : on) : null;
  const objNum = target.type === 'PagePost' ? target.num : target.id;
  return put({
    type: 'Comment',
    id: `${objNum}_${ID.comment()}`,
    on: target.id,
    parent: parent ?? top?.id ?? null,
    author: author.id,
    message,
    created: created ?? Date.now(),
    is_hidden: false,
    deleted: false,
    metrics: {},
  });
}

function addIgComment({ media, parent, author, text, created }) {
  const top = parent ? (parent.parent ? state.nodes.get(parent.parent) : parent) : null;
  return put({
    type: 'IGComment',
    id: ID.igComment(),
    media: media.id,
    parent: top?.id ?? null,
    from: author.id,
    text,
    created: created ?? Date.now(),
    hidden: false,
    deleted: false,
    likes: 0,
  });
}

const shortcode = () => crypto.randomBytes(8).toString('base64url').slice(0, 11);
function addIgMedia({ ig, owner, caption, created, mediaType = 'IMAGE', bytes, mime, altText, tagged = [], viaApi }) {
  return put({
    type: 'IGMedia',
    id: ID.igMedia(),
    ig: ig ? ig.id : null,
    owner: (owner || ig).id,
    caption: caption ?? null,
    alt_text: altText ?? null,
    created: created ?? Date.now(),
    media_type: mediaType,
    children: [],
    parent_media: null,
    bytes: bytes ?? null,
    mime: mime ?? null,
    shortcode: shortcode(),
    tagged,
    metrics: {},
    comment_enabled: true,
    via_api: !!viaApi,
    deleted: false,
  });
}

// ---------------------------------------------------------------- answers and errors

class Answer {
  constructor(status, body, { contentType = 'application/json; charset=UTF-8', headers = {} } = {}) {
    Object.assign(this, { status, body, contentType, headers });
  }
}

function gErr(
  status,
  code,
  message,
  { type = 'OAuthException', subcode, transient, title, userMsg, bySpec, note } = {},
) {
  const error = { message, type, code };
  if (subcode !== undefined) error.error_subcode = subcode;
  if (transient !== undefined) error.is_transient = transient;
  if (title) error.error_user_title = title;
  if (userMsg) error.error_user_msg = userMsg;
  error.fbtrace_id = 'A' + trace();
  const a = new Answer(status, { error });
  if (code === 190)
    a.headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${message.replace(/"/g, "'")}"`;
  a.bySpec = !!bySpec;
  a.note = note;
  return a;
}
const unsupported = (method, id) =>
  gErr(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: 'GraphMethodException', subcode: 33 },
  );
const specRefusal = (message, code = 100, extra = {}) => gErr(400, code, message, { bySpec: true, ...extra });
const badParam = message => gErr(400, 100, message);
const notImplemented = what =>
  gErr(501, 1, `fake_meta does not implement ${what} (it is in the spec files)`, { type: 'FakeNotImplemented' });
const pageTokenRequired = () => gErr(400, 210, '(#210) A page access token is required to request this resource.');
const permissionsError = note => gErr(400, 200, '(#200) Permissions error', { note });
const success = () => new Answer(200, { success: true });

// ---------------------------------------------------------------- param types

// Whole numbers past 2^53 (Graph ids: a creation_id is an "unsigned int") stay strings.
const number = s => (Number.isSafeInteger(Number(s)) ? Number(s) : s);
const isFile = v => v && typeof v === 'object' && Buffer.isBuffer(v.file);
const ok = value => ({ value });
const bad = error => ({ error });

// A raw param value (string, file part, or array/object from name[0]=… forms) as `type`.
function coerce(type, raw, name) {
  const list = /^list(?:<(.+)>)?$/.exec(type);
  if (list) {
    let items;
    if (Array.isArray(raw)) items = raw;
    else if (typeof raw !== 'string') return bad(`(#100) Param ${name} must be an array`);
    else {
      const s = raw.trim();
      if (s.startsWith('[')) {
        try {
          items = JSON.parse(s);
        } catch {
          return bad(`(#100) Param ${name} must be an array`);
        }
        if (!Array.isArray(items)) return bad(`(#100) Param ${name} must be an array`);
      } else items = s === '' ? [] : s.split(',').map(x => x.trim());
    }
    if (!list[1]) return ok(items);
    const out = [];
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      const r = coerce(
        list[1],
        typeof it === 'string' || (it && typeof it === 'object') ? it : String(it),
        `${name}[${i}]`,
      );
      if (r.error) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (type === 'file') return isFile(raw) ? ok(raw) : bad(`(#100) Param ${name} must be a file upload`);
  if (isFile(raw)) return bad(`(#100) Param ${name} must not be a file upload`);
  if (raw && typeof raw === 'object') {
    if (type === 'map' || type === 'Object' || /^map</.test(type)) {
      if (type !== 'Object' && Array.isArray(raw)) return bad(`(#100) Param ${name} must be a JSON object`);
      return ok(raw);
    }
    return bad(`(#100) Param ${name} must be a ${type}`);
  }
  const s = String(raw);
  switch (type) {
    case 'string':
      return ok(s);
    case 'bool':
      if (/^(true|1)$/i.test(s)) return ok(true);
      if (/^(false|0)$/i.test(s)) return ok(false);
      return bad(`(#100) Param ${name} must be a boolean`);
    case 'int':
      return /^-?\d+$/.test(s) ? ok(number(s)) : bad(`(#100) Param ${name} must be an integer`);
    case 'unsigned int':
      return /^\d+$/.test(s) ? ok(number(s)) : bad(`(#100) Param ${name} must be a non-negative integer`);
    case 'float':
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)
        ? ok(Number(s))
        : bad(`(#100) Param ${name} must be a number`);
    case 'datetime': {
      const t = parseTime(s);
      return t === null ? bad(`(#100) Param ${name} must be a unix timestamp or an ISO 8601 date`) : ok(t);
    }
    case 'map':
    case 'Object': {
      if (type === 'Object' && !/^[{[]/.test(s.trim())) return ok(s);
      try {
        const v = JSON.parse(s);
        if (v && typeof v === 'object' && (type === 'Object' || !Array.isArray(v))) return ok(v);
      } catch {
        /* below */
      }
      return bad(`(#100) Param ${name} must be a JSON object`);
    }
    default:
      if (ENUMS.has(type)) {
        const values = ENUMS.get(type);
        return values.includes(s)
          ? ok(s)
          : bad(`(#100) ${name} must be one of the following values: ${values.join(', ')}`);
      }
      if (/^map</.test(type)) return coerce('map', s, name);
      return ok(s); // a node type (an id) or another name the spec gives
  }
}

const GLOBAL_PARAMS = {
  access_token: 'string',
  appsecret_proof: 'string',
  fields: 'string',
  limit: 'unsigned int',
  after: 'string',
  before: 'string',
  pretty: 'bool',
  format: 'string',
  method: 'string',
  suppress_http_code: 'bool',
};
const EDGE_READ_PARAMS = { since: 'datetime', until: 'datetime', summary: 'string' };

// Checks ctx.params against an api; fills ctx.args. Returns a refusal or null.
function checkParams(ctx, api, { edgeRead }) {
  const declared = new Map(api.params.map(p => [p.name, p]));
  for (const [name, raw] of ctx.params) {
    let type;
    if (declared.has(name)) type = declared.get(name).type;
    else if (name in GLOBAL_PARAMS) type = GLOBAL_PARAMS[name];
    else if (edgeRead && name in EDGE_READ_PARAMS) type = EDGE_READ_PARAMS[name];
    else return specRefusal(`(#100) Param ${name} is not a valid parameter`);
    const r = coerce(type, raw, name);
    if (r.error) return specRefusal(r.error);
    ctx.args[name] = r.value;
  }
  for (const p of api.params)
    if (p.required && !ctx.params.has(p.name)) return specRefusal(`(#100) The parameter ${p.name} is required`);
  return null;
}

// ---------------------------------------------------------------- fields= parsing and checking

class FieldSyntaxError extends Error {}

// "a,b.limit(0).summary(true){c,d{e}}" → [{name, mods, sub}]
function parseFields(text) {
  let i = 0;
  const s = text;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const ident = () => {
    const m = /^[A-Za-z0-9_]+/.exec(s.slice(i));
    if (!m) throw new FieldSyntaxError(`Expected a field name at character ${i}: ${s}`);
    i += m[0].length;
    return m[0];
  };
  function list(nested) {
    const items = [];
    for (;;) {
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (i >= s.length || (nested && s[i] === '}')) break;
      items.push(item());
      ws();
      if (s[i] === ',') i++;
      else break;
    }
    return items;
  }
  function item() {
    const f = { name: ident(), mods: {}, sub: null };
    for (;;) {
      if (s[i] === '.') {
        i++;
        const mod = ident();
        if (s[i] !== '(') throw new FieldSyntaxError(`Expected "(" at character ${i}: ${s}`);
        const close = s.indexOf(')', i);
        if (close < 0) throw new FieldSyntaxError(`Expected ")" at character ${s.length}: ${s}`);
        f.mods[mod] = s.slice(i + 1, close).trim();
        i = close + 1;
      } else if (s[i] === '{') {
        i++;
        f.sub = list(true);
        ws();
        if (s[i] !== '}') throw new FieldSyntaxError(`Expected "}" at character ${i}: ${s}`);
        i++;
      } else break;
    }
    return f;
  }
  const out = list(false);
  ws();
  if (i < s.length) throw new FieldSyntaxError(`Expected end of string instead of "${s[i]}" at character ${i}: ${s}`);
  return out;
}
function serializeFields(list) {
  return list
    .map(
      f =>
        f.name +
        Object.entries(f.mods)
          .map(([k, v]) => `.${k}(${v})`)
          .join('') +
        (f.sub ? `{${serializeFields(f.sub)}}` : ''),
    )
    .join(',');
}

const PAGING_MODS = {
  limit: 'unsigned int',
  summary: 'string',
  since: 'datetime',
  until: 'datetime',
  as: 'string',
  after: 'string',
  before: 'string',
};

// Checks a parsed fields list against a type; converts modifiers into f.args.
function checkFields(list, type, edgeKey) {
  if (!TYPES[type]) return null; // an Object or other type the spec does not describe: unchecked
  for (const f of list) {
    const fi = fieldInfo(type, f.name, edgeKey);
    if (!fi) return specRefusal(`(#100) Tried accessing nonexisting field (${f.name}) on node type (${type})`);
    f.args = {};
    for (const [mod, value] of Object.entries(f.mods)) {
      if (mod === 'as') {
        if (!/^[A-Za-z0-9_]+$/.test(value)) return specRefusal(`(#100) Invalid alias ${value}`);
        continue;
      }
      if (fi.kind !== 'edge')
        return specRefusal(`(#100) Unknown modifier ${mod} on field ${f.name} of node type (${type})`);
      const p = fi.api.params.find(x => x.name === mod);
      const modType = p ? p.type : PAGING_MODS[mod];
      if (!modType) return specRefusal(`(#100) Param ${mod} is not a valid parameter`);
      const r = coerce(modType, value, mod);
      if (r.error) return specRefusal(r.error);
      f.args[mod] = r.value;
    }
    if (f.sub) {
      const base = baseType(fi.type);
      if (PRIMITIVES.has(base))
        return specRefusal(`(#100) Tried accessing nonexisting field (${f.sub[0]?.name}) on node type (${base})`);
      const err = checkFields(f.sub, base, fi.kind === 'edge' ? `${type}.${f.name}` : null);
      if (err) return err;
    }
  }
  return null;
}

// ---------------------------------------------------------------- views

const ref = id => {
  const n = state.nodes.get(id);
  return n ? { __node: n } : undefined;
};
// A value of a value type (its fields under v: a StoryAttachment has a field "type").
const value = (type, v) => ({ __node: { type, v } });
const photoUrl = p => `${BASE}/_cdn/${p.id}.jpg`;
const igMediaUrl = m => `${BASE}/_cdn/ig/${m.id}.jpg`;
const photoLink = p => `https://www.facebook.com/photo.php?fbid=${p.id}`;
const postLink = p => `https://www.facebook.com/${p.id.split('_')[0]}/posts/${p.num}`;
const actorRef = id => {
  const a = state.nodes.get(id);
  return a ? { id: a.id, name: a.name } : undefined;
};
const liveComments = pred => nodesOf('Comment').filter(c => isLive(c) && pred(c));
const liveIgComments = pred => nodesOf('IGComment').filter(c => isLive(c) && pred(c));
const igAccountsOf = igId => state.nodes.get(igId);

function storyAttachments(post) {
  const photos = post.photos.map(id => state.nodes.get(id)).filter(p => p && !p.deleted);
  const photoAttachment = p => ({
    description: p.caption || undefined,
    media: { image: { height: p.height, src: photoUrl(p), width: p.width } },
    media_type: 'photo',
    target: { id: p.id, url: photoLink(p) },
    type: 'photo',
    url: photoLink(p),
  });
  if (photos.length === 1) return [photoAttachment(photos[0])];
  if (photos.length > 1)
    return [
      {
        media: photoAttachment(photos[0]).media,
        media_type: 'album',
        target: { id: post.num, url: postLink(post) },
        title: `Photos from ${state.nodes.get(post.author)?.name}'s post`,
        type: 'album',
        url: postLink(post),
        subattachments: { data: photos.map(photoAttachment) },
      },
    ];
  if (post.link)
    return [
      {
        media_type: 'link',
        target: { url: post.link },
        title: post.link,
        type: 'share',
        unshimmed_url: post.link,
        url: post.link,
      },
    ];
  return [];
}

function containerStatus(c) {
  const now = Date.now();
  if (c.published_media) return 'PUBLISHED';
  if (now - c.created > DAY_MS) return 'EXPIRED';
  if (c.forced === 'stuck') return 'IN_PROGRESS';
  const ready = now >= c.ready_at;
  if (c.forced === 'error') return ready ? 'ERROR' : 'IN_PROGRESS';
  if (c.kind === 'CAROUSEL') {
    const kids = c.children.map(id => state.nodes.get(id));
    if (kids.some(k => containerStatus(k) === 'ERROR')) return 'ERROR';
    if (kids.some(k => containerStatus(k) !== 'FINISHED')) return 'IN_PROGRESS';
    return ready ? 'FINISHED' : 'IN_PROGRESS';
  }
  if (!c.fetch.done) return 'IN_PROGRESS';
  if (!c.fetch.ok) return ready ? 'ERROR' : 'IN_PROGRESS';
  return ready ? 'FINISHED' : 'IN_PROGRESS';
}
const CONTAINER_STATUS_TEXT = {
  FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
  IN_PROGRESS: 'In Progress: Media is still being processed.',
  PUBLISHED: 'Published: Media has been successfully published.',
  EXPIRED: 'Expired: The media container was not published within 24 hours and has expired.',
};
function containerStatusText(c) {
  const code = containerStatus(c);
  if (code !== 'ERROR') return CONTAINER_STATUS_TEXT[code];
  if (c.forced === 'error') return 'Error: Media upload has failed with error code 2207001 (Instagram server error).';
  if (c.kind === 'CAROUSEL') return 'Error: A carousel item failed (2207032).';
  return `Error: The media could not be fetched from the URI provided: ${c.fetch.error} (2207052).`;
}

function postMetric(p, name) {
  return p.metrics[name] ?? 0;
}
function commentCountOf(target) {
  return liveComments(c => c.on === target.id).length;
}

function publishingUsage(ig) {
  if (activeFault('publishing_limit', ig)) return state.config.publishing_quota_total;
  const since = Date.now() - DAY_MS;
  return nodesOf('IGMedia').filter(m => m.ig === ig.id && m.via_api && !m.parent_media && m.created >= since).length;
}

// Every getter is a field the spec files (or the documented types) define: checked at start.
const GETTERS = {
  User: {
    id: n => n.id,
    name: n => n.name,
    first_name: n => n.first_name,
    last_name: n => n.last_name || undefined,
    short_name: n => n.first_name,
    link: n => `https://www.facebook.com/app_scoped_user_id/${n.id}/`,
  },
  Page: {
    id: n => n.id,
    name: n => n.name,
    username: n => n.username || undefined,
    followers_count: n => n.followers,
    fan_count: n => n.fans,
    link: n => `https://www.facebook.com/${n.username || n.id}`,
    category: () => 'Media/news company',
    about: n => n.about || undefined,
    is_published: () => true,
    can_post: () => true,
    verification_status: () => 'not_verified',
    access_token: (n, ctx) => pageTokenFor(ctx, n),
    instagram_business_account: n => (n.ig ? ref(n.ig) : undefined),
    connected_instagram_account: n => (n.ig ? ref(n.ig) : undefined),
  },
  PagePost: {
    id: n => n.id,
    message: n => n.message ?? undefined,
    created_time: n => fbTime(n.created),
    updated_time: n => fbTime(n.updated),
    from: n => actorRef(n.author),
    permalink_url: n => postLink(n),
    is_published: n => !!postPublished(n),
    is_hidden: () => false,
    is_expired: () => false,
    full_picture: n => {
      const p = state.nodes.get(n.photos[0]);
      return p ? photoUrl(p) : undefined;
    },
    picture: n => {
      const p = state.nodes.get(n.photos[0]);
      return p ? photoUrl(p) : undefined;
    },
    shares: n => (postMetric(n, 'shares') > 0 ? { count: postMetric(n, 'shares') } : undefined),
    status_type: n =>
      n.kind === 'visitor'
        ? 'wall_post'
        : n.photos.length
          ? 'added_photos'
          : n.link
            ? 'shared_story'
            : 'mobile_status_update',
    scheduled_publish_time: n => (n.scheduled_at ? Math.floor(n.scheduled_at / 1000) : undefined),
  },
  Photo: {
    id: n => n.id,
    created_time: n => fbTime(n.created),
    updated_time: n => fbTime(n.created),
    from: n => actorRef(n.page),
    images: n => [value('PlatformImageSource', { height: n.height, source: photoUrl(n), width: n.width })],
    picture: n => photoUrl(n),
    height: n => n.height,
    width: n => n.width,
    link: n => photoLink(n),
    name: n => n.caption || undefined,
    alt_text: () => 'May be an image',
    alt_text_custom: n => n.alt_text_custom ?? undefined,
    page_story_id: n => n.attached_to || undefined,
    can_delete: () => true,
    can_tag: () => true,
  },
  Comment: {
    id: n => n.id,
    message: n => n.message,
    created_time: n => fbTime(n.created),
    from: n => actorRef(n.author),
    parent: n => (n.parent ? ref(n.parent) : undefined),
    is_hidden: n => n.is_hidden,
    is_private: () => false,
    permalink_url: n => {
      const t = commentTarget(n);
      const num = n.id.split('_')[1];
      return t.type === 'PagePost' ? `${postLink(t)}?comment_id=${num}` : `${photoLink(t)}&comment_id=${num}`;
    },
    comment_count: n => (n.parent ? 0 : liveComments(c => c.parent === n.id).length),
    like_count: n => n.metrics.likes ?? 0,
    can_comment: () => true,
    can_hide: n => !!owningPage(n) && owningPage(n).id !== n.author,
    can_like: () => true,
    can_remove: () => true,
    can_reply_privately: () => false,
    user_likes: () => false,
    object: n => {
      const t = commentTarget(n);
      return t.type === 'Photo' ? { id: t.id } : undefined;
    },
  },
  IGUser: {
    id: n => n.id,
    ig_id: n => n.ig_id,
    username: n => n.username,
    name: n => n.name,
    biography: n => n.biography || undefined,
    followers_count: n => n.followers,
    follows_count: n => n.follows,
    media_count: n => nodesOf('IGMedia').filter(m => m.owner === n.id && !m.parent_media && isLive(m)).length,
    has_profile_pic: () => false,
    is_published: () => true,
  },
  IGMedia: {
    id: n => n.id,
    caption: n => (n.parent_media ? undefined : (n.caption ?? undefined)),
    alt_text: n => n.alt_text ?? undefined,
    timestamp: n => fbTime(n.created),
    permalink: n => `https://www.instagram.com/p/${n.shortcode}/`,
    shortcode: n => n.shortcode,
    like_count: n => n.metrics.likes ?? 0,
    comments_count: n => n.metrics.comments ?? liveIgComments(c => c.media === n.id).length,
    media_type: n => n.media_type,
    media_product_type: () => 'FEED',
    media_url: n => {
      const first = n.media_type === 'CAROUSEL_ALBUM' ? state.nodes.get(n.children[0]) : n;
      return first && first.bytes ? igMediaUrl(first) : undefined;
    },
    username: n => state.nodes.get(n.owner)?.username,
    owner: (n, ctx) => (ctx.ig && ctx.ig.id === n.owner ? ref(n.owner) : undefined),
    is_comment_enabled: n => n.comment_enabled,
    is_shared_to_feed: () => true,
  },
  IGComment: {
    id: n => n.id,
    text: n => n.text,
    timestamp: n => fbTime(n.created),
    from: n => {
      const a = state.nodes.get(n.from);
      return value('IGCommentFromUser', { id: a.id, username: a.username });
    },
    username: n => state.nodes.get(n.from).username,
    hidden: n => n.hidden,
    like_count: n => n.likes,
    media: n => ref(n.media),
    parent_id: n => n.parent ?? undefined,
    user: n => (state.nodes.get(n.from).professional && owningIg(n)?.id === n.from ? ref(n.from) : undefined),
  },
  IGContainer: {
    id: n => n.id,
    status_code: n => containerStatus(n),
    status: n => containerStatusText(n),
  },
};
const EDGE_DATA_GETTERS = {
  'User.accounts': { tasks: () => ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'] },
};
// Value types (not nodes): every field is read from the value.
const VALUE_TYPES = [
  'InsightsResult',
  'InsightsValue',
  'InstagramInsightsResult',
  'StoryAttachment',
  'PlatformImageSource',
  'IGCommentFromUser',
  'Profile',
  'Permission',
  'ContentPublishingLimitResponse',
];
// Their getters are made once the spec files are loaded.
function wireValueTypes() {
  for (const t of VALUE_TYPES)
    GETTERS[t] = Object.fromEntries([...TYPES[t].fields.keys(), 'id'].map(f => [f, n => n.v[f]]));
}

const DEFAULT_FIELDS = {
  User: ['name', 'id'],
  Page: ['name', 'id'],
  PagePost: ['created_time', 'message', 'id'],
  Photo: ['created_time', 'id'],
  Comment: ['created_time', 'from', 'message', 'id'],
  IGUser: ['id'],
  IGMedia: ['id'],
  IGComment: ['timestamp', 'text', 'id'],
  IGContainer: ['id'],
  ContentPublishingLimitResponse: ['quota_usage'],
  'User.accounts': ['access_token', 'category', 'name', 'id', 'tasks'],
};
const defaultList = (type, edgeKey) => {
  const names = DEFAULT_FIELDS[edgeKey] || DEFAULT_FIELDS[type];
  return names ? names.map(name => ({ name, mods: {}, sub: null, args: {} })) : null;
};

function render(node, list, ctx, edgeKey) {
  const fields = list || defaultList(node.type, edgeKey);
  const out = {};
  const getters = GETTERS[node.type] || {};
  if (!fields) {
    // a value type with no selection: all it has
    for (const [k, g] of Object.entries(getters)) {
      const v = g(node, ctx);
      if (v !== undefined) out[k] = shape(v, null, ctx);
    }
    return out;
  }
  for (const f of fields) {
    const key = f.mods?.as || f.name;
    const getter = getters[f.name] || EDGE_DATA_GETTERS[edgeKey]?.[f.name];
    if (getter) {
      const v = getter(node, ctx);
      if (v !== undefined) out[key] = shape(v, f.sub, ctx);
    } else if (READ_EDGES[`${node.type} ${f.name}`]) {
      const r = edgeRead(node, f.name, f.args || {}, f.sub, ctx, null);
      if (r instanceof Answer) throw r; // the caller may not read that edge: the whole call fails, as on Graph
      out[key] = r;
    }
    // else: a spec field the fake keeps nothing for: left out, as Graph leaves out empty fields
  }
  if (node.id !== undefined && !VALUE_TYPES.includes(node.type) && !('id' in out)) out.id = node.id;
  return out;
}
function shape(v, sub, ctx) {
  if (v && v.__node) return render(v.__node, sub, ctx);
  if (Array.isArray(v)) return v.map(x => shape(x, sub, ctx));
  if (v && typeof v === 'object' && sub) {
    const o = {};
    for (const f of sub) if (v[f.name] !== undefined) o[f.mods?.as || f.name] = shape(v[f.name], f.sub, ctx);
    return o;
  }
  return v;
}

// ---------------------------------------------------------------- edges: lists and paging

const cursorOf = n => Buffer.from(`${n.created}:${n.seq}`).toString('base64url');
function parseCursor(c) {
  const m = /^(\d+):(\d+)$/.exec(Buffer.from(String(c), 'base64url').toString());
  return m ? { created: Number(m[1]), seq: Number(m[2]) } : null;
}
const newestFirst = (a, b) => b.created - a.created || b.seq - a.seq;
const oldestFirst = (a, b) => a.created - b.created || a.seq - b.seq;

// A list edge as Graph answers it: {data, paging, summary}; or an error Answer.
function edgeRead(node, edge, args, sub, ctx, query) {
  const h = READ_EDGES[`${node.type} ${edge}`];
  const r = h(node, ctx, args, sub);
  if (r instanceof Answer) return r;
  if (r.raw) return r.raw;
  const cmp = r.cmp || newestFirst;
  let items = [...r.items].sort(cmp);
  if (args.since !== undefined) items = items.filter(n => n.created >= args.since);
  if (args.until !== undefined) items = items.filter(n => n.created <= args.until);
  const limit = Math.min(args.limit ?? 25, 100);
  let start = 0;
  let end;
  if (args.after !== undefined) {
    const c = parseCursor(args.after);
    if (!c) return badParam('(#100) Invalid after cursor');
    start = items.findIndex(n => cmp(n, c) > 0);
    if (start < 0) start = items.length;
    end = start + limit;
  } else if (args.before !== undefined) {
    const c = parseCursor(args.before);
    if (!c) return badParam('(#100) Invalid before cursor');
    let stop = items.findIndex(n => cmp(n, c) >= 0);
    if (stop < 0) stop = items.length;
    end = stop;
    start = Math.max(0, stop - limit);
  } else end = limit;
  const page = items.slice(start, end);
  const edgeKey = `${node.type}.${edge}`;
  const body = { data: page.map(n => render(n, sub, ctx, edgeKey)) };
  if (page.length) {
    body.paging = { cursors: { before: cursorOf(page[0]), after: cursorOf(page[page.length - 1]) } };
    const link = cursor => {
      const q = new URLSearchParams();
      if (query) {
        for (const [k, v] of query) if (k !== 'after' && k !== 'before' && typeof v === 'string') q.set(k, v);
      } else {
        q.set('access_token', ctx.tokenString);
        if (sub) q.set('fields', serializeFields(sub));
        for (const [k, v] of Object.entries(args))
          if (!['after', 'before', 'summary', 'as'].includes(k))
            q.set(k, k === 'since' || k === 'until' ? String(Math.floor(v / 1000)) : String(v));
      }
      q.set('limit', String(limit));
      for (const [k, v] of Object.entries(cursor)) q.set(k, v);
      return `${BASE}/${ctx.version || 'v21.0'}/${node.id}/${edge}?${q}`;
    };
    if (end < items.length) body.paging.next = link({ after: body.paging.cursors.after });
    if (start > 0) body.paging.previous = link({ before: body.paging.cursors.before });
  }
  if (args.summary !== undefined && args.summary !== 'false' && args.summary !== false && r.summary)
    body.summary = r.summary;
  return body;
}

// Access and permission checks -------------------------------------------------

function scopeOf(ctx) {
  if (!ctx.token || ctx.token.kind === 'app') return new Set();
  const g = state.grants.get(ctx.token.user_id);
  return g ? g.scope : new Set();
}
function needScope(ctx, perms, kind) {
  const scope = scopeOf(ctx);
  const missing = perms.find(p => !scope.has(p));
  if (!missing) return null;
  const note = `missing permission ${missing}`;
  if (kind === 'ig') return gErr(400, 10, '(#10) Application does not have permission for this action', { note });
  if (kind === 'write')
    return gErr(400, 200, "(#200) The user hasn't authorized the application to perform this action", { note });
  return gErr(
    400,
    10,
    `(#10) This endpoint requires the '${missing}' permission or the 'Page Public Content Access' feature. Refer to https://developers.facebook.com/docs/apps/review/login-permissions#manage-pages and https://developers.facebook.com/docs/apps/review/feature#reference-PAGES_ACCESS for details.`,
    { note },
  );
}
// The page's own page token.
function needPageToken(ctx, page, perms, kind = 'read') {
  if (!ctx.token || ctx.token.kind !== 'page') return pageTokenRequired();
  if (!page || ctx.token.page_id !== page.id)
    return permissionsError(`a page token of ${ctx.token.page_id}, not of ${page?.id}`);
  return needScope(ctx, perms, kind);
}
// A page token for one of the pages a tagged post mentions (or the post's own page).
function needPageTokenFor(ctx, node, perms, kind) {
  const page = owningPage(node);
  if (page) return needPageToken(ctx, page, perms, kind);
  const post = node.type === 'Comment' ? commentTarget(node) : node;
  if (!ctx.token || ctx.token.kind !== 'page') return pageTokenRequired();
  if (!post.mentions?.includes(ctx.token.page_id)) return permissionsError('the post does not mention this page');
  return needScope(ctx, perms, kind);
}
// The Instagram account the caller may act as on `node` (owner, or tagged for reads).
function igCaller(ctx) {
  if (!ctx.token) return [];
  if (ctx.token.kind === 'page') {
    const page = state.nodes.get(ctx.token.page_id);
    return page?.ig ? [state.nodes.get(page.ig)] : [];
  }
  if (ctx.token.kind === 'user')
    return nodesOf('Page')
      .filter(p => p.managers.includes(ctx.token.user_id) && p.ig)
      .map(p => state.nodes.get(p.ig));
  return [];
}
function needIg(ctx, node, perms, { read = false } = {}) {
  const mine = igCaller(ctx);
  const owner = node.type === 'IGUser' ? node : state.nodes.get(node.owner ?? owningIg(node)?.id);
  let ig = mine.find(i => i.id === owner?.id);
  if (!ig && node.type === 'IGComment') {
    const media = state.nodes.get(node.media);
    ig = mine.find(i => i.id === media?.ig);
  }
  if (!ig && read) {
    const media = node.type === 'IGMedia' ? node : node.type === 'IGComment' ? state.nodes.get(node.media) : null;
    ig = mine.find(i => media?.tagged?.includes(i.id));
  }
  if (!ig) return unsupported(ctx.method, node.id);
  ctx.ig = ig;
  return needScope(ctx, perms, 'ig');
}

// Page tokens ------------------------------------------------------------------

function issueToken(t) {
  const token = { token: randomToken(), issued_at: Date.now(), ...t };
  state.tokens.set(token.token, token);
  return token;
}
// The page token for `page` as the caller would see it in the access_token field.
function pageTokenFor(ctx, page) {
  if (!ctx.token) return undefined;
  if (ctx.token.kind === 'page') return ctx.token.page_id === page.id ? ctx.token.token : undefined;
  if (ctx.token.kind !== 'user' || !page.managers.includes(ctx.token.user_id)) return undefined;
  return derivePageToken(ctx.token, page).token;
}
function derivePageToken(userToken, page) {
  for (const t of state.tokens.values())
    if (t.kind === 'page' && t.parent === userToken.token && t.page_id === page.id) return t;
  return issueToken({
    kind: 'page',
    user_id: userToken.user_id,
    page_id: page.id,
    parent: userToken.token,
    gen: userToken.gen,
    long_lived: userToken.long_lived,
    expires_at: userToken.long_lived ? null : userToken.expires_at,
  });
}

// ---------------------------------------------------------------- read edges

const PAGE_METRICS = {
  page_impressions: p => sumPosts(p, 'impressions'),
  page_impressions_unique: p => sumPosts(p, 'impressions_unique'),
  page_impressions_paid: () => 0,
  page_impressions_paid_unique: () => 0,
  page_impressions_organic_v2: p => sumPosts(p, 'impressions'),
  page_impressions_organic_unique_v2: p => sumPosts(p, 'impressions_unique'),
  page_post_engagements: p =>
    pagePosts(p).reduce((n, x) => n + postMetric(x, 'reactions') + postMetric(x, 'shares') + commentCountOf(x), 0),
  page_posts_impressions: p => sumPosts(p, 'impressions'),
  page_posts_impressions_unique: p => sumPosts(p, 'impressions_unique'),
  page_posts_impressions_paid: () => 0,
  page_posts_impressions_organic: p => sumPosts(p, 'impressions'),
  page_follows: p => p.followers,
  page_daily_follows: () => 0,
  page_daily_follows_unique: () => 0,
  page_daily_unfollows_unique: () => 0,
  page_views_total: () => 0,
  page_actions_post_reactions_total: p => ({ like: sumPosts(p, 'reactions') }),
  page_video_views: () => 0,
  page_total_actions: () => 0,
};
const POST_METRICS = {
  post_impressions: p => postMetric(p, 'impressions'),
  post_impressions_unique: p => postMetric(p, 'impressions_unique'),
  post_impressions_paid: () => 0,
  post_impressions_paid_unique: () => 0,
  post_impressions_organic: p => postMetric(p, 'impressions'),
  post_impressions_organic_unique: p => postMetric(p, 'impressions_unique'),
  post_impressions_fan: p => postMetric(p, 'impressions_unique'),
  post_clicks: p => postMetric(p, 'clicks'),
  post_clicks_by_type: p => (postMetric(p, 'clicks') ? { 'other clicks': postMetric(p, 'clicks') } : {}),
  post_reactions_by_type_total: p => (postMetric(p, 'reactions') ? { like: postMetric(p, 'reactions') } : {}),
  post_reactions_like_total: p => postMetric(p, 'reactions'),
  post_reactions_love_total: () => 0,
  post_video_views: () => 0,
};
const IG_FEED_METRICS = [
  'comments',
  'follows',
  'impressions',
  'likes',
  'profile_activity',
  'profile_visits',
  'reach',
  'saved',
  'shares',
  'total_interactions',
  'views',
];
const title = name =>
  name
    .replace(/^(page|post)_/, '')
    .split('_')
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join(' ');
const pagePosts = p => nodesOf('PagePost').filter(x => x.page === p.id && x.author === p.id && isLive(x));
const sumPosts = (p, metric) => pagePosts(p).reduce((n, x) => n + postMetric(x, metric), 0);

function insightsBody(node, metrics, table, period, sub, ctx, { valueOf, endTime }) {
  for (const m of metrics) if (!(m in table)) return badParam('(#100) The value must be a valid insights metric');
  const data = metrics.map(name =>
    value('InsightsResult', {
      name,
      period,
      values: [value('InsightsValue', { value: valueOf(name), ...(endTime ? { end_time: fbTime(endTime) } : {}) })],
      title: title(name),
      description: `${title(name)} (fake_meta)`,
      id: `${node.id}/insights/${name}/${period}`,
    }),
  );
  return { raw: { data: data.map(d => shape(d, sub, ctx)) } };
}

const byPage = (page, pred) => nodesOf('PagePost').filter(p => p.page === page.id && isLive(p) && pred(p));
const commentsSummary = (target, total, order) => ({
  order: order === 'reverse_chronological' ? 'reverse_chronological' : 'chronological',
  total_count: total,
  can_comment: true,
});

function commentList(target, ctx, args) {
  const stream = args.filter === 'stream';
  const items =
    target.type === 'Comment'
      ? liveComments(c => c.parent === target.id)
      : liveComments(c => c.on === target.id && (stream || !c.parent));
  const total =
    target.type === 'PagePost' && target.metrics.comments !== undefined ? target.metrics.comments : items.length;
  return {
    items,
    cmp: args.order === 'reverse_chronological' ? newestFirst : oldestFirst,
    summary: commentsSummary(target, total, args.order),
  };
}
function reactionsSummary(target) {
  return { total_count: target.metrics?.reactions ?? 0, viewer_reaction: 'NONE' };
}

const READ_EDGES = {
  'User accounts': (user, ctx) => {
    if (!ctx.token || ctx.token.kind !== 'user' || ctx.token.user_id !== user.id) return unsupported('GET', user.id);
    const e = needScope(ctx, ['pages_show_list']);
    if (e) return e;
    return { items: nodesOf('Page').filter(p => p.managers.includes(user.id)), cmp: oldestFirst };
  },
  'User permissions': (user, ctx, args) => {
    if (!(ctx.app || (ctx.token?.kind === 'user' && ctx.token.user_id === user.id))) return unsupported('GET', user.id);
    const g = state.grants.get(user.id);
    const granted = g && !g.revoked ? [...g.scope] : [];
    let items = granted.map((p, i) => ({
      type: 'Permission',
      v: { permission: p, status: 'granted' },
      created: 0,
      seq: i,
    }));
    if (args.permission) items = items.filter(i => i.v.permission === args.permission);
    if (args.status && args.status !== 'granted') items = [];
    return { items, cmp: oldestFirst };
  },
  'Page feed': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement']) || { items: byPage(page, p => postPublished(p)) },
  'Page posts': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement']) || {
      items: byPage(page, p => p.author === page.id && postPublished(p)),
    },
  'Page published_posts': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement']) || {
      items: byPage(page, p => p.author === page.id && postPublished(p)),
    },
  'Page scheduled_posts': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement']) || {
      items: byPage(page, p => p.author === page.id && !postPublished(p) && p.scheduled_at),
    },
  'Page visitor_posts': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement', 'pages_read_user_content']) || {
      items: byPage(page, p => p.kind === 'visitor'),
    },
  'Page tagged': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement', 'pages_read_user_content']) || {
      items: nodesOf('PagePost').filter(p => isLive(p) && p.kind === 'tagged' && p.mentions.includes(page.id)),
    },
  'Page photos': (page, ctx) =>
    needPageToken(ctx, page, ['pages_read_engagement']) || {
      items: nodesOf('Photo').filter(p => p.page === page.id && isLive(p)),
    },
  'Page blocked': (page, ctx) =>
    needPageToken(ctx, page, ['pages_manage_engagement'], 'write') || {
      items: page.blocked.map((id, i) => ({ type: 'Profile', v: actorRef(id), created: 0, seq: i })),
      cmp: oldestFirst,
    },
  'Page insights': (page, ctx, args, sub) =>
    needPageToken(ctx, page, ['read_insights']) ||
    insightsBody(page, args.metric ?? Object.keys(PAGE_METRICS), PAGE_METRICS, args.period ?? 'day', sub, ctx, {
      valueOf: name => page.metrics[name] ?? PAGE_METRICS[name](page),
      endTime: (() => {
        const d = new Date();
        d.setUTCHours(7, 0, 0, 0);
        return d.getTime();
      })(),
    }),
  'PagePost comments': (post, ctx, args) =>
    needPageTokenFor(ctx, post, ['pages_read_engagement', 'pages_read_user_content']) || commentList(post, ctx, args),
  'Photo comments': (photo, ctx, args) =>
    needPageTokenFor(ctx, photo, ['pages_read_engagement', 'pages_read_user_content']) || commentList(photo, ctx, args),
  'Comment comments': (c, ctx, args) =>
    needPageTokenFor(ctx, c, ['pages_read_engagement', 'pages_read_user_content']) || commentList(c, ctx, args),
  'PagePost reactions': post => ({ items: [], summary: reactionsSummary(post) }),
  'PagePost likes': post => ({
    items: [],
    summary: { total_count: post.metrics.likes ?? post.metrics.reactions ?? 0, can_like: true, has_liked: false },
  }),
  'Photo likes': photo => ({
    items: [],
    summary: { total_count: photo.metrics?.likes ?? 0, can_like: true, has_liked: false },
  }),
  'Comment likes': c => ({
    items: [],
    summary: { total_count: c.metrics.likes ?? 0, can_like: true, has_liked: false },
  }),
  'Comment reactions': c => ({ items: [], summary: { total_count: c.metrics.likes ?? 0, viewer_reaction: 'NONE' } }),
  'PagePost attachments': post => ({
    items: storyAttachments(post).map((a, i) => ({ type: 'StoryAttachment', v: a, created: 0, seq: i })),
    cmp: oldestFirst,
  }),
  'PagePost insights': (post, ctx, args, sub) =>
    needPageTokenFor(ctx, post, ['read_insights']) ||
    insightsBody(post, args.metric ?? Object.keys(POST_METRICS), POST_METRICS, 'lifetime', sub, ctx, {
      valueOf: name => POST_METRICS[name](post),
    }),
  'IGUser media': (ig, ctx) =>
    needIg(ctx, ig, ['instagram_basic']) || {
      items: nodesOf('IGMedia').filter(m => m.owner === ig.id && !m.parent_media && isLive(m)),
    },
  'IGUser tags': (ig, ctx) =>
    needIg(ctx, ig, ['instagram_basic', 'instagram_manage_comments']) || {
      items: nodesOf('IGMedia').filter(m => m.tagged.includes(ig.id) && isLive(m)),
    },
  'IGUser content_publishing_limit': (ig, ctx, args, sub) =>
    needIg(ctx, ig, ['instagram_basic', 'instagram_content_publish']) || {
      raw: {
        data: [
          shape(
            value('ContentPublishingLimitResponse', {
              quota_usage: publishingUsage(ig),
              config: { quota_total: state.config.publishing_quota_total, quota_duration: 86400 },
            }),
            sub,
            ctx,
          ),
        ],
      },
    },
  'IGMedia children': (m, ctx) =>
    needIg(ctx, m, ['instagram_basic'], { read: true }) || {
      items: m.children.map(id => state.nodes.get(id)).filter(isLive),
      cmp: oldestFirst,
    },
  'IGMedia comments': (m, ctx) =>
    needIg(ctx, m, ['instagram_basic', 'instagram_manage_comments'], { read: true }) || {
      items: liveIgComments(c => c.media === m.id && !c.parent),
    },
  'IGComment replies': (c, ctx) =>
    needIg(ctx, c, ['instagram_basic', 'instagram_manage_comments'], { read: true }) || {
      items: liveIgComments(r => r.parent === c.id),
      cmp: oldestFirst,
    },
  'IGMedia insights': (m, ctx, args, sub) => {
    const e = needIg(ctx, m, ['instagram_basic', 'instagram_manage_insights']);
    if (e) return e;
    const metrics = args.metric;
    for (const name of metrics)
      if (!IG_FEED_METRICS.includes(name) || m.parent_media)
        return badParam(
          `(#100) The Media Insights API does not support the ${name} metric for this media product type.`,
        );
    const mm = name => m.metrics[name] ?? 0;
    const comments = m.metrics.comments ?? liveIgComments(c => c.media === m.id).length;
    const values = {
      comments,
      likes: mm('likes'),
      impressions: mm('impressions'),
      reach: mm('reach'),
      saved: mm('saved'),
      shares: mm('shares'),
      views: mm('views'),
      follows: 0,
      profile_activity: 0,
      profile_visits: 0,
      total_interactions: mm('likes') + comments + mm('saved') + mm('shares'),
    };
    const data = metrics.map(name =>
      value('InstagramInsightsResult', {
        name,
        period: 'lifetime',
        values: [value('InsightsValue', { value: values[name] })],
        title: title(name),
        description: `${title(name)} (fake_meta)`,
        id: `${m.id}/insights/${name}/lifetime`,
      }),
    );
    return { raw: { data: data.map(d => shape(d, sub, ctx)) } };
  },
};

// ---------------------------------------------------------------- node reads

// Who may read a node at all (beyond being live): node-level permission checks.
function checkNodeRead(node, ctx) {
  switch (node.type) {
    case 'User':
    case 'Page':
      return null;
    case 'PagePost':
    case 'Photo':
    case 'Comment':
      if (ctx.app) return unsupported('GET', node.id);
      return needScope(ctx, ['pages_read_engagement']);
    case 'IGUser':
      return needIg(ctx, node, ['instagram_basic'], { read: true });
    case 'IGMedia':
      return needIg(ctx, node, ['instagram_basic'], { read: true });
    case 'IGComment':
      return needIg(ctx, node, ['instagram_basic', 'instagram_manage_comments'], { read: true });
    case 'IGContainer':
      return needIg(ctx, node, ['instagram_basic', 'instagram_content_publish']);
    default:
      return null;
  }
}

// ---------------------------------------------------------------- writes

function takeFault(kinds, ctx, { peek = false } = {}) {
  const f = state.faults.find(
    x =>
      x.count !== 0 &&
      kinds.includes(x.kind) &&
      (!x.method || x.method.toUpperCase() === ctx.method) &&
      (!x.path || pathMatches(x.path, ctx.path)),
  );
  if (f && !peek) {
    if (f.count > 0) f.count--;
    f.applied++;
  }
  return f || null;
}
function pathMatches(pattern, p) {
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*$/, '\u0000')
        .replace(/\*/g, '[^/]+')
        .replace('\u0000', '.*') +
      '$',
  );
  return re.test(p);
}
// publishing_limit acts on any request to that account's publishing (no path needed).
function activeFault(kind, ig) {
  return state.faults.find(
    f => f.count !== 0 && f.kind === kind && (!f.path || f.path.includes(ig.id) || f.path.startsWith('/*')),
  );
}

function fetchLocal(urlString) {
  return new Promise(resolve => {
    let u;
    try {
      u = new URL(urlString);
    } catch {
      resolve({ ok: false, error: 'not a URL' });
      return;
    }
    if (u.protocol !== 'http:' || u.hostname !== '127.0.0.1') {
      resolve({ ok: false, error: `the fake fetches only http://127.0.0.1 URLs, not ${u.origin}` });
      return;
    }
    const req = http.get(u, { timeout: 5000, agent: false }, res => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ ok: false, error: `HTTP ${res.statusCode}` });
        return;
      }
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const img = sniffImage(bytes);
        resolve(img ? { ok: true, bytes, ...img } : { ok: false, error: 'not an image' });
      });
      res.on('error', e => resolve({ ok: false, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', e => resolve({ ok: false, error: e.message }));
  });
}

const invalidImage = () => gErr(400, 324, '(#324) Missing or invalid image file');

async function uploadPhoto(page, ctx) {
  const e = needPageToken(ctx, page, ['pages_manage_posts'], 'write');
  if (e) return e;
  const a = ctx.args;
  if (takeFault(['image_refused'], ctx)) {
    ctx.fault = 'image_refused';
    return invalidImage();
  }
  let bytes;
  if (a.source) bytes = a.source.file;
  else if (a.url) {
    const r = await fetchLocal(a.url);
    if (!r.ok) {
      if (/127\.0\.0\.1|not a URL/.test(r.error)) return badParam('(#100) url should represent a valid URL');
      return invalidImage();
    }
    bytes = r.bytes;
  } else return gErr(400, 324, '(#324) Requires upload file');
  const img = sniffImage(bytes);
  if (!img) return invalidImage();
  const published = a.published ?? true;
  const photo = put({
    type: 'Photo',
    id: ID.object(),
    page: page.id,
    bytes,
    mime: img.mime,
    width: img.width,
    height: img.height,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    alt_text_custom: a.alt_text_custom ?? null,
    caption: a.caption ?? a.message ?? null,
    published,
    temporary: a.temporary ?? false,
    attached_to: null,
    metrics: {},
    deleted: false,
  });
  if (published && !a.no_story) {
    const post = addPost({ page, author: page, kind: 'page', message: photo.caption, photos: [photo.id] });
    return new Answer(200, { id: photo.id, post_id: post.id });
  }
  return new Answer(200, { id: photo.id });
}

function postToFeed(page, ctx) {
  const e = needPageToken(ctx, page, ['pages_manage_posts'], 'write');
  if (e) return e;
  const a = ctx.args;
  const media = [];
  for (let i = 0; i < (a.attached_media || []).length; i++) {
    let item = a.attached_media[i];
    if (typeof item === 'string') {
      try {
        item = JSON.parse(item);
      } catch {
        item = { media_fbid: item };
      }
    }
    const id = item && typeof item === 'object' ? String(item.media_fbid ?? '') : '';
    const photo = state.nodes.get(id);
    if (
      !photo ||
      photo.type !== 'Photo' ||
      photo.deleted ||
      photo.page !== page.id ||
      photo.published ||
      photo.attached_to
    )
      return badParam(
        `(#100) attached_media[${i}] must be an unpublished, unattached photo of this Page (media_fbid ${id})`,
      );
    if (media.includes(id)) return badParam(`(#100) attached_media[${i}] repeats media_fbid ${id}`);
    media.push(id);
  }
  if (!a.message && !a.link && !media.length) return badParam('(#100) Missing message or attachment');
  const published = a.published ?? true;
  let scheduledAt = null;
  if (a.scheduled_publish_time !== undefined) {
    const t = a.scheduled_publish_time;
    if (published || t < Date.now() + 10 * 60e3 || t > Date.now() + 30 * DAY_MS)
      return badParam('(#100) The specified scheduled publish time is invalid.');
    scheduledAt = t;
  }
  const last = byPage(page, p => p.author === page.id).sort(newestFirst)[0];
  if (
    last &&
    Date.now() - last.created < DAY_MS &&
    (last.message ?? '') === (a.message ?? '') &&
    (last.link ?? '') === (a.link ?? '') &&
    !last.photos.length &&
    !media.length
  )
    return gErr(400, 506, '(#506) Duplicate status message', {
      subcode: 1455006,
      transient: false,
      title: 'Duplicate Status Update',
      userMsg:
        'This status update is identical to the last one you posted. Try posting something different, or delete your previous update.',
    });
  const post = addPost({
    page,
    author: page,
    kind: 'page',
    message: a.message,
    link: a.link,
    photos: media,
    published,
    scheduledAt,
  });
  return new Answer(200, { id: post.id });
}

function commentAsPage(target, ctx) {
  const e = needPageTokenFor(ctx, target, ['pages_manage_engagement'], 'write');
  if (e) return e;
  const a = ctx.args;
  const message = a.message ?? a.text ?? a.comment;
  if (!message && !a.attachment_url && !a.attachment_id) return badParam('(#100) Missing message or attachment');
  const page = state.nodes.get(ctx.token.page_id);
  const c = addComment({ on: target, author: page, message: message ?? '' });
  return new Answer(200, { id: c.id });
}

async function createContainer(ig, ctx) {
  const e = needIg(ctx, ig, ['instagram_basic', 'instagram_content_publish']);
  if (e) return e;
  const a = ctx.args;
  const type = a.media_type ? String(a.media_type).toUpperCase() : 'IMAGE';
  if (['REELS', 'VIDEO', 'STORIES'].includes(type) || a.video_url)
    return notImplemented(`media_type ${type} containers`);
  if (type !== 'IMAGE' && type !== 'CAROUSEL')
    return badParam(`(#100) media_type must be one of the following values: CAROUSEL, REELS, STORIES, VIDEO`);
  const fault = takeFault(['container_stuck', 'container_error'], ctx);
  if (fault) ctx.fault = fault.kind;
  const base = {
    type: 'IGContainer',
    ig: ig.id,
    caption: a.caption ?? null,
    alt_text: a.alt_text ?? null,
    is_carousel_item: !!a.is_carousel_item,
    children: [],
    published_media: null,
    forced: fault ? (fault.kind === 'container_stuck' ? 'stuck' : 'error') : null,
  };
  if (type === 'CAROUSEL') {
    const kids = a.children || [];
    if (kids.length < 2 || kids.length > 10) return badParam('(#100) A carousel takes 2 to 10 children');
    for (let i = 0; i < kids.length; i++) {
      const k = state.nodes.get(String(kids[i]));
      if (!k || k.type !== 'IGContainer' || k.ig !== ig.id || !k.is_carousel_item || k.published_media)
        return badParam(`(#100) children[${i}] must be a carousel item container of this account (${kids[i]})`);
    }
    const c = put({
      ...base,
      id: ID.container(),
      kind: 'CAROUSEL',
      children: kids.map(String),
      ready_at: Date.now() + state.config.container_ready_ms,
      fetch: { done: true, ok: true },
    });
    return new Answer(200, { id: c.id });
  }
  if (!a.image_url) return badParam('(#100) The parameter image_url is required.');
  const c = put({
    ...base,
    id: ID.container(),
    kind: 'IMAGE',
    image_url: a.image_url,
    ready_at: Date.now() + state.config.container_ready_ms,
    fetch: { done: false, ok: false },
  });
  fetchLocal(a.image_url).then(r => {
    c.fetch = { done: true, ok: r.ok, error: r.error, bytes: r.bytes, mime: r.mime };
  });
  return new Answer(200, { id: c.id });
}

function publishContainer(ig, ctx) {
  const e = needIg(ctx, ig, ['instagram_basic', 'instagram_content_publish']);
  if (e) return e;
  const id = String(ctx.args.creation_id);
  const c = state.nodes.get(id);
  if (!c || c.type !== 'IGContainer' || c.ig !== ig.id)
    return gErr(400, 24, 'Media builder not found', {
      subcode: 2207008,
      transient: false,
      title: 'Media builder not found',
      userMsg: `The media builder with creation ID = ${id} does not exist or has expired.`,
    });
  if (c.is_carousel_item) return badParam('(#100) A carousel item container cannot be published on its own');
  const f = takeFault(['publishing_limit'], ctx, { peek: true });
  if (f || publishingUsage(ig) >= state.config.publishing_quota_total) {
    if (f) {
      takeFault(['publishing_limit'], ctx);
      ctx.fault = 'publishing_limit';
    }
    return gErr(400, 9, 'Application request limit reached', {
      subcode: 2207042,
      transient: false,
      title: 'Cannot publish post',
      userMsg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
    });
  }
  const status = containerStatus(c);
  if (status === 'IN_PROGRESS' || status === 'PUBLISHED')
    return gErr(400, 9007, 'Media ID is not available', {
      subcode: 2207027,
      transient: false,
      title: 'Media not ready for publishing',
      userMsg: 'The media is not ready for publishing, please wait for a moment',
    });
  if (status === 'ERROR')
    return gErr(400, 9004, 'The media could not be fetched from this uri', {
      subcode: 2207052,
      transient: false,
      title: 'Media download has failed',
      userMsg: "Media download has failed. The media URI doesn't meet our requirements.",
    });
  if (status === 'EXPIRED')
    return gErr(400, -2, 'The media you are trying to access has expired. Please try to upload again.', {
      subcode: 2207020,
      transient: false,
      title: 'Media expired',
      userMsg: 'The media you are trying to access has expired. Please try to upload again.',
    });
  let media;
  if (c.kind === 'CAROUSEL') {
    media = addIgMedia({ ig, caption: c.caption, mediaType: 'CAROUSEL_ALBUM', viaApi: true });
    for (const kidId of c.children) {
      const k = state.nodes.get(kidId);
      const child = addIgMedia({
        ig,
        mediaType: 'IMAGE',
        bytes: k.fetch.bytes,
        mime: k.fetch.mime,
        altText: k.alt_text,
      });
      child.parent_media = media.id;
      media.children.push(child.id);
      k.published_media = child.id;
    }
  } else {
    media = addIgMedia({
      ig,
      caption: c.caption,
      bytes: c.fetch.bytes,
      mime: c.fetch.mime,
      altText: c.alt_text,
      viaApi: true,
    });
  }
  c.published_media = media.id;
  return new Answer(200, { id: media.id });
}

function igComment(on, ctx, message, { parent } = {}) {
  if (!message) return badParam('(#100) The parameter message is required');
  const media = on.type === 'IGMedia' ? on : state.nodes.get(on.media);
  if (!media.comment_enabled) return badParam('(#100) Comments are disabled for this media');
  const c = addIgComment({
    media,
    parent: parent ?? (on.type === 'IGComment' ? on : null),
    author: ctx.ig,
    text: message,
  });
  return new Answer(200, { id: c.id });
}

// Handlers: "Type METHOD edge" (edge "" for the node itself). GET edges in READ_EDGES are lists.
const HANDLERS = {
  'User DELETE permissions': (user, ctx) => {
    if (!(ctx.app || (ctx.token?.kind === 'user' && ctx.token.user_id === user.id)))
      return unsupported('DELETE', user.id);
    const g = state.grants.get(user.id);
    if (g) {
      if (ctx.args.permission) g.scope.delete(ctx.args.permission);
      else {
        g.revoked = true;
        g.revoked_at = Date.now();
        g.scope = new Set();
      }
    }
    return success();
  },
  'Page POST photos': uploadPhoto,
  'Page POST feed': postToFeed,
  'Page POST blocked': (page, ctx) => {
    const e = needPageToken(ctx, page, ['pages_manage_engagement'], 'write');
    if (e) return e;
    const ids = [
      ...(ctx.args.user || []),
      ...(ctx.args.uid || []),
      ...(ctx.args.asid || []),
      ...(ctx.args.psid || []),
    ].map(String);
    if (!ids.length) return badParam('(#100) The parameter user is required');
    const out = {};
    for (const id of ids) {
      const u = state.nodes.get(id);
      out[id] = !!u && u.type === 'User';
      if (out[id] && !page.blocked.includes(id)) page.blocked.push(id);
    }
    return new Answer(200, out);
  },
  'Page DELETE blocked': (page, ctx) => {
    const e = needPageToken(ctx, page, ['pages_manage_engagement'], 'write');
    if (e) return e;
    const id = String(ctx.args.user ?? ctx.args.uid ?? ctx.args.asid ?? ctx.args.psid ?? '');
    if (!id) return badParam('(#100) The parameter user is required');
    page.blocked = page.blocked.filter(x => x !== id);
    return success();
  },
  'PagePost POST ': (post, ctx) => {
    const e = needPageToken(ctx, pageOfPost(post), ['pages_manage_posts'], 'write');
    if (e) return e;
    if (post.author !== ctx.token.page_id) return permissionsError('only the author edits a post');
    if (ctx.args.message !== undefined) post.message = ctx.args.message;
    if (ctx.args.is_published === true) post.published = true;
    post.updated = Date.now();
    return success();
  },
  'PagePost DELETE ': (post, ctx) => {
    const e = needPageToken(ctx, pageOfPost(post), ['pages_manage_posts'], 'write');
    if (e) return e;
    post.deleted = true;
    post.deleted_at = Date.now();
    return success();
  },
  'PagePost POST comments': commentAsPage,
  'Photo POST comments': commentAsPage,
  'Comment POST comments': commentAsPage,
  'Photo DELETE ': (photo, ctx) => {
    const e = needPageToken(ctx, state.nodes.get(photo.page), ['pages_manage_posts'], 'write');
    if (e) return e;
    photo.deleted = true;
    return success();
  },
  'Comment POST ': (c, ctx) => {
    const e = needPageTokenFor(ctx, c, ['pages_manage_engagement'], 'write');
    if (e) return e;
    const a = ctx.args;
    if (a.is_hidden !== undefined) {
      if (c.author === ctx.token.page_id) return badParam('(#100) A Page cannot hide its own comments');
      c.is_hidden = a.is_hidden;
    }
    if (a.message !== undefined) {
      if (c.author !== ctx.token.page_id) return permissionsError('only the author edits a comment');
      c.message = a.message;
    }
    return success();
  },
  'Comment DELETE ': (c, ctx) => {
    const e = needPageTokenFor(ctx, c, ['pages_manage_engagement'], 'write');
    if (e) return e;
    c.deleted = true;
    c.deleted_at = Date.now();
    return success();
  },
  'IGUser POST media': createContainer,
  'IGUser POST media_publish': publishContainer,
  'IGUser POST mentions': (ig, ctx) => {
    const e = needIg(ctx, ig, ['instagram_basic', 'instagram_manage_comments']);
    if (e) return e;
    const media = state.nodes.get(String(ctx.args.media_id));
    if (!media || media.type !== 'IGMedia' || !isLive(media) || !media.tagged.includes(ig.id))
      return badParam('(#100) media_id must be a media that mentions this account');
    let parent = null;
    if (ctx.args.comment_id) {
      parent = state.nodes.get(String(ctx.args.comment_id));
      if (!parent || parent.type !== 'IGComment' || parent.media !== media.id || !isLive(parent))
        return badParam('(#100) comment_id must be a comment on that media');
    }
    return igComment(media, ctx, ctx.args.message, { parent });
  },
  'IGMedia POST ': (m, ctx) => {
    const e = needIg(ctx, m, ['instagram_basic', 'instagram_manage_comments']);
    if (e) return e;
    m.comment_enabled = ctx.args.comment_enabled;
    return success();
  },
  'IGMedia DELETE ': (m, ctx) => {
    const e = needIg(ctx, m, ['instagram_basic', 'instagram_content_publish']);
    if (e) return e;
    if (m.parent_media) return badParam('(#100) A carousel child cannot be deleted on its own');
    m.deleted = true;
    m.deleted_at = Date.now();
    return success();
  },
  'IGMedia POST comments': (m, ctx) =>
    needIg(ctx, m, ['instagram_basic', 'instagram_manage_comments']) || igComment(m, ctx, ctx.args.message),
  'IGComment POST replies': (c, ctx) =>
    needIg(ctx, c, ['instagram_basic', 'instagram_manage_comments']) || igComment(c, ctx, ctx.args.message),
  'IGComment POST ': (c, ctx) => {
    const e = needIg(ctx, c, ['instagram_basic', 'instagram_manage_comments']);
    if (e) return e;
    const media = state.nodes.get(c.media);
    if (media.owner !== ctx.ig.id) return gErr(400, 10, '(#10) Application does not have permission for this action');
    c.hidden = ctx.args.hide;
    return success();
  },
  'IGComment DELETE ': (c, ctx) => {
    const e = needIg(ctx, c, ['instagram_basic', 'instagram_manage_comments']);
    if (e) return e;
    const media = state.nodes.get(c.media);
    if (media.owner !== ctx.ig.id && c.from !== ctx.ig.id)
      return gErr(400, 10, '(#10) Application does not have permission for this action');
    c.deleted = true;
    c.deleted_at = Date.now();
    return success();
  },
};

// Every handler and read edge is an api of its type in the spec files; every getter a field.
function assertTablesMatchSpec() {
  const problems = [];
  for (const [type, getters] of Object.entries(GETTERS))
    for (const f of Object.keys(getters))
      if (f !== 'id' && !TYPES[type]?.fields.has(f)) problems.push(`getter ${type}.${f} is not a field of ${type}`);
  for (const key of Object.keys(READ_EDGES)) {
    const [type, edge] = key.split(' ');
    if (!findApi(type, 'GET', edge)) problems.push(`read edge ${key} is not a GET api of ${type}`);
  }
  for (const key of Object.keys(HANDLERS)) {
    const [type, method, edge] = key.split(' ');
    if (!findApi(type, method, edge || null)) problems.push(`handler ${key} is not an api of ${type}`);
  }
  if (problems.length) throw new Error(`fake_meta's tables break the spec files:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------- OAuth: dialog and tokens

function htmlPage(status, text) {
  return new Answer(
    status,
    `<!DOCTYPE html><html><head><title>Facebook</title></head><body><h1>Error</h1><p>${text.replace(/</g, '&lt;')}</p></body></html>`,
    { contentType: 'text/html; charset=utf-8' },
  );
}

function dialog(ctx) {
  const q = ctx.params;
  const c = state.config;
  const get = k => (typeof q.get(k) === 'string' ? q.get(k) : undefined);
  if (get('client_id') !== c.app_id)
    return htmlPage(400, 'Invalid App ID: The provided app ID does not look like a valid app ID.');
  const redirect = get('redirect_uri');
  let target;
  try {
    target = new URL(redirect);
    if (!/^https?:$/.test(target.protocol)) throw new Error();
  } catch {
    return htmlPage(400, 'URL blocked: This redirect failed because the redirect URI is not a valid URL.');
  }
  if (c.redirect_uris.length && !c.redirect_uris.includes(redirect))
    return htmlPage(
      400,
      "URL blocked: This redirect failed because the redirect URI is not white-listed in the app's client OAuth settings.",
    );
  if ((get('response_type') || 'code') !== 'code') return htmlPage(400, 'The fake supports response_type=code only.');
  const scope = (get('scope') || '').split(/[,\s]+/).filter(Boolean);
  const invalid = scope.filter(p => !ALL_PERMISSIONS.includes(p));
  if (invalid.length) return htmlPage(400, `Invalid Scopes: ${invalid.join(', ')}.`);
  const method = get('code_challenge_method') || (get('code_challenge') ? 'plain' : undefined);
  if (method && !['S256', 'plain'].includes(method)) return htmlPage(400, 'Invalid code_challenge_method.');
  if (get('state') !== undefined) target.searchParams.set('state', get('state'));
  if (c.consent === 'deny') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_code', '200');
    target.searchParams.set('error_description', 'Permissions error');
    target.searchParams.set('error_reason', 'user_denied');
  } else {
    const user = findUser(c.signed_in_user);
    if (!user) return htmlPage(400, 'Nobody is signed in.');
    const code = 'AQ' + crypto.randomBytes(96).toString('base64url');
    state.codes.set(code, {
      redirect_uri: redirect,
      scope: ['public_profile', ...scope],
      challenge: get('code_challenge'),
      method,
      user_id: user.id,
      expires_at: Date.now() + c.code_ttl_s * 1000,
      used: false,
    });
    target.searchParams.set('code', code);
  }
  return new Answer(302, '', { contentType: 'text/html; charset=utf-8', headers: { location: `${target}#_=_` } });
}

function grant(userId, scope) {
  let g = state.grants.get(userId);
  if (!g || g.revoked) {
    g = { user_id: userId, scope: new Set(), gen: (g?.gen ?? 0) + 1, revoked: false, granted_at: Date.now() };
    state.grants.set(userId, g);
  }
  for (const p of scope) g.scope.add(p);
  return g;
}

function issueUserToken(userId, { long, ttl } = {}) {
  const c = state.config;
  const g = state.grants.get(userId);
  const expiresIn = ttl ?? (long ? c.long_token_ttl_s : c.short_token_ttl_s);
  const t = issueToken({
    kind: 'user',
    user_id: userId,
    gen: g.gen,
    long_lived: !!long,
    expires_at: Date.now() + expiresIn * 1000,
  });
  return { t, answer: { access_token: t.token, token_type: 'bearer', expires_in: expiresIn } };
}

function oauthErr(code, message, subcode) {
  return gErr(400, code, message, subcode !== undefined ? { subcode } : {});
}

function accessToken(ctx) {
  const c = state.config;
  const get = k => (typeof ctx.params.get(k) === 'string' ? ctx.params.get(k) : undefined);
  if (get('client_id') !== c.app_id) return oauthErr(101, 'Error validating application. Invalid application ID.');
  const secret = get('client_secret');
  if (secret !== undefined && secret !== c.app_secret) return oauthErr(1, 'Error validating client secret.');
  const grantType = get('grant_type');
  if (grantType === 'client_credentials') {
    if (secret === undefined) return oauthErr(1, 'Error validating client secret.');
    return new Answer(200, { access_token: `${c.app_id}|${c.app_secret}`, token_type: 'bearer' });
  }
  if (grantType === 'fb_exchange_token') {
    if (secret === undefined) return oauthErr(1, 'Error validating client secret.');
    const old = get('fb_exchange_token');
    if (!old) return oauthErr(100, 'Missing fb_exchange_token parameter');
    const t = state.tokens.get(old);
    const problem = tokenProblem(t);
    if (problem) return problem;
    if (t.kind !== 'user') return oauthErr(100, 'The fb_exchange_token must be a user access token');
    return new Answer(200, issueUserToken(t.user_id, { long: true }).answer);
  }
  if (grantType !== undefined && grantType !== 'authorization_code')
    return oauthErr(100, `Unsupported grant_type ${grantType}`);
  const code = get('code');
  if (!code) return oauthErr(100, 'Missing authorization code');
  const rec = state.codes.get(code);
  if (!rec) return oauthErr(100, 'Invalid verification code format.');
  if (rec.used) return oauthErr(100, 'This authorization code has been used.', 36009);
  if (rec.expires_at < Date.now()) return oauthErr(100, 'This authorization code has expired.', 36007);
  if (get('redirect_uri') !== rec.redirect_uri)
    return oauthErr(
      100,
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      36008,
    );
  if (rec.challenge) {
    const v = get('code_verifier');
    const expected = v && (rec.method === 'S256' ? crypto.createHash('sha256').update(v).digest('base64url') : v);
    if (!v || expected !== rec.challenge) return oauthErr(100, 'Invalid code verifier.');
  } else if (secret === undefined) return oauthErr(1, 'Error validating client secret.');
  rec.used = true;
  grant(rec.user_id, rec.scope);
  return new Answer(200, issueUserToken(rec.user_id).answer);
}

// ---------------------------------------------------------------- authentication

function tokenProblem(t) {
  if (!t) return gErr(400, 190, 'Invalid OAuth access token - Cannot parse access token');
  const g = state.grants.get(t.user_id);
  if (!g || g.revoked || g.gen !== t.gen)
    return gErr(
      400,
      190,
      `Error validating access token: The user has not authorized application ${state.config.app_id}.`,
      {
        subcode: 458,
      },
    );
  if (t.expires_at !== null && t.expires_at <= Date.now()) return expiredToken(t.expires_at);
  return null;
}
function expiredToken(at) {
  const when = new Date(at ?? Date.now() - 1000).toUTCString();
  return gErr(
    400,
    190,
    `Error validating access token: Session has expired on ${when}. The current time is ${new Date().toUTCString()}.`,
    { subcode: 463 },
  );
}

function authenticate(ctx, isMe) {
  const c = state.config;
  let token = typeof ctx.params.get('access_token') === 'string' ? ctx.params.get('access_token') : undefined;
  if (!token) {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(ctx.req.headers.authorization || '');
    if (m) token = m[1];
  }
  if (!token)
    return isMe
      ? gErr(400, 2500, 'An active access token must be used to query information about the current user.')
      : gErr(400, 104, 'An access token is required to request this resource.');
  ctx.tokenString = token;
  if (token === `${c.app_id}|${c.app_secret}`) {
    ctx.app = true;
    ctx.tokenKind = 'app';
    return null;
  }
  if (token.includes('|')) return gErr(400, 190, 'Invalid OAuth access token signature.');
  const t = state.tokens.get(token);
  const problem = tokenProblem(t);
  if (problem) return problem;
  const proof = ctx.params.get('appsecret_proof');
  if (proof !== undefined) {
    const expected = crypto.createHmac('sha256', c.app_secret).update(token).digest('hex');
    if (proof !== expected)
      return gErr(400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
  } else if (c.require_appsecret_proof)
    return gErr(400, 100, 'API calls from the server require an appsecret_proof argument', {
      type: 'GraphMethodException',
    });
  ctx.token = t;
  ctx.tokenKind = t.kind;
  return null;
}

// ---------------------------------------------------------------- request parsing

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', c => {
      size += c.length;
      if (size > 40 * 1024 * 1024) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return null;
  const delim = Buffer.from(`--${m[1] || m[2]}`);
  const crlfDelim = Buffer.concat([Buffer.from('\r\n'), delim]);
  const parts = [];
  let pos = buf.indexOf(delim);
  if (pos < 0) return null;
  for (;;) {
    let start = pos + delim.length;
    if (buf[start] === 0x2d && buf[start + 1] === 0x2d) break;
    if (buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
    const headEnd = buf.indexOf('\r\n\r\n', start);
    if (headEnd < 0) return null;
    const end = buf.indexOf(crlfDelim, headEnd + 4);
    if (end < 0) return null;
    const head = buf.toString('utf8', start, headEnd);
    parts.push({
      name: /;\s*name="([^"]*)"/i.exec(head)?.[1],
      filename: /;\s*filename="([^"]*)"/i.exec(head)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1],
      body: buf.subarray(headEnd + 4, end),
    });
    pos = end + 2;
  }
  return parts;
}

// Adds a param, folding name[0]=…, name[key]=… and name[0][key]=… into arrays and objects.
function addParam(map, name, v) {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(name);
  if (!m) {
    map.set(name, v);
    return;
  }
  const keys = [...m[2].matchAll(/\[([^[\]]*)\]/g)].map(x => x[1]);
  let container = map.get(m[1]);
  if (!container || typeof container !== 'object' || isFile(container)) {
    container = /^\d*$/.test(keys[0]) ? [] : {};
    map.set(m[1], container);
  }
  let cur = container;
  for (let i = 0; i < keys.length; i++) {
    let k = keys[i];
    if (Array.isArray(cur) && k === '') k = String(cur.length);
    const last = i === keys.length - 1;
    if (last) cur[k] = v;
    else {
      if (!cur[k] || typeof cur[k] !== 'object') cur[k] = /^\d*$/.test(keys[i + 1]) ? [] : {};
      cur = cur[k];
    }
  }
}

function collectParams(ctx, raw) {
  const params = new Map();
  for (const [k, v] of ctx.url.searchParams) addParam(params, k, v);
  const type = (ctx.req.headers['content-type'] || '').toLowerCase();
  if (!raw.length) return params;
  if (type.startsWith('multipart/form-data')) {
    const parts = parseMultipart(raw, ctx.req.headers['content-type']);
    if (!parts) throw new BadBody('multipart body cannot be read');
    for (const p of parts) {
      if (!p.name) continue;
      addParam(
        params,
        p.name,
        p.filename !== undefined
          ? { file: Buffer.from(p.body), filename: p.filename, contentType: p.contentType }
          : p.body.toString('utf8'),
      );
    }
  } else if (type.startsWith('application/json')) {
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadBody('the JSON body cannot be parsed');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadBody('the JSON body must be an object');
    for (const [k, v] of Object.entries(body))
      params.set(k, typeof v === 'string' ? v : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
  } else {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) addParam(params, k, v);
  }
  return params;
}
class BadBody extends Error {}

const REDACT = new Set(['access_token', 'appsecret_proof', 'client_secret', 'fb_exchange_token', 'code_verifier']);
function paramsForLog(params) {
  const out = {};
  for (const [k, v] of params) {
    if (REDACT.has(k)) out[k] = '<redacted>';
    else if (isFile(v)) out[k] = `<file ${v.file.length} bytes>`;
    else out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------- the Graph pipeline

function usageHeaders(ctx, full, minutes = 0) {
  const c = state.config;
  const app = full ? { call_count: 100, total_cputime: 100, total_time: 100 } : c.app_usage;
  const headers = { 'x-app-usage': JSON.stringify(app) };
  if (ctx.business) {
    const b = full
      ? { call_count: 100, total_cputime: 100, total_time: 100, estimated_time_to_regain_access: minutes }
      : { ...c.business_usage.default, ...(c.business_usage[ctx.business.id] || {}) };
    headers['x-business-use-case-usage'] = JSON.stringify({
      [ctx.business.id]: [
        {
          type: ctx.business.type,
          call_count: b.call_count,
          total_cputime: b.total_cputime,
          total_time: b.total_time,
          estimated_time_to_regain_access: b.estimated_time_to_regain_access ?? 0,
        },
      ],
    });
  }
  return headers;
}
function businessOf(node) {
  if (!node) return null;
  const ig = owningIg(node);
  if (ig && ig.professional) return { id: ig.id, type: 'instagram' };
  const page = owningPage(node);
  if (page) return { id: page.id, type: 'pages' };
  if (node.type === 'PagePost' && node.mentions?.length) return { id: node.mentions[0], type: 'pages' };
  return null;
}

const THROTTLE = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001:
    '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  80002:
    '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
};

// Faults that refuse a request before it is done.
function refusingFault(ctx) {
  const f = takeFault(['server_error', 'throttle', 'permission', 'policy_block', 'invalid_parameter'], ctx);
  if (!f) return null;
  ctx.fault = f.kind;
  switch (f.kind) {
    case 'server_error':
      return f.code === 2
        ? gErr(500, 2, 'An unexpected error has occurred. Please retry your request later.', { transient: true })
        : gErr(500, 1, 'An unknown error occurred', { transient: true });
    case 'throttle': {
      const code = THROTTLE[f.code] ? f.code : 4;
      const a = gErr(400, code, THROTTLE[code], { transient: true });
      Object.assign(a.headers, usageHeaders(ctx, true, Math.ceil((f.seconds ?? 300) / 60)));
      a.usageSet = true;
      return a;
    }
    case 'permission':
      return f.code === 10
        ? gErr(400, 10, '(#10) Application does not have permission for this action')
        : gErr(400, 200, '(#200) Permissions error');
    case 'policy_block':
      return gErr(400, 368, 'The action attempted has been deemed abusive or is otherwise disallowed', {
        transient: false,
      });
    default:
      return gErr(400, 100, '(#100) Invalid parameter');
  }
}

async function graphCall(ctx) {
  const segs = ctx.path.split('/').filter(Boolean);
  // The root: ids= batch read (Meta's documentation).
  if (!segs.length) {
    const e = authenticate(ctx, false);
    if (e) return e;
    if (ctx.method !== 'GET') return unsupported(ctx.method, '');
    const api = { params: [{ name: 'ids', required: true, type: 'list<string>' }] };
    const refusal = checkParams(ctx, api, { edgeRead: false });
    if (refusal) return refusal;
    return batchRead(ctx);
  }
  if (segs.length > 2) return gErr(400, 2500, `Unknown path components: /${segs.slice(2).join('/')}`, { bySpec: true });
  const [idSeg, edge = null] = segs;
  const isMe = idSeg === 'me';
  const e = authenticate(ctx, isMe);
  if (e) return e;
  if (takeFault(['token_expired'], ctx)) {
    ctx.fault = 'token_expired';
    return expiredToken();
  }
  let node;
  if (isMe) {
    if (ctx.app)
      return gErr(400, 2500, 'An active access token must be used to query information about the current user.');
    node = state.nodes.get(ctx.token.kind === 'page' ? ctx.token.page_id : ctx.token.user_id);
  } else node = state.nodes.get(idSeg);
  if (!node || !isLive(node)) return unsupported(ctx.method, idSeg);
  ctx.node = node;
  ctx.business = businessOf(node);
  const api = findApi(node.type, ctx.method, edge);
  if (!api) {
    if (edge && !TYPES[node.type].apis.some(a => a.endpoint === edge))
      return gErr(400, 2500, `Unknown path components: /${edge}`, { bySpec: true });
    const a = unsupported(ctx.method, idSeg);
    a.bySpec = true;
    return a;
  }
  const refusal = checkParams(ctx, api, { edgeRead: ctx.method === 'GET' && edge !== null });
  if (refusal) return refusal;
  if (ctx.args.fields !== undefined) {
    try {
      ctx.sub = parseFields(ctx.args.fields);
    } catch (err) {
      if (!(err instanceof FieldSyntaxError)) throw err;
      return specRefusal(`Syntax error "${err.message}"`, 2500);
    }
    if (!ctx.sub.length) ctx.sub = null;
    else {
      const err = checkFields(ctx.sub, api.return, edge ? `${node.type}.${edge}` : null);
      if (err) return err;
    }
  }
  const faulted = refusingFault(ctx);
  if (faulted) return faulted;
  if (ctx.method === 'GET' && !edge) {
    if (ctx.app && node.type !== 'Page') return gErr(400, 200, '(#200) Permissions error');
    const e2 = checkNodeRead(node, ctx);
    if (e2) return e2;
    return new Answer(200, render(node, ctx.sub, ctx, null));
  }
  const key = `${node.type} ${ctx.method} ${edge ?? ''}`;
  if (ctx.method === 'GET' && READ_EDGES[`${node.type} ${edge}`]) {
    if (ctx.app && key !== 'User GET permissions') return gErr(400, 200, '(#200) Permissions error');
    const r = edgeRead(node, edge, ctx.args, ctx.sub, ctx, ctx.params);
    return r instanceof Answer ? r : new Answer(200, r);
  }
  const handler = HANDLERS[key];
  if (!handler) return notImplemented(`${ctx.method} ${node.type}${edge ? `/${edge}` : ''}`);
  if (ctx.app && key !== 'User DELETE permissions') return gErr(400, 200, '(#200) Permissions error');
  return handler(node, ctx);
}

function batchRead(ctx) {
  const ids = ctx.args.ids;
  const missing = [];
  const nodes = [];
  for (const id of ids) {
    const n =
      id === 'me' && ctx.token
        ? state.nodes.get(ctx.token.kind === 'page' ? ctx.token.page_id : ctx.token.user_id)
        : state.nodes.get(id);
    if (!n || !isLive(n)) missing.push(id);
    else nodes.push([id, n]);
  }
  if (missing.length)
    return gErr(400, 803, `(#803) Some of the aliases you requested do not exist: ${missing.join(',')}`);
  let sub = null;
  if (ctx.args.fields) {
    try {
      sub = parseFields(ctx.args.fields);
    } catch (err) {
      if (!(err instanceof FieldSyntaxError)) throw err;
      return specRefusal(`Syntax error "${err.message}"`, 2500);
    }
  }
  ctx.business = businessOf(nodes[0]?.[1]);
  const faulted = refusingFault(ctx);
  if (faulted) return faulted;
  const out = {};
  for (const [id, n] of nodes) {
    if (sub) {
      const copy = JSON.parse(JSON.stringify(sub));
      const err = checkFields(copy, n.type, null);
      if (err) return err;
      const e = checkNodeRead(n, ctx);
      if (e) return e;
      out[id] = render(n, copy, ctx, null);
    } else {
      const e = checkNodeRead(n, ctx);
      if (e) return e;
      out[id] = render(n, null, ctx, null);
    }
  }
  return new Answer(200, out);
}

async function handleGraph(req, res, url) {
  const raw = await readBody(req);
  let version = null;
  let p = url.pathname;
  const vm = /^\/(v\d+\.\d+)(\/.*)?$/.exec(p);
  if (vm) {
    version = vm[1];
    p = vm[2] || '/';
  }
  if (p.length > 1) p = p.replace(/\/+$/, '');
  const ctx = { req, url, version, path: p, method: req.method, params: new Map(), args: {}, sub: null };
  const entry = { seq: ++state.seq, at: iso(Date.now()), method: req.method, path: p, version };
  state.requests.push(entry);
  let answer;
  try {
    ctx.params = collectParams(ctx, raw);
    const override = ctx.params.get('method');
    if (typeof override === 'string' && /^(get|post|delete)$/i.test(override)) ctx.method = override.toUpperCase();
    entry.method = ctx.method;
    if (p === '/dialog/oauth' && ctx.method === 'GET') answer = dialog(ctx);
    else if (p === '/oauth/access_token') answer = accessToken(ctx);
    else answer = await graphCall(ctx);
  } catch (e) {
    if (e instanceof Answer) answer = e;
    else if (e instanceof BadBody) answer = gErr(400, 100, `(#100) ${e.message}`);
    else throw e;
  }
  entry.params = paramsForLog(ctx.params);
  entry.token = ctx.tokenKind;
  if (ctx.node) entry.node = ctx.node.type;
  entry.status = answer.status;
  if (answer.body?.error) entry.error = { code: answer.body.error.code, subcode: answer.body.error.error_subcode };
  entry.outcome = answer.bySpec ? 'refused_by_spec' : 'sent';
  if (answer.bySpec) entry.refusal = answer.body.error.message;
  else if (answer.note) entry.refusal = answer.note;

  let fault = ctx.fault ? { kind: ctx.fault } : null;
  const isGraph = !(p === '/dialog/oauth' || p === '/oauth/access_token');
  if (!answer.bySpec && isGraph && answer.status < 500) {
    const post = takeFault(['lose_answer', 'malformed_json'], ctx);
    if (post) fault = post;
  }
  if (fault) entry.fault = fault.kind;
  const headers = { ...answer.headers };
  if (isGraph) {
    if (!answer.usageSet) Object.assign(headers, usageHeaders(ctx, false));
    headers['facebook-api-version'] = version || 'v21.0';
    headers['x-fb-trace-id'] = trace();
  }
  let status = answer.status;
  let body;
  if (typeof answer.body === 'string') body = answer.body;
  else body = JSON.stringify(answer.body, null, ctx.args.pretty ? 2 : 0);
  if (ctx.args.suppress_http_code && status >= 400) status = 200;
  if (fault?.kind === 'lose_answer') {
    entry.outcome = 'lost';
    log(entry);
    res.socket.destroy();
    return;
  }
  if (fault?.kind === 'malformed_json') {
    entry.outcome = 'malformed';
    status = 200;
    body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }
  log(entry);
  res.writeHead(status, { 'content-type': answer.contentType, ...headers });
  res.end(body);
}

// ---------------------------------------------------------------- the CDN

function handleCdn(req, res, url) {
  let m;
  let bytes;
  let mime;
  if ((m = /^\/_cdn\/ig\/(\d+)\.jpg$/.exec(url.pathname))) {
    const n = state.nodes.get(m[1]);
    if (n && n.type === 'IGMedia' && n.bytes && !n.deleted) [bytes, mime] = [n.bytes, n.mime];
  } else if ((m = /^\/_cdn\/file\/(\d+)$/.exec(url.pathname))) {
    const f = files.get(m[1]);
    if (f) [bytes, mime] = [f.bytes, f.mime];
  } else if ((m = /^\/_cdn\/(\d+)\.jpg$/.exec(url.pathname))) {
    const n = state.nodes.get(m[1]);
    if (n && n.type === 'Photo' && !n.deleted) [bytes, mime] = [n.bytes, n.mime];
  }
  if (!bytes) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': mime, 'content-length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

// ---------------------------------------------------------------- control API

function tokenView(t) {
  const problem = tokenProblem(t);
  return {
    token: t.token,
    kind: t.kind,
    long_lived: t.long_lived,
    user_id: t.user_id,
    page_id: t.page_id,
    issued_at: iso(t.issued_at),
    expires_at: t.expires_at === null ? null : iso(t.expires_at),
    expired: t.expires_at !== null && t.expires_at <= Date.now(),
    revoked: !!problem && problem.body.error.error_subcode === 458,
  };
}
const userView = u => ({ id: u.id, name: u.name });
function pageView(p) {
  return {
    id: p.id,
    name: p.name,
    username: p.username,
    followers_count: p.followers,
    fan_count: p.fans,
    managers: p.managers,
    instagram_business_account: p.ig ? igView(state.nodes.get(p.ig)) : null,
    blocked: p.blocked,
    metrics: p.metrics,
  };
}
const igView = i => ({
  id: i.id,
  username: i.username,
  name: i.name,
  followers_count: i.followers,
  follows_count: i.follows,
  page_id: i.page,
});
const when = ms => (ms ? iso(ms) : undefined);
function postView(p) {
  return {
    id: p.id,
    page_id: p.page,
    author_id: p.author,
    kind: p.kind,
    message: p.message,
    link: p.link,
    photos: p.photos,
    created_time: iso(p.created),
    published: !!postPublished(p),
    scheduled_publish_time: when(p.scheduled_at),
    mentions: p.mentions,
    metrics: p.metrics,
    deleted: p.deleted,
    deleted_at: when(p.deleted_at),
  };
}
const photoView = p => ({
  id: p.id,
  page_id: p.page,
  mime: p.mime,
  width: p.width,
  height: p.height,
  size: p.bytes.length,
  sha256: p.sha256,
  alt_text_custom: p.alt_text_custom,
  caption: p.caption,
  published: p.published,
  temporary: p.temporary,
  attached_to: p.attached_to,
  url: photoUrl(p),
  created_time: iso(p.created),
  deleted: p.deleted,
});
const commentView = c => ({
  id: c.id,
  on: c.on,
  parent: c.parent,
  author_id: c.author,
  message: c.message,
  created_time: iso(c.created),
  is_hidden: c.is_hidden,
  deleted: c.deleted,
  deleted_at: when(c.deleted_at),
});
const containerView = c => ({
  id: c.id,
  ig_id: c.ig,
  kind: c.kind,
  image_url: c.image_url,
  caption: c.caption,
  alt_text: c.alt_text,
  is_carousel_item: c.is_carousel_item,
  children: c.children,
  status_code: containerStatus(c),
  status: containerStatusText(c),
  forced: c.forced,
  published_media: c.published_media,
  created_time: iso(c.created),
});
const mediaView = m => ({
  id: m.id,
  ig_id: m.ig,
  owner_id: m.owner,
  username: state.nodes.get(m.owner)?.username,
  caption: m.caption,
  alt_text: m.alt_text,
  media_type: m.media_type,
  children: m.children,
  parent_media: m.parent_media,
  tagged: m.tagged,
  metrics: m.metrics,
  comment_enabled: m.comment_enabled,
  via_api: m.via_api,
  size: m.bytes?.length,
  timestamp: iso(m.created),
  deleted: m.deleted,
  deleted_at: when(m.deleted_at),
});
const igCommentView = c => ({
  id: c.id,
  media_id: c.media,
  parent_id: c.parent,
  from: { id: c.from, username: state.nodes.get(c.from)?.username },
  text: c.text,
  timestamp: iso(c.created),
  hidden: c.hidden,
  deleted: c.deleted,
  deleted_at: when(c.deleted_at),
});

function stateView() {
  const newest = list => list.sort(newestFirst);
  return {
    config: state.config,
    users: nodesOf('User').map(userView),
    pages: nodesOf('Page').map(pageView),
    instagram: nodesOf('IGUser')
      .filter(i => i.professional)
      .map(igView),
    posts: newest(nodesOf('PagePost')).map(postView),
    photos: newest(nodesOf('Photo')).map(photoView),
    containers: newest(nodesOf('IGContainer')).map(containerView),
    media: newest(nodesOf('IGMedia')).map(mediaView),
    comments: nodesOf('Comment').sort(oldestFirst).map(commentView),
    ig_comments: nodesOf('IGComment').sort(oldestFirst).map(igCommentView),
    blocked: nodesOf('Page').flatMap(p => p.blocked.map(u => ({ page_id: p.id, user_id: u }))),
    tokens: [...state.tokens.values()].map(tokenView),
    grants: [...state.grants.values()].map(g => ({
      user_id: g.user_id,
      scope: [...g.scope],
      revoked: g.revoked,
      revoked_at: when(g.revoked_at),
    })),
    faults: state.faults,
    requests: state.requests.length,
  };
}

const FAULT_KINDS = [
  'lose_answer',
  'malformed_json',
  'server_error',
  'token_expired',
  'throttle',
  'permission',
  'policy_block',
  'invalid_parameter',
  'image_refused',
  'container_stuck',
  'container_error',
  'publishing_limit',
];

function timeOf(v) {
  if (v === undefined || v === null) return undefined;
  const t = typeof v === 'number' ? v * 1000 : parseTime(String(v));
  if (t === null || Number.isNaN(t)) throw new ControlError(400, `bad time ${v}`);
  return t;
}
function mustText(v, what) {
  if (typeof v !== 'string') throw new ControlError(400, `${what} is required`);
  return v;
}
const METRIC_KEYS = {
  PagePost: ['reactions', 'shares', 'comments', 'impressions', 'impressions_unique', 'likes', 'clicks'],
  IGMedia: ['likes', 'comments', 'impressions', 'reach', 'saved', 'shares', 'views'],
  Photo: ['reactions', 'likes'],
  Comment: ['likes'],
};

function control(method, p, body, url) {
  const c = state.config;
  let m;
  if (method === 'GET' && p === '/_fake/health') return [200, { ok: true }];
  if (method === 'POST' && p === '/_fake/reset') {
    reset();
    return [200, { ok: true, signed_in_user: userView(findUser(state.config.signed_in_user)) }];
  }
  if (method === 'GET' && p === '/_fake/config') return [200, c];
  if (method === 'POST' && p === '/_fake/config') {
    for (const [k, v] of Object.entries(body)) {
      if (!(k in c)) throw new ControlError(400, `unknown setting ${k}`);
      if (k === 'signed_in_user') {
        const u = findUser(v);
        if (!u) throw new ControlError(400, `no user ${v}`);
        c[k] = u.id;
      } else if (k === 'app_usage') c.app_usage = { ...c.app_usage, ...v };
      else if (k === 'business_usage') {
        for (const [id, u] of Object.entries(v)) c.business_usage[id] = { ...(c.business_usage[id] || {}), ...u };
      } else if (k === 'consent' && !['allow', 'deny'].includes(v))
        throw new ControlError(400, 'consent: allow or deny');
      else c[k] = v;
    }
    return [200, c];
  }
  if (method === 'GET' && p === '/_fake/users') return [200, nodesOf('User').map(userView)];
  if (method === 'POST' && p === '/_fake/users') return [201, userView(addUser(body))];
  if (method === 'GET' && p === '/_fake/pages') return [200, nodesOf('Page').map(pageView)];
  if (method === 'POST' && p === '/_fake/pages') return [201, pageView(addPage(body))];
  if (method === 'POST' && p === '/_fake/posts') {
    const page = findPage(body.page);
    if (!page) throw new ControlError(400, `no page ${body.page}`);
    const post = addPost({
      page,
      author: page,
      kind: 'page',
      message: mustText(body.message, 'message'),
      link: body.link,
      created: timeOf(body.created_time),
    });
    return [201, postView(post)];
  }
  if (method === 'POST' && p === '/_fake/media') {
    const ig = findIg(body.ig);
    if (!ig) throw new ControlError(400, `no instagram account ${body.ig}`);
    const media = addIgMedia({ ig, caption: mustText(body.caption, 'caption'), created: timeOf(body.created_time) });
    return [201, mediaView(media)];
  }
  if (method === 'POST' && p === '/_fake/comments') {
    const on = state.nodes.get(String(body.on));
    if (!on || !isLive(on)) throw new ControlError(400, `nothing live to comment on: ${body.on}`);
    const message = mustText(body.message, 'message');
    const created = timeOf(body.created_time);
    if (on.type === 'IGMedia' || on.type === 'IGComment') {
      const author = igPerson(body.author);
      const media = on.type === 'IGMedia' ? on : state.nodes.get(on.media);
      const cm = addIgComment({ media, parent: on.type === 'IGComment' ? on : null, author, text: message, created });
      return [201, igCommentView(cm)];
    }
    if (!['PagePost', 'Photo', 'Comment'].includes(on.type))
      throw new ControlError(400, `cannot comment on a ${on.type}`);
    const author = findUser(body.author) || findPage(body.author);
    if (!author) throw new ControlError(400, `no user or page ${body.author}`);
    return [201, commentView(addComment({ on, author, message, created }))];
  }
  if (method === 'POST' && p === '/_fake/visitor_posts') {
    const author = findUser(body.author);
    const page = findPage(body.page);
    if (!author || !page) throw new ControlError(400, 'author (a user) and page are required');
    const post = addPost({
      page,
      author,
      kind: 'visitor',
      message: mustText(body.message, 'message'),
      created: timeOf(body.created_time),
    });
    return [201, postView(post)];
  }
  if (method === 'POST' && p === '/_fake/tags') {
    const message = mustText(body.message, 'message');
    const created = timeOf(body.created_time);
    // target: an id, a page's name, an Instagram username, then a page's username.
    const targetRef = body.page ?? body.ig ?? body.target;
    const byId = state.nodes.get(String(targetRef));
    let page = null;
    if (body.page !== undefined) page = findPage(body.page);
    else if (body.ig === undefined && byId?.type === 'Page') page = byId;
    else if (body.ig === undefined && !byId) {
      page = nodesOf('Page').find(x => x.name === targetRef) || null;
      if (!page && !findIg(targetRef)) page = findPage(targetRef);
    }
    if (page) {
      const author = findUser(body.author);
      if (!author) throw new ControlError(400, `no user ${body.author}`);
      const post = addPost({ page: null, author, kind: 'tagged', message, created, mentions: [page.id] });
      return [201, postView(post)];
    }
    const ig = findIg(targetRef);
    if (!ig) throw new ControlError(400, `no page or instagram account ${targetRef}`);
    const owner = igPerson(body.author);
    const media = addIgMedia({ ig: null, owner, caption: message, created, tagged: [ig.id] });
    return [201, mediaView(media)];
  }
  if (method === 'POST' && (m = /^\/_fake\/(posts|media)\/([0-9_]+)\/metrics$/.exec(p))) {
    const n = state.nodes.get(m[2]);
    if (!n || !METRIC_KEYS[n.type]) throw new ControlError(404, `no post, photo, comment or media ${m[2]}`);
    for (const [k, v] of Object.entries(body)) {
      if (!METRIC_KEYS[n.type].includes(k) || !Number.isInteger(v) || v < 0)
        throw new ControlError(400, `bad metric ${k} for a ${n.type} (${METRIC_KEYS[n.type].join(', ')})`);
      n.metrics[k] = v;
    }
    return [200, { id: n.id, type: n.type, metrics: n.metrics }];
  }
  if (method === 'POST' && (m = /^\/_fake\/pages\/(\d+)\/metrics$/.exec(p))) {
    const page = findPage(m[1]);
    if (!page) throw new ControlError(404, `no page ${m[1]}`);
    for (const [k, v] of Object.entries(body)) {
      if (!(k in PAGE_METRICS)) throw new ControlError(400, `${k} is not a page metric the fake serves`);
      page.metrics[k] = v;
    }
    return [200, pageView(page)];
  }
  if (method === 'POST' && p === '/_fake/tokens') {
    const user = findUser(body.user ?? c.signed_in_user);
    if (!user) throw new ControlError(400, `no user ${body.user}`);
    const scope = body.scope
      ? String(body.scope)
          .split(/[,\s]+/)
          .filter(Boolean)
      : FULL_SCOPE;
    grant(user.id, ['public_profile', ...scope]);
    const { t, answer } = issueUserToken(user.id, { long: true, ttl: body.expires_in });
    const pages = nodesOf('Page')
      .filter(pg => pg.managers.includes(user.id))
      .map(pg => ({
        id: pg.id,
        name: pg.name,
        access_token: derivePageToken(t, pg).token,
        ...(pg.ig ? { instagram_business_account: { id: pg.ig } } : {}),
      }));
    return [201, { ...answer, user_id: user.id, pages }];
  }
  if (method === 'GET' && p === '/_fake/state') return [200, stateView()];
  if (method === 'GET' && p === '/_fake/requests') {
    const since = Number(url.searchParams.get('since') || 0);
    return [200, state.requests.filter(r => r.seq > since)];
  }
  if (method === 'GET' && p === '/_fake/faults') return [200, state.faults];
  if (method === 'DELETE' && p === '/_fake/faults') {
    state.faults = [];
    return [200, []];
  }
  if (method === 'POST' && p === '/_fake/faults') {
    if (!FAULT_KINDS.includes(body.kind)) throw new ControlError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
    if (body.count !== undefined && (!Number.isInteger(body.count) || body.count < -1))
      throw new ControlError(400, 'count: a whole number, -1 for until cleared');
    const f = {
      id: ++state.faultSeq,
      kind: body.kind,
      method: body.method || undefined,
      path: body.path || undefined,
      count: body.count ?? 1,
      seconds: body.seconds,
      code: body.code,
      applied: 0,
    };
    state.faults.push(f);
    return [201, f];
  }
  throw new ControlError(404, `no control route ${method} ${p}`);
}

async function handleControl(req, res, url) {
  let status;
  let body;
  try {
    const raw = await readBody(req);
    if (req.method === 'POST' && url.pathname === '/_fake/files') {
      const img = sniffImage(raw);
      const id = String(next());
      files.set(id, { bytes: raw, mime: img?.mime || req.headers['content-type'] || 'application/octet-stream' });
      [status, body] = [201, { url: `${BASE}/_cdn/file/${id}`, size: raw.length, image: img }];
    } else {
      let json = {};
      if (raw.length) {
        try {
          json = JSON.parse(raw.toString());
        } catch {
          throw new ControlError(400, 'body is not JSON');
        }
      }
      [status, body] = control(req.method, url.pathname, json, url);
    }
  } catch (e) {
    status = e.status || 500;
    body = { error: e.message };
    if (!e.status) process.stderr.write(`fake_meta: ${e.stack}\n`);
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body, null, 1));
}

// ---------------------------------------------------------------- images

function sniffImage(b) {
  if (!b || b.length < 4) return null;
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a)
    return { mime: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  const head = b.toString('latin1', 0, 6);
  if (b.length >= 10 && (head === 'GIF87a' || head === 'GIF89a'))
    return { mime: 'image/gif', width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X')
      return { mime: 'image/webp', width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { mime: 'image/webp', width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    return { mime: 'image/webp', width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { mime: 'image/jpeg', width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
        i += 2;
        continue;
      }
      i += 2 + b.readUInt16BE(i + 2);
    }
    return { mime: 'image/jpeg', width: 0, height: 0 };
  }
  return null;
}

// ---------------------------------------------------------------- server

function log(entry) {
  process.stdout.write(
    `${entry.at} #${entry.seq} ${entry.method} ${entry.version ? `/${entry.version}` : ''}${entry.path} → ${entry.status}` +
      `${entry.outcome !== 'sent' ? ` (${entry.outcome})` : ''}${entry.fault ? ` [${entry.fault}]` : ''}` +
      `${entry.refusal ? ` ${entry.refusal}` : ''}\n`,
  );
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  loadSpecs();
  loadEnums();
  wireValueTypes();
  assertTablesMatchSpec();
  reset();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const handler = url.pathname.startsWith('/_fake/')
      ? handleControl
      : url.pathname.startsWith('/_cdn/')
        ? async () => handleCdn(req, res, url)
        : handleGraph;
    Promise.resolve(handler(req, res, url)).catch(e => {
      process.stderr.write(`fake_meta: ${e.stack}\n`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `fake_meta crashed: ${e.message}`, type: 'FakeError', code: 1 } }));
      }
    });
  });
  server.listen(Number(opt('--port', 0)), '127.0.0.1', () => {
    BASE = `http://127.0.0.1:${server.address().port}`;
    if (opt('--url-file')) fs.writeFileSync(opt('--url-file'), BASE + '\n');
    process.stdout.write(`fake_meta: listening on ${BASE}\n`);
  });
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
}

main();
