import { describe, expect, it } from 'vitest';
import { validateSender } from './validateSender';

const trusted = { indexFileUrl: 'file:///opt/deepwire/out/renderer/index.html' };
const top = (url: string) => ({ url, parent: null });

describe('validateSender', () => {
  it('accepts our own top-level renderer page, with or without a hash', () => {
    expect(validateSender(top('file:///opt/deepwire/out/renderer/index.html'), trusted)).toBe(true);
    expect(validateSender(top('file:///opt/deepwire/out/renderer/index.html#/x'), trusted)).toBe(true);
  });

  it('refuses subframes, missing frames and other files', () => {
    expect(validateSender({ url: trusted.indexFileUrl, parent: {} }, trusted)).toBe(false);
    expect(validateSender(null, trusted)).toBe(false);
    expect(validateSender(top('file:///tmp/evil.html'), trusted)).toBe(false);
    expect(validateSender(top('file:///opt/deepwire/out/renderer/index.html/../../evil.html'), trusted)).toBe(
      false,
    );
    expect(validateSender(top('not a url'), trusted)).toBe(false);
  });

  it('refuses web pages unless they come from the dev server origin', () => {
    expect(validateSender(top('https://evil.example/'), trusted)).toBe(false);
    const dev = { ...trusted, devServerUrl: 'http://localhost:5173/' };
    expect(validateSender(top('http://localhost:5173/index.html'), dev)).toBe(true);
    expect(validateSender(top('http://localhost:5174/'), dev)).toBe(false);
    expect(validateSender(top('https://evil.example/'), dev)).toBe(false);
  });
});
