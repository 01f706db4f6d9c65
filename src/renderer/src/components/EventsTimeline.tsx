import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TimelineBucket } from '../../../shared/model'
import type { ChartOption } from '../charts/echarts'
import { categoryColour, cssVar } from '../charts/palette'
import { useEChart } from '../charts/use-echart'
import { useNow } from '../format'
import { useT } from '../i18n'
import { TIMELINE_WINDOW_MS } from '../state/merge'
import { selectTimelineCategories } from '../state/selectors'
import { useVigil } from '../state/store'
import { Panel } from './Panel'

const DEFAULT_BUCKET_MS = 60_000
// A bucket a few seconds old holds too little to divide by its age without jitter.
const MIN_OPEN_SECONDS = 5

/** The bucket width: the smallest gap between buckets, a minute when there are too few to tell. */
function bucketWidth(buckets: readonly TimelineBucket[]): number {
  let width = Infinity
  for (let i = 1; i < buckets.length; i++) {
    const gap = buckets[i]!.start - buckets[i - 1]!.start
    if (gap > 0 && gap < width) width = gap
  }
  return Number.isFinite(width) ? width : DEFAULT_BUCKET_MS
}

const round2 = (n: number): number => Math.round(n * 100) / 100

/** Requests per second over the last 30 minutes: all requests, and attacks stacked by category. */
export function EventsTimeline() {
  const t = useT()
  const timeline = useVigil((s) => s.timeline)
  const categories = useVigil(useShallow(selectTimelineCategories))
  const theme = useVigil((s) => s.theme)
  const now = useNow(5_000)

  const option = useMemo<ChartOption>(() => {
    void theme // colours are read from CSS variables, which change with the theme
    const width = bucketWidth(timeline)
    const oldest = timeline[0]?.start
    const newest = timeline[timeline.length - 1]?.start
    const from = newest === undefined ? undefined : newest - TIMELINE_WINDOW_MS + width
    // One point per bucket from the first bucket seen to the newest, zero where none came: a gap inside
    // the data is a quiet minute. Before the first bucket there is no data, which is not the same as zero.
    const byStart = new Map(timeline.map((b) => [b.start, b]))
    const starts: number[] = []
    if (oldest !== undefined && newest !== undefined)
      for (let at = newest; at >= oldest; at -= width) starts.unshift(at)
    // The newest bucket is still filling: divide by the time it has been open, not by its full width,
    // or the line would dip at the right edge every minute.
    const seconds = (start: number): number =>
      start === newest && now > start && now - start < width
        ? Math.max(MIN_OPEN_SECONDS, (now - start) / 1000)
        : width / 1000
    const rate = (n: number, start: number): number => round2(n / seconds(start))
    const showSymbol = starts.length < 3

    const muted = cssVar('--text-muted')
    const grid = cssVar('--grid-line')
    const accent = cssVar('--accent')
    const allName = t('timeline.allRequests')
    return {
      animation: false,
      grid: { left: 44, right: 52, top: 50, bottom: 24 },
      legend: {
        top: 0,
        left: 0,
        icon: 'roundRect',
        itemWidth: 10,
        itemHeight: 4,
        textStyle: { color: muted, fontSize: 11 },
        data: [allName, ...categories],
      },
      tooltip: {
        trigger: 'axis',
        // Canvas tooltip: the HTML one writes style attributes, which the CSP refuses.
        renderMode: 'richText',
        backgroundColor: cssVar('--panel-raised'),
        borderColor: cssVar('--border-strong'),
        textStyle: { color: cssVar('--text'), fontSize: 11 },
        valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(2) : String(v)),
      },
      xAxis: {
        type: 'time',
        min: from,
        max: newest,
        axisLabel: { color: muted, fontSize: 10, formatter: '{HH}:{mm}', hideOverlap: true },
        axisLine: { lineStyle: { color: grid } },
        splitLine: { show: false },
      },
      yAxis: [
        {
          type: 'value',
          name: t('timeline.axis.requests'),
          nameTextStyle: { color: muted, fontSize: 10, align: 'left' },
          axisLabel: { color: muted, fontSize: 10 },
          splitLine: { lineStyle: { color: grid } },
          min: 0,
        },
        {
          type: 'value',
          name: t('timeline.axis.attacks'),
          nameTextStyle: { color: muted, fontSize: 10, align: 'right' },
          axisLabel: { color: muted, fontSize: 10 },
          splitLine: { show: false },
          min: 0,
        },
      ],
      series: [
        {
          name: allName,
          type: 'line',
          yAxisIndex: 0,
          showSymbol,
          smooth: 0.2,
          lineStyle: { width: 1.5, color: accent },
          itemStyle: { color: accent },
          areaStyle: { color: accent, opacity: 0.12 },
          data: starts.map((s) => [s, rate(byStart.get(s)?.requests ?? 0, s)]),
        },
        ...categories.map((c) => ({
          name: c,
          type: 'line' as const,
          yAxisIndex: 1,
          stack: 'attacks',
          showSymbol,
          smooth: 0.2,
          lineStyle: { width: 1, color: categoryColour(c) },
          itemStyle: { color: categoryColour(c) },
          areaStyle: { color: categoryColour(c), opacity: 0.55 },
          data: starts.map((s) => [
            s,
            rate(byStart.get(s)?.byCategory[c as keyof TimelineBucket['byCategory']] ?? 0, s),
          ]),
        })),
      ],
    }
  }, [timeline, categories, theme, t, now])
  const ref = useEChart(option)

  return (
    <Panel
      title={t('timeline.title')}
      meta={t('timeline.window')}
      className="panel-timeline"
      testId="timeline-panel"
    >
      <div className="timeline">
        <div className="timeline-canvas" ref={ref} />
        {timeline.length === 0 && <p className="chart-empty">{t('timeline.empty')}</p>}
      </div>
    </Panel>
  )
}
