import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: the capability the browser needs to talk to the host. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function originOf(host: string, port: number): string {
  return `http://${host}:${port}`;
}

/**
 * Only our own pages may call in: Host guards against DNS rebinding, Origin
 * against other sites opening a socket from the user's browser.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && servedHosts(port).includes(hostHeader);
}

/** The names the host answers to (it listens on 127.0.0.1 only, so not [::1]): the page may be opened at either. */
function servedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Exactly our own pages' origins: http on a name we serve, on our port; nothing else on the machine. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && servedHosts(port).some((host) => origin === `http://${host}`);
}

/** The page may load only our own scripts and talk only to our own socket; nothing may frame it. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React Flow positions nodes with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The token travels in the first URL; never send it on as a referrer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
