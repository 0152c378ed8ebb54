import { describe, expect, it } from 'vitest';
import { takeAccessToken } from './accessToken';

function environment(href: string, stored: Record<string, string> = {}) {
  const state = { href, replaced: null as string | null, stored: { ...stored } };
  return {
    state,
    env: {
      location: { href },
      history: { replaceState: (_d: unknown, _u: string, url: string) => void (state.replaced = url) },
      storage: {
        getItem: (key: string) => state.stored[key] ?? null,
        setItem: (key: string, value: string) => void (state.stored[key] = value),
      },
    },
  };
}

describe('takeAccessToken', () => {
  it('takes the token from the URL, stores it and strips it from the address bar', () => {
    const { env, state } = environment('http://127.0.0.1:5000/?token=abc&x=1#h');
    expect(takeAccessToken(env)).toBe('abc');
    expect(state.stored['deepwire.token']).toBe('abc');
    expect(state.replaced).toBe('/?x=1#h');
  });

  it('falls back to the stored token after a reload', () => {
    const { env, state } = environment('http://127.0.0.1:5000/', { 'deepwire.token': 'kept' });
    expect(takeAccessToken(env)).toBe('kept');
    expect(state.replaced).toBeNull();
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeAccessToken(environment('http://127.0.0.1:5000/').env)).toBeNull();
  });
});
