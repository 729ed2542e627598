import type { Diagnosis } from '../../shared/domain/diagnosis'
import { buildDiagnosis } from '../diagnose/build'
import type { Run } from './run'

/**
 * A failure inside the tester becomes a diagnosis with a copyable report: the error's name
 * and message and where it happened, never a stack trace and never a secret.
 */
export function internalErrorDiagnosis(error: unknown, run: Run | undefined, now: number): Diagnosis {
  const err = error instanceof Error ? error : new Error(String(error))
  const active = run?.steps.find((s) => s.status === 'active')?.kind
  let message = err.message
  for (const secret of run?.secrets ?? []) message = message.split(secret).join('[redacted]')
  const report = [
    `error: ${err.name}: ${message}`,
    `run: ${run?.id ?? '(none)'}`,
    `status: ${run?.status ?? '(none)'}`,
    `step: ${active ?? '(none)'}`,
    `time: ${new Date(now).toISOString()}`,
  ].join('\n')
  return buildDiagnosis(
    {
      code: 'internal.error',
      summary: `The tester failed internally (${err.name}: ${message}); the run was stopped safely.`,
      ...(active !== undefined && { stepKind: active }),
      causes: [{ id: 'internal.bug', text: 'A bug in the tester.', likelihood: 'likely', evidence: [{ label: 'report', value: report }] }],
    },
    now,
  )
}
