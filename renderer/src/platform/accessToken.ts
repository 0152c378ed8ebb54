const STORAGE_KEY = 'deepwire.token';

export interface TokenEnvironment {
  location: { href: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * Takes the web host's token from `?token=` (the URL `deepwire serve` prints),
 * keeps it in sessionStorage so reloads still work, and strips it from the
 * visible URL so it is not bookmarked, shared or shown over a shoulder.
 */
export function takeAccessToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    env.storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    env.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return env.storage.getItem(STORAGE_KEY);
}
