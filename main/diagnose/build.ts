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
  /** Where a fresh attempt starts, when it is not the catalog's step (e.g. retry just the API call). */
  restartFrom?: string
}

/** A diagnosis: the run's own evidence first, then the catalog's other causes as possible ones. */
export function buildDiagnosis(input: DiagnosisInput, now: number): Diagnosis {
  const entry = CATALOG[input.code] as (typeof CATALOG)[DiagnosisCode] & { restartFrom?: string }
  const ranked = rankCauses(input.causes ?? [])
  // A cause the evidence found covers the catalog's broader one (`pkce.mismatch.encoding` covers `pkce.mismatch`).
  const covered = (id: string): boolean => ranked.some((c) => c.id === id || c.id.startsWith(`${id}.`))
  const rest: Cause[] = entry.causes
    .filter((c) => !covered(c.id))
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
  const restartFrom = input.restartFrom ?? entry.restartFrom
  if (restartFrom !== undefined) diagnosis.restartFrom = restartFrom
  if (input.stepKind !== undefined) diagnosis.stepKind = input.stepKind
  if (input.exchangeId !== undefined) diagnosis.exchangeId = input.exchangeId
  return diagnosis
}

const rank = (c: Cause): number => ({ confirmed: 0, likely: 1, possible: 2 })[c.likelihood]

/** Strongest evidence first; among equals, the order the rules found them in. */
export const rankCauses = (causes: readonly Cause[]): Cause[] => [...causes].sort((a, b) => rank(a) - rank(b))

export const meaningOf = (code: DiagnosisCode): string => CATALOG[code].meaning
