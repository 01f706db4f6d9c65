import type { Highlight } from '../../../shared/model'
import { evidenceSegments } from './evidence-segments'

/** Attacker-written text, shown as text only, with the matched ranges in <mark>. */
export function EvidenceText({
  text,
  highlights,
  testId,
}: {
  readonly text: string
  readonly highlights: readonly Highlight[]
  readonly testId?: string
}) {
  const segments = evidenceSegments(text, highlights)
  return (
    <code className="evidence" data-testid={testId}>
      {segments.map((s, i) =>
        s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </code>
  )
}
