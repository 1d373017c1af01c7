// Preloaded (NODE_OPTIONS=--require) into a process under test and each of its worker threads:
// every way out to the network throws, and each attempt is written to NIANBAO_NETWORK_LOG, so a
// test can prove that nothing tried. The file also records each thread it was loaded in.
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const { isMainThread } = require('node:worker_threads');
const log = process.env.NIANBAO_NETWORK_LOG;
const note = (line) => log && fs.appendFileSync(log, `${line}\n`);
note(isMainThread ? 'loaded main' : 'loaded worker');
const refuse = (what) => {
  note(`network ${what}`);
  throw new Error(`network blocked: ${what}`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // a local pipe (tsx's own IPC, a Unix socket) is no network
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'string' || (first && typeof first.path === 'string')) return connect.apply(this, args);
  return refuse(`connect ${JSON.stringify(first).slice(0, 200)}`);
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
globalThis.fetch = async (url) => refuse(`fetch ${String(url)}`);
