// A real local Bluesky network for Kanal's test suite: the PLC directory, a
// PDS and the AppView (plus the bsync and Ozone services the AppView and the
// PDS's moderation proxy want), from @atproto/dev-env's TestNetwork.
// Started and stopped by ../bluesky-network.sh, which installs Node 22 and
// the packages beside the build tree and copies this file there.
//
//   node --import ./loopback-only.mjs start-network.mjs OUT.json \
//        [--plc-port N] [--pds-port N] [--appview-port N] [--ozone-port N]
//
// OUT.json may also come from BLUESKY_NETWORK_JSON; a port left out (or 0) is
// a free one. Needs DB_POSTGRES_URL (a PostgreSQL 15 server; schemas
// appview_test, bsync_test and ozone_test are made in it) and REDIS_HOST
// (dev-env 0.6.7 only checks that it is set). BLUESKY_RATE_LIMITS=1 turns
// the PDS's rate limits on (RateLimit-* response headers); off by default.
//
// Every server listens on 127.0.0.1 only (loopback-only.mjs). The URLs say
// "localhost", as the services know each other by: the PDS's public URL,
// the service endpoint in its accounts' DID documents and its did:web are
// http://localhost:PORT / did:web:localhost. Clients may use either name.
//
// When every service is up it writes OUT.json (atomically):
//   {"pds":"http://localhost:P","appview":"http://localhost:A",
//    "plc":"http://localhost:L","ozone":"http://localhost:O",
//    "appviewDid":"did:plc:…","pdsDid":"did:web:localhost"}
// and keeps running until SIGTERM or SIGINT, then closes every service.
//
// It creates no accounts. Tests make their own with plain XRPC on the PDS;
// no invite code, no email confirmation (handles end in ".test"):
//   POST {pds}/xrpc/com.atproto.server.createAccount
//     {"handle":"alice.test","email":"alice@example.test","password":"hunter22"}
//   → 200 {"handle":"alice.test","did":"did:plc:…","accessJwt":"…","refreshJwt":"…",
//          "didDoc":{…}}
// then com.atproto.server.createSession {"identifier":"alice.test","password":…}
// as with any PDS. app.bsky.* calls on the PDS are proxied to this AppView
// without an atproto-proxy header; the AppView indexes a write 1–2 s later.
import './loopback-only.mjs';

import { rename, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { TestNetwork } from '@atproto/dev-env';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'plc-port': { type: 'string' },
    'pds-port': { type: 'string' },
    'appview-port': { type: 'string' },
    'ozone-port': { type: 'string' },
  },
});
const out = positionals[0] ?? process.env.BLUESKY_NETWORK_JSON;
if (!out) {
  console.error('start-network: usage: start-network.mjs OUT.json [--plc-port N] [--pds-port N] [--appview-port N] [--ozone-port N]');
  process.exit(2);
}
for (const name of ['DB_POSTGRES_URL', 'REDIS_HOST']) {
  if (!process.env[name]) {
    console.error(`start-network: ${name} is not set`);
    process.exit(2);
  }
}

// A free port on 127.0.0.1 (the kernel's pick), unless one was given.
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const port = async (name) => Number(values[name] ?? 0) || freePort();

let network;
let closing = false;
const shutDown = async (signal) => {
  if (closing) return;
  closing = true;
  if (!network) process.exit(0); // still starting: nothing worth closing cleanly
  console.log(`start-network: ${signal}, closing`);
  const timer = setTimeout(() => {
    console.error('start-network: services did not close within 20 s');
    process.exit(1);
  }, 20_000);
  try {
    await network.close();
    clearTimeout(timer);
    console.log('start-network: closed');
    process.exit(0);
  } catch (err) {
    console.error('start-network: closing failed:', err);
    process.exit(1);
  }
};
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));

try {
  const started = Date.now();
  const ports = {
    plc: await port('plc-port'),
    pds: await port('pds-port'),
    appview: await port('appview-port'),
    ozone: await port('ozone-port'),
  };
  network = await TestNetwork.create({
    dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA || 'test',
    plc: { port: ports.plc },
    pds: {
      port: ports.pds,
      hostname: 'localhost',
      enableDidDocWithSession: true,
      rateLimitsEnabled: process.env.BLUESKY_RATE_LIMITS === '1',
    },
    bsky: { port: ports.appview, publicUrl: `http://localhost:${ports.appview}` },
    ozone: { port: ports.ozone },
  });
  const urls = {
    pds: network.pds.url,
    appview: network.bsky.url,
    plc: network.plc.url,
    ozone: network.ozone.url,
    appviewDid: network.bsky.serverDid,
    pdsDid: network.pds.ctx.cfg.service.did,
  };
  await writeFile(`${out}.tmp`, JSON.stringify(urls) + '\n');
  await rename(`${out}.tmp`, out);
  console.log(`start-network: ready in ${Date.now() - started} ms: ${JSON.stringify(urls)}`);
} catch (err) {
  console.error('start-network: could not start the network:', err);
  process.exit(1);
}
