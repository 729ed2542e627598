import type { Diagnosis } from '../../shared/domain/diagnosis'
import { buildDiagnosis } from './build'

/**
 * A failure inside the tester, as a diagnosis with a copyable report: the error's name and
 * message and where it happened. Never a stack trace (it names our files, not the user's
 * problem) and never a secret: known secret values are replaced before anything is written.
 */
export function internalErrorReport(error: unknown, where: Record<string, string>, secrets: readonly string[], now: number, stepKind?: string): Diagnosis {
  const err = error instanceof Error ? error : new Error(String(error))
  let message = err.message.split('\n')[0] ?? ''
  for (const secret of secrets) if (secret.length >= 4) message = message.split(secret).join('[redacted]')
  const report = [`error: ${err.name}: ${message}`, ...Object.entries(where).map(([k, v]) => `${k}: ${v}`), `time: ${new Date(now).toISOString()}`].join('\n')
  return buildDiagnosis(
    {
      code: 'internal.error',
      summary: `The tester failed internally (${err.name}: ${message}); it stopped this safely and keeps working.`,
      ...(stepKind !== undefined && { stepKind }),
      causes: [{ id: 'internal.bug', text: 'A bug in the tester.', likelihood: 'likely', evidence: [{ label: 'report', value: report }] }],
    },
    now,
  )
}
