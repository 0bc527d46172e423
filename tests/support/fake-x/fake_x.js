#!/usr/bin/env node
/*
 * fake_x.js: a stateful fake of the X API v2 for Kanal's tests. Plain Node 20,
 * no dependencies, 127.0.0.1 only, all state in memory.
 *
 *   node fake_x.js [--port N] [--url-file PATH]     (port 0, the default, picks a free one)
 *
 * Prism (tests/support/x-network.sh) sits in front of it and validates every
 * /2 request and answer against tests/specs/x/openapi.json. The fake answers
 * the same /2 paths on its own URL too: that is the way to see a lost answer
 * or a malformed body as such, since Prism turns both into its own 500.
 *
 * X API (what the spec describes; Authorization: Bearer <token> on every /2 call)
 *   GET    /2/users/me                 GET /2/users/{id}
 *   POST   /2/tweets                   DELETE /2/tweets/{id}
 *   GET    /2/tweets/{id}              GET /2/tweets?ids=
 *   GET    /2/users/{id}/tweets        GET /2/users/{id}/mentions
 *   GET    /2/tweets/search/recent     PUT /2/tweets/{tweet_id}/hidden
 *   POST   /2/users/{id}/muting        GET /2/usage/tweets   (app-only bearer token)
 *   POST   /2/media/upload (JSON base64 or multipart)   POST /2/media/metadata
 *   Fields come from tweet.fields (what X documents) or post.fields (what the spec names).
 * OAuth 2.0 (not in the spec, so Prism with --errors refuses them: use this URL)
 *   GET  /i/oauth2/authorize   → 302 to redirect_uri with state and code (consents at once
 *                                 as the signed-in user, or error=access_denied if so configured)
 *   POST /2/oauth2/token       authorization_code (PKCE S256 or plain) | refresh_token (rotates)
 *   POST /2/oauth2/revoke      token, token_type_hint → {"revoked":true}
 *
 * Control API (JSON in and out; never through Prism)
 *   GET  /_fake/health                      → {"ok":true}
 *   POST /_fake/reset                       back to a fresh start (default config, one user)
 *   GET  /_fake/config   POST /_fake/config {client_id, client_secret (null: public client),
 *        redirect_uris [] (empty: any), signed_in_user (id or username), consent "allow"|"deny",
 *        access_token_ttl_s, code_ttl_s, app_bearer_token, project_id, project_cap,
 *        project_usage, cap_reset_day, duplicate_window_s, default_lang,
 *        rate_limits {"POST /2/tweets": 100, …} (per 15 minutes)}
 *   POST /_fake/users    {username, name?, followers_count?, following_count?, description?, id?} → 201 user
 *   POST /_fake/tweets   {author (id or username), text, in_reply_to_tweet_id?, quote_tweet_id?,
 *                         created_at?, lang?, public_metrics?} → 201 tweet (a reply to the
 *                         account, or text with @handle, shows up in its mentions)
 *   POST /_fake/tweets/{id}/metrics {like_count?, retweet_count?, quote_count?, bookmark_count?,
 *                         impression_count?}   (reply_count is counted from the replies)
 *   POST /_fake/tokens   {user?, scope?, expires_in?} → a token pair without the browser
 *   GET  /_fake/state    users, tweets (deleted, hidden), media (alt text), mutes, tokens
 *                        (revoked, expired, rotated), usage, faults, requests
 *   GET  /_fake/requests?since=SEQ   every request received, in order, with its status and
 *                        what became of its answer ("sent", "lost", "malformed", "invalid")
 *   POST /_fake/faults   {kind, method?, path?, count? (default 1; -1 = until cleared), seconds?}
 *        path matches exactly, or as a prefix when it ends in "*"; the fault applies to the
 *        next `count` matching requests:
 *          lose_answer          do the work, then destroy the socket without an answer
 *          rate_limit           429 Too Many Requests, x-rate-limit-reset = now + seconds (60)
 *          monthly_cap          429 UsageCapExceeded (the monthly post cap), as X answers it
 *          malformed_json       do the work, answer 200 application/json with a cut-off body
 *          withhold_impressions public_metrics without impression_count (a lower tier).
 *                               NB: the spec requires impression_count, so Prism refuses it.
 *          invalid_response     a 2xx whose body breaks the spec ({"data": 42}), to prove that
 *                               Prism checks answers
 *        and two that act at once on the tokens that exist then (count does not apply):
 *          expire_access_tokens every current access token expires → 401
 *          revoke_refresh_tokens every current refresh token dies → refresh answers 400
 *   GET  /_fake/faults   DELETE /_fake/faults
 *
 * Error answers carry X's own fields (title, detail, type, status) and also `code` and
 * `message`: Prism matches application/problem+json to the spec's application/json Error
 * schema, which requires both. Problems inside a 200's `errors` use the spec's
 * https://api.x.com/2/problems/… types (X itself still says api.twitter.com).
 */
'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const fs = require('node:fs');

// ---------------------------------------------------------------- ids and time

const TWITTER_EPOCH = 1288834974657n;
let lastId = 0n;
const issued = new Set();
// Snowflake-like ids made from the time (19 digits today, as the spec's ^[0-9]{1,19}$
// allows): a new id is greater than every earlier one, one for a past time sorts there.
function newId(ms) {
  let id = (BigInt(ms ?? Date.now()) - TWITTER_EPOCH) << 22n;
  if (ms === undefined && id <= lastId) id = lastId + 1n;
  while (issued.has(id)) id++;
  issued.add(id);
  if (id > lastId) lastId = id;
  return id.toString();
}
const nowS = () => Math.floor(Date.now() / 1000);
const iso = ms => new Date(ms).toISOString();
const randomToken = bytes => crypto.randomBytes(bytes).toString('base64url');
const byIdDesc = (a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

// ---------------------------------------------------------------- state

// Per 15 minutes, per user (or per app), roughly X's published limits.
const DEFAULT_RATE_LIMITS = {
  'GET /2/users/me': 75,
  'GET /2/users/:id': 900,
  'POST /2/tweets': 100,
  'DELETE /2/tweets/:id': 50,
  'GET /2/tweets': 900,
  'GET /2/tweets/:id': 900,
  'GET /2/users/:id/tweets': 900,
  'GET /2/users/:id/mentions': 300,
  'GET /2/tweets/search/recent': 300,
  'PUT /2/tweets/:id/hidden': 50,
  'POST /2/users/:id/muting': 50,
  'POST /2/media/upload': 500,
  'POST /2/media/metadata': 500,
  'GET /2/usage/tweets': 50,
};
const RATE_WINDOW_S = 15 * 60;

let state;
function reset() {
  state = {
    config: {
      client_id: 'kanal-test-client',
      client_secret: 'kanal-test-secret',
      redirect_uris: [],
      signed_in_user: null,
      consent: 'allow',
      access_token_ttl_s: 7200,
      code_ttl_s: 30,
      app_bearer_token: 'AAAAAAAAAAAAAAAAAAAAAKanalFakeXAppOnlyBearerToken',
      project_id: newId(),
      project_cap: 15000,
      project_usage: 0,
      cap_reset_day: 19,
      duplicate_window_s: 24 * 3600,
      default_lang: 'en',
      rate_limits: { ...DEFAULT_RATE_LIMITS },
    },
    users: new Map(),
    tweets: new Map(),
    media: new Map(),
    mutes: [],
    codes: new Map(),
    tokens: new Map(),
    buckets: new Map(),
    faults: [],
    requests: [],
    seq: 0,
    faultSeq: 0,
  };
  const director = addUser({
    username: 'kanal_director',
    name: 'Kanal Director',
    followers_count: 1200,
    following_count: 80,
  });
  state.config.signed_in_user = director.id;
}

function addUser(u) {
  if (!u || typeof u.username !== 'string' || !/^[A-Za-z0-9_]{1,15}$/.test(u.username))
    throw new ControlError(400, 'username: 1-15 letters, digits or _');
  if (findUser(u.username)) throw new ControlError(409, `username ${u.username} is taken`);
  const user = {
    id: u.id ? String(u.id) : newId(),
    username: u.username,
    name: u.name || u.username,
    description: u.description || '',
    created_at: iso(Date.now() - 400 * 86400e3),
    followers_count: u.followers_count ?? 0,
    following_count: u.following_count ?? 0,
    listed_count: u.listed_count ?? 0,
    like_count: u.like_count ?? 0,
  };
  if (!/^[0-9]{1,19}$/.test(user.id) || state.users.has(user.id))
    throw new ControlError(400, 'id: unused, 1-19 digits');
  state.users.set(user.id, user);
  return user;
}

// A user by id or by username (case-insensitive, with or without @).
function findUser(ref) {
  if (ref === undefined || ref === null) return null;
  const s = String(ref).replace(/^@/, '');
  if (state.users.has(s)) return state.users.get(s);
  for (const u of state.users.values()) if (u.username.toLowerCase() === s.toLowerCase()) return u;
  return null;
}

function addTweet({ author, text, replyTo, quoteOf, mediaIds, createdAt, lang, metrics }) {
  const id = newId(createdAt);
  const t = {
    id,
    text,
    author_id: author.id,
    created_at: iso(createdAt ?? Date.now()),
    conversation_id: replyTo ? replyTo.conversation_id : id,
    in_reply_to_tweet_id: replyTo ? replyTo.id : undefined,
    in_reply_to_user_id: replyTo ? replyTo.author_id : undefined,
    referenced_tweets: [
      ...(replyTo ? [{ type: 'replied_to', id: replyTo.id }] : []),
      ...(quoteOf ? [{ type: 'quoted', id: quoteOf.id }] : []),
    ],
    media_ids: mediaIds || [],
    lang: lang || (text.trim() === '' ? 'zxx' : state.config.default_lang),
    metrics: {
      retweet_count: 0,
      like_count: 0,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: 0,
      ...(metrics || {}),
    },
    hidden: false,
    deleted: false,
  };
  state.tweets.set(id, t);
  for (const m of t.media_ids) state.media.get(m).used_in.push(id);
  return t;
}

const liveTweets = () => [...state.tweets.values()].filter(t => !t.deleted);

function mentions(t, user) {
  if (t.author_id === user.id) return false;
  if (t.in_reply_to_user_id === user.id) return true;
  return new RegExp(`(^|[^A-Za-z0-9_])@${user.username}(?![A-Za-z0-9_])`, 'i').test(t.text);
}

// ---------------------------------------------------------------- answers

class Answer {
  constructor(status, body, { contentType = 'application/json; charset=utf-8', headers = {} } = {}) {
    Object.assign(this, { status, body, contentType, headers });
  }
}
class ControlError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// X's own problem answer, plus code and message for the spec's Error schema.
function problem(status, title, detail, type = 'about:blank', extra = {}, contentType = 'application/problem+json') {
  return new Answer(status, { title, detail, type, status, ...extra, code: status, message: detail }, { contentType });
}
const unauthorized = () => problem(401, 'Unauthorized', 'Unauthorized');
const forbidden = detail => problem(403, 'Forbidden', detail, 'about:blank', {}, 'application/json; charset=utf-8');
function invalidRequest(message, parameters = {}) {
  const detail = 'One or more parameters to your request was invalid.';
  return new Answer(400, {
    errors: [{ parameters, message }],
    title: 'Invalid Request',
    detail,
    type: 'https://api.twitter.com/2/problems/invalid-request',
    code: 400,
    message: detail,
  });
}
function usageCapped() {
  return problem(
    429,
    'UsageCapExceeded',
    'Usage cap exceeded: Monthly product cap',
    'https://api.twitter.com/2/problems/usage-capped',
    { account_id: state.config.project_id, product_name: 'standard-basic', period: 'Monthly', scope: 'Product' },
  );
}
const tooManyRequests = () => problem(429, 'Too Many Requests', 'Too Many Requests');
// The problem X puts in a 200's errors array for an id it cannot find.
function notFoundProblem(kind, parameter, id) {
  return {
    value: id,
    detail: `Could not find ${kind} with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: kind,
    parameter,
    resource_id: id,
    type: 'https://api.x.com/2/problems/resource-not-found',
  };
}

// ---------------------------------------------------------------- views

function fieldSet(query, ...names) {
  const s = new Set();
  for (const n of names) for (const f of (query.get(n) || '').split(',')) if (f) s.add(f.trim());
  return s;
}

function userView(u, fields) {
  const v = { id: u.id, name: u.name, username: u.username };
  const tweetCount = liveTweets().filter(t => t.author_id === u.id).length;
  if (fields.has('public_metrics')) {
    // tweet_count is X's name, post_count the spec's (required there).
    v.public_metrics = {
      followers_count: u.followers_count,
      following_count: u.following_count,
      tweet_count: tweetCount,
      post_count: tweetCount,
      listed_count: u.listed_count,
      like_count: u.like_count,
      media_count: liveTweets().filter(t => t.author_id === u.id && t.media_ids.length).length,
    };
  }
  if (fields.has('created_at')) v.created_at = u.created_at;
  if (fields.has('description')) v.description = u.description;
  if (fields.has('profile_image_url'))
    v.profile_image_url = `https://pbs.twimg.com/profile_images/${u.id}/kanal_normal.png`;
  if (fields.has('protected')) v.protected = false;
  if (fields.has('verified')) v.verified = false;
  if (fields.has('verified_type')) v.verified_type = 'none';
  if (fields.has('url')) v.url = '';
  return v;
}

function tweetView(t, fields, ctx) {
  const v = { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] };
  if (fields.has('author_id')) v.author_id = t.author_id;
  if (fields.has('created_at')) v.created_at = t.created_at;
  if (fields.has('conversation_id')) v.conversation_id = t.conversation_id;
  if (fields.has('in_reply_to_user_id') && t.in_reply_to_user_id) v.in_reply_to_user_id = t.in_reply_to_user_id;
  if (fields.has('referenced_tweets') && t.referenced_tweets.length) v.referenced_tweets = t.referenced_tweets;
  if (fields.has('lang')) v.lang = t.lang;
  if (fields.has('possibly_sensitive')) v.possibly_sensitive = false;
  if (fields.has('reply_settings')) v.reply_settings = 'everyone';
  if (fields.has('attachments') && t.media_ids.length)
    v.attachments = { media_keys: t.media_ids.map(id => state.media.get(id).media_key) };
  if (fields.has('entities')) {
    const found = [];
    // Indices count code points, as X's do.
    const re = /(^|[^A-Za-z0-9_])@([A-Za-z0-9_]{1,15})/g;
    for (let m; (m = re.exec(t.text));) {
      const user = findUser(m[2]);
      const start = Array.from(t.text.slice(0, m.index + m[1].length)).length;
      found.push({ start, end: start + 1 + m[2].length, username: m[2], ...(user ? { id: user.id } : {}) });
    }
    if (found.length) v.entities = { mentions: found };
  }
  if (fields.has('public_metrics')) {
    const m = t.metrics;
    const replies = liveTweets().filter(r => r.in_reply_to_tweet_id === t.id).length;
    // retweet_count is X's name, repost_count the spec's (required there).
    v.public_metrics = {
      retweet_count: m.retweet_count,
      repost_count: m.retweet_count,
      reply_count: replies,
      like_count: m.like_count,
      quote_count: m.quote_count,
      bookmark_count: m.bookmark_count,
    };
    if (!ctx.withholdImpressions) v.public_metrics.impression_count = m.impression_count;
  }
  return v;
}

function mediaView(m, fields) {
  const v = { media_key: m.media_key, type: 'photo' };
  if (fields.has('width')) v.width = m.width;
  if (fields.has('height')) v.height = m.height;
  if (fields.has('url')) v.url = `https://pbs.twimg.com/media/${m.id}.${m.mime.split('/')[1]}`;
  if (fields.has('alt_text') && m.alt_text !== undefined) v.alt_text = m.alt_text;
  return v;
}

// A list of tweets as X answers a lookup or timeline: data, includes for the expansions.
function tweetsBody(tweets, ctx, single = false) {
  const q = ctx.query;
  const tf = fieldSet(q, 'tweet.fields', 'post.fields');
  const uf = fieldSet(q, 'user.fields');
  const ex = fieldSet(q, 'expansions');
  const body = {};
  if (tweets.length) body.data = single ? tweetView(tweets[0], tf, ctx) : tweets.map(t => tweetView(t, tf, ctx));
  const users = new Map();
  const addUserRef = id => {
    const u = state.users.get(id);
    if (u) users.set(id, userView(u, uf));
  };
  for (const t of tweets) {
    if (ex.has('author_id')) addUserRef(t.author_id);
    if (ex.has('in_reply_to_user_id') && t.in_reply_to_user_id) addUserRef(t.in_reply_to_user_id);
    if (ex.has('entities.mentions.username')) {
      for (const m of t.text.matchAll(/@([A-Za-z0-9_]{1,15})/g)) {
        const u = findUser(m[1]);
        if (u) users.set(u.id, userView(u, uf));
      }
    }
  }
  const media = ex.has('attachments.media_keys')
    ? tweets.flatMap(t => t.media_ids.map(id => mediaView(state.media.get(id), fieldSet(q, 'media.fields'))))
    : [];
  if (users.size || media.length) body.includes = {};
  if (users.size) body.includes.users = [...users.values()];
  if (media.length) body.includes.media = media;
  // What X counts against the monthly post cap.
  state.config.project_usage += tweets.length;
  return body;
}

// ---------------------------------------------------------------- paging

const pageToken = id => '7140dibd' + BigInt(id).toString(32);
function pageTokenId(token) {
  const m = /^7140dibd([0-9a-v]+)$/.exec(token);
  return m ? [...m[1]].reduce((n, c) => n * 32n + BigInt(parseInt(c, 32)), 0n) : null;
}

// Newest first, filtered and cut to a page the way X pages timelines and search.
function timeline(tweets, ctx, { min, max, dflt }) {
  const q = ctx.query;
  let maxResults = dflt;
  if (q.has('max_results')) {
    maxResults = Number(q.get('max_results'));
    if (!Number.isInteger(maxResults) || maxResults < min || maxResults > max) {
      return invalidRequest(
        `The \`max_results\` query parameter value [${q.get('max_results')}] is not between ${min} and ${max}`,
        { max_results: [q.get('max_results')] },
      );
    }
  }
  for (const p of ['since_id', 'until_id']) {
    if (q.has(p) && !/^[0-9]{1,19}$/.test(q.get(p)))
      return invalidRequest(`The \`${p}\` query parameter value [${q.get(p)}] is not valid`, { [p]: [q.get(p)] });
  }
  for (const p of ['start_time', 'end_time']) {
    if (q.has(p) && Number.isNaN(Date.parse(q.get(p))))
      return invalidRequest(`The \`${p}\` query parameter value [${q.get(p)}] is not a valid time`, {
        [p]: [q.get(p)],
      });
  }
  const token = q.get('pagination_token') || q.get('next_token');
  let before = null;
  if (token) {
    before = pageTokenId(token);
    if (before === null)
      return invalidRequest(`The \`pagination_token\` query parameter value [${token}] is not valid`, {
        pagination_token: [token],
      });
  }
  const list = tweets
    .filter(
      t =>
        (!q.has('since_id') || BigInt(t.id) > BigInt(q.get('since_id'))) &&
        (!q.has('until_id') || BigInt(t.id) < BigInt(q.get('until_id'))) &&
        (!q.has('start_time') || Date.parse(t.created_at) >= Date.parse(q.get('start_time'))) &&
        (!q.has('end_time') || Date.parse(t.created_at) < Date.parse(q.get('end_time'))) &&
        (before === null || BigInt(t.id) < before),
    )
    .sort(byIdDesc);
  const page = list.slice(0, maxResults);
  const body = tweetsBody(page, ctx);
  body.meta = { result_count: page.length };
  if (page.length) Object.assign(body.meta, { newest_id: page[0].id, oldest_id: page[page.length - 1].id });
  if (list.length > page.length) body.meta.next_token = pageToken(page[page.length - 1].id);
  return new Answer(200, body);
}

// ---------------------------------------------------------------- X API handlers

const SCOPES_READ = ['tweet.read', 'users.read'];

function monthlyCapReached() {
  return state.config.project_usage >= state.config.project_cap;
}

const routes = [];
// auth: 'user' (user context only), 'any' (user or app-only), 'app' (app-only), 'oauth' (client credentials)
function route(method, pattern, opts, handler) {
  const keys = [];
  const re = new RegExp(
    '^' +
      pattern.replace(/:(\w+)/g, (_, k) => {
        keys.push(k);
        return '([^/]+)';
      }) +
      '$',
  );
  routes.push({ method, pattern, re, keys, name: `${method} ${pattern}`, ...opts, handler });
}

route(
  'GET',
  '/2/users/me',
  { auth: 'user', scopes: SCOPES_READ },
  ctx => new Answer(200, { data: userView(ctx.user, fieldSet(ctx.query, 'user.fields')) }),
);

route('GET', '/2/users/:id', { auth: 'any', scopes: SCOPES_READ }, ctx => {
  const u = state.users.get(ctx.params.id);
  if (!u) return new Answer(200, { errors: [notFoundProblem('user', 'id', ctx.params.id)] });
  return new Answer(200, { data: userView(u, fieldSet(ctx.query, 'user.fields')) });
});

route('POST', '/2/tweets', { auth: 'user', scopes: ['tweet.write', ...SCOPES_READ] }, ctx => {
  const b = ctx.json;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return invalidRequest('Request body must be a JSON object');
  const known = [
    'text',
    'reply',
    'media',
    'quote_tweet_id',
    'reply_settings',
    'for_super_followers_only',
    'nullcast',
    'geo',
    'poll',
    'card_uri',
    'community_id',
    'direct_message_deep_link',
    'edit_options',
    'made_with_ai',
    'paid_partnership',
    'share_with_followers',
  ];
  for (const k of Object.keys(b)) if (!known.includes(k)) return invalidRequest(`Unknown field [${k}]`, { [k]: [] });
  const text = typeof b.text === 'string' ? b.text : '';
  const mediaIds = b.media?.media_ids || [];
  if (!Array.isArray(mediaIds) || mediaIds.length > 4)
    return invalidRequest('media.media_ids takes 1 to 4 ids', { media_ids: [] });
  if (!text && !mediaIds.length) return invalidRequest('Post text or media is required', { text: [] });
  for (const id of mediaIds) {
    const m = state.media.get(String(id));
    if (!m || m.owner_id !== ctx.user.id || m.expires_at < Date.now())
      return invalidRequest('Your media IDs are invalid.', { media_ids: mediaIds });
  }
  let replyTo = null;
  if (b.reply) {
    replyTo = state.tweets.get(String(b.reply.in_reply_to_tweet_id));
    if (!replyTo || replyTo.deleted)
      return forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
  }
  let quoteOf = null;
  if (b.quote_tweet_id) {
    quoteOf = state.tweets.get(String(b.quote_tweet_id));
    if (!quoteOf || quoteOf.deleted)
      return forbidden('You attempted to quote a Tweet that is deleted or not visible to you.');
  }
  // X refuses the same text again from the same author while the first is recent.
  const since = Date.now() - state.config.duplicate_window_s * 1000;
  if (
    text.trim() &&
    liveTweets().some(t => t.author_id === ctx.user.id && t.text === text && Date.parse(t.created_at) >= since)
  ) {
    return forbidden('You are not allowed to create a Tweet with duplicate content.');
  }
  const t = addTweet({ author: ctx.user, text, replyTo, quoteOf, mediaIds: mediaIds.map(String) });
  return new Answer(201, { data: { id: t.id, text: t.text, edit_history_tweet_ids: [t.id] } });
});

route('DELETE', '/2/tweets/:id', { auth: 'user', scopes: ['tweet.write', ...SCOPES_READ] }, ctx => {
  const t = state.tweets.get(ctx.params.id);
  if (!t) return new Answer(200, { errors: [notFoundProblem('tweet', 'id', ctx.params.id)] });
  if (t.author_id !== ctx.user.id) return forbidden('You are not allowed to delete this Tweet.');
  if (!t.deleted) Object.assign(t, { deleted: true, deleted_at: iso(Date.now()) });
  return new Answer(200, { data: { deleted: true } });
});

route('GET', '/2/tweets/search/recent', { auth: 'any', scopes: SCOPES_READ, reads: true }, ctx => {
  const query = ctx.query.get('query');
  if (!query) return invalidRequest('The `query` query parameter can not be empty', { query: [''] });
  const match = parseSearch(query);
  if (typeof match === 'string') return invalidRequest(match, { query: [query] });
  const weekAgo = Date.now() - 7 * 86400e3;
  return timeline(
    liveTweets().filter(t => Date.parse(t.created_at) >= weekAgo && match(t)),
    ctx,
    { min: 10, max: 100, dflt: 10 },
  );
});

route('GET', '/2/tweets/:id', { auth: 'any', scopes: SCOPES_READ, reads: true }, ctx => {
  const t = state.tweets.get(ctx.params.id);
  if (!t || t.deleted) return new Answer(200, { errors: [notFoundProblem('tweet', 'id', ctx.params.id)] });
  return new Answer(200, tweetsBody([t], ctx, true));
});

route('GET', '/2/tweets', { auth: 'any', scopes: SCOPES_READ, reads: true }, ctx => {
  const ids = (ctx.query.get('ids') || '').split(',').filter(Boolean);
  if (!ids.length || ids.length > 100) return invalidRequest('The `ids` query parameter takes 1 to 100 ids', { ids });
  const found = [];
  const errors = [];
  for (const id of ids) {
    const t = state.tweets.get(id);
    if (t && !t.deleted) found.push(t);
    else errors.push(notFoundProblem('tweet', 'ids', id));
  }
  const body = tweetsBody(found, ctx);
  if (errors.length) body.errors = errors;
  return new Answer(200, body);
});

route('GET', '/2/users/:id/tweets', { auth: 'any', scopes: SCOPES_READ, reads: true }, ctx => {
  const u = state.users.get(ctx.params.id);
  if (!u) return new Answer(200, { errors: [notFoundProblem('user', 'id', ctx.params.id)] });
  const exclude = fieldSet(ctx.query, 'exclude');
  return timeline(
    liveTweets().filter(t => t.author_id === u.id && !(exclude.has('replies') && t.in_reply_to_tweet_id)),
    ctx,
    { min: 5, max: 100, dflt: 10 },
  );
});

route('GET', '/2/users/:id/mentions', { auth: 'any', scopes: SCOPES_READ, reads: true }, ctx => {
  const u = state.users.get(ctx.params.id);
  if (!u) return new Answer(200, { errors: [notFoundProblem('user', 'id', ctx.params.id)] });
  return timeline(
    liveTweets().filter(t => mentions(t, u)),
    ctx,
    { min: 5, max: 100, dflt: 10 },
  );
});

route('PUT', '/2/tweets/:id/hidden', { auth: 'user', scopes: ['tweet.moderate.write', ...SCOPES_READ] }, ctx => {
  if (typeof ctx.json?.hidden !== 'boolean') return invalidRequest('`hidden` must be true or false', { hidden: [] });
  const t = state.tweets.get(ctx.params.id);
  if (!t || t.deleted)
    return problem(
      404,
      'Not Found Error',
      `Could not find tweet with id: [${ctx.params.id}].`,
      'https://api.twitter.com/2/problems/resource-not-found',
    );
  const root = state.tweets.get(t.conversation_id);
  // Only replies in a conversation the caller started, and not the caller's own.
  if (!t.in_reply_to_tweet_id || !root || root.author_id !== ctx.user.id || t.author_id === ctx.user.id) {
    return forbidden('You cannot hide or unhide this reply.');
  }
  t.hidden = ctx.json.hidden;
  return new Answer(200, { data: { hidden: t.hidden } });
});

route('POST', '/2/users/:id/muting', { auth: 'user', scopes: ['mute.write', ...SCOPES_READ] }, ctx => {
  if (ctx.params.id !== ctx.user.id) return forbidden('You can only mute on behalf of the authenticated user.');
  const targetId = ctx.json?.target_user_id;
  if (typeof targetId !== 'string' || !state.users.has(targetId))
    return invalidRequest(`Could not find user with target_user_id: [${targetId}].`, {
      target_user_id: [String(targetId)],
    });
  if (targetId === ctx.user.id) return invalidRequest('You cannot mute yourself.', { target_user_id: [targetId] });
  if (!state.mutes.some(m => m.user_id === ctx.user.id && m.target_user_id === targetId)) {
    state.mutes.push({ user_id: ctx.user.id, target_user_id: targetId, at: iso(Date.now()) });
  }
  return new Answer(200, { data: { muting: true } });
});

route('POST', '/2/media/upload', { auth: 'user', scopes: ['media.write'] }, ctx => {
  let bytes;
  let category;
  if (ctx.multipart) {
    bytes = ctx.multipart.media;
    category = ctx.multipart.media_category?.toString();
  } else {
    const b = ctx.json || {};
    category = b.media_category;
    if (typeof b.media === 'string') {
      const clean = b.media.replace(/\s+/g, '');
      if (clean.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(clean)) bytes = Buffer.from(clean, 'base64');
      else return invalidRequest('media must be base64-encoded', { media: [] });
    }
  }
  if (!bytes || !bytes.length) return invalidRequest('media is required', { media: [] });
  if (!['tweet_image', 'tweet_gif', 'dm_image', 'dm_gif'].includes(category))
    return invalidRequest(`media_category [${category}] is not supported`, { media_category: [String(category)] });
  const image = sniffImage(bytes);
  if (!image) return invalidRequest('media type unrecognized.', { media: [] });
  if (bytes.length > 5 * 1024 * 1024) return invalidRequest('File size exceeds 5242880 bytes.', { media: [] });
  const id = newId();
  const m = {
    id,
    media_key: `3_${id}`,
    owner_id: ctx.user.id,
    category,
    mime: image.mime,
    size: bytes.length,
    width: image.w,
    height: image.h,
    alt_text: undefined,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    created_at: iso(Date.now()),
    expires_at: Date.now() + 86400e3,
    used_in: [],
  };
  state.media.set(id, m);
  return new Answer(200, {
    data: {
      id,
      media_key: m.media_key,
      size: m.size,
      expires_after_secs: 86400,
      image: { image_type: m.mime, w: m.width, h: m.height },
    },
  });
});

route('POST', '/2/media/metadata', { auth: 'user', scopes: ['media.write'] }, ctx => {
  const b = ctx.json || {};
  const m = state.media.get(String(b.id));
  if (!m || m.owner_id !== ctx.user.id)
    return invalidRequest(`Could not find media with id: [${b.id}].`, { id: [String(b.id)] });
  const alt = b.metadata?.alt_text?.text;
  if (alt !== undefined) {
    if (typeof alt !== 'string') return invalidRequest('alt_text.text must be a string', { alt_text: [] });
    if (Array.from(alt).length > 1000)
      return invalidRequest('alt_text.text is longer than 1000 characters', { alt_text: [] });
    m.alt_text = alt;
  }
  return new Answer(200, {
    data: { id: m.id, associated_metadata: alt !== undefined ? { alt_text: { text: alt } } : {} },
  });
});

route('GET', '/2/usage/tweets', { auth: 'app' }, () => {
  const c = state.config;
  return new Answer(200, {
    data: {
      project_id: c.project_id,
      project_cap: String(c.project_cap),
      project_usage: String(c.project_usage),
      cap_reset_day: c.cap_reset_day,
    },
  });
});

// ---------------------------------------------------------------- OAuth 2.0

const formAnswer = (status, body) => new Answer(status, body);
const oauthError = (status, error, description) => formAnswer(status, { error, error_description: description });

// Confidential clients authenticate with HTTP Basic; public ones name themselves in the form.
function clientOk(ctx) {
  const c = state.config;
  if (c.client_secret) {
    const m = /^Basic (.+)$/i.exec(ctx.req.headers.authorization || '');
    if (!m) return false;
    const [id, ...rest] = Buffer.from(m[1], 'base64').toString().split(':');
    return decodeURIComponent(id) === c.client_id && decodeURIComponent(rest.join(':')) === c.client_secret;
  }
  return ctx.form.get('client_id') === c.client_id;
}

function issueTokens(userId, scope, clientId, ttlS = state.config.access_token_ttl_s) {
  const now = Date.now();
  const access = {
    token: randomToken(64),
    kind: 'access',
    user_id: userId,
    scope,
    client_id: clientId,
    issued_at: iso(now),
    expires_at: now + ttlS * 1000,
    revoked: false,
  };
  state.tokens.set(access.token, access);
  const answer = { token_type: 'bearer', expires_in: ttlS, access_token: access.token, scope };
  if (scope.split(' ').includes('offline.access')) {
    const refresh = {
      token: randomToken(64),
      kind: 'refresh',
      user_id: userId,
      scope,
      client_id: clientId,
      issued_at: iso(now),
      revoked: false,
      rotated: false,
    };
    state.tokens.set(refresh.token, refresh);
    answer.refresh_token = refresh.token;
  }
  return answer;
}

function htmlError() {
  return new Answer(
    400,
    '<!DOCTYPE html><html><body><p>Something went wrong. You weren\u2019t able to give access to the App. Go back and try logging in again.</p></body></html>',
    { contentType: 'text/html; charset=utf-8' },
  );
}

route('GET', '/i/oauth2/authorize', { auth: 'oauth' }, ctx => {
  const q = ctx.query;
  const c = state.config;
  const redirect = q.get('redirect_uri');
  if (
    q.get('client_id') !== c.client_id ||
    !redirect ||
    (c.redirect_uris.length && !c.redirect_uris.includes(redirect))
  )
    return htmlError();
  if (
    q.get('response_type') !== 'code' ||
    !q.get('scope') ||
    !q.get('state') ||
    !q.get('code_challenge') ||
    !['S256', 'plain'].includes(q.get('code_challenge_method') || 'plain')
  )
    return htmlError();
  let target;
  try {
    target = new URL(redirect);
  } catch {
    return htmlError();
  }
  target.searchParams.set('state', q.get('state'));
  if (c.consent === 'deny') {
    target.searchParams.set('error', 'access_denied');
  } else {
    const code = randomToken(64);
    state.codes.set(code, {
      client_id: c.client_id,
      redirect_uri: redirect,
      scope: q.get('scope').split(/[ +]/).filter(Boolean).join(' '),
      challenge: q.get('code_challenge'),
      method: q.get('code_challenge_method') || 'plain',
      user_id: findUser(c.signed_in_user)?.id,
      expires_at: Date.now() + c.code_ttl_s * 1000,
      used: false,
    });
    target.searchParams.set('code', code);
  }
  return new Answer(302, '', { contentType: 'text/html; charset=utf-8', headers: { location: target.toString() } });
});

route('POST', '/2/oauth2/token', { auth: 'oauth' }, ctx => {
  if (!clientOk(ctx)) return oauthError(401, 'unauthorized_client', 'Missing valid authorization header');
  const f = ctx.form;
  if (f.get('grant_type') === 'authorization_code') {
    for (const p of ['code', 'redirect_uri', 'code_verifier'])
      if (!f.get(p)) return oauthError(400, 'invalid_request', `Missing required parameter [${p}].`);
    const code = state.codes.get(f.get('code'));
    const verifier = f.get('code_verifier');
    const expected =
      code && (code.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier);
    if (
      !code ||
      code.used ||
      code.expires_at < Date.now() ||
      code.redirect_uri !== f.get('redirect_uri') ||
      code.challenge !== expected ||
      !code.user_id
    ) {
      return oauthError(400, 'invalid_request', 'Value passed for the authorization code was invalid.');
    }
    code.used = true;
    return formAnswer(200, issueTokens(code.user_id, code.scope, code.client_id));
  }
  if (f.get('grant_type') === 'refresh_token') {
    const old = state.tokens.get(f.get('refresh_token') || '');
    if (!old || old.kind !== 'refresh' || old.revoked || old.rotated)
      return oauthError(400, 'invalid_request', 'Value passed for the token was invalid.');
    old.rotated = true;
    return formAnswer(200, issueTokens(old.user_id, old.scope, old.client_id));
  }
  return oauthError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
});

route('POST', '/2/oauth2/revoke', { auth: 'oauth' }, ctx => {
  if (!clientOk(ctx)) return oauthError(401, 'unauthorized_client', 'Missing valid authorization header');
  const t = state.tokens.get(ctx.form.get('token') || '');
  if (t) {
    t.revoked = true;
    t.revoked_at = iso(Date.now());
  }
  return formAnswer(200, { revoked: true });
});

// ---------------------------------------------------------------- search query

// The few operators Kanal needs: conversation_id:, from:, to:, @name, is:reply,
// is:retweet, in_reply_to_tweet_id:, words and "phrases", each negatable with -.
function parseSearch(query) {
  const terms = query.match(/-?"[^"]*"|\S+/g) || [];
  const tests = [];
  for (let term of terms) {
    const neg = term.startsWith('-');
    if (neg) term = term.slice(1);
    let test;
    let m;
    if ((m = /^conversation_id:(\d{1,19})$/.exec(term))) test = t => t.conversation_id === m[1];
    else if ((m = /^in_reply_to_tweet_id:(\d{1,19})$/.exec(term))) test = t => t.in_reply_to_tweet_id === m[1];
    else if ((m = /^from:@?(\w+)$/.exec(term))) {
      const u = findUser(m[1]);
      test = t => !!u && t.author_id === u.id;
    } else if ((m = /^to:@?(\w+)$/.exec(term))) {
      const u = findUser(m[1]);
      test = t => !!u && t.in_reply_to_user_id === u.id;
    } else if ((m = /^@(\w+)$/.exec(term))) {
      const u = findUser(m[1]);
      test = t => !!u && (mentions(t, u) || new RegExp(`@${m[1]}\\b`, 'i').test(t.text));
    } else if (term === 'is:reply') test = t => !!t.in_reply_to_tweet_id;
    else if (term === 'is:retweet') test = () => false;
    else if (/^[a-z_]+:/.test(term) || term === 'OR' || /[()]/.test(term))
      return `There were errors processing your request: the fake does not support [${term}] in a query`;
    else {
      const word = term.replace(/^"|"$/g, '').toLowerCase();
      test = t => t.text.toLowerCase().includes(word);
    }
    tests.push(neg ? t => !test(t) : test);
  }
  return t => tests.every(f => f(t));
}

// ---------------------------------------------------------------- media sniffing

function sniffImage(b) {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a)
    return { mime: 'image/png', w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
  if (b.length >= 10 && /^GIF8[79]a/.test(b.toString('latin1', 0, 6)))
    return { mime: 'image/gif', w: b.readUInt16LE(6), h: b.readUInt16LE(8) };
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const kind = b.toString('latin1', 12, 16);
    if (kind === 'VP8X') return { mime: 'image/webp', w: 1 + b.readUIntLE(24, 3), h: 1 + b.readUIntLE(27, 3) };
    if (kind === 'VP8L') {
      const v = b.readUInt32LE(21);
      return { mime: 'image/webp', w: 1 + (v & 0x3fff), h: 1 + ((v >> 14) & 0x3fff) };
    }
    return { mime: 'image/webp', w: b.readUInt16LE(26) & 0x3fff, h: b.readUInt16LE(28) & 0x3fff };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    // Walk the segments to the frame header for the size.
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { mime: 'image/jpeg', w: b.readUInt16BE(i + 7), h: b.readUInt16BE(i + 5) };
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      i += 2 + b.readUInt16BE(i + 2);
    }
    return { mime: 'image/jpeg', w: 0, h: 0 };
  }
  return null;
}

function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return null;
  const boundary = Buffer.from('--' + (m[1] || m[2]));
  const parts = {};
  let pos = buf.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (buf.slice(start, start + 2).toString() === '--') break;
    const headerEnd = buf.indexOf('\r\n\r\n', start);
    const next = buf.indexOf(boundary, headerEnd);
    if (headerEnd === -1 || next === -1) break;
    const name = /name="([^"]*)"/i.exec(buf.slice(start, headerEnd).toString());
    if (name) parts[name[1]] = buf.slice(headerEnd + 4, next - 2);
    pos = next;
  }
  return parts;
}

// ---------------------------------------------------------------- the request pipeline

function authenticate(ctx, r) {
  const m = /^Bearer (\S+)$/i.exec(ctx.req.headers.authorization || '');
  if (!m) return unauthorized();
  if (m[1] === state.config.app_bearer_token) {
    ctx.principal = 'app';
    if (r.auth === 'user') {
      return problem(
        403,
        'Unsupported Authentication',
        'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
        'https://api.twitter.com/2/problems/unsupported-authentication',
      );
    }
    return null;
  }
  const t = state.tokens.get(m[1]);
  if (!t || t.kind !== 'access' || t.revoked || t.expires_at <= Date.now() || !state.users.has(t.user_id))
    return unauthorized();
  ctx.token = t;
  ctx.user = state.users.get(t.user_id);
  ctx.principal = t.user_id;
  if (r.auth === 'app') {
    return problem(
      403,
      'Unsupported Authentication',
      'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
      'https://api.twitter.com/2/problems/unsupported-authentication',
    );
  }
  const granted = t.scope.split(' ');
  if ((r.scopes || []).some(s => !granted.includes(s))) return forbidden('Forbidden');
  return null;
}

// The 15-minute window of this caller on this endpoint; the request spends one.
function spend(ctx, r) {
  const key = `${ctx.principal || ctx.req.socket.remoteAddress} ${r.name}`;
  const limit = state.config.rate_limits[r.name] ?? 900;
  let b = state.buckets.get(key);
  if (!b || b.reset <= nowS()) {
    b = { limit, remaining: limit, reset: nowS() + RATE_WINDOW_S };
    state.buckets.set(key, b);
  }
  const exhausted = b.remaining <= 0;
  if (!exhausted) b.remaining--;
  ctx.rate = b;
  return exhausted;
}

function takeFault(method, path, kinds) {
  const f = state.faults.find(
    f =>
      f.count !== 0 &&
      kinds.includes(f.kind) &&
      (!f.method || f.method.toUpperCase() === method) &&
      (!f.path || (f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : path === f.path)),
  );
  if (f && f.count > 0) f.count--;
  if (f) f.applied++;
  return f;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', c => {
      size += c.length;
      if (size > 16 * 1024 * 1024) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// What the request log keeps of a body: media as its size, not its bytes.
function bodySummary(ctx) {
  if (ctx.multipart)
    return Object.fromEntries(
      Object.entries(ctx.multipart).map(([k, v]) => [k, k === 'media' ? `<${v.length} bytes>` : v.toString()]),
    );
  if (ctx.form) return Object.fromEntries(ctx.form);
  if (ctx.json && typeof ctx.json === 'object') {
    const copy = { ...ctx.json };
    if (typeof copy.media === 'string') copy.media = `<${Buffer.from(copy.media, 'base64').length} bytes, base64>`;
    return copy;
  }
  return ctx.raw.length ? ctx.raw.toString().slice(0, 2000) : undefined;
}

async function handleApi(req, res, url) {
  const raw = await readBody(req);
  const ctx = { req, url, query: url.searchParams, raw, params: {} };
  const type = (req.headers['content-type'] || '').toLowerCase();
  if (type.startsWith('application/json') && raw.length) {
    try {
      ctx.json = JSON.parse(raw.toString());
    } catch {
      ctx.badJson = true;
    }
  } else if (type.startsWith('multipart/form-data')) {
    ctx.multipart = parseMultipart(raw, type);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    ctx.form = new URLSearchParams(raw.toString());
  }
  if (!ctx.form) ctx.form = new URLSearchParams();
  const entry = {
    seq: ++state.seq,
    at: iso(Date.now()),
    method: req.method,
    path: url.pathname,
    query: url.search.slice(1),
  };
  state.requests.push(entry);

  const r = routes.find(r => r.method === req.method && r.re.test(url.pathname));
  let answer;
  let fault = null;
  if (!r) {
    answer = problem(404, 'Not Found Error', `The route ${req.method} ${url.pathname} does not exist.`);
  } else {
    const values = r.re.exec(url.pathname).slice(1);
    r.keys.forEach((k, i) => {
      ctx.params[k] = decodeURIComponent(values[i]);
    });
    entry.route = r.name;
    if (r.auth !== 'oauth') answer = authenticate(ctx, r);
    entry.user_id = ctx.user?.id ?? (ctx.principal === 'app' ? 'app' : undefined);
    if (!answer && r.auth !== 'oauth' && spend(ctx, r)) answer = tooManyRequests();
    if (!answer) {
      fault = takeFault(req.method, url.pathname, ['rate_limit', 'monthly_cap']);
      if (fault?.kind === 'rate_limit') {
        ctx.rate = { limit: ctx.rate?.limit ?? 900, remaining: 0, reset: nowS() + (fault.seconds ?? 60) };
        answer = tooManyRequests();
      } else if (fault?.kind === 'monthly_cap' || (r.reads && monthlyCapReached())) {
        answer = usageCapped();
      }
    }
    if (!answer && ctx.badJson) answer = invalidRequest('Request body is not valid JSON');
    if (!answer) {
      fault = takeFault(req.method, url.pathname, [
        'lose_answer',
        'malformed_json',
        'invalid_response',
        'withhold_impressions',
      ]);
      ctx.withholdImpressions = fault?.kind === 'withhold_impressions';
      answer = r.handler(ctx);
    }
  }
  entry.body = bodySummary(ctx);
  entry.status = answer.status;
  entry.answer = 'sent';
  if (fault) entry.fault = fault.kind;

  const headers = { ...answer.headers };
  if (url.pathname.startsWith('/2/') && !url.pathname.startsWith('/2/oauth2/')) {
    const rate = ctx.rate || { limit: 900, remaining: 899, reset: nowS() + RATE_WINDOW_S };
    Object.assign(headers, {
      'x-rate-limit-limit': String(rate.limit),
      'x-rate-limit-remaining': String(rate.remaining),
      'x-rate-limit-reset': String(rate.reset),
    });
  }
  let body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  let status = answer.status;
  if (fault?.kind === 'lose_answer') {
    entry.answer = 'lost';
    log(entry);
    res.socket.destroy();
    return;
  }
  if (fault?.kind === 'malformed_json') {
    entry.answer = 'malformed';
    status = 200;
    body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  } else if (fault?.kind === 'invalid_response' && status < 300) {
    entry.answer = 'invalid';
    body = JSON.stringify({ data: 42 });
  }
  log(entry);
  res.writeHead(status, { 'content-type': answer.contentType, ...headers });
  res.end(body);
}

// ---------------------------------------------------------------- control API

function stateView() {
  const tokenView = t => ({
    token: t.token,
    kind: t.kind,
    user_id: t.user_id,
    scope: t.scope,
    issued_at: t.issued_at,
    ...(t.kind === 'access'
      ? { expires_at: iso(t.expires_at), expired: t.expires_at <= Date.now() }
      : { rotated: t.rotated }),
    revoked: t.revoked,
    ...(t.revoked_at ? { revoked_at: t.revoked_at } : {}),
  });
  return {
    config: state.config,
    users: [...state.users.values()],
    tweets: [...state.tweets.values()].sort(byIdDesc).map(controlTweetView),
    media: [...state.media.values()].map(({ expires_at, ...m }) => ({ ...m, expires_at: iso(expires_at) })),
    mutes: state.mutes,
    tokens: [...state.tokens.values()].map(tokenView),
    usage: { project_cap: state.config.project_cap, project_usage: state.config.project_usage },
    faults: state.faults,
    requests: state.requests,
  };
}

function controlTweetView(t) {
  const { metrics, ...rest } = t;
  return {
    ...rest,
    public_metrics: { ...metrics, reply_count: liveTweets().filter(r => r.in_reply_to_tweet_id === t.id).length },
  };
}

const FAULT_KINDS = [
  'lose_answer',
  'rate_limit',
  'monthly_cap',
  'malformed_json',
  'withhold_impressions',
  'invalid_response',
  'expire_access_tokens',
  'revoke_refresh_tokens',
];

function control(method, path, body, url) {
  const c = state.config;
  if (method === 'GET' && path === '/_fake/health') return [200, { ok: true }];
  if (method === 'POST' && path === '/_fake/reset') {
    reset();
    return [200, { ok: true, signed_in_user: findUser(state.config.signed_in_user) }];
  }
  if (method === 'GET' && path === '/_fake/config') return [200, c];
  if (method === 'POST' && path === '/_fake/config') {
    for (const [k, v] of Object.entries(body)) {
      if (!(k in c)) throw new ControlError(400, `unknown setting ${k}`);
      if (k === 'signed_in_user' && !findUser(v)) throw new ControlError(400, `no user ${v}`);
      c[k] = k === 'rate_limits' ? { ...c.rate_limits, ...v } : k === 'signed_in_user' ? findUser(v).id : v;
      if (k === 'rate_limits') state.buckets.clear(); // new limits start new windows
    }
    return [200, c];
  }
  if (method === 'GET' && path === '/_fake/users') return [200, [...state.users.values()]];
  if (method === 'POST' && path === '/_fake/users') return [201, addUser(body)];
  if (method === 'POST' && path === '/_fake/tweets') {
    const author = findUser(body.author ?? body.author_id ?? body.username);
    if (!author) throw new ControlError(400, `no user ${body.author}`);
    if (typeof body.text !== 'string') throw new ControlError(400, 'text is required');
    const replyTo = body.in_reply_to_tweet_id ? state.tweets.get(String(body.in_reply_to_tweet_id)) : null;
    if (body.in_reply_to_tweet_id && !replyTo) throw new ControlError(400, `no tweet ${body.in_reply_to_tweet_id}`);
    const quoteOf = body.quote_tweet_id ? state.tweets.get(String(body.quote_tweet_id)) : null;
    const t = addTweet({
      author,
      text: body.text,
      replyTo,
      quoteOf,
      createdAt: body.created_at ? Date.parse(body.created_at) : undefined,
      lang: body.lang,
      metrics: body.public_metrics,
    });
    return [201, controlTweetView(t)];
  }
  let m;
  if (method === 'POST' && (m = /^\/_fake\/tweets\/(\d+)\/metrics$/.exec(path))) {
    const t = state.tweets.get(m[1]);
    if (!t) throw new ControlError(404, `no tweet ${m[1]}`);
    for (const [k, v] of Object.entries(body)) {
      if (!(k in t.metrics) || !Number.isInteger(v) || v < 0) throw new ControlError(400, `bad metric ${k}`);
      t.metrics[k] = v;
    }
    return [200, controlTweetView(t)];
  }
  if (method === 'POST' && path === '/_fake/tokens') {
    const user = findUser(body.user ?? c.signed_in_user);
    if (!user) throw new ControlError(400, `no user ${body.user}`);
    return [
      201,
      issueTokens(
        user.id,
        body.scope || 'tweet.read tweet.write users.read offline.access media.write mute.write tweet.moderate.write',
        c.client_id,
        body.expires_in,
      ),
    ];
  }
  if (method === 'GET' && path === '/_fake/state') return [200, stateView()];
  if (method === 'GET' && path === '/_fake/requests') {
    const since = Number(url.searchParams.get('since') || 0);
    return [200, state.requests.filter(r => r.seq > since)];
  }
  if (method === 'GET' && path === '/_fake/faults') return [200, state.faults];
  if (method === 'DELETE' && path === '/_fake/faults') {
    state.faults = [];
    return [200, []];
  }
  if (method === 'POST' && path === '/_fake/faults') {
    if (!FAULT_KINDS.includes(body.kind)) throw new ControlError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
    if (body.kind === 'expire_access_tokens') {
      let n = 0;
      for (const t of state.tokens.values())
        if (t.kind === 'access' && t.expires_at > Date.now()) {
          t.expires_at = Date.now() - 1000;
          n++;
        }
      return [200, { kind: body.kind, affected: n }];
    }
    if (body.kind === 'revoke_refresh_tokens') {
      let n = 0;
      for (const t of state.tokens.values())
        if (t.kind === 'refresh' && !t.revoked && !t.rotated) {
          t.revoked = true;
          t.revoked_at = iso(Date.now());
          n++;
        }
      return [200, { kind: body.kind, affected: n }];
    }
    const f = {
      id: ++state.faultSeq,
      kind: body.kind,
      method: body.method,
      path: body.path,
      count: body.count ?? 1,
      seconds: body.seconds,
      applied: 0,
    };
    state.faults.push(f);
    return [201, f];
  }
  throw new ControlError(404, `no control route ${method} ${path}`);
}

async function handleControl(req, res, url) {
  let status;
  let body;
  try {
    const raw = await readBody(req);
    let json = {};
    if (raw.length) {
      try {
        json = JSON.parse(raw.toString());
      } catch {
        throw new ControlError(400, 'body is not JSON');
      }
    }
    [status, body] = control(req.method, url.pathname, json, url);
  } catch (e) {
    status = e.status || 500;
    body = { error: e.message };
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body, null, 1));
}

// ---------------------------------------------------------------- server

function log(entry) {
  process.stdout.write(
    `${entry.at} #${entry.seq} ${entry.method} ${entry.path}${entry.query ? '?' + entry.query : ''} → ${entry.status}` +
      `${entry.answer !== 'sent' ? ` (${entry.answer})` : ''}${entry.fault ? ` [${entry.fault}]` : ''}\n`,
  );
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  reset();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const handler = url.pathname.startsWith('/_fake/') ? handleControl : handleApi;
    handler(req, res, url).catch(e => {
      process.stderr.write(`fake_x: ${e.stack}\n`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            title: 'Internal Error',
            detail: e.message,
            type: 'about:blank',
            status: 500,
            code: 500,
            message: e.message,
          }),
        );
      }
    });
  });
  server.listen(Number(opt('--port', 0)), '127.0.0.1', () => {
    const url = `http://127.0.0.1:${server.address().port}`;
    if (opt('--url-file')) fs.writeFileSync(opt('--url-file'), url + '\n');
    process.stdout.write(`fake_x: listening on ${url}\n`);
  });
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
}

main();
