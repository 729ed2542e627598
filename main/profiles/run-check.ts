import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Profile } from '../../shared/domain/profile'
import { buildDiagnosis } from '../diagnose/build'
import { validateProfile } from './validation/validate'

/** What the engine learns before a run starts: a refusal, or warnings to note on the run. */
export interface RunCheck {
  refusal?: Diagnosis
  warnings: string[]
}

/** The same rules as the editor's, applied to the snapshot a run is about to start with. */
export function checkBeforeRun(profile: Profile, secretsSet: readonly string[], now: number): RunCheck {
  const issues = validateProfile(profile, { secretsSet: new Set(secretsSet) })
  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.filter((i) => i.severity === 'warning').map((i) => `Profile warning (${i.field}): ${i.message}`)
  if (errors.length === 0) return { warnings }
  const refusal = buildDiagnosis(
    {
      code: 'profile.invalid',
      summary: `“${profile.name}” has ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix before it can run; nothing was sent to the server.`,
      causes: errors.map((e) => ({ id: e.rule, text: e.message, likelihood: 'confirmed' as const, evidence: [{ label: 'field', value: e.field }] })),
    },
    now,
  )
  return { refusal, warnings }
}
