import { describe, expect, it } from 'vitest';
import { describeHubInUse, joinChoice } from './HubSettings.tsx';

describe('describeHubInUse (Settings → Hub)', () => {
  it('says which hub, and for a joined one that its token is saved, never the token', () => {
    expect(describeHubInUse({ mode: 'remote', url: 'https://hub.example.com', tokenSaved: true })).toBe('the shared hub at https://hub.example.com (token saved)');
    expect(describeHubInUse({ mode: 'embedded', url: 'http://127.0.0.1:45678', workspace: null, demo: true })).toBe(
      'the hub inside this app, at http://127.0.0.1:45678, with the demo workspace and the simulated platform',
    );
    expect(describeHubInUse({ mode: 'embedded', url: 'http://127.0.0.1:45678', workspace: '/rooms/match.yaml', demo: false })).toBe(
      'the hub inside this app, at http://127.0.0.1:45678, with the workspace /rooms/match.yaml',
    );
    expect(describeHubInUse(null)).toBe('starting…');
  });
});

describe('joinChoice (what the form sends)', () => {
  it('sends the hub’s origin and the trimmed token', () => {
    expect(joinChoice(' https://hub.example.com/ ', ' mc_room-token ')).toEqual({ ok: true, choice: { mode: 'remote', url: 'https://hub.example.com', token: 'mc_room-token' } });
  });
  it('says what is wrong before asking the app: the URL first, then the token', () => {
    expect(joinChoice('http://hub.example.com', 'nope')).toMatchObject({ ok: false, error: expect.stringMatching(/not this computer, so the hub must be reached over https/) });
    expect(joinChoice('https://hub.example.com', '')).toEqual({ ok: false, error: 'enter the token (mc_…) the hub’s admin made for you' });
  });
});
