// Customer posts whose mood follows the match night: calm before kick-off, excitement at the big
// moments, anger about 403s / logins / buffering during the outage, relief after it.
// Post number n always has the same author and text for a given seed; the scenario decides how
// many posts are due by now. Kept in a bounded ring (the newest `capacity` posts).

import { MINUTE_MS, OUTAGE_WINDOW, wrapLoopMs } from './phases.ts';
import type { Scenario } from './scenario.ts';
import { hash32, pick, unit } from './random.ts';

export type Mood =
  | 'pre-match'
  | 'kick-off'
  | 'match'
  | 'goal'
  | 'half-time'
  | 'angry'
  | 'relief'
  | 'final-whistle'
  | 'post-match';

export interface Account {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly createdAtMs: number;
}

export interface Post {
  /** Sequence number of the post since the demo started (0, 1, 2, ...). */
  readonly seq: number;
  /** Snowflake-like id: strictly increasing, (created ms << 16) or later. */
  readonly id: string;
  readonly idValue: bigint;
  readonly createdAtMs: number;
  /** Scenario time (within the night) the post belongs to. */
  readonly scenarioMs: number;
  readonly mood: Mood;
  /** Plain text (hashtags and mentions included as typed). */
  readonly text: string;
  /** Hashtags without '#', in the case they were typed. */
  readonly tags: readonly string[];
  readonly account: Account;
  readonly language: string;
}

// --- authors -----------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Thabo', 'Lerato', 'Sipho', 'Naledi', 'Johan', 'Anika', 'Pieter', 'Zanele', 'Ayesha', 'Kagiso',
  'Emma', 'Liam', 'Sofia', 'Marco', 'Priya', 'Chen', 'Olu', 'Amara', 'Ben', 'Chloe', 'Tendai',
  'Nomsa', 'Ruan', 'Fatima', 'Lukas', 'Hannah', 'Mandla', 'Kyle', 'Jess', 'Bongani',
];
const HANDLE_WORDS = ['fan', 'rovers', 'couch', 'ultra', 'stands', 'pitch', 'goals', 'kickoff', 'lounge', 'sofa', 'braai', 'terrace'];
const ACCOUNT_COUNT = 240;

function makeAccounts(seed: number): Account[] {
  const accounts: Account[] = [];
  for (let i = 0; i < ACCOUNT_COUNT; i++) {
    const first = pick(FIRST_NAMES, unit(seed, 7001, i));
    const word = pick(HANDLE_WORDS, unit(seed, 7002, i));
    const digits = hash32(seed, 7003, i) % 100;
    accounts.push({
      id: String(109_000_000 + i * 37),
      username: `${first.toLowerCase()}_${word}${digits}`,
      displayName: `${first} ${String.fromCharCode(65 + (hash32(seed, 7004, i) % 26))}.`,
      createdAtMs: Date.UTC(2019, 0, 1) + (hash32(seed, 7005, i) % 1500) * 86_400_000,
    });
  }
  return accounts;
}

// --- what people write -------------------------------------------------------------------------

const TEMPLATES: Readonly<Record<Mood, readonly string[]>> = {
  'pre-match': [
    'Snacks ready, app open. Bring on Rovers vs City! #MatchNight',
    'Pre-match show looking crisp in 4K tonight #MatchNight',
    'Whole family on the couch already. Kick-off in a few minutes #RoversVsCity',
    'Logged in early this time, not missing a second #MatchNight',
    'Stream quality is great so far, well done @StreamCoHelp',
    'Who else is watching from the office? #MatchNight',
    'Team sheets are out. Big night for Rovers #RoversVsCity',
  ],
  'kick-off': [
    "AND WE'RE OFF! #MatchNight #RoversVsCity",
    'Kick-off! Pub is packed and the stream is flawless #MatchNight',
    'Made it just in time for kick-off #RoversVsCity',
    'Here we go!!! Come on Rovers #MatchNight',
    'Slight buffer at kick-off but all good now #MatchNight',
  ],
  match: [
    "{minute}' and still tense #RoversVsCity",
    'What a save! #MatchNight',
    'Referee needs glasses #RoversVsCity',
    'Picture quality on this stream is unreal #MatchNight',
    "{minute}' – City pressing hard #RoversVsCity",
    'Commentary team is on fire tonight #MatchNight',
    'Watching on the phone on the train, works perfectly #MatchNight',
  ],
  goal: [
    'GOOOOAAAL!!! #MatchNight #RoversVsCity',
    "What a strike in the {minute}' #RoversVsCity",
    'Neighbours just screamed. Then my stream showed the goal 2 seconds later #MatchNight',
    'GOAL! Replay please! #MatchNight',
  ],
  'half-time': [
    'Half-time. Kettle on #MatchNight',
    'Good first half. Stream has been rock solid #RoversVsCity',
    'Half-time analysis is better than the match so far #MatchNight',
    'Quick run to the shop before the second half #MatchNight',
  ],
  angry: [
    '403 Forbidden?! I PAY for premium @StreamCoHelp #StreamDown',
    "Error 403: 'You are not entitled to view this content'. I am. #StreamDown #403",
    "Can't log in. Again. Second half and I'm staring at a login screen #StreamDown",
    'Black screen with sound only. Seriously @StreamCoHelp? #StreamDown',
    'Buffering buffering buffering #StreamDown #MatchNight',
    'Whole pub staring at a spinning wheel #StreamDown',
    'Got kicked out mid-match and now it says my subscription is not active?? #403 #StreamDown',
    'Reinstalled the app, still 403. Missing the match #StreamDown',
    "Login keeps failing: 'something went wrong'. Great timing @StreamCoHelp #StreamDown",
    'Paying customer for 4 years and I get a 403 on the biggest night of the season #StreamDown',
    'Is it just me? Playback error on every device #StreamDown',
    'Black screen on the TV, 403 on the phone. Cancelling. #StreamDown',
  ],
  relief: [
    "It's back! Just in time #MatchNight",
    'Stream working again, thank you @StreamCoHelp',
    'Back in. What did I miss? #RoversVsCity',
    'Finally! No more 403 #StreamDown',
    'Phew, playback is back on all devices #MatchNight',
  ],
  'final-whistle': [
    'FULL TIME! What a night #MatchNight #RoversVsCity',
    'Full time. Rovers deserved that #RoversVsCity',
    'Great match, shame about the outage #StreamDown #MatchNight',
    'What a game. Off to bed #MatchNight',
  ],
  'post-match': [
    'Still buzzing from that match #RoversVsCity',
    'Watching the highlights again #MatchNight',
    'Post-match interviews streaming fine #MatchNight',
    'See you next week for the derby #MatchNight',
  ],
};

/** Match minute shown in posts ("67'"), from the scenario minute. */
function matchMinute(minute: number): number {
  if (minute < 65) return Math.max(1, Math.floor(minute - 20) + 1);
  return Math.min(90, Math.floor(minute - 80) + 46);
}

/** The mood of a post written at this minute of the night, given how hard the outage hits. */
export function moodAt(minute: number, outage: number, scripted: boolean, r: number): Mood {
  if (outage > 0.2 && r < 0.35 + 0.6 * outage) return 'angry';
  const outageEnd = OUTAGE_WINDOW.endMs / MINUTE_MS;
  if (scripted && minute >= outageEnd && minute < outageEnd + 10 && r < 0.65) return 'relief';
  if (minute < 19) return 'pre-match';
  if (minute < 25) return 'kick-off';
  if ((minute >= 38 && minute < 41) || (minute >= 91 && minute < 94) || (minute >= 117 && minute < 120)) return 'goal';
  if (minute >= 65 && minute < 80) return 'half-time';
  if (minute >= 125 && minute < 132) return 'final-whistle';
  if (minute >= 132) return 'post-match';
  return 'match';
}

function hashtags(text: string): string[] {
  return [...text.matchAll(/#([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

// --- the stream of posts -----------------------------------------------------------------------

export interface PostStreamOptions {
  /** How many posts are kept (the newest). Default 2000. */
  capacity?: number;
  /** Scenario minutes of history generated at start, so feeds are not empty. Default 20. */
  backlogMinutes?: number;
  nowMs: number;
}

export class PostStream {
  readonly capacity: number;
  private readonly scenario: Scenario;
  private readonly accounts: Account[];
  private readonly ring: Post[] = [];
  private readonly backlog: number;
  private nextSeq = 0;
  private lastWallMs: number;
  private lastId = 0n;

  constructor(scenario: Scenario, options: PostStreamOptions) {
    this.scenario = scenario;
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 2000));
    this.accounts = makeAccounts(scenario.seed);
    const now = options.nowMs;
    this.lastWallMs = now;

    // A short history so the first look at a feed is not empty.
    const backlogMs = (options.backlogMinutes ?? 20) * MINUTE_MS;
    const start = scenario.elapsedMs(now);
    this.backlog = Math.min(this.capacity, Math.floor(scenario.postsBetween(start - backlogMs, start)));
    for (let i = 0; i < this.backlog; i++) {
      const f = (i + 1) / (this.backlog + 1);
      const scenarioMs = start - backlogMs + f * backlogMs;
      this.add(now - (backlogMs * (1 - f)) / scenario.speed, scenarioMs);
    }
  }

  /** Generate the posts that have become due by `nowMs`, spread evenly since the last batch. */
  sync(nowMs: number): void {
    const due = this.backlog + Math.floor(this.scenario.postsDue(nowMs));
    const n = due - this.nextSeq;
    if (n <= 0) return;
    const fromWall = this.lastWallMs;
    const toWall = Math.max(nowMs, fromWall);
    const fromScenario = this.scenario.elapsedMs(fromWall);
    const toScenario = this.scenario.elapsedMs(toWall);
    const skip = Math.max(0, n - this.capacity); // older ones would fall out of the ring anyway
    this.nextSeq += skip;
    for (let i = skip; i < n; i++) {
      const f = (i + 1) / n;
      this.add(fromWall + f * (toWall - fromWall), fromScenario + f * (toScenario - fromScenario));
    }
    this.lastWallMs = toWall;
  }

  /** The kept posts, oldest first. */
  list(): readonly Post[] {
    return this.ring;
  }

  /** Total posts generated since start (including those that left the ring). */
  get total(): number {
    return this.nextSeq;
  }

  private add(wallMs: number, elapsedScenarioMs: number): void {
    const seq = this.nextSeq++;
    const seed = this.scenario.seed;
    const createdAtMs = Math.round(wallMs);
    const minId = BigInt(createdAtMs) << 16n;
    const idValue = minId > this.lastId ? minId : this.lastId + 1n;
    this.lastId = idValue;

    const scenarioMs = wrapLoopMs(elapsedScenarioMs);
    const minute = scenarioMs / MINUTE_MS;
    const conditions = this.scenario.conditionsAtScenario(scenarioMs);
    const mood = moodAt(minute, conditions.outage, this.scenario.outageMode === 'scripted', unit(seed, 7100, seq));
    const template = pick(TEMPLATES[mood], unit(seed, 7101, seq));
    const text = template.replace('{minute}', String(matchMinute(minute)));
    this.ring.push({
      seq,
      id: idValue.toString(),
      idValue,
      createdAtMs,
      scenarioMs,
      mood,
      text,
      tags: hashtags(text),
      account: pick(this.accounts, unit(seed, 7102, seq)),
      language: 'en',
    });
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
  }
}
