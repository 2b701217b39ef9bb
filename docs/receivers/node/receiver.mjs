// A Statalog webhook receiver in Node.js 18+: `npm ci && node receiver.mjs`.
// POST /statalog checks the spec's X-Statalog-Signature; POST /standard checks the Standard
// Webhooks headers with the reference library (npm standardwebhooks), which also refuses a
// timestamp more than 5 minutes away (replay protection). Either answers 204 when the request is
// genuine, 401 otherwise. Environment: STATALOG_WEBHOOK_SECRET (exactly as shown), PORT.
import crypto from 'node:crypto';
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.env.STATALOG_WEBHOOK_SECRET;

// The spec's scheme: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the whole secret string.
function verifyStatalog(body, signatureHeader) {
  const expected = Buffer.from('sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(signatureHeader ?? '');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

// Standard Webhooks: the library takes the secret as shown ("whsec_..."), and the raw body.
function verifyStandard(body, headers) {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks); // the raw bytes: verify before JSON.parse
    let genuine = false;
    if (request.url === '/statalog') genuine = verifyStatalog(body, request.headers['x-statalog-signature']);
    if (request.url === '/standard') genuine = verifyStandard(body.toString('utf8'), request.headers);
    // when genuine, handle the event here, e.g. JSON.parse(body).event
    response.writeHead(genuine ? 204 : 401).end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
