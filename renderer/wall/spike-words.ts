import type { Spike } from '../../shared/domain/pulse/spike.ts';
import { formatTimesNormal } from '../../shared/domain/room-signals.ts';

/** The headline: complaints per minute, about what, how many times normal. */
export function spikeHeadline(spike: Pick<Spike, 'observed' | 'windowMinutes' | 'ratio' | 'topTopics'>): string {
  const perMinute = spike.observed / Math.max(1, spike.windowMinutes);
  const rate = perMinute >= 10 ? Math.round(perMinute).toString() : perMinute.toFixed(1);
  const topics = spike.topTopics.slice(0, 2).map((t) => t.topic);
  const about = topics.length > 0 ? ` about ${topics.join(' and ')}` : '';
  return `${rate} complaints/min${about}, ${formatTimesNormal(spike.ratio)}× normal`;
}
