/**
 * The word lists and constants of VADER's published rules (Hutto & Gilbert, ICWSM 2014; the
 * empirically derived constants and lists as in the reference implementation vaderSentiment 3.3.2,
 * MIT licence, see assets/lexicons/README.md). The scorer in scorer.ts applies them.
 */

/** Mean rating increase for a booster word ("very good" over "good"), and decrease for a dampener. */
export const B_INCR = 0.293;
export const B_DECR = -0.293;
/** Mean rating increase for a sentiment word in ALL CAPS among words that are not. */
export const C_INCR = 0.733;
/** Multiplier for a negated sentiment word ("not good" is about -0.74 × "good"). */
export const N_SCALAR = -0.74;
/** Per exclamation mark, counted up to 4. */
export const EXCLAMATION_STEP = 0.292;
export const EXCLAMATION_MAX = 4;
/** Per question mark when there are 2 or 3; 0.96 for 4 or more. */
export const QUESTION_STEP = 0.18;
export const QUESTION_MAX = 0.96;
/** The compound normalisation x / sqrt(x² + alpha). */
export const NORMALIZE_ALPHA = 15;
/** Sentiment before "but" is halved, after it is weighted 1.5×. */
export const BUT_BEFORE = 0.5;
export const BUT_AFTER = 1.5;

/** Negation words (VADER's NEGATE list); any token containing "n't" also negates. */
export const NEGATIONS: readonly string[] = [
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt',
  "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
  'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither',
  "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
  'neednt', "needn't", 'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere',
  'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
  "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't",
  'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
];

const BOOST_UP = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly',
  'deeply', 'effing', 'enormous', 'enormously', 'entirely', 'especially', 'exceptional',
  'exceptionally', 'extreme', 'extremely', 'fabulously', 'flipping', 'flippin', 'frackin',
  'fracking', 'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fuckin', 'fucking', 'fuggin',
  'fugging', 'greatly', 'hella', 'highly', 'hugely', 'incredible', 'incredibly', 'intensely',
  'major', 'majorly', 'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably',
  'so', 'substantially', 'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber',
  'unbelievably', 'unusually', 'utter', 'utterly', 'very',
];
const BOOST_DOWN = [
  'almost', 'barely', 'hardly', 'kinda', 'kindof', 'kind-of', 'less', 'little', 'marginal',
  'marginally', 'occasional', 'occasionally', 'partly', 'scarce', 'scarcely', 'slight', 'slightly',
  'somewhat', 'sorta', 'sortof', 'sort-of',
];

/** Single-word boosters (+) and dampeners (−), VADER's BOOSTER_DICT. */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...BOOST_UP.map((w) => [w, B_INCR] as const),
  ...BOOST_DOWN.map((w) => [w, B_DECR] as const),
]);

/** Two-word dampeners of BOOSTER_DICT ("kind of good"): the second word acts as the dampener. */
export const BIGRAM_DAMPENERS: readonly (readonly [string, string])[] = [
  ['kind', 'of'],
  ['sort', 'of'],
  ['just', 'enough'],
];

/**
 * VADER's special-case idioms (SPECIAL_CASES, and those of the SENTIMENT_LADEN_IDIOMS it lists as
 * future work that cannot be read literally; "in the red/black" are left out as they usually are
 * colours): the phrase takes this valence in place of its words' own.
 */
export const IDIOMS: readonly (readonly [string, number])[] = [
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['badass', 1.5],
  ['bus stop', 0],
  ['yeah right', -2],
  ['kiss of death', -1.5],
  ['to die for', 3],
  ['beating heart', 3.1],
  ['broken heart', -2.9],
  ['cut the mustard', 2],
  ['hand to mouth', -2],
  ['back handed', -2],
  ['blow smoke', -2],
  ['blowing smoke', -2],
  ['upper hand', 1],
  ['break a leg', 2],
  ['cooking with gas', 2],
  ['on the ball', 2],
  ['under the weather', -2],
];
