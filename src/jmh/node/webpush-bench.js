#!/usr/bin/env node
// The npm web-push library (3.6.x) encrypting and signing the same alert for the same
// subscriptions as WebPushEncryptionBenchmark, one message after another on one thread, as a
// sender built on it does: webPush.generateRequestDetails (RFC 8291 aes128gcm, fresh ECDH key and
// salt, VAPID JWT) per message. Prints messages per second for each iteration, like JMH.
//
//   NODE_PATH=target/node-peers/node_modules node src/jmh/node/webpush-bench.js \
//     target/webpush-bench/subscriptions-100000.json src/jmh/node/alert.json
//
// target/node-peers is installed by the tests (npm ci from src/test/node/package-lock.json);
// the subscriptions file is written by the first run of the JMH benchmark.
'use strict';

const fs = require('fs');
const webPush = require('web-push');

const [subscriptionsFile, alertFile, mode = 'vapid'] = process.argv.slice(2);
if (!subscriptionsFile || !alertFile) {
  console.error('usage: webpush-bench.js SUBSCRIPTIONS.json ALERT.json [vapid|encrypt-only]');
  process.exit(2);
}
const version = require('web-push/package.json').version;
if (!version.startsWith('3.6.')) {
  console.error('expected web-push 3.6.x, found ' + version);
  process.exit(2);
}

const subscriptions = JSON.parse(fs.readFileSync(subscriptionsFile, 'utf8'));
const payload = fs.readFileSync(alertFile);
const vapid = webPush.generateVAPIDKeys();
const options = {
  TTL: 600,
  urgency: 'high',
  topic: 'threat-0f3a9c',
  contentEncoding: 'aes128gcm',
  vapidDetails: {
    subject: 'mailto:ops@tocsin.example',
    publicKey: vapid.publicKey,
    privateKey: vapid.privateKey,
  },
};

let next = 0;
let sink = 0;
function one() {
  const target = subscriptions[next];
  next = next + 1 === subscriptions.length ? 0 : next + 1;
  if (mode === 'encrypt-only') {
    sink += webPush.encrypt(target.keys.p256dh, target.keys.auth, payload, 'aes128gcm')
      .cipherText.length;
  } else {
    sink += webPush.generateRequestDetails(target, payload, options).body.length;
  }
}

// As JMH's settings: 2 warm-up iterations of 5 s, 3 measured of 10 s. Each iteration also gives
// messages per second of the process's CPU time (user + system), as the JMH benchmark prints:
// on a shared machine the wall-clock rate measures the share of the core the process got.
function iteration(seconds) {
  const end = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let count = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 100; i++) {
      one();
    }
    count += 100;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { wall: (count * 1e9) / Number(now - start), cpu: count / cpuSeconds, count, cpuSeconds };
}

function line(label, rate) {
  return `${label}: ${rate.wall.toFixed(1)} msg/s; per CPU-second: ${rate.cpu.toFixed(1)} msg/s`
    + ` (${rate.count} messages, ${rate.cpuSeconds.toFixed(2)} s CPU)`;
}

console.log(`web-push ${version}, node ${process.version}, ${subscriptions.length} subscriptions,`
  + ` ${payload.length}-byte alert, mode ${mode}`);
for (let i = 1; i <= 2; i++) {
  console.log(line(`Warmup ${i}`, iteration(5)));
}
const measured = [];
for (let i = 1; i <= 3; i++) {
  const rate = iteration(10);
  measured.push(rate);
  console.log(line(`Iteration ${i}`, rate));
}
const mean = (key) => measured.reduce((a, b) => a + b[key], 0) / measured.length;
console.log(`Result: ${mean('wall').toFixed(1)} msg/s; per CPU-second: ${mean('cpu').toFixed(1)}`
  + ` msg/s (means of ${measured.length}; checksum ${sink})`);
