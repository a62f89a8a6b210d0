// The JSON API of `kchart serve` (docs/api.md), by relative URLs so that the
// dashboard works wherever the server is. Errors come back as ApiError with
// the server's status and message ({"error": {"status", "message"}}).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/**
 * GET an API path ("/api/charts/x" or a "next" URL from a list answer) with
 * optional query parameters (null and undefined are left out). Resolves to
 * the parsed JSON; rejects with ApiError, or with the fetch's AbortError when
 * `signal` aborts it.
 */
export async function api(path, params, signal) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const res = await fetch(url.pathname + url.search, { headers: { Accept: 'application/json' }, signal });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const message = body && body.error && body.error.message ? body.error.message : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  if (body === null) throw new ApiError(res.status, `not JSON: ${url.pathname}`);
  return body;
}

/** Path segments of API URLs: an id or a name as one segment. */
export const seg = (text) => encodeURIComponent(String(text));
