import { describe, expect, it } from 'vitest';
import { compileNames, scoreSentiment, type SentimentLabel } from './scorer.ts';

const score = (text: string) => scoreSentiment(text);
const label = (text: string): SentimentLabel => scoreSentiment(text).label;
const compound = (text: string) => scoreSentiment(text).compound;
const terms = (text: string) => scoreSentiment(text).drivers.map((d) => d.term);

describe('scoreSentiment: the result', () => {
  it('gives a compound in [-1, 1], a label, topics and the terms that drove it', () => {
    for (const text of ['', 'ok', 'AMAZING!!!! LOVE IT SO MUCH 😍😍😍', 'WORST. STREAM. EVER. 😡😡😡 buffering buffering buffering']) {
      const r = score(text);
      expect(r.compound).toBeGreaterThanOrEqual(-1);
      expect(r.compound).toBeLessThanOrEqual(1);
      expect(['negative', 'neutral', 'positive']).toContain(r.label);
      expect(Array.isArray(r.topics)).toBe(true);
    }
    const r = score('the stream is great but the app keeps crashing');
    expect(r.drivers.map((d) => d.term)).toEqual(expect.arrayContaining(['crashing', 'great']));
    expect(r.drivers.find((d) => d.term === 'crashing')!.weight).toBeLessThan(0);
    expect(r.drivers.find((d) => d.term === 'great')!.weight).toBeGreaterThan(0);
  });

  it('keeps a plainly positive post positive and neutral news neutral', () => {
    expect(label('Crystal clear picture for the final, well done team!')).toBe('positive');
    expect(label('love the new multi-view feature, best app ever')).toBe('positive');
    expect(label('The final is on Saturday at 3pm on the sports channel')).toBe('neutral');
    expect(label('StreamCo announces new pricing for 2025 plans')).toBe('neutral');
    expect(score('The final is on Saturday at 3pm').topics).toEqual([]);
  });
});

describe('VADER rules', () => {
  it('an expletive right before a sentiment word intensifies it rather than counting as negative', () => {
    expect(label('freaking love that song')).toBe('positive');
    expect(compound('damn good match')).toBeGreaterThan(compound('good match'));
    expect(compound('freaking awful stream')).toBeLessThan(compound('awful stream'));
    expect(terms('freaking love that song')).not.toContain('freaking');
    // on its own it is still a word of the lexicon
    expect(compound('damn')).toBeLessThan(0);
  });

  it('an impersonal link share reports rather than evaluates: its general sentiment words count half', () => {
    const headline = 'Rovers win the derby in a great comeback';
    expect(compound(`${headline} https://news.example/1`)).toBeLessThan(compound(headline));
    // Not when someone speaks for themselves, exclaims or uses an emoji; complaint terms never.
    expect(compound(`I loved it, ${headline} https://news.example/1`)).toBeGreaterThan(compound(`${headline} https://news.example/1`));
    expect(compound(`${headline}! https://news.example/1`)).toBeGreaterThan(compound(`${headline} https://news.example/1`));
    expect(compound('StreamCo app not working, buffering everywhere https://status.example')).toBe(compound('StreamCo app not working, buffering everywhere'));
  });

  it('scores a superlative missing from the lexicon as its adjective', () => {
    expect(compound('the coolest feature of the app')).toBeGreaterThan(0.2);
    expect(label('the saddest final ever')).toBe('negative');
    expect(terms('funniest commentary')).toContain('funniest');
    expect(compound('the latest news')).toBe(0); // "lat" is not a word
  });

  it('weighs the strongest expression, not only the sum of the words', () => {
    // A plain sum puts four mild words 0.2 above one strong word; the peak term halves the gap.
    expect(compound('nice, fine, ok, good') - compound('superb')).toBeLessThan(0.15);
    expect(compound('sad, tired, bored and a bit annoyed') - compound('I hate this')).toBeGreaterThan(-0.25);
    expect(compound('superb')).toBeGreaterThan(compound('nice'));
  });
  it('negation flips a sentiment word: "not good", "never", "isn\'t"', () => {
    expect(label('the stream is good')).toBe('positive');
    expect(label('the stream is not good')).toBe('negative');
    expect(label('the picture was never good')).toBe('negative');
    expect(label("the picture isn't good")).toBe('negative');
    expect(label('Not bad at all')).toBe('positive');
    // curly apostrophe: negates as the straight one does
    expect(compound('At least it isn’t a horrible stream.')).toBeGreaterThan(0);
    expect(compound('At least it isn’t a horrible stream.')).toBe(compound("At least it isn't a horrible stream."));
  });

  it('a negated negative word is an understatement, far weaker than the positive word it is not', () => {
    expect(label('security was slow but the line isnt bad')).not.toBe('positive');
    expect(compound('the line is not bad')).toBeGreaterThan(0);
    expect(compound('the line is not bad')).toBeLessThan(compound('the line is good') / 3);
    expect(label("I wouldn't worry about it")).toBe('neutral');
    // "at all" makes it emphatic; negated positive words and complaint terms keep VADER's flip
    expect(label('not bad at all, the stream held up')).toBe('positive');
    expect(label('the app is not good')).toBe('negative');
    expect(scoreSentiment('zero lag tonight').drivers[0]!.weight).toBeGreaterThan(1);
  });

  it('intensifiers strengthen and dampeners weaken', () => {
    expect(compound('the stream is very good')).toBeGreaterThan(compound('the stream is good'));
    expect(compound('the stream is extremely bad')).toBeLessThan(compound('the stream is bad'));
    expect(compound('the stream is kind of good')).toBeLessThan(compound('the stream is good'));
    expect(compound('the stream is kind of good')).toBeGreaterThan(0);
    expect(compound('the stream is slightly annoying')).toBeGreaterThan(compound('the stream is annoying'));
  });

  it('"but" shifts the weight to what follows it', () => {
    expect(label('the stream is great but the app keeps crashing')).toBe('negative');
    expect(label('the app was slow to load but the stream was brilliant')).toBe('positive');
    expect(label('Love the new design but it logs me out constantly')).toBe('negative');
    // a general word after "but" is not weighted up: what precedes still counts half
    const after = scoreSentiment('the queue was slow but the staff were good').drivers.find((d) => d.term === 'good')!;
    expect(after.weight).toBe(scoreSentiment('the staff were good').drivers[0]!.weight);
  });

  it('ALL-CAPS emphasis among lower-case words strengthens a word', () => {
    expect(compound('the final was AMAZING')).toBeGreaterThan(compound('the final was amazing'));
    expect(compound('this stream is TERRIBLE')).toBeLessThan(compound('this stream is terrible'));
  });

  it('exclamation marks amplify, up to four', () => {
    expect(compound('great match!!!')).toBeGreaterThan(compound('great match'));
    expect(compound('awful stream!!!')).toBeLessThan(compound('awful stream'));
    expect(compound('great match!!!!!!!!')).toBeCloseTo(compound('great match!!!!'), 10);
  });

  it('reads emoticons and emoji', () => {
    expect(label('stream is back :)')).toBe('positive');
    expect(label('stream is down again :(')).toBe('negative');
    expect(label('the final 😍')).toBe('positive');
    expect(label('the final 😡')).toBe('negative');
    expect(label('great, another update 🙄🙄')).not.toBe('positive');
    expect(compound('half time 🙄')).toBeLessThan(0);
    expect(label('what a match:)))')).toBe('positive'); // repeated emoticon mouth
    expect(label('tonight❤️')).toBe('positive'); // emoji glued to a word, with its variation selector
    // explicit affect markers weigh more than VADER's constants: a tongue and a "!" read as positive
    expect(label('and the countdown begins! :p')).toBe('positive');
    expect(label('still at work :-(')).toBe('negative');
    // emoticons VADER lacks; "D:" is dismay, not the lexicon's case-folded "d:" (+1.2)
    expect(label('the stream froze in the last minute D: D:')).toBe('negative');
    expect(label('see you at the match ^_^')).toBe('positive');
    expect(label('missed the kick off T_T')).toBe('negative');
  });

  it('reads laughter spelled out and informal words VADER lacks', () => {
    expect(label('hahahaha the intro')).toBe('positive');
    expect(label('ahahah what a goal')).toBe('positive');
    expect(label('hehe, the replay')).toBe('positive');
    expect(label('lolol that pass')).toBe('positive');
    expect(label('hash tag')).toBe('neutral'); // "ha" syllables inside a word are not laughter
    expect(label('stoked for the final')).toBe('positive');
    expect(label('gutted, missed the kick off')).toBe('negative');
    expect(label('eww that kit')).toBe('negative');
  });

  it('weighs sentiment words inside a Title-Case name half', () => {
    expect(compound('watching American Horror Story tonight')).toBeGreaterThan(compound('watching american horror story tonight'));
    expect(compound("I'm watching An Idiot Abroad")).toBeGreaterThan(compound("I'm watching an idiot abroad"));
    expect(compound('Great game tonight')).toBeCloseTo(compound('great game tonight'), 10); // opening a sentence is not a name
  });

  it('a response token opening a sentence answers rather than evaluates: it counts half', () => {
    expect(label('@sam Yes, get another opinion.')).toBe('neutral');
    expect(compound('@sam Oh ok, I will look into that')).toBeLessThan(compound('I will look into that, ok'));
    // inside a sentence it keeps its lexicon valence
    expect(label('she finally said yes to the new plan')).toBe('positive');
    expect(label('yes yes YES we won the final!!')).toBe('positive');
  });

  it('matches elongated words and weighs them more', () => {
    expect(label('sooo bad')).toBe('negative');
    expect(compound('sooo bad')).toBeLessThan(compound('so bad'));
    expect(compound('goooood stream')).toBeGreaterThan(compound('good stream'));
  });

  it('scores hashtags by their words, including camel-case ones', () => {
    expect(label('watching the final on the app #fail')).toBe('negative');
    expect(label('new season out now #EpicWin')).toBe('positive');
  });

  it('ignores @mentions and URLs', () => {
    expect(compound('@happyfan check https://example.com/great-awesome-love')).toBe(0);
    expect(label('@LoveStreams what time does it start? www.lovely.example')).toBe('neutral');
    expect(terms('@SuperHappy the stream died')).not.toContain('SuperHappy');
  });

  it('does not let negation cross a sentence boundary', () => {
    expect(label("I don't know. Great match!")).toBe('positive');
    expect(label("I don't know great match")).toBe('negative');
    // "no" ending a sentence is the word "no", not a negation of the next sentence's first word
    expect(terms('Oh no. Escape while you can')).toContain('no');
    expect(compound('oh no. escape while you can')).toBeLessThan(0);
  });

  it('reads HTML entities as the characters they stand for', () => {
    expect(label('you &lt;3')).toBe('positive');
    expect(compound('Tom &amp; Jerry &gt; Road Runner')).toBe(0);
  });
});

describe('operations lexicon', () => {
  it('a complaint with no negative word still scores negative: "why does it keep loading since kick off??"', () => {
    const r = score('why does it keep loading since kick off??');
    expect(r.label).toBe('negative');
    expect(r.topics).toEqual(['playback']);
  });

  it('"403 again on the app" is negative, about access', () => {
    const r = score('403 again on the app');
    expect(r.label).toBe('negative');
    expect(r.topics).toEqual(['access']);
  });

  it('"can\'t log in" is an access complaint, in any spelling', () => {
    for (const text of ["can't log in", 'cant log in on the tv app', 'I cannot sign in', 'unable to log in since the update', 'won’t let me log in']) {
      const r = score(text);
      expect(r.label, text).toBe('negative');
      expect(r.topics, text).toContain('access');
    }
  });

  it('"charged twice" is a billing complaint', () => {
    const r = score('charged twice this month');
    expect(r.label).toBe('negative');
    expect(r.topics).toEqual(['billing']);
  });

  it('recognises each topic', () => {
    const cases: [string, string][] = [
      ['buffering every 30 seconds', 'playback'],
      ['black screen with sound only', 'playback'],
      ['the stream froze right at the penalty', 'playback'],
      ['so much lag tonight', 'playback'],
      ['kicked out mid match', 'access'],
      ['403 forbidden on the web player', 'access'],
      ['error 500 when I press play', 'errors'],
      ['the app keeps crashing', 'errors'],
      ['is the site down?', 'errors'],
      ['not working on my TV', 'errors'],
      ['picture is so pixelated', 'quality'],
      ['audio out of sync again', 'quality'],
      ['no sound on the replay', 'quality'],
      ['I want a refund for tonight', 'billing'],
      ['cancelled my subscription and still charged', 'billing'],
    ];
    for (const [text, topic] of cases) {
      const r = score(text);
      expect(r.label, text).toBe('negative');
      expect(r.topics, text).toContain(topic);
    }
  });

  it('reads generic complaint forms', () => {
    for (const text of ['still waiting for a reply from support', 'why is the app like this', "won't load", 'it keeps buffering', 'on hold for hours', 'down AGAIN']) {
      expect(label(text), text).toBe('negative');
    }
  });

  it('a negated fault is good news, and a fix is positive', () => {
    expect(compound('no buffering at all tonight')).toBeGreaterThan(0);
    expect(label('no buffering at all tonight, great job')).toBe('positive');
    expect(compound('zero lag tonight')).toBeGreaterThan(0);
    expect(score('zero lag tonight').topics).toEqual([]);
    expect(label('fixed now, thanks for the quick response')).toBe('positive');
    expect(score('no buffering at all tonight').topics).toEqual([]);
  });

  it('politeness in a fault report is a request, not praise', () => {
    expect(label('please help, the stream keeps freezing')).toBe('negative');
    expect(label('@support thanks, but it still wont load')).toBe('negative');
  });

  it('praise next to a fault with no "but" reads as sarcasm', () => {
    expect(label('oh great, buffering. love that for me')).toBe('negative');
  });

  it('names a topic from context words only for a negative post without a specific fault', () => {
    expect(score("I'm not happy with the picture quality lately").topics).toEqual(['quality']);
    expect(score('the picture quality is amazing').topics).toEqual([]);
  });

  it('shows the phrase as written among the drivers', () => {
    expect(terms("I can't log in")).toContain("can't log in");
    expect(terms('BLACK SCREEN again')).toContain('BLACK SCREEN');
  });
});

describe('customer complaints (fourth round)', () => {
  it('reads complaint words VADER lacks with the valence of a VADER synonym, under the usual rules', () => {
    expect(compound('Piece of junk.')).toBe(compound('Piece of crap.'));
    expect(compound('the app is unusable')).toBe(compound('the app is useless'));
    expect(label('The dialogue is atrocious.')).toBe('negative');
    expect(label('So just beware.')).toBe('negative');
    expect(label('Poorly made hinge.')).toBe('negative');
    expect(label('what a rip off, over charged on shipping')).toBe('negative');
    expect(label('Very Dissapointing Performance.')).toBe('negative');
    // negation and boosters apply as to any lexicon word
    expect(compound('totally unreliable service')).toBeLessThan(compound('unreliable service'));
    expect(compound('it is not junk')).toBeGreaterThan(compound('it is junk'));
  });
});

describe('warnings and intent not to come back (fourth round)', () => {
  it('a warning to other customers is negative, whether or not it has a negative word', () => {
    for (const text of ["Don't buy it.", 'DO NOT PURCHASE THIS PHONE.', "Don't bother - go to the store.", 'Stay away from this store', 'Steer clear of this one', 'Save your money.', 'look elsewhere']) {
      expect(label(text), text).toBe('negative');
    }
  });

  it('"don\'t waste your money" is a warning, not a negated "waste", and "!" amplifies it', () => {
    expect(label("Don't waste your money")).toBe('negative');
    expect(compound("Don't waste your money!")).toBeLessThan(compound("Don't waste your money"));
    expect(label('dont waste ur time on this')).toBe('negative');
    // the negator of the form does not flip what follows it
    expect(compound("don't buy this junk")).toBeLessThan(compound("don't buy this"));
  });

  it('intent not to return, a lowest rating and returning the item are complaints', () => {
    for (const text of ["We won't be back.", 'never again', 'Zero stars', 'Rating: 1 out of 10.', 'I gave it 1 star', 'Sending it back.', "I'm returning them."]) {
      expect(label(text), text).toBe('negative');
    }
  });
});

describe('customer care (fourth round)', () => {
  it('reads the faults of a carrier or a shop as complaints', () => {
    for (const text of [
      '@airline lost my bag and nobody at the desk knows anything',
      'flight delayed again, missed my connection',
      '@shop still no reply to my email from last week',
      '@carrier your agent hung up on me',
      "@carrier customer care hasn't replied in 3 days",
      "can't get through to anyone on the phone",
      'package never arrived and still no refund',
      'our flight is 4 hours late',
      '@airline never got my refund',
      'flight canceled, no explanation, no compensation',
      'your customer service is a joke',
    ]) {
      expect(label(text), text).toBe('negative');
    }
  });

  it('the name of a care department is not praise', () => {
    // "care" +2.2 and "support" +1.7 in VADER
    expect(compound('customer care')).toBe(0);
    expect(compound('call tech support')).toBe(0);
    expect(label('Essentially you can forget their tech support.')).toBe('negative');
    expect(label('customer service was really helpful, fixed it in 5 minutes')).toBe('positive');
  });

  it('leaves plain questions to a carrier and thanks neutral or positive', () => {
    expect(label("@airline what's the baggage allowance for international flights?")).toBe('neutral');
    expect(label('@airline thank you for the great service today!')).toBe('positive');
  });
});

describe('negated difficulty nouns (fourth round)', () => {
  it('"no problems", "no complaints", "won\'t regret it" assert the good state, not an understatement', () => {
    expect(label("I haven't had any problem with it, works!")).toBe('positive');
    expect(label('You won\'t regret it!')).toBe('positive');
    expect(compound('no complaints')).toBeGreaterThan(0.15);
    // an evaluative word negated is still an understatement
    expect(compound('the line is not bad')).toBeLessThan(compound('no complaints'));
    expect(label("I wouldn't worry about it")).toBe('neutral');
  });
});

describe('praise of customers and reviewers (fourth round)', () => {
  it('"couldn\'t be happier" is a superlative, not a negation', () => {
    expect(label("I couldn't be happier with it")).toBe('positive');
    expect(label('it could not be better')).toBe('positive');
    expect(compound("can't get any better")).toBeGreaterThan(compound('better'));
    expect(compound("it couldn't be worse")).toBeLessThan(compound('it is worse'));
    // an ordinary negation still flips
    expect(label("I couldn't be happy there")).toBe('negative');
  });

  it('reads praise idioms with no sentiment word, under the usual rules', () => {
    for (const text of ['Just what I wanted.', 'Gets the job done.', 'Works for me.', 'Works well.', 'it works just fine', 'Product is exactly as described.', '10/10', 'I gave it 5 stars', 'a must have', "It has everything I need and I couldn't ask for more."]) {
      expect(label(text), text).toBe('positive');
    }
    expect(label("Doesn't do the job.")).toBe('negative');
    // sarcasm beside a fault, as for any praise word
    expect(label('great, another error screen. just what I needed on a Friday night')).toBe('negative');
  });

  it('intent to come back is praise, and negated it is a complaint', () => {
    expect(label('Will order from them again!')).toBe('positive');
    expect(label('I would definitely buy from them again.')).toBe('positive');
    expect(label('I will never fly with them again')).toBe('negative');
    expect(label("won't be ordering from them again")).toBe('negative');
    // "again" alone stays the complaint form
    expect(label('buffering again')).toBe('negative');
  });
});

describe('review complaints without a sentiment word (fourth round)', () => {
  it('"too" before a word with no sentiment states an excess', () => {
    expect(label('Buttons are too small.')).toBe('negative');
    expect(label('The film is way too long.')).toBe('negative');
    // negated it is an understatement; before a lexicon word VADER's rules stay; "me too" is "also"
    expect(label('not too big, fits in a pocket')).toBe('neutral');
    expect(compound('too funny')).toBe(compound('funny'));
    expect(compound('me too')).toBe(0);
    expect(compound('Eager to speak today too, Jim')).toBe(compound('Eager to speak today, Jim'));
  });

  it('coming apart, not fitting and a forced remedy are complaints', () => {
    expect(label('the case fell apart after a week')).toBe('negative');
    expect(label("the lid doesn't fit")).toBe('negative');
    expect(label('The holster did not match the photo in the ad.')).toBe('negative');
    expect(label('So I had to restart it.')).toBe('negative');
    expect(label('had to call three times to cancel')).toBe('negative');
  });
});

describe('sarcastic thanks, disappointed expectations, fragility, volition (fourth round)', () => {
  it('thanks for something bad is sarcasm', () => {
    expect(label('Thank you for wasting my money.')).toBe('negative');
    expect(label('@airline thanks for the 3 hour delay')).toBe('negative');
    expect(terms('thanks for losing my bag')).not.toContain('thanks');
    // sincere thanks, and thanks before a "but", stay
    expect(label('thanks for the quick reply')).toBe('positive');
    expect(terms('thanks for the reply but I am still sad')).toContain('thanks');
  });

  it('"expected better" is disappointment', () => {
    expect(label('I would still have expected better quality.')).toBe('negative');
    expect(label('I Was Hoping for More.')).toBe('negative');
    expect(compound('expect more updates soon')).toBeGreaterThanOrEqual(0);
  });

  it('the ease of damage is fragility', () => {
    expect(label('Earbud piece breaks easily.')).toBe('negative');
    expect(label('Phone falls out easily.')).toBe('negative');
    expect(label('easy to use, pairs easily')).toBe('positive');
    expect(compound('I fall asleep easily')).toBeGreaterThan(0);
  });

  it('"I\'d like to" is volition, not liking', () => {
    expect(label("I'd like to return it.")).toBe('negative');
    expect(compound('I would like a refund')).toBeLessThan(compound('I like it'));
    expect(label('DO NOT BE FOOLED!')).toBe('negative');
  });
});

describe('slow and bland (fourth round)', () => {
  it('read as VADER\'s "sluggish" and "dull"', () => {
    expect(label('Internet is excruciatingly slow.')).toBe('negative');
    expect(label('The film looks cheap and bland.')).toBe('negative');
    expect(compound('not slow at all')).toBeGreaterThan(0);
  });
});

describe('posts addressed to the service (fifth round)', () => {
  it('a cancellation, a delay or being stranded, said to the service, is a complaint; in news it stays a general word', () => {
    expect(label('@carrier flight cancelled, now stranded in Denver')).toBe('negative');
    expect(label('@carrier my connection was delayed')).toBe('negative');
    expect(score('@carrier flight cancelled, now stranded in Denver').drivers.map((d) => d.term)).toEqual(expect.arrayContaining(['cancelled', 'stranded']));
    expect(compound('@carrier my connection was delayed')).toBeLessThan(compound('my connection was delayed'));
    const weight = (text: string) => score(text).drivers.find((d) => d.term === 'cancelled')!.weight;
    expect(weight('Saturday games cancelled after snow')).toBe(-1); // VADER's own valence
    expect(weight('@carrier my flight got cancelled')).toBe(-1.8);
  });

  it('praise beside a delay is not sarcasm: it is often for how the delay was handled', () => {
    expect(label('@carrier the crew was awesome during the delays, thank you!')).toBe('positive');
  });

  it('asking the service for help is a request, not praise', () => {
    expect(label('@carrier please help, I need to rebook')).toBe('neutral');
    expect(terms('@carrier please help, I need to rebook')).not.toContain('help');
    // elsewhere VADER's valence stays
    expect(terms('thanks so much for the help')).toContain('help');
  });

  it('telling the service how long something took is a complaint', () => {
    for (const text of ['@carrier 3 hours on the tarmac', '@carrier been on the phone for 45 mins', '@carrier 48hrs and counting', '@shop an hour in the queue']) {
      expect(label(text), text).toBe('negative');
    }
    expect(terms('@carrier 3 hours on the tarmac')).toEqual(['3 hours']);
    // not said to anyone, or not a duration
    expect(label('3 hours until kick off')).toBe('neutral');
    expect(label('@carrier have a nice day')).toBe('positive');
  });

  it('waiting, sitting and what the service should have done are complaint markers when said to it', () => {
    expect(label('@carrier waiting at the gate, nobody here')).toBe('negative');
    expect(label('@carrier you should tell people before they board')).toBe('negative');
    expect(label('@carrier sitting on the plane at the gate')).toBe('negative');
    // not said to anyone: no sentiment of their own
    expect(compound('waiting for the bus, sitting on the bench')).toBe(0);
    expect(compound('you should watch this')).toBe(0);
  });

  it('"it would be nice if…" said to the service is what it should have done, not praise', () => {
    expect(label('@carrier would be nice if someone answered the phone')).toBe('negative');
    expect(label("@carrier it'd be great to get an update")).toBe('negative');
    expect(label('@carrier some water would have been nice')).toBe('negative');
    // not said to anyone, it stays VADER's (wistful) praise; said plainly, it is praise
    expect(compound('would be nice to see you all again')).toBeGreaterThan(0);
    expect(label('@carrier the crew was nice')).toBe('positive');
  });

  it('the name of a mentioned account is a name, not a sentiment word', () => {
    // VADER has "united" +1.8 and "amazon" +0.7
    expect(terms('@united flying United to Denver today')).not.toContain('United');
    expect(label('@united flying United to Denver today')).toBe('neutral');
    expect(compound('@AmazonHelp ordered it from Amazon')).toBe(0);
    expect(compound('ordered it from Amazon')).toBeGreaterThan(0);
    expect(terms('the nations united against it')).toContain('united');
  });

  it('lateness said to the service is a complaint', () => {
    expect(label('@carrier the 8:15 was late')).toBe('negative');
    expect(label('the 8:15 was late')).toBe('neutral');
  });

  it('writing to the service about one\'s own bags or order is a complaint; asking after them more so', () => {
    expect(label('@carrier my bags are still in Denver')).toBe('negative');
    expect(label('@shop where is my order')).toBe('negative');
    expect(label('where is my order')).toBe('negative');
    expect(label('my bags are packed for Denver')).toBe('neutral');
  });

  it('"still" before a negation is a problem that outlasted the wait', () => {
    expect(label("I still haven't heard back")).toBe('negative');
    expect(label("still can't get through to anyone")).toBe('negative');
    expect(compound("I still haven't heard back")).toBeLessThan(compound("I haven't heard back"));
  });

  it('reads run-together hashtags that open with an evaluation or a negator or end in a verdict', () => {
    expect(label('@carrier #nothappy')).toBe('negative');
    expect(terms('@carrier #nothappy')).toEqual(['nothappy']);
    expect(label('#worsttraveldayever')).toBe('negative');
    expect(label('#badcustomerservice')).toBe('negative');
    expect(label('@carrier landed at last #carriersucks')).toBe('negative');
    expect(label('#bestcrewever')).toBe('positive');
    // a negator before no sentiment word, or another word, is left alone
    expect(compound('#notes')).toBe(0);
    expect(compound('#nowplaying')).toBe(0);
  });
});

describe('what the workspace says about a post (scoring context)', () => {
  it('reads a post from a source written to the service (a ticket) as one that opens with an @mention', () => {
    const ticket = 'my refund should have arrived on Monday';
    expect(label(ticket)).toBe('neutral');
    expect(scoreSentiment('my package is late', { addressed: true }).label).toBe('negative');
    expect(scoreSentiment(ticket, { addressed: true }).label).toBe('negative');
    expect(scoreSentiment(ticket, { addressed: true }).compound).toBeCloseTo(compound(`@shop ${ticket}`), 6);
    // praise stays praise
    expect(scoreSentiment('great support, sorted in minutes', { addressed: true }).label).toBe('positive');
  });

  it("reads the service's own names as names, whole and case-insensitive", () => {
    const names = compileNames(['Joy', 'Best Stream', '  ', '+']);
    expect(label('watching the final on Joy tonight')).toBe('positive'); // VADER: joy +2.8
    expect(scoreSentiment('watching the final on Joy tonight', { names }).label).toBe('neutral');
    expect(scoreSentiment('watching the final on JOY tonight', { names }).compound).toBe(0);
    expect(scoreSentiment('Best Stream app on my TV', { names }).compound).toBe(0);
    // only the whole name: "best" alone, or across a sentence break, is still a word
    expect(scoreSentiment('the best app on my TV', { names }).label).toBe('positive');
    expect(scoreSentiment('It was the best. Stream it', { names }).label).toBe('positive');
    // a name never hides a complaint
    expect(scoreSentiment('Joy keeps buffering again', { names }).label).toBe('negative');
    expect(scoreSentiment('Joy keeps buffering again', { names }).drivers.map((d) => d.term)).not.toContain('Joy');
  });
});
