/** The lexicons the scorer is built from: provenance and consistency. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMOJI_PROXIES, EMOTICON_PROXIES } from './emoji.ts';
import { COMPLAINT_PROXIES, INFORMAL_PROXIES, PRAISE_PROXIES } from './informal.ts';
import { OPS_TERMS } from './ops-lexicon.ts';
import { VADER_VALENCES } from './lexicon-index.ts';
import { VADER_LEXICON_TSV } from './vader-lexicon.ts';

const asset = (name: string) => readFileSync(new URL(`../../../assets/lexicons/${name}`, import.meta.url), 'utf8');

describe('the VADER lexicon', () => {
  it('is the generated copy of assets/lexicons/vader_lexicon.txt (run assets/lexicons/build-lexicon.ts after changing it)', () => {
    const expected = asset('vader_lexicon.txt')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [token, mean] = l.split('\t');
        return `${token}\t${Number(mean)}`;
      })
      .join('\n');
    expect(VADER_LEXICON_TSV).toBe(expected);
    expect(VADER_VALENCES.get('good')).toBe(1.9);
    expect(VADER_VALENCES.get(':(')).toBe(-1.9);
  });

  it('ships with its licence and source recorded', () => {
    expect(asset('LICENSE-vader-lexicon.txt')).toMatch(/MIT License[\s\S]*C\.J\. Hutto/);
    expect(asset('README.md')).toMatch(/vader-sentiment/);
  });
});

describe('emoji', () => {
  it('borrow the valence of an entry that exists in the VADER lexicon', () => {
    for (const [emoji, proxy] of EMOJI_PROXIES) expect(VADER_VALENCES.has(proxy), `${emoji} → ${proxy}`).toBe(true);
  });
  it('ASCII emoticons VADER lacks borrow the valence of a VADER emoticon', () => {
    for (const [emoticon, proxy] of EMOTICON_PROXIES) {
      expect(VADER_VALENCES.has(proxy), `${emoticon} → ${proxy}`).toBe(true);
      expect(VADER_VALENCES.has(emoticon), `${emoticon} is already in VADER`).toBe(false);
    }
  });
});

describe('informal words', () => {
  it('borrow the valence of a VADER entry and add only words VADER lacks', () => {
    for (const [word, proxy] of INFORMAL_PROXIES) {
      expect(VADER_VALENCES.has(proxy), `${word} → ${proxy}`).toBe(true);
      expect(VADER_VALENCES.has(word), `${word} is already in VADER`).toBe(false);
    }
  });
});

describe('complaint words', () => {
  it('borrow the valence of a negative VADER entry and add only words VADER lacks', () => {
    const seen = new Set<string>();
    for (const [word, proxy] of COMPLAINT_PROXIES) {
      expect(VADER_VALENCES.get(proxy), `${word} → ${proxy}`).toBeLessThan(0);
      expect(VADER_VALENCES.has(word), `${word} is already in VADER`).toBe(false);
      expect(seen.has(word), `duplicate ${word}`).toBe(false);
      seen.add(word);
    }
  });
});

describe('praise idioms', () => {
  it('borrow the valence of a positive VADER entry and add only phrases VADER lacks', () => {
    for (const [phrase, proxy] of PRAISE_PROXIES) {
      expect(VADER_VALENCES.get(proxy), `${phrase} → ${proxy}`).toBeGreaterThan(0);
      expect(VADER_VALENCES.has(phrase), `${phrase} is already in VADER`).toBe(false);
      expect(phrase, phrase).toBe(phrase.toLowerCase());
    }
  });
});

describe('the operations lexicon', () => {
  it('holds lower-case phrases, each once, with a valence in VADER range', () => {
    const seen = new Set<string>();
    for (const t of OPS_TERMS) {
      expect(t.phrase, t.phrase).toBe(t.phrase.toLowerCase().trim().replace(/\s+/g, ' '));
      expect(seen.has(t.phrase), `duplicate ${t.phrase}`).toBe(false);
      seen.add(t.phrase);
      if (t.valence !== null) expect(Math.abs(t.valence)).toBeLessThanOrEqual(4);
      if (t.valence === null) expect(VADER_VALENCES.has(t.phrase), `${t.phrase} keeps VADER's valence`).toBe(true);
    }
  });
});
