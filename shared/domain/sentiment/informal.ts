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

/**
 * Complaint words of customers and reviewers missing from the VADER lexicon, each borrowing the
 * valence of one VADER entry that means the same (junk → "crap", unusable → "useless", poorly →
 * "badly", beware → "warning"), as INFORMAL_PROXIES do; a multi-word entry ("rip off") is matched as
 * a phrase. Left out: words whose polarity depends on what they describe ("cheap", "predictable",
 * "lacking") or that are mostly used in other senses ("ripped", "dying"). "slow" is in: of a
 * service, an app or a delivery it is a complaint ("slow news day" is the rarer use).
 */
export const COMPLAINT_PROXIES: readonly (readonly [word: string, proxy: string])[] = [
  ['junk', 'crap'],
  ['junky', 'crappy'],
  ['garbage', 'crap'],
  ['trash', 'crap'],
  ['rubbish', 'crap'],
  ['unusable', 'useless'],
  ['unhelpful', 'useless'],
  ['unreliable', 'unstable'],
  ['beware', 'warning'],
  ['atrocious', 'horrendous'],
  ['abysmal', 'terrible'],
  ['pretentious', 'snobbish'],
  ['poorly', 'badly'],
  ['flimsy', 'weak'],
  ['shoddy', 'inferior'],
  ['flawed', 'imperfect'],
  ['flaw', 'defect'],
  ['flaws', 'defects'],
  ['malfunction', 'faulty'],
  ['malfunctions', 'faulty'],
  ['malfunctioning', 'faulty'],
  ['counterfeit', 'fake'],
  ['incorrect', 'wrong'],
  ['slow', 'sluggish'],
  ['bland', 'dull'],
  ['uninteresting', 'boring'],
  ['tedious', 'boring'],
  ['tiresome', 'boring'],
  ['unsatisfactory', 'inadequate'],
  ['mediocre', 'mediocrity'],
  ['sloppy', 'careless'],
  ['underwhelming', 'disappointing'],
  ['underwhelmed', 'disappointed'],
  ['scammed', 'cheated'],
  ['ripoff', 'swindle'],
  ['rip-off', 'swindle'],
  ['rip off', 'swindle'],
  ['ripped off', 'cheated'],
  ['canceled', 'cancelled'],
  // coming to pieces is being broken
  ['fell apart', 'broken'],
  ['falls apart', 'broken'],
  ['fall apart', 'broken'],
  ['falling apart', 'broken'],
  ['came apart', 'broken'],
  ['comes apart', 'broken'],
  // "X is a joke": the idiom for laughably bad, not the funny joke VADER rates (+1.2)
  ['is a joke', 'ridiculous'],
  ['are a joke', 'ridiculous'],
  ['what a joke', 'ridiculous'],
  ['such a joke', 'ridiculous'],
  ['total joke', 'ridiculous'],
  ['complete joke', 'ridiculous'],
  ['absolute joke', 'ridiculous'],
  ['delays', 'delay'],
  // disappointed expectations: "expected better", "I was hoping for more"
  // ("expect more updates soon" and "hoping for more sun" are not, so only these forms)
  ...['expected better', 'expected more', 'expect better', 'deserve better', 'deserved better', 'hoped for better', 'hoped for more', 'was hoping for more', 'were hoping for more'].map((a) => [a, 'disappointed'] as const),
  // the usual misspellings of the disappoint- family
  ['dissapointing', 'disappointing'],
  ['disapointing', 'disappointing'],
  ['dissapointed', 'disappointed'],
  ['disapointed', 'disappointed'],
  ['dissapointment', 'disappointment'],
  ['disapointment', 'disappointment'],
];

/**
 * Praise idioms of customers and reviewers with no sentiment word, or none that carries them
 * ("just what I wanted", "does the job", "5 stars"), each borrowing the valence of one VADER entry
 * that means the same, matched as a phrase under the usual rules.
 */
export const PRAISE_PROXIES: readonly (readonly [phrase: string, proxy: string])[] = [
  ...['just', 'exactly'].flatMap((a) => ['wanted', 'needed', 'was looking for'].map((b) => [`${a} what i ${b}`, 'ideal'] as const)),
  ...["couldn't", 'could not', "can't", 'cannot'].map((a) => [`${a} ask for more`, 'ideal'] as const),
  ...['does', 'did', 'do'].flatMap((a) => [[`${a} the job`, 'satisfactory'], [`${a} the trick`, 'satisfactory']] as const),
  ['gets the job done', 'satisfactory'],
  ['got the job done', 'satisfactory'],
  ['works for me', 'satisfactory'],
  ['worked for me', 'satisfactory'],
  ['as described', 'satisfactory'],
  ['as advertised', 'satisfactory'],
  ['5 stars', 'excellent'],
  ['five stars', 'excellent'],
  ['10/10', 'excellent'],
  ['10 out of 10', 'excellent'],
  ['5/5', 'excellent'],
  ['5 out of 5', 'excellent'],
  ['a must have', 'recommend'],
  ['must-have', 'recommend'],
  ['thumbs up', 'approval'],
  ['worth every penny', 'worthwhile'],
  ['well worth', 'worthwhile'],
];

/** Laughter spelled out ("hahahaha", "ahaha", "hehe", "lolol") → the VADER entry it stands for. */
export function laughterProxy(word: string): string | undefined {
  const c = word.charCodeAt(0);
  if (c !== 104 && c !== 97 && c !== 108) return undefined; // h, a, l: skip the regexes for most words
  if (/^a?(?:h[aeiu]){2,}h?$/.test(word)) return word.length >= 6 ? 'hahaha' : 'haha';
  if (/^l(?:o+l)+$/.test(word)) return 'lol';
  return undefined;
}
