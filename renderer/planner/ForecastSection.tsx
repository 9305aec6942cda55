import { count } from '../../shared/domain/planning/markdown.ts';
import { planWindowOrNull } from '../../shared/domain/planning/timeline.ts';
import { confidences, type Forecast } from '../../shared/model/plan.ts';
import type { SectionProps } from './section.ts';
import { WhenLocal } from './WhenLocal.tsx';

/** A cleared number field is kept as NaN, so that saving names the field rather than keeping an old value. */
const typedNumber = (input: HTMLInputElement): number => (input.value === '' ? Number.NaN : input.valueAsNumber);
const shown = (n: number | undefined): number | string => (n === undefined || Number.isNaN(n) ? '' : n);

const newForecast: Forecast = { metric: 'concurrent streams', baseline: 100_000, peak: 200_000, headroom: 0.3, confidence: 'medium' };

/** The demand forecast: what is counted, a normal evening, the peak and its band, when it peaks, and the panel with the actual. */
export function ForecastSection({ plan, edit }: SectionProps) {
  const f = plan.forecast;
  // null while the header is being edited: times show once it resolves
  const anchor = planWindowOrNull(plan);
  return (
    <section className="plan-section" aria-labelledby="plan-forecast">
      <h2 id="plan-forecast">Forecast</h2>
      {!f ? (
        <button type="button" onClick={() => edit((d) => void (d.forecast = { ...newForecast }))}>
          Add a forecast
        </button>
      ) : (
        <form onSubmit={(ev) => ev.preventDefault()}>
          <label>
            Metric
            <input value={f.metric} onChange={(x) => edit((d) => void (d.forecast!.metric = x.target.value))} data-testid="forecast-metric" />
          </label>
          <label>
            Baseline (a normal evening)
            <input type="number" min={1} value={shown(f.baseline)} onChange={(x) => edit((d) => void (d.forecast!.baseline = typedNumber(x.target)))} />
          </label>
          <label>
            Peak
            <input type="number" min={1} value={shown(f.peak)} onChange={(x) => edit((d) => void (d.forecast!.peak = typedNumber(x.target)))} data-testid="forecast-peak" />
          </label>
          <label>
            Peak range, low (optional)
            <input
              type="number"
              min={1}
              value={shown(f.peakRange?.low)}
              onChange={(x) =>
                edit((d) => {
                  const low = typedNumber(x.target);
                  if (Number.isNaN(low) && !d.forecast!.peakRange) return;
                  d.forecast!.peakRange = { low, high: d.forecast!.peakRange?.high ?? d.forecast!.peak };
                })
              }
            />
          </label>
          <label>
            Peak range, high (optional)
            <input
              type="number"
              min={1}
              value={shown(f.peakRange?.high)}
              onChange={(x) =>
                edit((d) => {
                  const high = typedNumber(x.target);
                  if (Number.isNaN(high) && !d.forecast!.peakRange) return;
                  d.forecast!.peakRange = { low: d.forecast!.peakRange?.low ?? d.forecast!.baseline, high };
                })
              }
            />
          </label>
          {f.peakRange && (
            <button type="button" onClick={() => edit((d) => void delete d.forecast!.peakRange)}>
              No range
            </button>
          )}
          <label>
            Multiplier (optional, peak ÷ baseline)
            <input
              type="number"
              min={0}
              step="any"
              value={shown(f.multiplier)}
              placeholder={f.baseline > 0 ? `${Number((f.peak / f.baseline).toFixed(2))}` : undefined}
              onChange={(x) =>
                edit((d) => {
                  if (x.target.value === '') delete d.forecast!.multiplier;
                  else d.forecast!.multiplier = typedNumber(x.target);
                })
              }
            />
          </label>
          <label>
            Peak at (T-offset or local)
            <input
              value={f.peakAt ?? ''}
              onChange={(x) =>
                edit((d) => {
                  if (x.target.value.trim()) d.forecast!.peakAt = x.target.value;
                  else delete d.forecast!.peakAt;
                })
              }
              data-testid="forecast-peak-at"
            />
            {f.peakAt && <WhenLocal when={f.peakAt} anchor={anchor} />}
          </label>
          <label>
            Headroom above the peak (%)
            <input
              type="number"
              min={0}
              step="any"
              value={Number.isNaN(f.headroom) ? '' : Number((f.headroom * 100).toFixed(4))}
              onChange={(x) => edit((d) => void (d.forecast!.headroom = typedNumber(x.target) / 100))}
              data-testid="forecast-headroom"
            />
          </label>
          {f.ramp ? (
            <fieldset className="plan-card row" data-testid="forecast-ramp">
              <legend>Join ramp</legend>
              <label>
                Joining per minute at the steepest
                <input
                  type="number"
                  min={1}
                  value={shown(f.ramp.perMinute)}
                  onChange={(x) => edit((d) => void (d.forecast!.ramp!.perMinute = typedNumber(x.target)))}
                  data-testid="forecast-ramp-per-minute"
                />
              </label>
              {(['from', 'to'] as const).map((end) => (
                <label key={end}>
                  {end === 'from' ? 'From (T-offset or local)' : 'To'}
                  <input value={f.ramp![end]} onChange={(x) => edit((d) => void (d.forecast!.ramp![end] = x.target.value))} data-testid={`forecast-ramp-${end}`} />
                  {f.ramp![end] && <WhenLocal when={f.ramp![end]} anchor={anchor} />}
                </label>
              ))}
              <button type="button" onClick={() => edit((d) => void delete d.forecast!.ramp)}>
                No ramp
              </button>
            </fieldset>
          ) : (
            <button
              type="button"
              // The steepest half hour before the start, as a first guess to correct.
              onClick={() => edit((d) => void (d.forecast!.ramp = { perMinute: Math.max(1, Math.round((d.forecast!.peak - d.forecast!.baseline) / 30)), from: 'T-30m', to: 'T0' }))}
              data-testid="forecast-ramp-add"
            >
              Add a join ramp
            </button>
          )}
          <label>
            Confidence
            <select value={f.confidence} onChange={(x) => edit((d) => void (d.forecast!.confidence = x.target.value as typeof f.confidence))}>
              {confidences.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            Actual panel (workspace panel id)
            <input
              value={f.actualPanel ?? ''}
              onChange={(x) =>
                edit((d) => {
                  if (x.target.value.trim()) d.forecast!.actualPanel = x.target.value.trim();
                  else delete d.forecast!.actualPanel;
                })
              }
            />
          </label>
          <label style={{ flexBasis: '100%' }}>
            Basis (where the numbers come from)
            <textarea
              value={f.basis ?? ''}
              onChange={(x) =>
                edit((d) => {
                  if (x.target.value) d.forecast!.basis = x.target.value;
                  else delete d.forecast!.basis;
                })
              }
            />
          </label>
          {!Number.isNaN(f.headroom) && (
            <p className="hint" data-testid="forecast-build-for">
              Build for {count(f.peak * (1 + f.headroom))} ({Math.round(f.headroom * 100)}% headroom above the peak).
            </p>
          )}
        </form>
      )}
    </section>
  );
}
