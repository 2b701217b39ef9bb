<?php
// A Statalog webhook receiver in PHP 8: `php -S 127.0.0.1:$PORT receiver.php` (or any web server).
// POST /statalog checks the spec's X-Statalog-Signature; POST /standard checks the Standard
// Webhooks headers, with replay protection. Either answers 204 when the request is genuine,
// 401 otherwise. Environment: STATALOG_WEBHOOK_SECRET (the secret exactly as shown).

const TOLERANCE_SECONDS = 5 * 60; // an older webhook-timestamp is a replay

// The spec's scheme: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the whole secret string.
function verifyStatalogSignature(string $payload, string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $payload, $secret);
    return hash_equals($expected, $signatureHeader);
}

// Standard Webhooks: "v1," + base64 HMAC-SHA256 of "id.timestamp.body", keyed with the decoded whsec_ bytes.
function verifyStandardWebhook(string $payload, string $id, string $timestamp, string $signatures, string $secret): bool
{
    if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > TOLERANCE_SECONDS) {
        return false;
    }
    $key = base64_decode(substr($secret, strlen('whsec_')), true);
    $expected = 'v1,' . base64_encode(hash_hmac('sha256', "$id.$timestamp.$payload", $key, true));
    foreach (explode(' ', $signatures) as $candidate) {
        if (hash_equals($expected, $candidate)) {
            return true;
        }
    }
    return false;
}

$payload = file_get_contents('php://input'); // the raw bytes: verify before json_decode
$secret = getenv('STATALOG_WEBHOOK_SECRET');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

$genuine = match ($path) {
    '/statalog' => verifyStatalogSignature($payload, $_SERVER['HTTP_X_STATALOG_SIGNATURE'] ?? '', $secret),
    '/standard' => verifyStandardWebhook($payload, $_SERVER['HTTP_WEBHOOK_ID'] ?? '', $_SERVER['HTTP_WEBHOOK_TIMESTAMP'] ?? '',
        $_SERVER['HTTP_WEBHOOK_SIGNATURE'] ?? '', $secret),
    default => false,
};
// when genuine, handle the event here, e.g. json_decode($payload, true)['event']
http_response_code($genuine ? 204 : 401);
