/**
 * Informal words missing from the VADER lexicon. As with emoji (emoji.ts), no number is invented:
 * each word borrows the valence of one VADER entry that means the same (yum → "yummy", gutted →
 * "disappointed"). Words whose sentiment depends on use in chat ("sick", "lit", "dope", "boo",
 * "rip", "omg", "aww", "xx") are deliberately absent and score 0.
 */
export const INFORMAL_PROXIES: readonly (readonly [word: string, proxy: string])[] = [
  ['yum', 'yummy'],
  ['yumm', 'yummy'],
  ['stoked', 'thrilled'],
  ['pumped', 'excited'],
  ['psyched', 'excited'],
  ['luv', 'love'],
  ['tysm', 'thanks'],
  ['phew', 'relieved'],
  ['whew', 'relieved'],
  ['ew', 'yucky'],
  ['eww', 'yucky'],
  ['yuck', 'yucky'],
  ['yikes', 'alarmed'],
  ['grr', 'grrr'],
  ['argh', 'frustrated'],
  ['fml', 'miserable'],
  ['dammit', 'damn'],
  ['gutted', 'disappointed'],
  ['cringe', 'embarrassing'],
  ['cringey', 'embarrassing'],
  ['cringy', 'embarrassing'],
  ['bleh', 'meh'],
];

/** Laughter spelled out ("hahahaha", "ahaha", "hehe", "lolol") → the VADER entry it stands for. */
export function laughterProxy(word: string): string | undefined {
  const c = word.charCodeAt(0);
  if (c !== 104 && c !== 97 && c !== 108) return undefined; // h, a, l: skip the regexes for most words
  if (/^a?(?:h[aeiu]){2,}h?$/.test(word)) return word.length >= 6 ? 'hahaha' : 'haha';
  if (/^l(?:o+l)+$/.test(word)) return 'lol';
  return undefined;
}
