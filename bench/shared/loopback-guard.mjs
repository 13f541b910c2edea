// Refuses every TCP connection that does not go to the loopback interface, in the process that
// installs it. Every client library in Node.js (node:http agents, httpx, undici/fetch) ends in
// `net.Socket.prototype.connect`, so one check there proves the benchmark reaches nothing else,
// whatever a library might try on its own (credential or endpoint look-ups). With keep-alive the
// check runs once per socket, not per call, so it costs nothing measurable. Plain JavaScript (types
// in loopback-guard.d.mts): the cold-start benchmark loads it into processes that run without tsx.
import { Socket } from 'node:net';

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

/**
 * The destination of a `connect(...)` call, in any of its forms (or null for a Unix socket).
 * @param {unknown[]} args
 * @returns {string | null}
 */
function destination(args) {
  let first = args[0];
  // net.createConnection passes its normalized arguments as one array.
  if (Array.isArray(first)) first = first[0];
  if (typeof first === 'string') return null; // connect(path): a Unix socket
  if (typeof first === 'number') return typeof args[1] === 'string' ? args[1] : 'localhost';
  const options = first ?? {};
  if (typeof options.path === 'string') return null;
  return typeof options.host === 'string' ? options.host : 'localhost';
}

export function installLoopbackGuard() {
  const connect = Socket.prototype.connect;
  Socket.prototype.connect = function guardedConnect(...args) {
    const host = destination(args);
    if (host !== null && !LOOPBACK.test(host)) {
      throw new Error(`loopback guard: refused a connection to ${host} (the benchmark reaches 127.0.0.1 only)`);
    }
    return connect.apply(this, args);
  };
}
