/** Customer-pulse sentiment: score a post, and the figures used to evaluate the scorer. */
export { scoreSentiment, compileNames, labelOf, POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD, MAX_DRIVERS } from './scorer.ts';
export type { SentimentResult, SentimentDriver, SentimentLabel, ComplaintTopic, ScoringContext, NameList } from './scorer.ts';
export { COMPLAINT_TOPICS } from './ops-lexicon.ts';
export { parseLabelledSet, goldLabel, pearson, classification, LabelledSetError, LABELS, DEFAULT_NEUTRAL_BAND } from './evaluation.ts';
export type { LabelledPost, LabelledSet, ClassFigures, ClassificationFigures } from './evaluation.ts';
