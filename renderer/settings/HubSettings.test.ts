import { describe, expect, it } from 'vitest';
import { describeHubInUse, embeddedReturn, joinChoice } from './HubSettings.tsx';

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
    expect(joinChoice('https://hub.example.com', '')).toEqual({ ok: false, error: 'enter the token (mc_…) the hub’s admin made for you', field: 'token' });
    expect(joinChoice('', 'mc_x')).toMatchObject({ ok: false, field: 'url' });
  });
  it('takes the token from the sign-in link an admin sends, when the token field is empty', () => {
    const link = 'https://hub.example.com/#/login?token=mc_from-the-link';
    expect(joinChoice(link, '')).toEqual({ ok: true, choice: { mode: 'remote', url: 'https://hub.example.com', token: 'mc_from-the-link' } });
    expect(joinChoice(link, 'mc_typed')).toMatchObject({ choice: { token: 'mc_typed' } }); // what was typed wins
  });
});

describe('embeddedReturn (where "Use the embedded hub again" leads)', () => {
  it('names the workspace it goes back to, or the demo', () => {
    expect(embeddedReturn({ inUse: { mode: 'remote', url: 'https://h.example', tokenSaved: true }, file: 'f', embedded: { workspace: '/rooms/a.yaml' } })).toBe('with the workspace /rooms/a.yaml');
    expect(embeddedReturn({ inUse: { mode: 'remote', url: 'https://h.example', tokenSaved: true }, file: 'f', embedded: { workspace: null } })).toBe('with the demo workspace');
    expect(embeddedReturn(null)).toBe('');
  });
});
