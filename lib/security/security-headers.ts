/** A fresh nonce per request: 128 random bits, base64, so an injected script cannot guess it. Web Crypto keeps it runtime-neutral. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

type PolicyOptions = { development: boolean };

/**
 * Lookout's Content-Security-Policy. Scripts run only with the request's nonce ('strict-dynamic' lets
 * Next's nonced loader pull in its chunks); `next dev` alone needs 'unsafe-eval' for React's debug stacks.
 * Styles stay 'unsafe-inline': React writes inline style attributes, which a nonce cannot cover.
 */
export function buildContentSecurityPolicy(nonce: string, { development }: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** Every header Lookout sends on its pages and routes, the policy included. */
export function buildSecurityHeaders(nonce: string, options: PolicyOptions) {
  return {
    "Content-Security-Policy": buildContentSecurityPolicy(nonce, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}
