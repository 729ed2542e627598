import { randomUUID } from 'node:crypto'
import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import { CATALOG, type DiagnosisCode } from './catalog'

export interface DiagnosisInput {
  code: DiagnosisCode
  /** One sentence with the actual values of this run. */
  summary: string
  /** Causes backed by this run's evidence, strongest first. */
  causes?: Cause[]
  stepKind?: string
  exchangeId?: string
  /** Fixes that only apply to this run, shown before the catalog's. */
  fixes?: string[]
}

/** A diagnosis: the run's own evidence first, then the catalog's other causes as possible ones. */
export function buildDiagnosis(input: DiagnosisInput, now: number): Diagnosis {
  const entry = CATALOG[input.code] as (typeof CATALOG)[DiagnosisCode] & { restartFrom?: string }
  const ranked = [...(input.causes ?? [])].sort((a, b) => rank(a) - rank(b))
  const known = new Set(ranked.map((c) => c.id))
  const rest: Cause[] = entry.causes
    .filter((c) => !known.has(c.id))
    .map((c) => ({ id: c.id, text: c.text, likelihood: 'possible', evidence: [] }))
  const diagnosis: Diagnosis = {
    id: randomUUID(),
    code: input.code,
    title: entry.title,
    summary: input.summary,
    causes: [...ranked, ...rest],
    fixes: [...(input.fixes ?? []), ...entry.fixes],
    at: now,
  }
  if (entry.restartFrom !== undefined) diagnosis.restartFrom = entry.restartFrom
  if (input.stepKind !== undefined) diagnosis.stepKind = input.stepKind
  if (input.exchangeId !== undefined) diagnosis.exchangeId = input.exchangeId
  return diagnosis
}

const rank = (c: Cause): number => ({ confirmed: 0, likely: 1, possible: 2 })[c.likelihood]

export const meaningOf = (code: DiagnosisCode): string => CATALOG[code].meaning
