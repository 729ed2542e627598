/**
 * How secrets look when they must be shown at all. Tokens keep a short head and tail so a
 * tester can tell two tokens apart; anything shorter than that is hidden entirely.
 */
export const REDACTED = '[redacted]'

export function maskToken(value: string): string {
  if (value.length <= 16) return '•'.repeat(Math.min(value.length, 8)) || REDACTED
  return `${value.slice(0, 6)}…${value.slice(-4)}`
}
