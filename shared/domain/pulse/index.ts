/** Customer pulse, runtime-neutral: safe text, filters, duplicates, per-minute aggregates and spikes. */
export {
  ELLIPSIS,
  MAX_AUTHOR_GRAPHEMES,
  MAX_COMBINING_MARKS,
  MAX_DISPLAY_GRAPHEMES,
  graphemeCount,
  graphemes,
  neutraliseInvisibles,
  safeAuthor,
  safeLink,
  safeText,
  truncateGraphemes,
  truncateUtf8,
  utf8Length,
} from '../safe-text.ts';
export type { SafeText, SafeTextOptions } from '../safe-text.ts';
export { KeywordFilterError, MAX_FILTER_TERMS, MAX_TERM_LENGTH, compileKeywordFilter, foldForMatching } from './keyword-filter.ts';
export type { FilterVerdict, FilterablePost, KeywordFilter, KeywordFilterConfig } from './keyword-filter.ts';
export { DuplicateFilter, canonicalUrl, hash53, normaliseForDedupe } from './dedupe.ts';
export type { DedupeCandidate, DedupeOptions, DedupeVerdict, DuplicateReason } from './dedupe.ts';
export {
  MINUTE_MS,
  PulseAggregator,
  TERM_WEIGHT_CUTOFF,
  complaintTerms,
  emptyBucket,
  isComplaint,
  minuteOf,
  negativeShare,
  summarise,
} from './aggregate.ts';
export type { AddResult, AggregatorOptions, DateSource, MinuteBucket, PulseSample, PulseSummary } from './aggregate.ts';
export { DEFAULT_SPIKE_OPTIONS, SpikeDetector, SpikeMonitor } from './spike.ts';
export { DEFAULT_SHARE_RISE, negativeShareRaised, shareRiseZ } from './negative-share.ts';
export type { ShareRiseOptions } from './negative-share.ts';
export type { Baseline, BucketSource, Spike, SpikeEvent, SpikeMonitorOptions, SpikeOptions } from './spike.ts';
