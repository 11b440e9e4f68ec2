// Node.js peer for Benchmarks/receiver.sh: an HTTPS receiver doing the same work as
// `webhookkit-bench receiver` — constant-time Basic auth check, JSON.parse of the body,
// 200 with an empty body. Usage: node node-receiver.js CERT KEY [PORT] [USER] [PASSWORD]
'use strict';
const https = require('https');
const fs = require('fs');
const crypto = require('crypto');

const [cert, key, port = '0', user = 'webhook', password = 'secret'] = process.argv.slice(2);
const expected = Buffer.from('Basic ' + Buffer.from(`${user}:${password}`).toString('base64'));

function authorized(header) {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  // timingSafeEqual needs equal lengths; compare against itself to keep the time flat.
  if (given.length !== expected.length) {
    crypto.timingSafeEqual(expected, expected);
    return false;
  }
  return crypto.timingSafeEqual(given, expected);
}

const server = https.createServer({
  cert: fs.readFileSync(cert),
  key: fs.readFileSync(key),
  minVersion: 'TLSv1.2',
  keepAliveTimeout: 60000,
}, (request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (!authorized(request.headers.authorization)) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="webhooks"' });
      response.end();
      return;
    }
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Length': '0' });
    response.end();
  });
});

server.listen(Number(port), '127.0.0.1', () => {
  console.log(`port=${server.address().port}`);
});
