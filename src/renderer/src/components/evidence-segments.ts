// Splits evidence into plain and highlighted segments from the detector's character ranges. The result
// is rendered as React text nodes and <mark> elements: attacker-written text never becomes markup.
import type { Highlight } from '../../../shared/model'

export interface Segment {
  readonly text: string
  readonly marked: boolean
}

/** Segments covering all of `text`; ranges are clamped, sorted and merged, bad ones ignored. */
export function evidenceSegments(text: string, highlights: readonly Highlight[]): Segment[] {
  const ranges = highlights
    .map((h) => ({
      start: Math.max(0, Math.min(text.length, Math.floor(h.start))),
      end: Math.max(0, Math.min(text.length, Math.floor(h.end))),
    }))
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > r.start)
    .sort((a, b) => a.start - b.start)

  const merged: { start: number; end: number }[] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else merged.push({ ...r })
  }

  const out: Segment[] = []
  let at = 0
  for (const r of merged) {
    if (r.start > at) out.push({ text: text.slice(at, r.start), marked: false })
    out.push({ text: text.slice(r.start, r.end), marked: true })
    at = r.end
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), marked: false })
  return out
}
