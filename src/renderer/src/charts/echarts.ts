// echarts with only what Vigil draws: a full `import 'echarts'` is a 3.2 MB chunk.
import {
  GaugeChart,
  LineChart,
  type GaugeSeriesOption,
  type LineSeriesOption,
} from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { init, use as registerParts, type ComposeOption, type EChartsType } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

// echarts' own `use`, renamed: it is not a React hook.
registerParts([
  GaugeChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
])

export type ChartOption = ComposeOption<
  | GaugeSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>

export { init, type EChartsType }
