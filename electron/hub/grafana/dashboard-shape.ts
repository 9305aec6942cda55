/**
 * The shape a Grafana dashboard must have before conversion: loose (Grafana adds fields every
 * release) but strict where the converter reads, so a malformed upload is refused in words naming
 * the field ("panels[3].targets: expected array") instead of failing half-way.
 */
import { z } from 'zod';

const gridPos = z.looseObject({ x: z.number().optional(), y: z.number().optional(), w: z.number().optional(), h: z.number().optional() });
const target = z.looseObject({ expr: z.string().optional(), refId: z.string().optional(), hide: z.boolean().optional() });

interface PanelShape {
  type?: string;
  title?: string;
  panels?: PanelShape[];
}

const panel: z.ZodType<PanelShape> = z.lazy(() =>
  z.looseObject({
    type: z.string().optional(),
    title: z.string().optional(),
    gridPos: gridPos.optional(),
    targets: z.array(target).optional(),
    fieldConfig: z.looseObject({ defaults: z.looseObject({}).optional() }).optional(),
    panels: z.array(panel).optional(),
  }),
);

export const grafanaDashboardShape = z.looseObject({
  title: z.string().optional(),
  panels: z.array(panel).optional(),
  rows: z.array(z.looseObject({ panels: z.array(panel).optional() })).optional(),
});
