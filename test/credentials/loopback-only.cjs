// Preloaded (node --require) into the vendor library's child process: every TCP connection must go
// to a loopback address. The vendor's library has hard-coded hosts (sts.aliyuncs.com, the ECS
// metadata address) that a test must never reach, even by a mistake in its settings.
'use strict';
const net = require('node:net');

const connect = net.Socket.prototype.connect;

function hostOf(args) {
  // net.createConnection hands connect its normalised arguments: [options, callback]. A truthy
  // `path` is a local socket; http's agents pass `path: null` with a TCP host.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === 'object') return first.path ? 'localhost' : (first.host ?? 'localhost');
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

function isLoopback(host) {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

net.Socket.prototype.connect = function (...args) {
  const host = hostOf(args);
  if (isLoopback(host)) return connect.apply(this, args);
  // Fails the way a refused connection does: an error on the socket, after this call returns.
  process.nextTick(() => this.destroy(new Error(`loopback-only: a connection to ${host} was refused`)));
  return this;
};
