/**
 * Emoji valences. VADER's reference implementation scores an emoji by replacing it with its
 * Unicode (CLDR) name and scoring the words; most names carry no lexicon word ("thumbs up",
 * "face with rolling eyes"), so instead each emoji here borrows the valence of one VADER lexicon
 * entry: the ASCII emoticon it draws (🙂 → ":)") or else the key word of its CLDR name
 * (😡 enraged face → "furious", 😞 disappointed face → "disappointed"). No number is invented; the
 * proxy must exist in the lexicon (emoji.test.ts checks). Emoji whose use is ambiguous in chat
 * (🔥 fire, 💀 skull, 🙃, 🤔, 😅, 🥺) are deliberately absent and score 0.
 */
export const EMOJI_PROXIES: readonly (readonly [emoji: string, proxy: string, cldrName: string])[] = [
  ['😀', ':D', 'grinning face'],
  ['😃', ':D', 'grinning face with big eyes'],
  ['😄', ':D', 'grinning face with smiling eyes'],
  ['😁', ':D', 'beaming face with smiling eyes'],
  ['😆', 'lol', 'grinning squinting face'],
  ['😂', 'lmao', 'face with tears of joy'],
  ['🤣', 'rofl', 'rolling on the floor laughing'],
  ['🙂', ':)', 'slightly smiling face'],
  ['😊', ':)', 'smiling face with smiling eyes'],
  ['☺', ':)', 'smiling face'],
  ['😉', ';)', 'winking face'],
  ['😍', 'love', 'smiling face with heart-eyes'],
  ['🥰', 'love', 'smiling face with hearts'],
  ['😘', ':*', 'face blowing a kiss'],
  ['😗', ':*', 'kissing face'],
  ['😚', ':*', 'kissing face with closed eyes'],
  ['😙', ':*', 'kissing face with smiling eyes'],
  ['🤗', 'hug', 'smiling face with open hands'],
  ['😎', 'cool', 'smiling face with sunglasses'],
  ['😛', ':P', 'face with tongue'],
  ['😜', ':P', 'winking face with tongue'],
  ['😝', ':P', 'squinting face with tongue'],
  ['❤', '<3', 'red heart'],
  ['💕', '<3', 'two hearts'],
  ['💖', '<3', 'sparkling heart'],
  ['💗', '<3', 'growing heart'],
  ['💙', '<3', 'blue heart'],
  ['💚', '<3', 'green heart'],
  ['💛', '<3', 'yellow heart'],
  ['💜', '<3', 'purple heart'],
  ['🧡', '<3', 'orange heart'],
  ['💔', '</3', 'broken heart'],
  ['👍', 'ok', 'thumbs up'],
  ['👌', 'ok', 'OK hand'],
  ['👎', 'bad', 'thumbs down'],
  ['👏', 'applause', 'clapping hands'],
  ['🙌', 'hooray', 'raising hands'],
  ['🎉', 'celebrate', 'party popper'],
  ['🥳', 'celebrate', 'partying face'],
  ['💯', 'perfect', 'hundred points'],
  ['😢', ":'(", 'crying face'],
  ['😭', 'cry', 'loudly crying face'],
  ['☹', ':(', 'frowning face'],
  ['🙁', ':(', 'slightly frowning face'],
  ['😖', ':(', 'confounded face'],
  ['😣', ':(', 'persevering face'],
  ['😨', ':(', 'fearful face'],
  ['😞', 'disappointed', 'disappointed face'],
  ['😔', 'sad', 'pensive face'],
  ['😟', 'worried', 'worried face'],
  ['😰', 'anxious', 'anxious face with sweat'],
  ['😕', ':/', 'confused face'],
  ['😐', ':|', 'neutral face'],
  ['😑', ':|', 'expressionless face'],
  ['😒', 'annoyed', 'unamused face'],
  ['🙄', 'annoyed', 'face with rolling eyes'],
  ['😤', 'frustrated', 'face with steam from nose'],
  ['😠', 'angry', 'angry face'],
  ['😡', 'furious', 'enraged face'],
  ['🤬', 'rage', 'face with symbols on mouth'],
  ['😩', 'weary', 'weary face'],
  ['😫', 'tired', 'tired face'],
  ['🥱', 'boring', 'yawning face'],
  ['😱', 'scream', 'face screaming in fear'],
  ['😬', 'awkward', 'grimacing face'],
  ['🤢', 'sick', 'nauseated face'],
  ['🤮', 'disgusting', 'face vomiting'],
  ['💩', 'crap', 'pile of poo'],
  ['🤦', 'ugh', 'person facepalming'],
];

/**
 * ASCII emoticons VADER's lexicon lacks, each borrowing the valence of the VADER emoticon with the
 * same meaning (as for emoji, no number is invented). "D:" (dismay, a frown read right to left)
 * needs its own entry: the lexicon's case-folded "d:" is +1.2, so without one "D: D: D:" after a
 * disaster scored as a smile.
 */
export const EMOTICON_PROXIES: readonly (readonly [emoticon: string, proxy: string, meaning: string])[] = [
  ['^_^', ':)', 'smiling eyes'],
  ['^^', ':)', 'smiling eyes'],
  ['^.^', ':)', 'smiling eyes'],
  ['D:', ':(', 'dismay'],
  ['T_T', ":'(", 'crying eyes'],
  [';_;', ":'(", 'crying eyes'],
];
