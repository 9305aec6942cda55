import { useHubNow } from '../state/react.tsx';

const formats = new Map<string, Intl.DateTimeFormat>();
function clockText(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return format.format(ms);
}

/** "Europe/London" → "London", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** Local (the room's zone), UTC and the venue's: on the hub's clock, so every screen agrees. */
export function Clocks({ timeZone, venueTimeZone }: { timeZone: string; venueTimeZone?: string | undefined }) {
  const now = useHubNow();
  const clocks: { id: string; label: string; zone: string }[] = [
    { id: 'local', label: timeZone === 'UTC' ? 'Local' : zoneCity(timeZone), zone: timeZone },
    { id: 'utc', label: 'UTC', zone: 'UTC' },
  ];
  if (venueTimeZone) clocks.push({ id: 'venue', label: `Venue · ${zoneCity(venueTimeZone)}`, zone: venueTimeZone });
  return (
    <div className="clocks">
      {clocks.map((clock) => (
        <div className="clock" key={clock.id} data-testid={`clock-${clock.id}`}>
          <span className="clock-time">{clockText(now, clock.zone)}</span>
          <span className="clock-label">{clock.label}</span>
        </div>
      ))}
    </div>
  );
}
