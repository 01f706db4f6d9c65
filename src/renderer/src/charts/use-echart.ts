// Mounts an echarts instance on a div, follows its size, applies options, disposes on unmount.
import { useEffect, useRef, type RefObject } from 'react'
import { init, type ChartOption, type EChartsType } from './echarts'

/** Returns the ref for the chart's container; pass a memoised option. */
export function useEChart(option: ChartOption): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null)
  const chart = useRef<EChartsType | null>(null)

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const instance = init(el, null, { renderer: 'canvas' })
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true })
  }, [option])

  return ref
}
