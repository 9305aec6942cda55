/**
 * The operations lexicon: how viewers of a live streaming service complain, on top of VADER's
 * general lexicon. Valences are on VADER's -4..+4 scale and were set by analogy with VADER's own
 * entries for the nearest general word (for example "buffering" like "problem" -1.7 / "error"
 * -1.7, "black screen" like "broken" -2.1), not fitted to any data set.
 *
 * Kinds of entry:
 * - problem: a service fault ("buffering", "403", "charged twice"); negative by itself.
 * - form: a complaint form that carries no negative word ("still waiting", "again", "for hours").
 * - resolution: a fault that went away ("fixed", "working again") or a service that works
 *   ("smooth", "crystal clear"); positive.
 * - context: a topic word with no valence of its own ("password", "subtitles"); it names the
 *   topic of a post that is negative for other reasons and matched no problem term.
 * A `valence` of null keeps VADER's own valence for the word and only adds the topic.
 */

export type ComplaintTopic = 'playback' | 'access' | 'errors' | 'quality' | 'billing';
export const COMPLAINT_TOPICS: readonly ComplaintTopic[] = ['playback', 'access', 'errors', 'quality', 'billing'];

export type OpsKind = 'problem' | 'form' | 'resolution' | 'context';

export interface OpsTerm {
  /** Lower-case words separated by single spaces. */
  phrase: string;
  valence: number | null;
  topic: ComplaintTopic | null;
  kind: OpsKind;
}

const terms: OpsTerm[] = [];
/** "don't buy" → don't buy / dont buy / do not buy; "won't be back" likewise with wont / will not. */
function negatorVariants(...phrases: string[]): string[] {
  const out: string[] = [];
  for (const p of phrases) {
    if (p.startsWith("don't ")) out.push(p, `dont ${p.slice(6)}`, `do not ${p.slice(6)}`);
    else if (p.startsWith("won't ")) out.push(p, `wont ${p.slice(6)}`, `will not ${p.slice(6)}`, `will never ${p.slice(6)}`);
    else out.push(p);
  }
  return out;
}
function add(kind: OpsKind, topic: ComplaintTopic | null, valence: number | null, ...phrases: string[]): void {
  for (const phrase of phrases) terms.push({ phrase, valence, topic, kind });
}

// ---- playback
add('problem', 'playback', -1.8, 'buffering', 'rebuffering', 'black screen', 'buffers', 'buffered');
add('problem', 'playback', -1.2, 'buffer', 'loading screen');
add('problem', 'playback', -1.5, 'freezing', 'freezes', 'froze', 'frozen', 'freeze', 'freezed');
add('problem', 'playback', -1.5, 'lag', 'lags', 'lagging', 'laggy', 'stutter', 'stutters', 'stuttering', 'stuttery');
add('problem', 'playback', -1.5, 'spinning wheel', 'dropped frames', 'dropping frames', 'frame drops', 'blank screen');
add('problem', 'playback', -1.3, 'choppy', 'slideshow');
add('problem', 'playback', -2.5, 'unwatchable');
add('context', 'playback', 0, 'stream', 'streams', 'playback', 'player', 'loading');
// ---- access
add('problem', 'access', -1.8, '403', 'kicked out', 'kicked me out', 'kicks me out', 'kicking me out', 'locked out', 'access denied');
add('problem', 'access', -1.5, '401', 'logs me out', 'logged me out', 'logging me out', 'signs me out', 'signed me out');
add('problem', 'access', -1.3, 'logged out', 'signed out');
add('problem', 'access', -1.5, 'account is locked', 'account locked', 'account was locked', 'account got locked');
add('problem', 'access', null, 'forbidden', 'denied');
add('problem', 'access', -1.5, 'unauthorized', 'unauthorised');
add('context', 'access', 0, 'password', 'passwords', 'login', 'log in', 'log-in', 'sign in', 'sign-in', 'signin', '2fa', 'verification code');
// ---- errors
add('problem', 'errors', null, 'error', 'errors', 'crash', 'broken', 'fail', 'fails', 'failed', 'failure');
add('problem', 'errors', -1.8, 'crashes', 'crashing', 'crashed', 'outage', 'outages', 'error code', 'down again', 'still down');
add('problem', 'errors', -1.5, 'is down', 'are down', 'was down', "it's down", 'its down', 'server down', 'servers down', 'site down', 'app down', 'service down', 'buggy', 'glitchy');
add('problem', 'errors', -1.3, 'bug', 'bugs', 'glitch', 'glitches', 'timing out', 'timed out', 'times out', 'unavailable');
add('problem', 'errors', -2.1, 'went wrong');
add('context', 'errors', 0, '500', '502', '503', '504', 'server', 'servers');
// ---- quality
add('problem', 'quality', -1.5, 'pixelated', 'pixelation', 'pixelating', 'low quality', 'potato quality', 'out of sync');
add('problem', 'quality', -1.3, 'pixely', 'blurry', 'grainy', 'low res', 'low resolution', 'low-res');
add('problem', 'quality', -1.8, 'no sound', 'no audio', 'no picture', 'no video', 'no subtitles', 'no captions', 'no commentary');
add('problem', 'quality', -2.1, 'poor quality');
add('problem', 'quality', -2.5, 'bad quality');
add('context', 'quality', 0, 'subtitles', 'subtitle', 'captions', 'audio', 'sound', 'picture', 'quality', 'resolution', 'bitrate', '240p', '360p', '480p', '720p', '1080p', '4k', 'hd', 'uhd', 'hdr', 'commentary');
// ---- billing
add('problem', 'billing', -2.0, 'charged twice', 'charged me twice', 'double charged', 'billed twice', 'overcharged', 'overcharging', 'took my money');
add('problem', 'billing', -1.5, 'still charged', 'still charging', 'got charged', 'been charged', 'was charged', 'charged me', 'hidden fees', 'want a refund', 'want my money back');
add('problem', 'billing', -1.3, 'price hike', 'price increase');
add('problem', 'billing', null, 'charged');
add('context', 'billing', 0, 'refund', 'refunds', 'subscription', 'subscriptions', 'billing', 'billed', 'bill', 'invoice', 'payment', 'direct debit', 'price', 'renewal', 'money back');
// ---- customer service in general (no streaming topic)
add('problem', null, -1.0, 'issue', 'issues');
add('problem', null, -1.5, 'no response', 'no reply', 'no answer', 'no callback');
add('problem', null, -1.2, 'on hold');
add('form', null, -1.5, 'still waiting', 'thanks for nothing');
add('form', null, -1.2, 'been waiting', 'still nothing', 'yet again', 'over and over', 'every single time');
add('form', null, -0.8, 'any update', 'any updates', 'every time', 'nobody', 'no one', 'for hours', 'for ages', 'for days', 'for weeks', 'for a week', 'for an hour', 'for over an hour', 'since kick off', 'since kickoff', 'since kick-off', 'since yesterday', 'since this morning', 'since last night');
add('form', null, -0.6, 'again');
// ---- customer care (airlines, carriers, shops): faults of the service itself, no streaming topic.
// Valences by analogy: a lost or missed thing like "buffering"/"outage" (-1.8), lateness like VADER's
// "delay" (-1.3), unanswered contact like "no response" (-1.5). The single words ("delayed",
// "cancelled", "missing", "stuck") stay VADER's general words: they are news as often as complaints
// (except in a post addressed to the service: ADDRESSED_FAULTS below).
const OWNED = ['my', 'our', 'his', 'her', 'their', 'the'];
const LOSABLE = ['bag', 'bags', 'luggage', 'suitcase', 'suitcases', 'order', 'package', 'parcel', 'delivery', 'reservation', 'booking', 'seat', 'seats', 'stroller', 'car seat'];
add('problem', null, -1.8, ...['lost', 'misplaced'].flatMap((v) => OWNED.flatMap((d) => LOSABLE.map((x) => `${v} ${d} ${x}`))));
add('problem', null, -1.8, ...['missed', 'miss'].flatMap((v) => ['my', 'our'].flatMap((d) => ['flight', 'connection', 'connecting flight', 'train', 'appointment'].map((x) => `${v} ${d} ${x}`))));
add('problem', null, -1.3, 'running late', 'arrived late', 'arrives late', 'delivered late', 'always late', 'hours late', 'hour late', 'hrs late', 'minutes late', 'mins late', 'days late', 'weeks late', 'overbooked');
add('problem', null, -1.5, 'hung up on me', 'hung up on us', 'hangs up on', 'hang up on me', 'never showed up', "didn't show up", 'didnt show up', 'no show', 'no-show',
  'never called back', 'never called me back', "didn't call back", "didn't call me back", 'didnt call me back', 'no call back', 'no one answers', 'nobody answers',
  "can't get through", 'cant get through', "couldn't get through", 'couldnt get through', 'unable to get through',
  'never got my', 'never got a', 'never got any', "didn't get my", 'didnt get my', "haven't got my", "still haven't got",
  'no update', 'no updates', 'no help', 'no info', 'no information', 'no explanation', 'no communication', 'no compensation');
add('problem', 'billing', -1.5, 'no refund', 'still no refund', 'overpriced');
add('form', null, -1.5, ...['reply', 'response', 'answer', 'update', 'word', 'news', 'call', 'callback', 'email', 'sign', 'bag', 'luggage', 'help', 'one'].map((x) => `still no ${x}`));
/**
 * Faults said to the service itself. In a post addressed to someone (it opens with an @mention:
 * "@airline flight cancelled, stranded in Denver") these words are a complaint about that service;
 * elsewhere they are as often news ("games cancelled", "noise cancellation") and stay VADER's
 * general words. Valences by analogy: a cancellation or stranding like "outage" (-1.8), lateness
 * and being stuck like VADER's "delay" (-1.3).
 */
export const ADDRESSED_FAULTS: ReadonlyMap<string, number> = new Map<string, number>([
  ...['cancelled', 'canceled', 'cancel', 'cancels', 'cancelling', 'canceling', 'cancellation', 'cancellations', 'stranded', 'stranding'].map((w) => [w, -1.8] as const),
  ...['delayed', 'delay', 'delays', 'stuck', 'late'].map((w) => [w, -1.3] as const),
]);
/**
 * Complaint markers in a post addressed to the service, with no sentiment of their own: waiting,
 * and what the service should have done — expectations the service did not meet (a complaint is a
 * breach of expectations by the party it is addressed to: Preotiuc-Pietro et al., ACL 2019,
 * "Automatically identifying complaints in social media"). As the weak complaint forms ("for hours", -0.8).
 */
export const ADDRESSED_FORMS: ReadonlyMap<string, number> = new Map<string, number>([
  ...['waiting', 'sitting', 'should'].map((w) => [w, -0.8] as const),
]);
/**
 * "@airline my bags are in Denver", "@shop our order…": a customer writes to the service about their
 * own things in its hands mostly when something went wrong with them (weaker than a fault: as "for hours").
 */
export const ADDRESSED_BELONGINGS: readonly string[] = ['bag', 'bags', 'luggage', 'baggage', 'suitcase', 'suitcases', 'order', 'package', 'parcel', 'delivery', 'refund'];
export const ADDRESSED_BELONGINGS_VALENCE = -0.8;
// a thing that should have come, asked after ("where is my refund", "where's our luggage")
add('form', null, -1.0, ...['where is', "where's", 'wheres', 'where are', 'where the hell is'].flatMap((w) => ['my', 'our'].map((d) => `${w} ${d}`)));
// the name of the department is not praise: "customer care" (care +2.2), "tech support" (+1.7)
add('context', null, 0, 'customer service', 'customer services', 'customer care', 'customer support', 'customer relations', 'tech support', 'technical support',
  'support team', 'support staff', 'support agent', 'support ticket', 'help desk', 'helpdesk', 'help line', 'helpline', 'call centre', 'call center', 'care team');
// ---- warnings to other customers and intent not to come back (a review's or a complaint's
// closing line; no negative word, or a negated one that VADER would flip: "don't waste your money").
// Valences by analogy with VADER's "warning" (-1.4) / "avoid" (-1.2), "waste" (-1.8) and "terrible"
// (-2.1) for a lowest rating. As forms they are neither negated nor boosted, and "!" after them
// amplifies the warning, not the negated word.
add('form', null, -1.5, ...negatorVariants(
  "don't buy", "don't purchase", "don't order", "don't bother", "don't even bother", "don't get this", "don't get it",
  "never buy", "never buying", "never order", "never ordering", "never again",
  "won't be back", "won't be coming back", "won't be returning", "won't be ordering", "won't be buying",
  'never coming back', 'never going back', 'never go back', 'not coming back',
  "don't be fooled",
  'stay away', 'steer clear', 'look elsewhere', 'go elsewhere', 'shop elsewhere', 'keep looking', 'save your money', 'save your time',
));
add('form', null, -1.8, ...negatorVariants("don't waste your", "don't waste ur", "don't waste my"));
add('form', null, -2.0, 'zero stars', '0 stars', 'no stars', '1 star', 'one star', '1/10', '0/10', '1/5', '1 out of 10', '0 out of 10', '1 out of 5');
// a remedy the customer was forced into ("had to restart it", "had to call three times")
add('form', null, -1.2, ...['had to', 'have to', 'having to'].flatMap((h) => ['restart', 'reset', 'reboot', 'return', 'replace', 'send', 'call', 'contact', 'buy another', 'purchase another', 'buy a new', 'purchase a different', 'buy a different', 'take it back', 'reinstall'].map((v) => `${h} ${v}`)));
add('form', null, -1.2, 'returned it', 'returned them', 'returning it', 'returning them', 'return it', 'return them', 'sent it back', 'send it back', 'sending it back', 'sent them back', 'sending them back');
// ---- resolutions
add('resolution', null, 1.5, 'fixed', 'resolved', 'working now', 'works now', 'working again', 'works again', 'back to normal', 'up and running');
add('resolution', null, 1.2, 'back online', 'back up', 'sorted');
// ---- a service that works (VADER has "stable" 1.2 and "flawless" 2.3 but nothing for these)
add('resolution', null, 1.5, 'smooth', 'smoothly', 'seamless', 'seamlessly', 'rock solid');
add('resolution', null, 2.0, 'crystal clear');
// ---- a product that works ("works well", "working fine": the adverbs alone, well 1.1 / fine 0.8, read as faint praise)
add('resolution', null, 1.5, ...['works', 'worked', 'working'].flatMap((v) => ['well', 'fine', 'just fine'].map((a) => `${v} ${a}`)));

/** Every phrase of the operations lexicon. */
export const OPS_TERMS: readonly OpsTerm[] = terms;

/**
 * Function verbs: a negator followed by one ("can't log in", "won't load", "not working",
 * "didn't receive") is a fault report, whatever words surround it. The topic is that of the verb.
 */
export const FUNCTION_VERBS: ReadonlyMap<string, ComplaintTopic | null> = new Map<string, ComplaintTopic | null>([
  ...['load', 'loads', 'loading', 'loaded', 'play', 'plays', 'playing', 'stream', 'streams', 'streaming', 'start', 'starts', 'starting', 'watch', 'cast', 'casting', 'buffer', 'display', 'displaying'].map((v) => [v, 'playback'] as const),
  ...['log', 'logging', 'login', 'sign', 'signing', 'access', 'accessing', 'authenticate', 'verify', 'register'].map((v) => [v, 'access'] as const),
  ...['work', 'works', 'working', 'open', 'opens', 'opening', 'launch', 'launches', 'launching', 'respond', 'responding', 'connect', 'connects', 'connecting', 'install', 'installing', 'update', 'updating', 'download', 'downloading', 'sync', 'syncing', 'fix', 'fixed', 'fixing'].map((v) => [v, 'errors'] as const),
  ...['pay', 'cancel', 'cancelling', 'canceling', 'refund', 'refunded'].map((v) => [v, 'billing'] as const),
  ...['receive', 'received', 'arrive', 'arrives', 'arrived', 'delivered', 'resolve', 'resolved'].map((v) => [v, null] as const),
  // products: "doesn't fit", "did not match the photo" (not "last": "not last year")
  ...['fit', 'fits', 'match', 'matches'].map((v) => [v, null] as const),
  // customer care: "hasn't replied", "never responded", "not answering"
  ...['reply', 'replied', 'replying', 'responded', 'answered', 'answering'].map((v) => [v, null] as const),
]);
/** Negators that start a "negated function verb" ("stopped working", "unable to log in" included). */
export const VERB_NEGATORS: readonly string[] = [
  'not', 'never', 'cannot', 'cant', "can't", 'couldnt', "couldn't", 'wont', "won't", 'wouldnt', "wouldn't",
  'doesnt', "doesn't", 'dont', "don't", 'didnt', "didn't", 'isnt', "isn't", 'arent', "aren't", 'wasnt',
  "wasn't", 'werent', "weren't", 'havent', "haven't", 'hasnt', "hasn't", 'aint', "ain't", 'unable', 'stopped',
];
/** Words that may stand between the negator and the verb ("can't even log in", "won't let me sign in"). */
export const VERB_FILLERS: readonly string[] = ['even', 'ever', 'really', 'just', 'properly', 'still', 'actually', 'seem', 'seems', 'to', 'let', 'me', 'us', 'i', 'it', 'get', 'be', 'been', 'being', 'the', 'app', 'this', 'my'];
export const NEGATED_VERB_VALENCE = -1.8;

/** "keeps buffering", "kept kicking me out": the keep word is a complaint form... */
export const KEEP_WORDS: readonly string[] = ['keep', 'keeps', 'kept', 'keeping'];
export const KEEP_FORM_VALENCE = -0.9;
/** ...and a function verb after it with no valence of its own is a fault ("keeps loading"). */
export const KEEP_VERB_VALENCE = -1.5;
/** Fault verbs in -ing form that are not function verbs, with their topic, for "keeps X-ing". */
export const KEEP_FAULT_VERBS: ReadonlyMap<string, ComplaintTopic | null> = new Map<string, ComplaintTopic | null>([
  ...['dropping', 'spinning', 'cutting', 'skipping', 'pausing', 'reloading', 'rewinding', 'jumping'].map((v) => [v, 'playback'] as const),
  ...['kicking', 'asking', 'logging', 'signing'].map((v) => [v, 'access'] as const),
  ...['restarting', 'rebooting', 'disconnecting', 'closing', 'timing'].map((v) => [v, 'errors'] as const),
  ...['charging', 'billing'].map((v) => [v, 'billing'] as const),
]);

/** "why is/does/won't ..." opening a question is a complaint form. */
export const WHY_WORDS: readonly string[] = ['why', 'y', 'whyyy'];
export const WHY_FOLLOWERS: readonly string[] = [
  'is', "isn't", 'isnt', 'does', "doesn't", 'doesnt', 'do', "don't", 'dont', 'did', "didn't", 'didnt', 'won\'t', 'wont', "can't",
  'cant', 'cannot', 'are', "aren't", 'arent', 'has', "hasn't", 'hasnt', 'have', "haven't", 'havent', 'am', 'was', 'were', 'would',
  'the', 'on', 'tf', 'must', 'should', 'it', "it's", 'its', 'my', 'you', 'u',
];
export const WHY_FORM_VALENCE = -1.0;

/**
 * Politeness that is a request, not praise: in a post that reports a fault (and no fix), these
 * VADER-positive words ("please help", "thanks") carry no sentiment.
 */
export const REQUEST_WORDS: readonly string[] = ['please', 'pls', 'plz', 'plez', 'help', 'support', 'thanks', 'thank', 'thx', 'ty', 'kindly', 'appreciate', 'appreciated'];
