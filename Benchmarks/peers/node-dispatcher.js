// The peer of `webhookkit-bench client`: Node's https client with a keep-alive agent
// (maxSockets 32) POSTing the same ~400-byte notification with Basic auth.
// Usage: node node-dispatcher.js URL CA_PEM [MESSAGES] [CONNECTIONS]
// Prints: RESULT node <messages/s> <p50 ms> <p99 ms> <failures>
'use strict';
const https = require('https');
const fs = require('fs');

const [url, caPath, messagesArg, connectionsArg] = process.argv.slice(2);
const messages = Number(messagesArg || 100000);
const connections = Number(connectionsArg || 32);
const target = new URL(url);
const agent = new https.Agent({ keepAlive: true, maxSockets: connections, ca: fs.readFileSync(caPath) });
const body = Buffer.from('{"id":"0193a7c2-5b1e-7c3d-9a4f-2e8b6d1c0a97","type":"status","webhookId":"wh_01HQ3Z8K4M2N6P8R0T2V4X6Z8B","orgId":"org_7f3e9c1a5b","workspaceId":"ws_4d2b8f6e0c","deviceId":"dev_9a7c5e3b1d","timestamp":"2026-12-04T19:35:34.123Z","changes":{"updated":{"RoomAnalytics.PeopleCount.Current":3,"RoomAnalytics.AmbientTemperature":21.5,"RoomAnalytics.RelativeHumidity":41,"RoomAnalytics.AmbientNoise.Level.A":32},"removed":[]}}');
const headers = {
  'Content-Type': 'application/json',
  'User-Agent': 'WebhookKit/bench',
  'Authorization': 'Basic ' + Buffer.from('bench:bench-password').toString('base64'),
  'Content-Length': body.length,
};

function post() {
  return new Promise((resolve) => {
    const request = https.request({
      agent, hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers,
    }, (response) => {
      response.on('data', () => {});
      response.on('end', () => resolve(response.statusCode === 200));
    });
    request.on('error', () => resolve(false));
    request.end(body);
  });
}

async function sendAll(count, latencies) {
  let failures = 0;
  const worker = async (share) => {
    for (let i = 0; i < share; i++) {
      const start = process.hrtime.bigint();
      if (!(await post())) failures++;
      if (latencies) latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  const tasks = [];
  for (let w = 0; w < connections; w++) {
    tasks.push(worker(Math.floor(count / connections) + (w < count % connections ? 1 : 0)));
  }
  await Promise.all(tasks);
  return failures;
}

(async () => {
  await sendAll(connections * 10, null);
  const latencies = [];
  const start = process.hrtime.bigint();
  const failures = await sendAll(messages, latencies);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  const p50 = latencies[Math.floor(latencies.length / 2)];
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 99 / 100))];
  console.log(`RESULT node ${(messages / seconds).toFixed(0)} ${p50.toFixed(3)} ${p99.toFixed(3)} ${failures}`);
  agent.destroy();
})();
