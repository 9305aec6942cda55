import { describe, expect, it } from 'vitest';
import { checkHubToken, checkHubUrl, isLoopbackHost } from './hub-address.ts';

describe('checkHubUrl (Settings → Hub)', () => {
  it('takes an https hub anywhere and plain http on this computer, as its origin', () => {
    expect(checkHubUrl(' https://Hub.Example.com/ ')).toEqual({ ok: true, value: 'https://hub.example.com' });
    expect(checkHubUrl('https://hub.example.com:8443')).toEqual({ ok: true, value: 'https://hub.example.com:8443' });
    expect(checkHubUrl('https://hub.example.com/#/login?token=x')).toEqual({ ok: true, value: 'https://hub.example.com' });
    expect(checkHubUrl('http://127.0.0.1:4820')).toEqual({ ok: true, value: 'http://127.0.0.1:4820' });
    expect(checkHubUrl('http://localhost:4820/')).toEqual({ ok: true, value: 'http://localhost:4820' });
    expect(checkHubUrl('http://[::1]:4820')).toEqual({ ok: true, value: 'http://[::1]:4820' });
  });

  it.each([
    ['', /enter the hub's URL/],
    ['hub.example.com', /is not a URL/],
    ['ftp://hub.example.com', /must start with https:\/\/.*not ftp:/],
    ['https://admin:pw@hub.example.com', /leave the user name and password out/],
    ['http://hub.example.com', /hub\.example\.com is not this computer, so the hub must be reached over https:\/\//],
    ['http://10.0.0.5:4820', /10\.0\.0\.5 is not this computer/],
    ['https://hub.example.com/mission-control', /root of its address: use https:\/\/hub\.example\.com \(without \/mission-control\)/],
    ['https://hub example.com', /has a space/],
  ])('refuses %j in words', (url, words) => {
    const result = checkHubUrl(url);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(words);
  });

  it('knows the loopback hosts', () => {
    expect(['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['127.example.com', '128.0.0.1', 'localhost.example.com', '[::2]'].some(isLoopbackHost)).toBe(false);
  });
});

describe('checkHubToken', () => {
  it('takes a whole mc_ token, trimmed', () => {
    expect(checkHubToken(' mc_abc123 \n')).toEqual({ ok: true, value: 'mc_abc123' });
  });
  it.each([
    ['', /enter the token/],
    ['abc123', /starts with "mc_"/],
    ['mc_abc 123', /has a space/],
    [`mc_${'x'.repeat(1100)}`, /longer than 1024/],
  ])('refuses %j in words', (token, words) => {
    const result = checkHubToken(token);
    expect(result.ok ? '' : result.error).toMatch(words);
  });
});
