// Loaded first (node --import, and imported again by start-network.mjs: it is
// idempotent): every TCP server this process opens listens on 127.0.0.1 only,
// whatever host it asks for. The atproto servers listen on all interfaces by
// default; the test network must never be reachable from anywhere but here.
// Unix sockets, inherited handles and file descriptors are left alone.
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const patched = Symbol.for('kanal.loopbackOnly');

const isPort = (value) =>
  value === undefined || value === null || typeof value === 'number' ||
  (typeof value === 'string' && /^\d+$/.test(value));

if (!net.Server.prototype[patched]) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const first = args[0];
    let options;
    if (first !== null && typeof first === 'object') {
      // listen(options) — unless it is a pipe path, a handle or an fd.
      if (first.path !== undefined || first.fd !== undefined || first.handle !== undefined || first._handle !== undefined) {
        return listen.call(this, ...args, ...(callback ? [callback] : []));
      }
      options = { ...first, host: LOOPBACK };
      delete options.ipv6Only;
    } else if (isPort(first)) {
      // listen([port[, host[, backlog]]])
      const rest = args.slice(1);
      if (typeof rest[0] === 'string' || rest[0] === undefined || rest[0] === null) rest.shift();
      options = { port: first === undefined || first === null ? 0 : Number(first), host: LOOPBACK };
      if (typeof rest[0] === 'number') options.backlog = rest[0];
    } else {
      // listen(path) — a Unix socket.
      return listen.call(this, ...args, ...(callback ? [callback] : []));
    }
    return callback ? listen.call(this, options, callback) : listen.call(this, options);
  };
  Object.defineProperty(net.Server.prototype, patched, { value: true });
}
