import type { ComparedRun, Comparison, ComparisonRow, ComparisonSection, ComparisonSectionId } from '../../shared/domain/comparison'
import type { RunRecord } from '../history/run-record'
import { configurationRows } from './configuration-rows'
import { headerRows } from './header-rows'
import { outcomeRows } from './outcome-rows'
import { scopeRows } from './scope-rows'
import { stepRows } from './step-rows'
import { tokenRows } from './token-rows'

export interface ComparedRecord {
  record: RunRecord
  source: ComparedRun['source']
}

const SECTIONS: { id: ComparisonSectionId; title: string; rows: (l: RunRecord, r: RunRecord) => ComparisonRow[] }[] = [
  { id: 'configuration', title: 'Configuration', rows: configurationRows },
  { id: 'steps', title: 'Steps', rows: stepRows },
  { id: 'headers', title: 'Response headers', rows: headerRows },
  { id: 'tokens', title: 'Token claims and lifetimes', rows: tokenRows },
  { id: 'scopes', title: 'Scopes', rows: scopeRows },
  { id: 'outcome', title: 'Errors and diagnoses', rows: outcomeRows },
]

/**
 * Two runs side by side, section by section. Both are records (redacted evidence), so a
 * comparison can never show more than the runs' own views do.
 */
export function compareRuns(left: ComparedRecord, right: ComparedRecord): Comparison {
  const sections: ComparisonSection[] = SECTIONS.map(({ id, title, rows }) => {
    const list = rows(left.record, right.record)
    return { id, title, rows: list, differences: list.filter((x) => !x.equal).length }
  })
  const all = sections.flatMap((s) => s.rows)
  return {
    left: side(left),
    right: side(right),
    sections,
    differences: all.filter((x) => !x.equal).length,
    equalRows: all.filter((x) => x.equal).length,
  }
}

function side({ record, source }: ComparedRecord): ComparedRun {
  const r = record.run
  return { runId: r.id, profileId: r.profileId, profileName: r.profileName, environment: r.environment, status: r.status, createdAt: r.createdAt, source }
}
