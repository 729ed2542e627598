import { z } from 'zod'

/** One fact the explainer found in the run, e.g. "state sent" = "Xy…". */
export const EvidenceSchema = z.object({
  label: z.string(),
  value: z.string(),
})
export type Evidence = z.infer<typeof EvidenceSchema>

export const CauseSchema = z.object({
  /** Stable id of the cause, e.g. `pkce.verifier_changed`. */
  id: z.string(),
  text: z.string(),
  /** How strongly this run's evidence points at the cause. */
  likelihood: z.enum(['confirmed', 'likely', 'possible']),
  evidence: z.array(EvidenceSchema),
})
export type Cause = z.infer<typeof CauseSchema>

export const DiagnosisSchema = z.object({
  /** Instance id, unique per run. */
  id: z.string(),
  /** Catalog id, e.g. `state_mismatch`; stable, used by tests and the scenario lab. */
  code: z.string(),
  title: z.string(),
  /** One sentence with the actual values. */
  summary: z.string(),
  causes: z.array(CauseSchema),
  fixes: z.array(z.string()),
  /** The step a fresh attempt should start from. */
  restartFrom: z.string().optional(),
  stepKind: z.string().optional(),
  exchangeId: z.string().optional(),
  at: z.number(),
})
export type Diagnosis = z.infer<typeof DiagnosisSchema>
