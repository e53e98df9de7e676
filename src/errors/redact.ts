// A JWT is three base64url segments; the first always starts with `eyJ` ('{"').
// The server's 401 text embeds the whole token, so every stored or logged message passes here.
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
// `access_token=` query parameters (the signal URL) carry the token too.
const ACCESS_TOKEN_PARAM = /(access_token=)[^&\s"']+/gi;

export const REDACTED = '[redacted-token]';

export function redactTokens(text: string): string {
  return text.replace(JWT_PATTERN, REDACTED).replace(ACCESS_TOKEN_PARAM, `$1${REDACTED}`);
}

export function containsToken(text: string): boolean {
  JWT_PATTERN.lastIndex = 0;
  const found = JWT_PATTERN.test(text);
  JWT_PATTERN.lastIndex = 0;
  return found;
}

/** A short, redacted message for any thrown value. */
export function errorMessage(error: unknown): string {
  const text = readMessage(error);
  // Redact before clipping: a token cut in half by the clip would no longer look like a JWT.
  const redacted = redactTokens(text);
  return redacted.length > 500 ? `${redacted.slice(0, 500)}…` : redacted;
}

function readMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    if (typeof error === 'string') return error;
    if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
    return String(error);
  } catch {
    return '[unreadable error]'; // a Proxy or a throwing getter: say so rather than throw from an error path
  }
}
