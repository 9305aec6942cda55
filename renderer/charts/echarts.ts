/**
 * The one place echarts is imported (tree-shaken): only the chart types, components and
 * renderers the panels use are registered.
 */
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import type { LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { chartPalettes, echartsThemeOf } from './theme.ts';

echarts.use([
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  CanvasRenderer,
  // Small tiles (sparklines) draw with SVG: far less memory than one canvas each.
  SVGRenderer,
]);
for (const palette of Object.values(chartPalettes)) echarts.registerTheme(palette.echartsTheme, echartsThemeOf(palette));

export type ChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkAreaComponentOption | MarkLineComponentOption
>;
export type { EChartsType, SetOptionOpts } from 'echarts/core';
export { echarts };
