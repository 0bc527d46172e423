#!/usr/bin/env node
/*
 * check_fake_x.js DIR: proves that the fake X API answers as X's OpenAPI
 * description says. It drives every endpoint and every fault through Prism
 * (DIR/api_url, started by x-network.sh with --errors) and fails on any
 * violation: an answer carrying Prism's sl-violations header, an error answer
 * Prism made up, or a "Violation" line in DIR/prism.log that this script did
 * not provoke on purpose. It also checks that the fake does what X does.
 * It resets the fake's state at the start and at the end.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const zlib = require('node:zlib');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check_fake_x.js DIR');
  process.exit(2);
}
const API = fs.readFileSync(path.join(dir, 'api_url'), 'utf8').trim();
const FAKE = fs.readFileSync(path.join(dir, 'fake_url'), 'utf8').trim();
const PRISM_LOG = path.join(dir, 'prism.log');
const CLIENT = { id: 'check-client', secret: 'check-secret' };
const REDIRECT = 'http://127.0.0.1:1/callback';

let failures = 0;
let checks = 0;
function check(ok, what, detail) {
  checks++;
  if (!ok) {
    failures++;
    console.log(
      `FAIL ${what}${detail !== undefined ? `\n     ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`,
    );
  }
}
const section = name => console.log(`-- ${name}`);

async function call(base, method, urlPath, { token, json, form, body, headers = {}, basic } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (basic) h.authorization = `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString('base64')}`;
  let payload = body;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    h['content-type'] = 'application/json';
  }
  if (form) {
    payload = new URLSearchParams(form).toString();
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(base + urlPath, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: parsed };
}

// Through Prism. The answer must be the fake's own, valid, with X's rate-limit headers.
async function x(method, urlPath, opts, expectStatus) {
  const r = await call(API, method, urlPath, opts);
  const what = `${method} ${urlPath.split('?')[0]}`;
  check(!r.headers.get('sl-violations'), `${what}: no spec violation`, r.headers.get('sl-violations'));
  check(r.status === expectStatus, `${what}: status ${expectStatus}`, `got ${r.status} ${r.text.slice(0, 400)}`);
  check(
    !/stoplight\.io\/prism/.test(r.json?.type || ''),
    `${what}: answered by the fake, not made up by Prism`,
    r.json,
  );
  for (const h of ['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset']) {
    check(/^\d+$/.test(r.headers.get(h) || ''), `${what}: ${h} header`);
  }
  return r;
}
const control = async (method, p, json) => {
  const r = await call(FAKE, method, p, { json });
  if (r.status >= 300) throw new Error(`control ${method} ${p}: ${r.status} ${r.text}`);
  return r.json;
};

// Small but real images of each kind X takes.
function png(w, h) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(Buffer.concat([Buffer.from(type), data])) : 0);
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const GIF = Buffer.from('R0lGODlhAwACAIAAAAAAAP///yH5BAEAAAAALAAAAAADAAIAAAICjAUAOw==', 'base64'); // 3×2
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.from('ffc0000b080004000501011100', 'hex'),
  Buffer.from('ffd9', 'hex'),
]); // 5×4 frame header
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([26, 0, 0, 0]),
  Buffer.from('WEBPVP8X'),
  Buffer.from([10, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 2, 0, 0]),
]); // 7×3

async function main() {
  // Only what Prism logs from here on is this run's; other tests share the network.
  const logStart = fs.statSync(PRISM_LOG).size;
  await control('POST', '/_fake/reset');
  await control('POST', '/_fake/config', {
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
    redirect_uris: [REDIRECT],
  });
  const anna = await control('POST', '/_fake/users', {
    username: 'anna_medborgare',
    name: 'Anna',
    followers_count: 12,
  });
  const bo = await control('POST', '/_fake/users', { username: 'bo_b', name: 'Bo' });

  section('Prism forwards no path the spec lacks (with --errors)');
  {
    const r = await call(API, 'POST', '/2/oauth2/token', { form: { grant_type: 'refresh_token', refresh_token: 'x' } });
    check(
      r.status === 404 && /NO_PATH_MATCHED/.test(r.json?.type),
      'POST /2/oauth2/token through Prism: 404 NO_PATH_MATCHED',
      r.text,
    );
    const seen = await control('GET', '/_fake/requests');
    check(!seen.some(q => q.path === '/2/oauth2/token'), 'the fake never saw it');
  }

  section('OAuth 2.0 on the fake');
  const verifier = crypto.randomBytes(48).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const scope = 'tweet.read tweet.write users.read offline.access media.write mute.write tweet.moderate.write';
  const authorize = s =>
    call(
      FAKE,
      'GET',
      '/i/oauth2/authorize?' +
        new URLSearchParams({
          response_type: 'code',
          client_id: CLIENT.id,
          redirect_uri: REDIRECT,
          scope,
          state: s,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }),
    );
  let r = await authorize('st4te');
  const loc = new URL(r.headers.get('location') || 'http://none/');
  check(
    r.status === 302 &&
      loc.origin + loc.pathname === REDIRECT &&
      loc.searchParams.get('state') === 'st4te' &&
      loc.searchParams.get('code'),
    'authorize: 302 to redirect_uri with state and code',
    r.headers.get('location'),
  );
  const code = loc.searchParams.get('code');
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
  });
  check(
    r.status === 401 && r.json?.error === 'unauthorized_client',
    'token without client credentials: 401 unauthorized_client',
    r.text,
  );
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    basic: CLIENT,
    form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier + 'x' },
  });
  check(
    r.status === 400 && r.json?.error === 'invalid_request',
    'token with a wrong code_verifier: 400 invalid_request',
    r.text,
  );
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    basic: CLIENT,
    form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
  });
  const t1 = r.json || {};
  check(
    r.status === 200 &&
      t1.token_type === 'bearer' &&
      t1.access_token &&
      t1.refresh_token &&
      t1.expires_in === 7200 &&
      t1.scope === scope,
    'token: bearer, expires_in, access_token, scope, refresh_token',
    r.text,
  );
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    basic: CLIENT,
    form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier },
  });
  check(
    r.status === 400 && r.json?.error_description === 'Value passed for the authorization code was invalid.',
    'a code works once',
    r.text,
  );
  await control('POST', '/_fake/config', { consent: 'deny' });
  r = await authorize('s2');
  check(
    new URL(r.headers.get('location')).searchParams.get('error') === 'access_denied',
    'authorize refused: error=access_denied',
  );
  await control('POST', '/_fake/config', { consent: 'allow' });
  r = await call(
    FAKE,
    'GET',
    '/i/oauth2/authorize?' +
      new URLSearchParams({
        response_type: 'code',
        client_id: 'someone-else',
        redirect_uri: REDIRECT,
        scope,
        state: 's',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
  );
  check(r.status === 400, 'authorize with an unknown client: an error page, no redirect');
  let token = t1.access_token;

  section('users');
  r = await x('GET', '/2/users/me?user.fields=public_metrics,username,name,created_at', { token }, 200);
  const me = r.json.data;
  check(
    me.username === 'kanal_director' && me.public_metrics?.followers_count === 1200,
    'users/me: the signed-in user, with public_metrics',
    me,
  );
  r = await x('GET', `/2/users/${anna.id}?user.fields=public_metrics`, { token }, 200);
  check(r.json.data?.username === 'anna_medborgare' && r.json.data.public_metrics.followers_count === 12, 'users/{id}');
  r = await x('GET', '/2/users/42', { token }, 200);
  check(
    r.json.errors?.[0]?.type === 'https://api.x.com/2/problems/resource-not-found',
    'users/{id} unknown: 200 with a resource-not-found problem',
    r.json,
  );

  section('posting');
  r = await x('POST', '/2/tweets', { token, json: { text: 'Barnbidraget betalas ut den 20:e.' } }, 201);
  const root = r.json.data;
  check(
    /^\d{1,19}$/.test(root.id) &&
      root.text === 'Barnbidraget betalas ut den 20:e.' &&
      root.edit_history_tweet_ids?.[0] === root.id,
    'POST /2/tweets: 201 {data:{id,text,edit_history_tweet_ids}}',
    root,
  );
  r = await x('POST', '/2/tweets', { token, json: { text: 'Barnbidraget betalas ut den 20:e.' } }, 403);
  check(
    r.json.detail === 'You are not allowed to create a Tweet with duplicate content.' &&
      r.json.title === 'Forbidden' &&
      r.json.type === 'about:blank' &&
      r.json.status === 403,
    'duplicate text: 403 as X answers it',
    r.json,
  );
  const annaReply = await control('POST', '/_fake/tweets', {
    author: 'anna_medborgare',
    text: '@kanal_director När kommer pengarna?',
    in_reply_to_tweet_id: root.id,
  });
  const boMention = await control('POST', '/_fake/tweets', {
    author: 'bo_b',
    text: 'Fråga till @kanal_director om bostadsbidrag',
  });
  r = await x(
    'POST',
    '/2/tweets',
    { token, json: { text: 'Den 20:e, som vanligt.', reply: { in_reply_to_tweet_id: annaReply.id } } },
    201,
  );
  const ourReply = r.json.data;
  r = await x('POST', '/2/tweets', { token, json: { text: 'Svar', reply: { in_reply_to_tweet_id: '1' } } }, 403);
  check(/deleted or not visible/.test(r.json.detail), 'reply to an unknown post: 403', r.json);

  section('reading posts');
  const allFields =
    'tweet.fields=public_metrics,created_at,conversation_id,author_id,in_reply_to_user_id,referenced_tweets,lang,entities';
  r = await x(
    'GET',
    `/2/tweets/${ourReply.id}?${allFields}&expansions=author_id&user.fields=username,public_metrics`,
    { token },
    200,
  );
  const d = r.json.data;
  check(
    d.conversation_id === root.id &&
      d.author_id === me.id &&
      d.in_reply_to_user_id === anna.id &&
      d.referenced_tweets?.[0]?.type === 'replied_to' &&
      d.referenced_tweets[0].id === annaReply.id &&
      d.lang &&
      !Number.isNaN(Date.parse(d.created_at)),
    'tweets/{id}: conversation_id, author_id, in_reply_to_user_id, referenced_tweets, created_at, lang',
    d,
  );
  check(
    Number.isInteger(d.public_metrics?.impression_count) && Number.isInteger(d.public_metrics?.retweet_count),
    'public_metrics with impression_count',
    d.public_metrics,
  );
  check(
    r.json.includes?.users?.[0]?.username === 'kanal_director',
    'expansions=author_id: includes.users',
    r.json.includes,
  );
  r = await x('GET', `/2/tweets/${root.id}?post.fields=public_metrics,conversation_id,created_at`, { token }, 200);
  check(
    r.json.data.public_metrics?.reply_count === 1,
    "post.fields (the spec's name) works too; reply_count counts replies",
    r.json.data,
  );
  r = await x('POST', '/2/tweets', { token, json: { text: 'Ett inlägg som tas bort.' } }, 201);
  const doomed = r.json.data.id;
  r = await x('DELETE', `/2/tweets/${doomed}`, { token }, 200);
  check(r.json.data?.deleted === true, 'DELETE /2/tweets/{id}: {data:{deleted:true}}');
  r = await x('DELETE', `/2/tweets/${annaReply.id}`, { token }, 403);
  r = await x('GET', `/2/tweets?ids=${root.id},${doomed},1234&tweet.fields=created_at`, { token }, 200);
  check(r.json.data?.length === 1 && r.json.data[0].id === root.id, 'tweets?ids: the live post in data', r.json);
  check(
    r.json.errors?.length === 2 &&
      r.json.errors.every(
        e =>
          e.type === 'https://api.x.com/2/problems/resource-not-found' &&
          e.parameter === 'ids' &&
          e.resource_type === 'tweet',
      ),
    'tweets?ids: deleted and unknown ids as resource-not-found problems',
    r.json.errors,
  );
  r = await x('GET', `/2/tweets/${doomed}`, { token }, 200);
  check(
    !r.json.data && r.json.errors?.[0]?.resource_id === doomed,
    'tweets/{id} deleted: 200 with errors only',
    r.json,
  );

  section('timelines');
  await new Promise(resolve => setTimeout(resolve, 5));
  const start = new Date().toISOString();
  for (let i = 0; i < 6; i++) await x('POST', '/2/tweets', { token, json: { text: `Inlägg nummer ${i}` } }, 201);
  r = await x(
    'GET',
    `/2/users/${me.id}/tweets?max_results=5&start_time=${start}&tweet.fields=created_at`,
    { token },
    200,
  );
  const page1 = r.json;
  check(
    page1.data?.length === 5 &&
      page1.data[0].text === 'Inlägg nummer 5' &&
      page1.meta?.next_token &&
      page1.meta.result_count === 5 &&
      page1.meta.newest_id === page1.data[0].id,
    'users/{id}/tweets: newest first, max_results, meta.next_token',
    page1.meta,
  );
  r = await x(
    'GET',
    `/2/users/${me.id}/tweets?max_results=5&start_time=${start}&pagination_token=${page1.meta.next_token}`,
    { token },
    200,
  );
  check(
    r.json.data?.length === 1 && r.json.data[0].text === 'Inlägg nummer 0' && !r.json.meta.next_token,
    'users/{id}/tweets: the next page, and no next_token at the end',
    r.json,
  );
  r = await x(
    'GET',
    `/2/users/${me.id}/tweets?max_results=5&start_time=${new Date(Date.now() + 60e3).toISOString()}`,
    { token },
    200,
  );
  check(
    !r.json.data && r.json.meta?.result_count === 0,
    'users/{id}/tweets: nothing after start_time → meta.result_count 0',
    r.json,
  );
  r = await x(
    'GET',
    `/2/users/${me.id}/mentions?max_results=5&tweet.fields=author_id,in_reply_to_user_id,conversation_id`,
    { token },
    200,
  );
  check(
    r.json.data?.length === 2 &&
      r.json.data[0].id === boMention.id &&
      r.json.data[1].id === annaReply.id &&
      r.json.meta.newest_id === boMention.id,
    'mentions: the reply and the @mention, newest first, meta.newest_id',
    r.json,
  );
  const newest = r.json.meta.newest_id;
  const old = await control('POST', '/_fake/tweets', {
    author: 'bo_b',
    text: '@kanal_director gammal fråga',
    created_at: new Date(Date.now() - 2 * 86400e3).toISOString(),
  });
  r = await x('GET', `/2/users/${me.id}/mentions?max_results=5&tweet.fields=created_at`, { token }, 200);
  check(
    r.json.data?.at(-1)?.id === old.id && BigInt(old.id) < BigInt(annaReply.id),
    'a back-dated post sorts by its time',
    r.json,
  );
  r = await x(
    'GET',
    `/2/users/${me.id}/mentions?start_time=${new Date(Date.now() - 86400e3).toISOString()}`,
    { token },
    200,
  );
  check(r.json.meta?.result_count === 2, 'mentions start_time', r.json.meta);
  r = await x('GET', `/2/users/${me.id}/mentions?since_id=${newest}`, { token }, 200);
  check(r.json.meta?.result_count === 0, 'mentions since_id=newest_id: nothing new', r.json);
  r = await x('GET', `/2/users/${me.id}/mentions?max_results=5&pagination_token=not-a-token`, { token }, 400);
  r = await x(
    'GET',
    `/2/tweets/search/recent?query=${encodeURIComponent(`conversation_id:${root.id}`)}&tweet.fields=author_id,in_reply_to_user_id`,
    { token },
    200,
  );
  check(
    r.json.data?.map(t => t.id).join() === [ourReply.id, annaReply.id, root.id].join(),
    'search/recent conversation_id: the conversation, newest first',
    r.json,
  );

  section('moderation');
  r = await x('PUT', `/2/tweets/${annaReply.id}/hidden`, { token, json: { hidden: true } }, 200);
  check(r.json.data?.hidden === true, 'hide a reply in our conversation');
  r = await x('PUT', `/2/tweets/${boMention.id}/hidden`, { token, json: { hidden: true } }, 403);
  r = await x('POST', `/2/users/${me.id}/muting`, { token, json: { target_user_id: bo.id } }, 200);
  check(r.json.data?.muting === true, 'mute');
  r = await x('POST', `/2/users/${anna.id}/muting`, { token, json: { target_user_id: bo.id } }, 403);
  let st = await control('GET', '/_fake/state');
  check(
    st.tweets.find(t => t.id === annaReply.id)?.hidden === true &&
      st.mutes.some(m => m.user_id === me.id && m.target_user_id === bo.id),
    'state: hidden flag and mute',
  );

  section('media');
  const mediaIds = [];
  for (const [name, bytes, w, h] of [
    ['png', png(4, 3), 4, 3],
    ['gif', GIF, 3, 2],
    ['jpeg', JPEG, 5, 4],
    ['webp', WEBP, 7, 3],
  ]) {
    r = await x(
      'POST',
      '/2/media/upload',
      { token, json: { media: bytes.toString('base64'), media_category: 'tweet_image' } },
      200,
    );
    check(
      /^\d+$/.test(r.json.data?.id) && r.json.data.image?.w === w && r.json.data.image?.h === h,
      `upload ${name}: id and size`,
      r.json,
    );
    mediaIds.push(r.json.data.id);
  }
  r = await x(
    'POST',
    '/2/media/upload',
    { token, json: { media: Buffer.from('%PDF-1.4 not an image').toString('base64'), media_category: 'tweet_image' } },
    400,
  );
  const alt = 'Karta över det nya kontoret. '.repeat(40).slice(0, 1000);
  r = await x(
    'POST',
    '/2/media/metadata',
    { token, json: { id: mediaIds[0], metadata: { alt_text: { text: alt } } } },
    200,
  );
  check(r.json.data?.id === mediaIds[0], 'alt text of 1000 characters');
  r = await call(API, 'POST', '/2/media/metadata', {
    token,
    json: { id: mediaIds[0], metadata: { alt_text: { text: alt + 'x' } } },
  });
  check(r.status === 422, 'alt text of 1001 characters: Prism refuses the request (422)', r.status);
  r = await x('POST', '/2/tweets', { token, json: { text: 'Med bild', media: { media_ids: [mediaIds[0]] } } }, 201);
  const withImage = r.json.data.id;
  r = await x(
    'GET',
    `/2/tweets/${withImage}?tweet.fields=attachments&expansions=attachments.media_keys&media.fields=alt_text,width`,
    { token },
    200,
  );
  check(r.json.includes?.media?.[0]?.alt_text === alt, 'the post carries the image with its alt text', r.json);
  r = await x('POST', '/2/tweets', { token, json: { text: 'Fel bild', media: { media_ids: ['1'] } } }, 400);
  // Multipart works on the fake itself; Prism re-encodes a multipart body as UTF-8 text, which breaks the bytes.
  const fd = new FormData();
  fd.append('media', new Blob([png(2, 2)], { type: 'image/png' }), 'a.png');
  fd.append('media_category', 'tweet_image');
  let mp = await fetch(`${FAKE}/2/media/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: fd,
  });
  check(mp.status === 200, 'multipart upload on the fake itself', mp.status);
  mp = await fetch(`${API}/2/media/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: fd,
  });
  check(
    mp.status === 400 && !mp.headers.get('sl-violations'),
    'multipart upload through Prism arrives broken: 400 from the fake',
    mp.status,
  );
  st = await control('GET', '/_fake/state');
  check(
    st.media.find(m => m.id === mediaIds[0])?.alt_text === alt &&
      st.media.find(m => m.id === mediaIds[0]).used_in[0] === withImage,
    'state: media with alt text and its post',
  );

  section('usage');
  const app = st.config.app_bearer_token;
  r = await x('GET', '/2/usage/tweets?usage.fields=cap_reset_day,project_cap,project_usage', { token: app }, 200);
  check(
    Number.isInteger(r.json.data?.cap_reset_day) &&
      /^\d+$/.test(r.json.data.project_cap) &&
      Number(r.json.data.project_usage) > 0,
    'usage: cap_reset_day, project_cap, project_usage',
    r.json,
  );
  r = await x('GET', '/2/usage/tweets', { token }, 403);
  check(
    r.json.title === 'Unsupported Authentication',
    'usage with a user token: 403 Unsupported Authentication',
    r.json,
  );
  r = await x('GET', `/2/users/${me.id}/tweets`, { token: app }, 200);
  r = await x('GET', '/2/users/me', { token: app }, 403);

  section('tokens');
  r = await x('GET', '/2/users/me', { token: 'no-such-token' }, 401);
  check(
    r.json.title === 'Unauthorized' && r.json.type === 'about:blank' && r.json.status === 401,
    '401 as X answers it',
    r.json,
  );
  r = await call(API, 'GET', '/2/users/me');
  check(r.status === 401 && /prism/.test(r.json?.type), 'no Authorization header: Prism answers 401 itself', r.json);
  await control('POST', '/_fake/faults', { kind: 'expire_access_tokens' });
  r = await x('GET', '/2/users/me', { token }, 401);
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    basic: CLIENT,
    form: { grant_type: 'refresh_token', refresh_token: t1.refresh_token },
  });
  const t2 = r.json || {};
  check(
    r.status === 200 && t2.access_token && t2.refresh_token && t2.refresh_token !== t1.refresh_token,
    'refresh: a new pair, the refresh token rotated',
    r.text,
  );
  token = t2.access_token;
  r = await x('GET', '/2/users/me', { token }, 200);
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    basic: CLIENT,
    form: { grant_type: 'refresh_token', refresh_token: t1.refresh_token },
  });
  check(
    r.status === 400 &&
      r.json?.error === 'invalid_request' &&
      r.json.error_description === 'Value passed for the token was invalid.',
    'the old refresh token is spent: 400 invalid_request',
    r.text,
  );
  r = await call(FAKE, 'POST', '/2/oauth2/revoke', {
    basic: CLIENT,
    form: { token: t2.access_token, token_type_hint: 'access_token' },
  });
  check(r.status === 200 && r.json?.revoked === true, 'revoke: {revoked:true}', r.text);
  r = await x('GET', '/2/users/me', { token }, 401);
  await control('POST', '/_fake/faults', { kind: 'revoke_refresh_tokens' });
  r = await call(FAKE, 'POST', '/2/oauth2/token', {
    basic: CLIENT,
    form: { grant_type: 'refresh_token', refresh_token: t2.refresh_token },
  });
  check(
    r.status === 400 && r.json?.error === 'invalid_request',
    'revoke_refresh_tokens: refresh answers 400 invalid_request',
    r.text,
  );
  st = await control('GET', '/_fake/state');
  check(
    st.tokens.find(t => t.token === t2.access_token)?.revoked === true &&
      st.tokens.find(t => t.token === t2.refresh_token)?.revoked === true,
    'state: revoked tokens',
  );
  token = (await control('POST', '/_fake/tokens', {})).access_token;

  section('faults');
  await control('POST', '/_fake/faults', { kind: 'rate_limit', method: 'GET', path: '/2/users/me', seconds: 120 });
  r = await x('GET', '/2/users/me', { token }, 429);
  const reset = Number(r.headers.get('x-rate-limit-reset'));
  check(
    r.headers.get('x-rate-limit-remaining') === '0' &&
      Math.abs(reset - (Date.now() / 1000 + 120)) < 5 &&
      r.json.title === 'Too Many Requests',
    'rate_limit: 429, remaining 0, reset = now + 120',
    r.json,
  );
  r = await x('GET', '/2/users/me', { token }, 200);
  await control('POST', '/_fake/config', { rate_limits: { 'GET /2/users/me': 2 } });
  await x('GET', '/2/users/me', { token }, 200);
  await x('GET', '/2/users/me', { token }, 200);
  r = await x('GET', '/2/users/me', { token }, 429);
  check(
    r.headers.get('x-rate-limit-limit') === '2' && r.headers.get('x-rate-limit-remaining') === '0',
    'a spent window: 429 by itself',
  );
  await control('POST', '/_fake/config', { rate_limits: { 'GET /2/users/me': 75 } });
  await control('POST', '/_fake/faults', { kind: 'monthly_cap', path: '/2/users/*' });
  r = await x('GET', `/2/users/${me.id}/mentions`, { token }, 429);
  check(
    r.json.title === 'UsageCapExceeded' &&
      r.json.type === 'https://api.twitter.com/2/problems/usage-capped' &&
      r.json.period === 'Monthly' &&
      Number(r.headers.get('x-rate-limit-remaining')) > 0,
    'monthly_cap: 429 UsageCapExceeded, rate limit not spent',
    r.json,
  );
  const used = Number((await control('GET', '/_fake/config')).project_usage);
  await control('POST', '/_fake/config', { project_cap: used });
  r = await x('GET', `/2/tweets/${root.id}`, { token }, 429);
  check(r.json.title === 'UsageCapExceeded', 'reads past project_cap: 429 UsageCapExceeded');
  await control('POST', '/_fake/config', { project_cap: 15000 });

  // A lost answer: the fake posts, then drops the connection. Prism says 500.
  let before = (await control('GET', '/_fake/state')).tweets.length;
  await control('POST', '/_fake/faults', { kind: 'lose_answer', method: 'POST', path: '/2/tweets' });
  r = await call(API, 'POST', '/2/tweets', { token, json: { text: 'Svaret går förlorat.' } });
  check(
    r.status === 500 && r.json?.type === 'FetchError' && /socket hang up/.test(r.json.title),
    'lose_answer through Prism: 500 FetchError "socket hang up"',
    r.text,
  );
  st = await control('GET', '/_fake/state');
  check(
    st.tweets.length === before + 1 && st.tweets[0].text === 'Svaret går förlorat.',
    'lose_answer: the post was made',
  );
  check(
    st.requests.filter(q => q.method === 'POST' && q.path === '/2/tweets').at(-1).answer === 'lost',
    'the request log says the answer was lost',
  );
  await control('POST', '/_fake/faults', { kind: 'lose_answer', method: 'POST', path: '/2/tweets' });
  let err = null;
  try {
    await call(FAKE, 'POST', '/2/tweets', { token, json: { text: 'Direkt, förlorat.' } });
  } catch (e) {
    err = e;
  }
  check(
    err && /fetch failed/.test(err.message),
    'lose_answer on the fake itself: the connection closes without an answer',
    err?.message,
  );
  r = await x('GET', `/2/users/${me.id}/tweets?max_results=5&tweet.fields=created_at`, { token }, 200);
  check(r.json.data?.[0]?.text === 'Direkt, förlorat.', 'the post whose answer was lost is in users/{id}/tweets');
  r = await x('POST', '/2/tweets', { token, json: { text: 'Direkt, förlorat.' } }, 403);

  await control('POST', '/_fake/faults', { kind: 'malformed_json', method: 'GET', path: '/2/users/me', count: 2 });
  r = await call(API, 'GET', '/2/users/me', { token });
  check(
    r.status === 500 && r.json?.type === 'FetchError' && /invalid json/.test(r.json.title),
    'malformed_json through Prism: 500 FetchError "invalid json response body"',
    r.text,
  );
  r = await call(FAKE, 'GET', '/2/users/me', { token });
  check(
    r.status === 200 && r.json === undefined && r.text.startsWith('{'),
    'malformed_json on the fake itself: 200 with a cut-off body',
    r.text,
  );

  await control('POST', '/_fake/faults', { kind: 'withhold_impressions', path: `/2/tweets/${root.id}`, count: 2 });
  r = await call(API, 'GET', `/2/tweets/${root.id}?tweet.fields=public_metrics`, { token });
  check(
    r.status === 500 && /impression_count/.test(r.headers.get('sl-violations') || ''),
    'withhold_impressions through Prism: the spec requires impression_count, so 500',
    r.text,
  );
  r = await call(FAKE, 'GET', `/2/tweets/${root.id}?tweet.fields=public_metrics`, { token });
  check(
    r.status === 200 && r.json.data.public_metrics && !('impression_count' in r.json.data.public_metrics),
    'withhold_impressions on the fake itself: no impression_count',
    r.json,
  );

  // Prism does check answers in proxy mode: a deliberately broken one.
  await control('POST', '/_fake/faults', { kind: 'invalid_response', path: '/2/users/me' });
  r = await call(API, 'GET', '/2/users/me', { token });
  check(
    r.status === 500 &&
      r.json?.type === 'https://stoplight.io/prism/errors#VIOLATIONS' &&
      /data must be object/.test(r.headers.get('sl-violations') || ''),
    'invalid_response through Prism: 500 VIOLATIONS "data must be object"',
    r.text,
  );
  // And requests: one the spec forbids never reaches the fake.
  const seq = (await control('GET', '/_fake/state')).requests.at(-1).seq;
  r = await call(API, 'GET', `/2/users/${me.id}/tweets?max_results=1`, { token });
  check(
    r.status === 422 && r.json?.validation?.[0]?.location?.join('.') === 'query.max_results',
    'max_results=1 through Prism: 422',
    r.text,
  );
  check((await control('GET', `/_fake/requests?since=${seq}`)).length === 0, 'the fake never saw it');
  check(
    (await control('GET', '/_fake/faults')).every(f => f.count === 0),
    'every fault was used up',
  );

  section("Prism's log");
  // With --errors Prism logs each error answer it made, as "Request terminated with
  // error: TYPE"; a violation that is only a warning it logs as "Violation: …".
  const expected = [
    [/UNAUTHORIZED/, 1],
    [/NO_PATH_MATCHED/, 1],
    [/socket hang up/, 1],
    [/invalid json response body/, 1],
    [/VIOLATIONS/, 2],
    [/UNPROCESSABLE_ENTITY/, 2],
  ];
  const lines = fs
    .readFileSync(PRISM_LOG)
    .subarray(logStart)
    .toString()
    .split('\n')
    .filter(l => /✖|Violation:/.test(l));
  const unexpected = lines.filter(l => !expected.some(([re]) => re.test(l)));
  check(
    unexpected.length === 0,
    'no error or violation in the log but the deliberate ones',
    unexpected.join('\n     '),
  );
  for (const [re, n] of expected)
    check(lines.filter(l => re.test(l)).length === n, `the log has ${n} × ${re.source}`, lines.join('\n     '));

  await control('POST', '/_fake/reset');
  console.log(`${checks - failures}/${checks} checks passed`);
  process.exit(failures ? 1 : 0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
