import { useMemo } from 'react'
import { THREAT_BANDS } from '../../../shared/model'
import type { ChartOption } from '../charts/echarts'
import { bandVar, cssVar } from '../charts/palette'
import { useEChart } from '../charts/use-echart'
import { formatTime } from '../format'
import { useT } from '../i18n'
import { useVigil } from '../state/store'
import { Panel } from './Panel'

/** The threat level from the core (0–100), its band, and how many incidents are open. */
export function ThreatGauge() {
  const t = useT()
  const threat = useVigil((s) => s.threat)
  const theme = useVigil((s) => s.theme)
  const score = threat ? Math.round(Math.max(0, Math.min(100, threat.score))) : 0
  const band = threat?.band ?? 'low'

  const option = useMemo<ChartOption>(() => {
    void theme // colours are read from CSS variables, which change with the theme
    const muted = cssVar('--text-muted')
    const track = cssVar('--gauge-track')
    const scale = THREAT_BANDS.map((b, i) => [(i + 1) / THREAT_BANDS.length, cssVar(bandVar(b))])
    const common = {
      type: 'gauge' as const,
      startAngle: 215,
      endAngle: -35,
      min: 0,
      max: 100,
      center: ['50%', '56%'],
      pointer: { show: false },
      detail: { show: false },
      title: { show: false },
      silent: true,
    }
    return {
      animationDuration: 400,
      series: [
        {
          ...common,
          radius: '96%',
          axisLine: { lineStyle: { width: 3, color: scale as [number, string][] } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          progress: { show: false },
          data: [{ value: 0 }],
        },
        {
          ...common,
          radius: '86%',
          axisLine: { lineStyle: { width: 14, color: [[1, track]] } },
          progress: { show: true, width: 14, itemStyle: { color: cssVar(bandVar(band)) } },
          axisTick: { show: false },
          splitLine: {
            distance: -14,
            length: 14,
            lineStyle: { color: cssVar('--panel'), width: 2 },
          },
          splitNumber: 5,
          axisLabel: { distance: 20, color: muted, fontSize: 10 },
          data: [{ value: score }],
        },
      ],
    }
  }, [score, band, theme])
  const ref = useEChart(option)

  const open = threat?.openIncidents ?? 0
  return (
    <Panel
      title={t('threat.title')}
      meta={threat ? t('threat.updated', { time: formatTime(threat.at) }) : undefined}
      className="panel-threat"
      testId="threat-panel"
    >
      <div className="gauge">
        <div className="gauge-canvas" ref={ref} />
        <div className="gauge-center">
          <div className="gauge-score" data-testid="threat-score">
            {threat ? score : '–'}
          </div>
          <div className={`gauge-band band-${band}`} data-testid="threat-band">
            {t(`band.${band}`)}
          </div>
        </div>
      </div>
      <div className="gauge-foot" data-testid="threat-open">
        {open === 1 ? t('threat.openIncidents.one') : t('threat.openIncidents', { count: open })}
      </div>
    </Panel>
  )
}
