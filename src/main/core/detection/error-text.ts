// One line of text for an error, for logs and snapshot refusals: a zod error names the first fields it
// refused instead of dumping its issue list.
import { z } from 'zod'

export function errorText(err: unknown, max = 300): string {
  if (err instanceof z.ZodError)
    return err.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ')
      .slice(0, max)
  return err instanceof Error ? (err.message.split('\n')[0] ?? '').slice(0, max) : 'unknown error'
}
