/**
 * What the workspace tells the scorer about posts that their text does not say: the service's own
 * names (so "Free is down" does not read "free" as praise) and the sources whose posts are written
 * to the service (a support ticket is addressed to it as a tweet that opens with @Service is).
 */
import { compileNames, type ScoringContext } from '../../../shared/domain/sentiment/index.ts';
import type { PulseConfig } from '../../../shared/model/pulse-config.ts';
import type { ScoringContextOf } from './normalise.ts';

/** One context per kind of source, built once per workspace; undefined when there is nothing to say. */
export function scoringContexts(config: Pick<PulseConfig, 'names' | 'addressedSources'> | undefined): ScoringContextOf {
  const names = config && config.names.length > 0 ? compileNames(config.names) : undefined;
  const addressed = new Set(config?.addressedSources ?? []);
  const plain: ScoringContext | undefined = names ? { names } : undefined;
  const toService: ScoringContext = { addressed: true, ...(names ? { names } : {}) };
  return (source) => (addressed.has(source) ? toService : plain);
}
