/** What a running event asks of the console: fired risk triggers, and check-ins due. */
import { useLivePlansFeed } from '../state/live-plans.ts';
import { CheckInPrompt } from './CheckInPrompt.tsx';
import { TriggerPrompt } from './TriggerPrompt.tsx';

export function EventPrompts() {
  useLivePlansFeed();
  return (
    <>
      <TriggerPrompt />
      <CheckInPrompt />
    </>
  );
}
