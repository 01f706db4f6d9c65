// Number and time formatting for the views. Times are UTC epoch ms from the core, shown in local time.
import { useEffect, useState } from 'react'
import type { Translate } from './i18n'

const pad = (n: number): string => String(n).padStart(2, '0')

/** HH:MM:SS, with the date in front when it is not today. */
export function formatTime(ms: number | null, now = Date.now()): string {
  if (ms === null) return '—'
  const d = new Date(ms)
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  const today = new Date(now)
  const sameDay =
    d.getFullYear() === today.getFullYear() &&
    d.getMonth() === today.getMonth() &&
    d.getDate() === today.getDate()
  return sameDay
    ? clock
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`
}

/** "12s ago", "3m ago"; future times read "in 5s". */
export function formatAgo(ms: number | null, now: number, t: Translate): string {
  if (ms === null) return t('time.never')
  const s = Math.round((now - ms) / 1000)
  if (s < 0) return t('time.inSeconds', { n: -s })
  if (s < 2) return t('time.justNow')
  if (s < 90) return t('time.secondsAgo', { n: s })
  if (s < 90 * 60) return t('time.minutesAgo', { n: Math.round(s / 60) })
  return t('time.hoursAgo', { n: Math.round(s / 3600) })
}

/** A duration in ms as "850 ms", "4.2 s", "3 m". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} m`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

const counts = new Intl.NumberFormat('en-US')
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

export function formatCount(n: number): string {
  return n >= 100_000 ? compact.format(n) : counts.format(n)
}

/** The current time, re-read every `intervalMs`, for relative times that must keep moving. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
