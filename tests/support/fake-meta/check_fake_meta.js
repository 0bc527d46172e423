#!/usr/bin/env node
/*
 * check_fake_meta.js DIR: proves that the fake Graph API (fake_meta.js, started by
 * meta-network.sh into DIR) answers as Meta's API description says. It drives a
 * realistic flow — login, token exchange, pages, photo upload, feed posts,
 * comments, hiding, figures, insights, Instagram containers and publishing,
 * Instagram comments — and checks every answer's fields, recursively, against the
 * field lists of the spec files in tests/specs/facebook (read here on their own,
 * not through the fake), that requests breaking the spec are refused with Graph's
 * error shape, and the faults. It resets the fake at the start and at the end,
 * prints the number of checks and exits non-zero on any failure.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const zlib = require('node:zlib');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check_fake_meta.js DIR');
  process.exit(2);
}
const BASE = fs.readFileSync(path.join(dir, 'graph_url'), 'utf8').trim();
const V = '/v21.0';
const APP = { id: 'check-app', secret: 'check-app-secret' };
const REDIRECT = 'http://127.0.0.1:1/meta/callback';
const SCOPE = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_read_user_content',
  'pages_manage_posts',
  'pages_manage_engagement',
  'read_insights',
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
];

// ---------------------------------------------------------------- the spec, read here

const SPEC_DIR = path.join(__dirname, '..', '..', 'specs', 'facebook');
const SPEC = {};
for (const t of [
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
]) {
  const s = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, `${t}.json`), 'utf8'));
  SPEC[t] = {
    fields: Object.fromEntries(s.fields.map(f => [f.name, f.type])),
    edges: Object.fromEntries(
      (s.apis || []).filter(a => a.method === 'GET' && a.endpoint).map(a => [a.endpoint, a.return]),
    ),
  };
}
// Types Meta documents that the spec files lack (the answers' shapes in Meta's reference).
const DOCUMENTED = {
  IGContainer: { id: 'string', status: 'string', status_code: 'string' },
  ContentPublishingLimitResponse: { config: 'Object', quota_usage: 'int' },
  InstagramInsightsResult: {
    description: 'string',
    id: 'string',
    name: 'string',
    period: 'string',
    title: 'string',
    total_value: 'Object',
    values: 'list<InsightsValue>',
  },
  StoryAttachment: {
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
  PlatformImageSource: { height: 'unsigned int', source: 'string', width: 'unsigned int' },
  IGCommentFromUser: { id: 'string', username: 'string' },
  Profile: { id: 'string', name: 'string' },
  Permission: { permission: 'string', status: 'string' },
};
for (const [t, fields] of Object.entries(DOCUMENTED)) SPEC[t] = { fields, edges: {} };
const EDGE_DATA = { 'User.accounts': { tasks: 'list<string>' } };

// Violations of `type` in `v` (an answer object), recursively.
function violations(type, v, where, edgeKey) {
  const out = [];
  const spec = SPEC[type];
  if (!spec) return out; // a type neither the spec nor the documentation describes: not checked
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [`${where}: a ${type} must be an object`];
  for (const [k, val] of Object.entries(v)) {
    const at = `${where}.${k}`;
    if (k === 'id') {
      if (typeof val !== 'string') out.push(`${at}: id must be a string`);
      continue;
    }
    const ft = spec.fields[k] ?? EDGE_DATA[edgeKey]?.[k];
    if (ft) out.push(...valueViolations(ft, val, at));
    else if (spec.edges[k]) out.push(...edgeViolations(spec.edges[k], val, at, `${type}.${k}`));
    else out.push(`${at}: ${type} has no field or edge ${k}`);
  }
  return out;
}
function valueViolations(t, val, at) {
  const list = /^list(?:<(.+)>)?$/.exec(t);
  if (list) {
    if (!Array.isArray(val)) return [`${at}: must be a list`];
    return list[1] ? val.flatMap((x, i) => valueViolations(list[1], x, `${at}[${i}]`)) : [];
  }
  switch (t) {
    case 'string':
      return typeof val === 'string' ? [] : [`${at}: must be a string`];
    case 'bool':
      return typeof val === 'boolean' ? [] : [`${at}: must be a boolean`];
    case 'int':
      return Number.isInteger(val) ? [] : [`${at}: must be an integer`];
    case 'unsigned int':
      return Number.isInteger(val) && val >= 0 ? [] : [`${at}: must be a non-negative integer`];
    case 'float':
      return typeof val === 'number' ? [] : [`${at}: must be a number`];
    case 'datetime':
      return typeof val === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/.test(val)
        ? []
        : [`${at}: must be a Graph time (2024-01-02T03:04:05+0000)`];
    case 'Object': // the codegen's "any JSON value" (InsightsValue.value is a number)
      return val !== undefined && val !== null ? [] : [`${at}: must be a value`];
    case 'map':
      return val && typeof val === 'object' ? [] : [`${at}: must be an object`];
    default:
      if (SPEC[t]) return violations(t, val, at);
      return val && typeof val === 'object' ? [] : [`${at}: must be an object (${t})`];
  }
}
function edgeViolations(type, body, at, edgeKey) {
  if (!body || typeof body !== 'object' || !Array.isArray(body.data)) return [`${at}: an edge must be {data:[…]}`];
  const out = [];
  for (const k of Object.keys(body))
    if (!['data', 'paging', 'summary'].includes(k)) out.push(`${at}: unexpected key ${k}`);
  if (body.paging !== undefined) {
    const p = body.paging;
    for (const k of Object.keys(p))
      if (!['cursors', 'next', 'previous'].includes(k)) out.push(`${at}.paging: unexpected key ${k}`);
    if (p.cursors && (typeof p.cursors.before !== 'string' || typeof p.cursors.after !== 'string'))
      out.push(`${at}.paging.cursors: before and after`);
  }
  body.data.forEach((x, i) => out.push(...violations(type, x, `${at}.data[${i}]`, edgeKey)));
  return out;
}

// ---------------------------------------------------------------- checks

let failures = 0;
let checks = 0;
function check(okay, what, detail) {
  checks++;
  if (!okay) {
    failures++;
    console.log(
      `FAIL ${what}${detail !== undefined ? `\n     ${typeof detail === 'string' ? detail : JSON.stringify(detail).slice(0, 1500)}` : ''}`,
    );
  }
  return okay;
}
const section = name => console.log(`-- ${name}`);
function conforms(type, obj, what, edgeKey) {
  const v = violations(type, obj, type, edgeKey);
  return check(v.length === 0, `${what}: fields of ${type} in the spec`, v.join('\n     '));
}
function listConforms(type, body, what, edgeKey) {
  const v = edgeViolations(type, body, type, edgeKey);
  return check(v.length === 0, `${what}: a list of ${type} in the spec`, v.join('\n     '));
}
// Graph's error shape, with code (and subcode) as given.
function isError(r, status, code, subcode, message) {
  const e = r.json?.error;
  return (
    r.status === status &&
    e &&
    typeof e.message === 'string' &&
    typeof e.type === 'string' &&
    e.code === code &&
    typeof e.fbtrace_id === 'string' &&
    (subcode === undefined || e.error_subcode === subcode) &&
    (message === undefined || (message instanceof RegExp ? message.test(e.message) : e.message === message))
  );
}
function refused(r, what, { status = 400, code = 100, subcode, message } = {}) {
  return check(isError(r, status, code, subcode, message), what, `${r.status} ${r.text.slice(0, 400)}`);
}

const proof = token => crypto.createHmac('sha256', APP.secret).update(token).digest('hex');

// A Graph call. params go in the query for GET/DELETE, in an urlencoded body for POST
// (or multipart when a value is a Blob). access_token and appsecret_proof are added.
async function graph(method, p, { token, params = {}, noProof, badProof, inQuery, headers = {}, raw } = {}) {
  const all = { ...params };
  if (token) {
    all.access_token = token;
    if (!noProof) all.appsecret_proof = badProof ? proof(token + 'x') : proof(token);
  }
  let url = BASE + (raw ? p : V + p);
  let body;
  const h = { ...headers };
  const multipart = Object.values(all).some(x => x instanceof Blob);
  if (method === 'GET' || method === 'DELETE' || inQuery) {
    const q = new URLSearchParams(all).toString();
    if (q) url += (url.includes('?') ? '&' : '?') + q;
  } else if (multipart) {
    body = new FormData();
    for (const [k, v] of Object.entries(all)) {
      if (v instanceof Blob) body.append(k, v, 'upload.bin');
      else body.append(k, String(v));
    }
  } else {
    body = new URLSearchParams(all).toString();
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
async function control(method, p, json) {
  const res = await fetch(BASE + p, {
    method,
    headers: json !== undefined ? { 'content-type': 'application/json' } : {},
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`control ${method} ${p}: ${res.status} ${text}`);
  return JSON.parse(text);
}
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function waitFor(what, fn, ms = 3000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > until) return v;
    await sleep(50);
  }
}

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
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc((w * 3 + 1) * h))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.from('ffc0000b080004000501011100', 'hex'),
  Buffer.from('ffd9', 'hex'),
]); // 5×4
const blob = bytes => new Blob([bytes]);

async function main() {
  await control('POST', '/_fake/reset');
  await control('POST', '/_fake/config', { app_id: APP.id, app_secret: APP.secret, redirect_uris: [REDIRECT] });
  const users = await control('GET', '/_fake/users');
  const kari = users.find(u => u.name === 'Kari Nordmann');
  const anna = users.find(u => u.name === 'Anna Andersson');
  const lars = users.find(u => u.name === 'Lars Berg');
  check(kari && anna && lars, 'the default users');
  const pages = await control('GET', '/_fake/pages');
  const agency = pages.find(p => p.name === 'Kanal Test Agency');
  const regional = pages.find(p => p.name === 'Kanal Regional Office');
  check(
    agency?.username === 'kanaltestagency' &&
      agency.followers_count === 52000 &&
      agency.instagram_business_account?.username === 'kanaltestagency' &&
      agency.instagram_business_account.followers_count === 8300 &&
      regional?.followers_count === 1200 &&
      regional.instagram_business_account === null,
    'the default pages',
    pages,
  );
  const igId = agency.instagram_business_account.id;

  section('login dialog');
  const verifier = crypto.randomBytes(48).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const dialog = (extra = {}) =>
    fetch(
      `${BASE}${V}/dialog/oauth?` +
        new URLSearchParams({
          client_id: APP.id,
          redirect_uri: REDIRECT,
          state: 'st4te',
          scope: SCOPE.join(','),
          response_type: 'code',
          code_challenge: challenge,
          code_challenge_method: 'S256',
          ...extra,
        }),
      { redirect: 'manual' },
    );
  let res = await dialog();
  let location = res.headers.get('location') || '';
  let loc = new URL(location || 'http://none/');
  check(
    res.status === 302 &&
      loc.origin + loc.pathname === REDIRECT &&
      loc.searchParams.get('state') === 'st4te' &&
      /^AQ/.test(loc.searchParams.get('code') || '') &&
      loc.hash === '#_=_',
    'dialog: 302 to redirect_uri with code and state, and #_=_',
    location,
  );
  const code = loc.searchParams.get('code');
  res = await dialog({ client_id: 'someone-else' });
  check(res.status === 400 && !res.headers.get('location'), 'dialog with an unknown client_id: an error page');
  res = await dialog({ redirect_uri: 'http://127.0.0.1:2/elsewhere' });
  check(res.status === 400 && !res.headers.get('location'), 'dialog with a redirect_uri not configured: an error page');
  res = await dialog({ scope: 'pages_show_list,manage_pages' });
  check(
    res.status === 400 && /Invalid Scopes: manage_pages/.test(await res.text()),
    'dialog with a retired permission: Invalid Scopes',
  );
  await control('POST', '/_fake/config', { consent: 'deny' });
  res = await dialog();
  loc = new URL(res.headers.get('location'));
  check(
    loc.searchParams.get('error') === 'access_denied' &&
      loc.searchParams.get('error_reason') === 'user_denied' &&
      loc.searchParams.get('state') === 'st4te' &&
      !loc.searchParams.get('code'),
    'dialog declined: error=access_denied&error_reason=user_denied',
    loc.href,
  );
  await control('POST', '/_fake/config', { consent: 'allow' });

  section('tokens');
  const exchange = extra =>
    graph('GET', '/oauth/access_token', {
      params: { client_id: APP.id, client_secret: APP.secret, redirect_uri: REDIRECT, code, ...extra },
    });
  let r = await exchange({ code_verifier: verifier + 'x' });
  refused(r, 'code exchange with a wrong code_verifier: code 100');
  r = await exchange({ code_verifier: verifier, client_secret: 'wrong' });
  refused(r, 'code exchange with a wrong client_secret: code 1', { code: 1 });
  r = await exchange({ code_verifier: verifier, client_id: 'nobody' });
  refused(r, 'code exchange with a wrong client_id: code 101', { code: 101 });
  r = await exchange({ code_verifier: verifier, redirect_uri: REDIRECT + '/x' });
  refused(r, 'code exchange with another redirect_uri: code 100 subcode 36008', { subcode: 36008 });
  r = await exchange({ code_verifier: verifier });
  const short = r.json || {};
  check(
    r.status === 200 &&
      typeof short.access_token === 'string' &&
      short.token_type === 'bearer' &&
      Number.isInteger(short.expires_in) &&
      short.expires_in <= 7200,
    'code exchange: a short-lived bearer token',
    r.text,
  );
  r = await exchange({ code_verifier: verifier });
  refused(r, 'a code works once: code 100 subcode 36009', { subcode: 36009 });
  r = await graph('GET', '/oauth/access_token', {
    params: {
      grant_type: 'fb_exchange_token',
      client_id: APP.id,
      client_secret: APP.secret,
      fb_exchange_token: short.access_token,
    },
  });
  const long = r.json || {};
  check(
    r.status === 200 && long.access_token && long.access_token !== short.access_token && long.expires_in === 5184000,
    'fb_exchange_token: a long-lived token, expires_in 5184000',
    r.text,
  );
  const userToken = long.access_token;
  r = await graph('GET', '/oauth/access_token', {
    params: { grant_type: 'client_credentials', client_id: APP.id, client_secret: APP.secret },
  });
  const appToken = r.json?.access_token;
  check(appToken === `${APP.id}|${APP.secret}`, 'client_credentials: the app token APPID|SECRET', r.text);

  section('access tokens and appsecret_proof');
  r = await graph('GET', '/me');
  refused(r, '/me without a token: code 2500', { code: 2500, message: /active access token/ });
  r = await graph('GET', `/${agency.id}`);
  refused(r, 'a page without a token: code 104', { code: 104 });
  r = await graph('GET', '/me', { token: 'EAAnotatoken' });
  refused(r, 'an unknown token: code 190', { code: 190 });
  r = await graph('GET', '/me', { token: userToken, badProof: true });
  refused(r, 'a wrong appsecret_proof: code 100', { message: 'Invalid appsecret_proof provided in the API argument' });
  r = await graph('GET', '/me', { token: userToken, noProof: true });
  refused(r, 'no appsecret_proof: code 100', { message: /appsecret_proof/ });
  r = await graph('GET', '/me', {
    headers: { authorization: `Bearer ${userToken}` },
    params: { appsecret_proof: proof(userToken) },
  });
  check(r.status === 200 && r.json?.id === kari.id, 'the token in an Authorization: Bearer header', r.text);
  r = await graph('GET', '/me', { token: userToken, params: { fields: 'id,name,first_name' } });
  check(
    r.status === 200 && r.json.name === 'Kari Nordmann' && r.json.id === kari.id,
    '/me: the signed-in user',
    r.text,
  );
  conforms('User', r.json, '/me');
  check(
    /^\{.*"call_count".*\}$/.test(r.headers.get('x-app-usage') || '') &&
      r.headers.get('facebook-api-version') === 'v21.0',
    'X-App-Usage and Facebook-API-Version headers',
  );

  section('pages');
  const accountFields =
    'id,name,username,access_token,followers_count,fan_count,tasks,instagram_business_account{id,username,name,followers_count}';
  r = await graph('GET', '/me/accounts', { token: userToken, params: { fields: accountFields, limit: 1 } });
  listConforms('Page', r.json, '/me/accounts', 'User.accounts');
  check(
    r.json?.data?.length === 1 && r.json.paging?.cursors?.after && r.json.paging.next,
    '/me/accounts limit=1: one page, a cursor and next',
    r.json,
  );
  const first = r.json.data[0];
  const next = await fetch(r.json.paging.next);
  const page2 = await next.json();
  check(
    page2.data?.length === 1 && page2.data[0].id !== first.id && !page2.paging?.next,
    'paging.next: the second page, then no next',
    page2,
  );
  const accounts = [first, ...(page2.data || [])];
  const agencyAccount = accounts.find(p => p.id === agency.id);
  check(
    agencyAccount?.access_token &&
      agencyAccount.followers_count === 52000 &&
      agencyAccount.instagram_business_account?.id === igId &&
      agencyAccount.instagram_business_account.username === 'kanaltestagency' &&
      Array.isArray(agencyAccount.tasks) &&
      agencyAccount.tasks.includes('CREATE_CONTENT'),
    '/me/accounts: page token, followers, tasks, Instagram account',
    agencyAccount,
  );
  check(
    !accounts.find(p => p.id === regional.id)?.instagram_business_account,
    'the regional office has no Instagram account',
  );
  const pageToken = agencyAccount.access_token;
  const regionalToken = accounts.find(p => p.id === regional.id)?.access_token;
  r = await graph('GET', `/${agency.id}`, {
    token: pageToken,
    params: { fields: 'id,name,username,followers_count,fan_count,link' },
  });
  conforms('Page', r.json, 'GET /{page}');
  check(
    r.json.username === 'kanaltestagency' && r.json.followers_count === 52000,
    'GET /{page}: username, followers',
    r.json,
  );
  check(
    JSON.parse(r.headers.get('x-business-use-case-usage') || '{}')[agency.id]?.[0]?.type === 'pages',
    'X-Business-Use-Case-Usage keyed by the page, type pages',
    r.headers.get('x-business-use-case-usage'),
  );
  r = await graph('GET', '/me', { token: pageToken });
  check(r.json?.id === agency.id, 'me with a page token: the page', r.json);

  section('requests that break the spec');
  const seqBefore = (await control('GET', '/_fake/requests')).at(-1).seq;
  r = await graph('GET', `/${agency.id}`, { token: pageToken, params: { colour: 'blue' } });
  refused(r, 'an unknown param: code 100', { message: '(#100) Param colour is not a valid parameter' });
  r = await graph('GET', `/${agency.id}/feed`, { token: pageToken, params: { limit: 'ten' } });
  refused(r, 'an unsigned int that is not: code 100', { message: /limit must be a non-negative integer/ });
  r = await graph('GET', `/${agency.id}/feed`, { token: pageToken, params: { since: 'last tuesday' } });
  refused(r, 'a datetime that is not: code 100', { message: /since must be a unix timestamp/ });
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { url: 'http://127.0.0.1:1/x.png', published: 'maybe' },
  });
  refused(r, 'a bool that is not: code 100', { message: /published must be a boolean/ });
  r = await graph('GET', `/${agency.id}`, { token: pageToken, params: { fields: 'id,colour' } });
  refused(r, 'an unknown field: code 100', {
    message: '(#100) Tried accessing nonexisting field (colour) on node type (Page)',
  });
  r = await graph('GET', `/${agency.id}`, {
    token: pageToken,
    params: { fields: 'instagram_business_account{id,colour}' },
  });
  refused(r, 'an unknown nested field: code 100', {
    message: '(#100) Tried accessing nonexisting field (colour) on node type (IGUser)',
  });
  r = await graph('GET', `/${agency.id}/published_posts`, {
    token: pageToken,
    params: { fields: 'id,comments.filter(everything)' },
  });
  refused(r, 'a bad enum in a modifier: code 100', {
    message: /filter must be one of the following values: stream, toplevel/,
  });
  r = await graph('GET', `/${agency.id}/nonsense`, { token: pageToken });
  refused(r, 'an edge the Page lacks: code 2500', { code: 2500, message: 'Unknown path components: /nonsense' });
  r = await graph('POST', `/${agency.id}/published_posts`, { token: pageToken, params: { message: 'x' } });
  refused(r, 'a method the edge lacks: code 100 subcode 33', { subcode: 33, message: /^Unsupported post request/ });
  r = await graph('GET', `/${agency.id}/feed/extra`, { token: pageToken });
  refused(r, 'more path: code 2500', { code: 2500 });
  r = await graph('GET', '/99999999999', { token: pageToken });
  refused(r, 'an unknown id: code 100 subcode 33', { subcode: 33 });
  const seen = await control('GET', `/_fake/requests?since=${seqBefore}`);
  check(
    seen.filter(q => q.outcome === 'refused_by_spec').length === 10 && seen.at(-1).outcome === 'sent',
    'the request log marks the 10 that break the spec refused_by_spec (not the unknown id)',
    seen.map(q => [q.path, q.outcome, q.refusal]),
  );

  section('photos');
  const pngBytes = png(6, 4);
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { source: blob(pngBytes), published: 'false', alt_text_custom: 'Kontorets nya entré', temporary: 'true' },
  });
  const photo1 = r.json?.id;
  check(
    r.status === 200 && /^\d+$/.test(photo1 || '') && !r.json.post_id,
    'upload unpublished (multipart source): {id}',
    r.text,
  );
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { source: blob(JPEG), published: 'false' },
  });
  const photo2 = r.json?.id;
  check(r.status === 200 && photo2, 'upload a JPEG', r.text);
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { source: blob(Buffer.from('%PDF-1.4')), published: 'false' },
  });
  refused(r, 'upload a PDF: code 324', { code: 324 });
  r = await graph('POST', `/${agency.id}/photos`, { token: pageToken, params: { published: 'false' } });
  refused(r, 'upload nothing: code 324 Requires upload file', { code: 324, message: '(#324) Requires upload file' });
  r = await graph('POST', `/${agency.id}/photos`, {
    token: userToken,
    params: { source: blob(pngBytes), published: 'false' },
  });
  refused(r, 'upload with a user token: code 210', { code: 210 });
  r = await graph('GET', `/${photo1}`, {
    token: pageToken,
    params: { fields: 'id,images,alt_text_custom,link,width,height' },
  });
  conforms('Photo', r.json, 'GET /{photo}');
  const cdn = r.json?.images?.[0]?.source;
  check(
    r.json.alt_text_custom === 'Kontorets nya entré' && r.json.width === 6 && /\/_cdn\/\d+\.jpg$/.test(cdn || ''),
    'the photo: alt text, size, images[0].source on the fake',
    r.json,
  );
  const got = Buffer.from(await (await fetch(cdn)).arrayBuffer());
  check(got.equals(pngBytes), 'the CDN serves the uploaded bytes');
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { url: cdn, caption: 'Publicerad direkt' },
  });
  check(
    r.status === 200 && r.json.id && /^\d+_\d+$/.test(r.json.post_id || ''),
    'a published photo from url: {id, post_id}',
    r.text,
  );
  const photoPost = r.json.post_id;

  section('feed posts');
  r = await graph('POST', `/${agency.id}/feed`, {
    token: pageToken,
    params: {
      message: 'Två bilder från kontoret',
      attached_media: JSON.stringify([{ media_fbid: photo1 }, { media_fbid: photo2 }]),
    },
  });
  const albumPost = r.json?.id;
  check(
    r.status === 200 && albumPost?.startsWith(`${agency.id}_`),
    'feed post with attached_media (JSON): {id: PAGEID_N}',
    r.text,
  );
  r = await graph('POST', `/${agency.id}/feed`, {
    token: pageToken,
    params: { message: 'Igen', 'attached_media[0]': JSON.stringify({ media_fbid: photo1 }) },
  });
  refused(r, 'a photo already attached: code 100');
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { source: blob(pngBytes), published: 'false' },
  });
  const photo3 = r.json.id;
  r = await graph('POST', `/${agency.id}/feed`, {
    token: pageToken,
    params: { message: 'En bild', 'attached_media[0]': JSON.stringify({ media_fbid: photo3 }) },
  });
  check(r.status === 200 && r.json.id, 'feed post with attached_media[0]= (indexed)', r.text);
  r = await graph('POST', `/${agency.id}/feed`, { token: pageToken, params: {} });
  refused(r, 'an empty post: code 100', { message: '(#100) Missing message or attachment' });
  r = await graph('POST', `/${agency.id}/feed`, {
    token: pageToken,
    params: { message: 'Välkommen till vår nya sida!' },
  });
  const textPost = r.json?.id;
  check(r.status === 200 && textPost, 'a text post', r.text);
  r = await graph('POST', `/${agency.id}/feed`, {
    token: pageToken,
    params: { message: 'Välkommen till vår nya sida!' },
  });
  refused(r, 'the same text again: code 506', { code: 506, subcode: 1455006 });
  r = await graph('POST', `/${agency.id}/feed`, { token: regionalToken, params: { message: 'Fel sida' } });
  refused(r, "another page's token: code 200", { code: 200 });
  r = await graph('POST', `/${agency.id}/feed`, {
    token: pageToken,
    params: { message: 'Länk', link: 'https://example.org/nyheter' },
  });
  const linkPost = r.json?.id;
  const postFields =
    'id,message,from,created_time,updated_time,permalink_url,status_type,attachments{media_type,type,url,media,subattachments}';
  r = await graph('GET', `/${agency.id}/published_posts`, {
    token: pageToken,
    params: { fields: postFields, limit: 2 },
  });
  listConforms('PagePost', r.json, 'published_posts');
  check(
    r.json.data?.[0]?.id === linkPost && r.json.data[1]?.id === textPost && r.json.paging?.next,
    'published_posts: newest first, limit, next',
    r.json.data?.map(p => p.id),
  );
  r = await fetch(r.json.paging.next).then(x => x.json());
  listConforms('PagePost', r, 'published_posts, next page');
  const album = r.data?.find(p => p.id === albumPost);
  check(
    album?.attachments?.data?.[0]?.type === 'album' && album.attachments.data[0].subattachments?.data?.length === 2,
    'the album post: attachments with two subattachments',
    album,
  );
  check(album?.from?.id === agency.id && album.from.name === 'Kanal Test Agency', 'from: the page', album?.from);
  r = await graph('GET', `/${agency.id}/published_posts`, {
    token: pageToken,
    params: { since: String(Math.floor(Date.now() / 1000) + 60) },
  });
  check(r.status === 200 && r.json.data?.length === 0 && !r.json.paging, 'since in the future: nothing', r.json);
  r = await graph('GET', `/${agency.id}/published_posts`, {
    token: pageToken,
    params: { until: new Date(Date.now() - 3600e3).toISOString() },
  });
  check(r.status === 200 && r.json.data?.length === 0, 'until an hour ago (ISO 8601): nothing', r.json);
  r = await graph('GET', `/${agency.id}/feed`, { token: userToken });
  refused(r, 'the feed with a user token: code 210', { code: 210 });

  section('visitors and mentions');
  const visitor = await control('POST', '/_fake/visitor_posts', {
    author: 'Anna Andersson',
    page: agency.id,
    message: 'Hej! När öppnar ni?',
  });
  const tagged = await control('POST', '/_fake/tags', {
    author: 'Lars Berg',
    page: agency.id,
    message: 'Bra jobbat @Kanal Test Agency',
  });
  r = await graph('GET', `/${agency.id}/visitor_posts`, {
    token: pageToken,
    params: { fields: 'id,message,from,created_time' },
  });
  listConforms('PagePost', r.json, 'visitor_posts');
  check(
    r.json.data?.length === 1 && r.json.data[0].id === visitor.id && r.json.data[0].from?.id === anna.id,
    "visitor_posts: Anna's post",
    r.json,
  );
  r = await graph('GET', `/${agency.id}/feed`, { token: pageToken, params: { fields: 'id,from' } });
  check(
    r.json.data?.[0]?.id === visitor.id && r.json.data.some(p => p.id === textPost),
    "feed: visitor posts and the page's",
    r.json,
  );
  r = await graph('GET', `/${agency.id}/tagged`, {
    token: pageToken,
    params: { fields: 'id,message,from,permalink_url' },
  });
  listConforms('PagePost', r.json, 'tagged');
  check(
    r.json.data?.length === 1 && r.json.data[0].id === tagged.id && r.json.data[0].from?.id === lars.id,
    "tagged: Lars's mention",
    r.json,
  );

  section('comments');
  const c1 = await control('POST', '/_fake/comments', { author: 'Anna Andersson', on: textPost, message: 'Grattis!' });
  await sleep(5);
  r = await graph('POST', `/${c1.id}/comments`, { token: pageToken, params: { message: 'Tack Anna!' } });
  const reply = r.json?.id;
  check(r.status === 200 && reply, 'reply as the page: {id}', r.text);
  await sleep(5);
  const c2 = await control('POST', '/_fake/comments', {
    author: lars.id,
    on: textPost,
    message: 'Köp billiga klockor här',
  });
  const commentFields = 'id,message,from,created_time,parent,is_hidden,permalink_url,comment_count,can_hide';
  r = await graph('GET', `/${textPost}/comments`, {
    token: pageToken,
    params: { fields: commentFields, filter: 'toplevel' },
  });
  listConforms('Comment', r.json, 'comments toplevel');
  check(
    r.json.data?.map(c => c.id).join() === [c1.id, c2.id].join() && r.json.data[0].comment_count === 1,
    'toplevel: oldest first, no replies, comment_count',
    r.json.data,
  );
  r = await graph('GET', `/${textPost}/comments`, {
    token: pageToken,
    params: { fields: commentFields, filter: 'stream', order: 'reverse_chronological', summary: 'true' },
  });
  listConforms('Comment', r.json, 'comments stream');
  check(
    r.json.data?.map(c => c.id).join() === [c2.id, reply, c1.id].join() &&
      r.json.data[1].parent?.id === c1.id &&
      r.json.data[1].from?.id === agency.id &&
      r.json.summary?.total_count === 3,
    'stream, reverse_chronological: replies with parent, summary',
    r.json,
  );
  r = await graph('GET', `/${c1.id}/comments`, { token: pageToken, params: { fields: 'id,message,parent{id}' } });
  check(r.json.data?.length === 1 && r.json.data[0].id === reply, 'GET /{comment}/comments: the replies', r.json);
  r = await graph('GET', `/${c2.id}`, { token: pageToken, params: { fields: commentFields } });
  conforms('Comment', r.json, 'GET /{comment}');
  check(r.json.can_hide === true && r.json.is_hidden === false, 'a visitor comment can be hidden', r.json);
  r = await graph('GET', `/${textPost}/comments`, {
    token: pageToken,
    params: { since: String(Math.floor(c2.created_time ? Date.parse(c2.created_time) / 1000 : 0)), fields: 'id' },
  });
  check(
    r.json.data?.some(c => c.id === c2.id) &&
      !r.json.data.some(c => c.id === c1.id && Date.parse(c1.created_time) < Date.parse(c2.created_time) - 1000),
    'since on comments',
    r.json,
  );
  r = await graph('POST', `/${c2.id}`, { token: pageToken, params: { is_hidden: 'true' } });
  check(r.status === 200 && r.json?.success === true, 'hide: {success:true}', r.text);
  r = await graph('GET', `/${textPost}/comments`, { token: pageToken, params: { fields: 'id,is_hidden' } });
  check(
    r.json.data?.find(c => c.id === c2.id)?.is_hidden === true,
    'the hidden comment is listed with is_hidden',
    r.json,
  );
  r = await graph('POST', `/${reply}`, { token: pageToken, params: { is_hidden: 'true' } });
  refused(r, "hiding the page's own comment: code 100");
  r = await graph('POST', `/${c2.id}`, { token: pageToken, params: { is_hidden: 'yes' } });
  refused(r, 'is_hidden=yes: code 100', { message: /is_hidden must be a boolean/ });
  const c3 = await control('POST', '/_fake/comments', { author: 'Lars Berg', on: textPost, message: 'Spam spam' });
  r = await graph('DELETE', `/${c3.id}`, { token: pageToken });
  check(r.status === 200 && r.json?.success === true, 'delete a comment: {success:true}', r.text);
  r = await graph('POST', `/${c3.id}`, { token: pageToken, params: { is_hidden: 'true' } });
  refused(r, 'hiding a deleted comment: code 100 subcode 33', { subcode: 33 });
  r = await graph('POST', `/${visitor.id}/comments`, {
    token: pageToken,
    params: { message: 'Vi öppnar klockan nio.' },
  });
  check(r.status === 200 && r.json.id, "a comment on a visitor's post", r.text);
  r = await graph('POST', `/${textPost}/comments`, { token: userToken, params: { message: 'x' } });
  refused(r, 'commenting with a user token: code 210', { code: 210 });
  let st = await control('GET', '/_fake/state');
  check(
    st.comments.find(c => c.id === c2.id)?.is_hidden === true &&
      st.comments.find(c => c.id === c3.id)?.deleted === true,
    'state: is_hidden and deleted',
  );
  check(
    st.photos.find(p => p.id === photo1)?.alt_text_custom === 'Kontorets nya entré' &&
      st.photos.find(p => p.id === photo1).published === false,
    'state: photo alt text and published flag',
  );

  section('blocking');
  r = await graph('POST', `/${agency.id}/blocked`, { token: pageToken, params: { user: JSON.stringify([lars.id]) } });
  check(r.status === 200 && r.json?.[lars.id] === true, 'block: {"<id>": true}', r.text);
  r = await graph('GET', `/${agency.id}/blocked`, { token: pageToken, params: { fields: 'id,name' } });
  listConforms('Profile', r.json, 'blocked');
  check(r.json.data?.[0]?.id === lars.id, 'blocked lists Lars', r.json);

  section('figures');
  await control('POST', `/_fake/posts/${textPost}/metrics`, {
    reactions: 42,
    shares: 7,
    impressions: 1500,
    impressions_unique: 1200,
  });
  const figureFields = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';
  r = await graph('GET', `/${textPost}`, { token: pageToken, params: { fields: figureFields } });
  conforms('PagePost', r.json, 'GET /{post} figures');
  check(
    r.json.reactions?.summary?.total_count === 42 &&
      r.json.reactions.data.length === 0 &&
      r.json.comments?.summary?.total_count === 2 &&
      r.json.shares?.count === 7,
    'figures: reactions, comments (toplevel), shares',
    r.json,
  );
  r = await graph('GET', '/', { token: pageToken, params: { ids: `${textPost},${linkPost}`, fields: figureFields } });
  check(
    r.status === 200 &&
      r.json[textPost]?.reactions?.summary?.total_count === 42 &&
      r.json[linkPost] &&
      !('shares' in r.json[linkPost]),
    'ids= batch: both posts, shares left out when none',
    r.json,
  );
  for (const id of [textPost, linkPost]) conforms('PagePost', r.json[id], `ids= ${id}`);
  r = await graph('GET', '/', { token: pageToken, params: { ids: `${textPost},123456789`, fields: 'id' } });
  refused(r, 'ids= with an unknown id: code 803', { code: 803 });
  r = await graph('GET', `/${textPost}/insights`, {
    token: pageToken,
    params: { metric: 'post_impressions,post_impressions_unique' },
  });
  check(
    r.status === 200 &&
      r.json.data?.length === 2 &&
      r.json.data[0].name === 'post_impressions' &&
      r.json.data[0].values?.[0]?.value === 1500,
    'post insights: post_impressions 1500',
    r.text,
  );
  for (const d of r.json.data || []) conforms('InsightsResult', d, 'post insights item');
  r = await graph('GET', `/${agency.id}/insights`, {
    token: pageToken,
    params: { metric: 'page_impressions', period: 'day' },
  });
  check(r.status === 200 && r.json.data?.[0]?.values?.[0]?.value >= 1500, 'page insights: page_impressions', r.text);
  for (const d of r.json.data || []) conforms('InsightsResult', d, 'page insights item');
  r = await graph('GET', `/${agency.id}/insights`, { token: pageToken, params: { metric: 'page_fans' } });
  refused(r, 'a retired metric (page_fans): code 100', { message: '(#100) The value must be a valid insights metric' });
  r = await graph('GET', `/${agency.id}/insights`, {
    token: pageToken,
    params: { metric: 'page_impressions', period: 'fortnight' },
  });
  refused(r, 'a bad period enum: code 100', { message: /period must be one of the following values/ });
  r = await graph('DELETE', `/${linkPost}`, { token: pageToken });
  check(r.status === 200 && r.json?.success === true, 'delete a post: {success:true}', r.text);
  r = await graph('GET', `/${linkPost}`, { token: pageToken });
  refused(r, 'reading a deleted post: code 100 subcode 33', { subcode: 33 });
  r = await graph('GET', `/${photoPost}`, { token: pageToken, params: { fields: 'id,full_picture,status_type' } });
  check(r.json?.status_type === 'added_photos' && r.json.full_picture, 'the published photo made a post', r.json);

  section('Instagram account');
  r = await graph('GET', `/${igId}`, {
    token: pageToken,
    params: { fields: 'id,username,name,followers_count,follows_count,media_count' },
  });
  conforms('IGUser', r.json, 'GET /{ig-user}');
  check(
    r.json.username === 'kanaltestagency' && r.json.followers_count === 8300 && r.json.media_count === 0,
    'the IG account',
    r.json,
  );
  check(
    JSON.parse(r.headers.get('x-business-use-case-usage') || '{}')[igId]?.[0]?.type === 'instagram',
    'X-Business-Use-Case-Usage keyed by the IG account, type instagram',
  );
  r = await graph('GET', `/${igId}`, { token: userToken, params: { fields: 'id,username' } });
  check(r.status === 200 && r.json.id === igId, "a manager's user token works for Instagram too", r.text);
  r = await graph('GET', `/${igId}`, { token: regionalToken });
  refused(r, "another page's token: code 100 subcode 33", { subcode: 33 });
  r = await graph('GET', `/${igId}/content_publishing_limit`, {
    token: pageToken,
    params: { fields: 'config,quota_usage' },
  });
  check(
    r.json?.data?.[0]?.quota_usage === 0 &&
      r.json.data[0].config?.quota_total === 100 &&
      r.json.data[0].config.quota_duration === 86400,
    'content_publishing_limit: 0 of 100 per 86400 s',
    r.text,
  );
  conforms('ContentPublishingLimitResponse', r.json.data?.[0], 'content_publishing_limit item');

  section('Instagram publishing');
  r = await graph('POST', `/${igId}/media`, {
    token: pageToken,
    params: { image_url: cdn, caption: 'Vårt nya kontor #kanal', alt_text: 'Entrén' },
  });
  const container = r.json?.id;
  check(r.status === 200 && /^\d+$/.test(container || ''), 'POST media: a container id', r.text);
  r = await graph('GET', `/${container}`, { token: pageToken, params: { fields: 'status_code,status,id' } });
  conforms('IGContainer', r.json, 'GET /{container}');
  check(r.json.status_code === 'IN_PROGRESS', 'the container is IN_PROGRESS at first', r.json);
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: container } });
  refused(r, 'publishing too early: code 9007 subcode 2207027', { code: 9007, subcode: 2207027 });
  const finished = await waitFor('FINISHED', async () => {
    const x = await graph('GET', `/${container}`, { token: pageToken, params: { fields: 'status_code' } });
    return x.json?.status_code === 'FINISHED';
  });
  check(finished, 'the container is FINISHED soon after');
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: container } });
  const media1 = r.json?.id;
  check(r.status === 200 && /^\d+$/.test(media1 || ''), 'media_publish: the media id', r.text);
  r = await graph('GET', `/${container}`, { token: pageToken, params: { fields: 'status_code' } });
  check(r.json?.status_code === 'PUBLISHED', 'the container is PUBLISHED', r.json);
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: container } });
  refused(r, 'publishing it again: code 9007', { code: 9007 });
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: 'abc' } });
  refused(r, 'creation_id not digits: code 100 (spec: unsigned int)', {
    message: /creation_id must be a non-negative integer/,
  });
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: {} });
  refused(r, 'no creation_id: code 100 (required)', { message: '(#100) The parameter creation_id is required' });
  r = await graph('POST', `/${igId}/media`, {
    token: pageToken,
    params: { image_url: 'http://127.0.0.1:1/missing.jpg' },
  });
  const broken = r.json?.id;
  const errored = await waitFor('ERROR', async () => {
    const x = await graph('GET', `/${broken}`, { token: pageToken, params: { fields: 'status_code,status' } });
    return x.json?.status_code === 'ERROR' && x.json;
  });
  check(errored && /Error/.test(errored.status), 'an image URL that fails: status_code ERROR', errored);
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: broken } });
  refused(r, 'publishing an ERROR container: code 9004', { code: 9004, subcode: 2207052 });
  const items = [];
  for (const bytes of [pngBytes, JPEG]) {
    const f = await fetch(`${BASE}/_fake/files`, { method: 'POST', body: bytes }).then(x => x.json());
    r = await graph('POST', `/${igId}/media`, {
      token: pageToken,
      params: { image_url: f.url, is_carousel_item: 'true' },
    });
    items.push(r.json?.id);
  }
  check(items.every(Boolean), 'two carousel items');
  r = await graph('POST', `/${igId}/media`, {
    token: pageToken,
    params: { media_type: 'CAROUSEL', children: items.join(','), caption: 'Karusell' },
  });
  const carousel = r.json?.id;
  check(r.status === 200 && carousel, 'a carousel container (children as a comma list)', r.text);
  r = await graph('POST', `/${igId}/media`, {
    token: pageToken,
    params: { media_type: 'CAROUSEL', children: JSON.stringify([items[0]]) },
  });
  refused(r, 'a carousel of one: code 100');
  await waitFor(
    'carousel',
    async () =>
      (await graph('GET', `/${carousel}`, { token: pageToken, params: { fields: 'status_code' } })).json
        ?.status_code === 'FINISHED',
  );
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: carousel } });
  const media2 = r.json?.id;
  check(r.status === 200 && media2, 'publish the carousel', r.text);
  const mediaFields =
    'id,caption,timestamp,permalink,like_count,comments_count,media_type,media_url,username,children{id,media_type}';
  r = await graph('GET', `/${igId}/media`, { token: pageToken, params: { fields: mediaFields, limit: 1 } });
  listConforms('IGMedia', r.json, 'GET /{ig-user}/media');
  check(
    r.json.data?.[0]?.id === media2 &&
      r.json.data[0].media_type === 'CAROUSEL_ALBUM' &&
      r.json.data[0].children?.data?.length === 2 &&
      r.json.paging?.next,
    'media: newest first, the carousel with its children, next',
    r.json,
  );
  r = await fetch(r.json.paging.next).then(x => x.json());
  check(
    r.data?.[0]?.id === media1 && r.data[0].caption === 'Vårt nya kontor #kanal' && r.data[0].media_type === 'IMAGE',
    'media page 2: the image',
    r,
  );
  r = await graph('GET', `/${igId}/media`, {
    token: pageToken,
    params: { since: String(Math.floor(Date.now() / 1000) + 60) },
  });
  check(r.json?.data?.length === 0, 'media since in the future: nothing', r.json);
  r = await graph('GET', `/${igId}/content_publishing_limit`, { token: pageToken, params: { fields: 'quota_usage' } });
  check(r.json?.data?.[0]?.quota_usage === 2, 'quota_usage counts the two publishes', r.json);

  section('Instagram comments');
  const ic1 = await control('POST', '/_fake/comments', { author: 'anna.andersson', on: media1, message: 'Så fint!' });
  r = await graph('POST', `/${ic1.id}/replies`, { token: pageToken, params: { message: 'Tack!' } });
  const igReply = r.json?.id;
  check(r.status === 200 && igReply, 'reply: {id}', r.text);
  r = await graph('POST', `/${media1}/comments`, { token: pageToken, params: { message: 'Välkomna in!' } });
  const own = r.json?.id;
  check(r.status === 200 && own, 'comment on own media: {id}', r.text);
  const ic2 = await control('POST', '/_fake/comments', { author: 'spam.bot', on: media1, message: 'Följ mig' });
  const igCommentFields =
    'id,text,timestamp,from,username,hidden,like_count,parent_id,user,replies{id,text,username,parent_id}';
  r = await graph('GET', `/${media1}/comments`, { token: pageToken, params: { fields: igCommentFields } });
  listConforms('IGComment', r.json, 'IG comments');
  const byId = Object.fromEntries((r.json.data || []).map(c => [c.id, c]));
  check(
    r.json.data?.length === 3 &&
      byId[ic1.id]?.from?.username === 'anna.andersson' &&
      byId[ic1.id].username === 'anna.andersson' &&
      byId[ic1.id].replies?.data?.[0]?.id === igReply &&
      byId[own]?.user?.id === igId &&
      !byId[ic1.id].user,
    'IG comments: from{id,username}, username, replies, user only for the account itself',
    r.json,
  );
  r = await graph('GET', `/${ic1.id}/replies`, { token: pageToken, params: { fields: 'id,text,parent_id' } });
  check(r.json.data?.[0]?.parent_id === ic1.id, 'GET /{ig-comment}/replies', r.json);
  r = await graph('POST', `/${ic2.id}`, { token: pageToken, params: { hide: 'true' } });
  check(r.status === 200 && r.json?.success === true, 'hide an IG comment: {success:true}', r.text);
  r = await graph('GET', `/${ic2.id}`, { token: pageToken, params: { fields: 'id,hidden,text' } });
  conforms('IGComment', r.json, 'GET /{ig-comment}');
  check(r.json.hidden === true, 'hidden: true', r.json);
  r = await graph('POST', `/${ic2.id}`, { token: pageToken, params: {} });
  refused(r, 'hide without hide=: code 100 (required)', { message: '(#100) The parameter hide is required' });
  r = await graph('POST', `/${ic2.id}`, { token: pageToken, params: { is_hidden: 'true' } });
  refused(r, "is_hidden is Facebook's, not IGComment's: code 100", {
    message: '(#100) Param is_hidden is not a valid parameter',
  });
  r = await graph('DELETE', `/${ic2.id}`, { token: pageToken });
  check(r.status === 200 && r.json?.success === true, 'delete an IG comment', r.text);
  r = await graph('POST', `/${ic2.id}`, { token: pageToken, params: { hide: 'false' } });
  refused(r, 'hiding a deleted IG comment: code 100 subcode 33', { subcode: 33 });
  r = await graph('GET', `/${media1}`, { token: pageToken, params: { fields: 'comments_count,like_count' } });
  check(r.json?.comments_count === 3, 'comments_count counts live comments and replies', r.json);

  section('Instagram mentions and insights');
  const tag = await control('POST', '/_fake/tags', {
    author: 'lars.berg',
    ig: igId,
    message: 'Kolla @kanaltestagency',
  });
  r = await graph('GET', `/${igId}/tags`, {
    token: pageToken,
    params: { fields: 'id,caption,username,timestamp,media_type,permalink' },
  });
  listConforms('IGMedia', r.json, 'tags');
  check(
    r.json.data?.[0]?.id === tag.id && r.json.data[0].username === 'lars.berg',
    'tags: the media mentioning the account',
    r.json,
  );
  r = await graph('POST', `/${igId}/mentions`, {
    token: pageToken,
    params: { media_id: tag.id, message: 'Tack Lars!' },
  });
  check(r.status === 200 && r.json.id, 'POST mentions: a comment on the mentioning media', r.text);
  await control('POST', `/_fake/media/${media1}/metrics`, {
    likes: 31,
    reach: 900,
    impressions: 1100,
    saved: 4,
    shares: 2,
  });
  r = await graph('GET', `/${media1}/insights`, {
    token: pageToken,
    params: { metric: 'likes,reach,impressions,total_interactions' },
  });
  check(
    r.status === 200 &&
      r.json.data?.find(d => d.name === 'reach')?.values?.[0]?.value === 900 &&
      r.json.data.find(d => d.name === 'total_interactions')?.values[0].value === 40,
    'IG media insights: reach, total_interactions',
    r.text,
  );
  for (const d of r.json.data || []) conforms('InstagramInsightsResult', d, 'IG insights item');
  r = await graph('GET', `/${media1}/insights`, { token: pageToken, params: { metric: 'bogus' } });
  refused(r, 'an unknown IG metric: code 100 (spec enum)', {
    message: /metric\[0\] must be one of the following values/,
  });
  r = await graph('GET', `/${media1}/insights`, { token: pageToken, params: { metric: 'plays' } });
  refused(r, 'a reels metric on a feed image: code 100', { message: /does not support the plays metric/ });
  r = await graph('GET', `/${media1}/insights`, { token: pageToken });
  refused(r, 'IG insights without metric: code 100 (required)', { message: '(#100) The parameter metric is required' });
  r = await graph('GET', `/${media1}`, { token: pageToken, params: { fields: 'like_count' } });
  check(r.json?.like_count === 31, 'like_count from the metrics', r.json);

  section('faults');
  await control('POST', '/_fake/faults', { kind: 'lose_answer', method: 'POST', path: `/${agency.id}/feed` });
  let err = null;
  try {
    await graph('POST', `/${agency.id}/feed`, { token: pageToken, params: { message: 'Svaret försvinner' } });
  } catch (e) {
    err = e;
  }
  check(err && /fetch failed/.test(err.message), 'lose_answer: the connection closes without an answer', err?.message);
  st = await control('GET', '/_fake/state');
  check(
    st.posts.some(p => p.message === 'Svaret försvinner' && !p.deleted),
    'lose_answer: the post was made',
  );
  const log = await control('GET', '/_fake/requests');
  check(log.filter(q => q.path === `/${agency.id}/feed`).at(-1)?.outcome === 'lost', 'the request log says lost');
  check(
    !JSON.stringify(log).includes(pageToken) && !JSON.stringify(log).includes(userToken),
    'the request log shows no token',
  );
  await control('POST', '/_fake/faults', { kind: 'malformed_json', path: `/${agency.id}` });
  r = await graph('GET', `/${agency.id}`, { token: pageToken });
  check(
    r.status === 200 && r.json === undefined && r.text.startsWith('{'),
    'malformed_json: 200 with a cut-off body',
    r.text,
  );
  await control('POST', '/_fake/faults', { kind: 'server_error', path: '/*/comments' });
  r = await graph('GET', `/${textPost}/comments`, { token: pageToken });
  refused(r, 'server_error on /*/comments: 500 code 1', { status: 500, code: 1 });
  await control('POST', '/_fake/faults', { kind: 'token_expired', path: '/me' });
  r = await graph('GET', '/me', { token: userToken });
  refused(r, 'token_expired: code 190 subcode 463', { code: 190, subcode: 463 });
  await control('POST', '/_fake/faults', { kind: 'throttle', code: 32, seconds: 600, path: `/${agency.id}*` });
  r = await graph('GET', `/${agency.id}/published_posts`, { token: pageToken });
  const buc = JSON.parse(r.headers.get('x-business-use-case-usage') || '{}')[agency.id]?.[0];
  refused(r, 'throttle code 32', { code: 32, message: '(#32) Page request limit reached' });
  check(
    JSON.parse(r.headers.get('x-app-usage') || '{}').call_count === 100 &&
      buc?.call_count === 100 &&
      buc.estimated_time_to_regain_access === 10,
    'throttle: usage at 100 %, 10 minutes to regain access',
    [r.headers.get('x-app-usage'), r.headers.get('x-business-use-case-usage')],
  );
  await control('POST', '/_fake/faults', { kind: 'permission', method: 'POST' });
  r = await graph('POST', `/${textPost}/comments`, { token: pageToken, params: { message: 'x' } });
  refused(r, 'permission: code 200', { code: 200 });
  await control('POST', '/_fake/faults', { kind: 'policy_block', method: 'POST' });
  r = await graph('POST', `/${textPost}/comments`, { token: pageToken, params: { message: 'x' } });
  refused(r, 'policy_block: code 368', { code: 368 });
  await control('POST', '/_fake/faults', { kind: 'invalid_parameter' });
  r = await graph('GET', `/${agency.id}`, { token: pageToken });
  refused(r, 'invalid_parameter: code 100', { message: '(#100) Invalid parameter' });
  await control('POST', '/_fake/faults', { kind: 'image_refused' });
  r = await graph('POST', `/${agency.id}/photos`, {
    token: pageToken,
    params: { source: blob(pngBytes), published: 'false' },
  });
  refused(r, 'image_refused: code 324', { code: 324 });
  await control('POST', '/_fake/config', { container_ready_ms: 50 });
  await control('POST', '/_fake/faults', { kind: 'container_stuck', path: `/${igId}/media` });
  r = await graph('POST', `/${igId}/media`, { token: pageToken, params: { image_url: cdn } });
  const stuck = r.json.id;
  await control('POST', '/_fake/faults', { kind: 'container_error', path: `/${igId}/media` });
  r = await graph('POST', `/${igId}/media`, { token: pageToken, params: { image_url: cdn } });
  const failing = r.json.id;
  await sleep(400);
  r = await graph('GET', '/', { token: pageToken, params: { ids: `${stuck},${failing}`, fields: 'status_code' } });
  check(
    r.json?.[stuck]?.status_code === 'IN_PROGRESS' && r.json[failing]?.status_code === 'ERROR',
    'container_stuck and container_error',
    r.json,
  );
  await control('POST', '/_fake/faults', { kind: 'publishing_limit' });
  r = await graph('GET', `/${igId}/content_publishing_limit`, {
    token: pageToken,
    params: { fields: 'quota_usage,config' },
  });
  check(r.json?.data?.[0]?.quota_usage === 100, 'publishing_limit: quota_usage = quota_total', r.json);
  r = await graph('POST', `/${igId}/media`, { token: pageToken, params: { image_url: cdn } });
  const late = r.json.id;
  await sleep(200);
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: late } });
  refused(r, 'publishing_limit: code 9 subcode 2207042', { code: 9, subcode: 2207042 });
  r = await graph('POST', `/${igId}/media_publish`, { token: pageToken, params: { creation_id: late } });
  check(r.status === 200 && r.json.id, 'the limit fault spent: publishing works again', r.text);
  check(
    (await control('GET', '/_fake/faults')).every(f => f.count === 0),
    'every fault was used up',
  );

  section('revocation');
  r = await graph('GET', `/${kari.id}/permissions`, { token: userToken });
  listConforms('Permission', r.json, 'permissions');
  check(
    r.json.data?.some(p => p.permission === 'pages_manage_posts' && p.status === 'granted'),
    'the granted permissions',
    r.json,
  );
  r = await graph('DELETE', `/${kari.id}/permissions`, { token: appToken });
  check(r.status === 200 && r.json?.success === true, 'DELETE /{user}/permissions with the app token', r.text);
  r = await graph('GET', '/me', { token: userToken });
  refused(r, 'the user token after revocation: code 190', { code: 190 });
  r = await graph('GET', `/${agency.id}`, { token: pageToken });
  refused(r, 'the page token after revocation: code 190', { code: 190 });
  st = await control('GET', '/_fake/state');
  check(
    st.tokens.filter(t => t.user_id === kari.id).every(t => t.revoked),
    'state: the tokens are revoked',
  );
  const t = await control('POST', '/_fake/tokens', { user: 'Kari Nordmann' });
  r = await graph('GET', '/me', { token: t.access_token });
  check(
    r.status === 200 && t.pages.length === 2 && t.expires_in === 5184000,
    '/_fake/tokens: a long-lived token and page tokens',
    t,
  );

  await control('POST', '/_fake/reset');
  console.log(`${checks - failures}/${checks} checks passed`);
  process.exit(failures ? 1 : 0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
