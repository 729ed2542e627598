import type { ComparisonRow } from '../../shared/domain/comparison'
import type { RunRecord } from '../history/run-record'
import { errorCodeOf, pairExchanges } from './exchange-pairs'
import { row } from './rows'

type Side = Pick<RunRecord, 'run' | 'exchanges'>

/** How each run ended: status, the step that failed, the diagnoses and the errors servers sent. */
export function outcomeRows(l: Side, r: Side): ComparisonRow[] {
  const failedStep = (s: Side): string | undefined => s.run.steps.find((x) => x.status === 'failed')?.title
  const rows: ComparisonRow[] = [
    row('Run status', l.run.status, r.run.status),
    row('Failed at', failedStep(l), failedStep(r)),
    row('Diagnoses', codes(l), codes(r)),
  ]
  const all = [...new Set([...l.run.diagnoses.map((d) => d.code), ...r.run.diagnoses.map((d) => d.code)])]
  for (const code of all) {
    const a = l.run.diagnoses.find((d) => d.code === code)
    const b = r.run.diagnoses.find((d) => d.code === code)
    rows.push(row(`Diagnosis ${code}`, a?.title, b?.title))
  }
  for (const pair of pairExchanges(l.exchanges, r.exchanges)) {
    const a = pair.left && failure(pair.left)
    const b = pair.right && failure(pair.right)
    if (a || b) rows.push(row(`Error from ${pair.label}`, a, b))
  }
  return rows.filter((x) => x.left !== undefined || x.right !== undefined)
}

const codes = (s: Side): string => (s.run.diagnoses.length ? s.run.diagnoses.map((d) => d.code).join(', ') : 'none')

function failure(ex: Side['exchanges'][number]): string | undefined {
  if (ex.error) return `${ex.error.kind}: ${ex.error.message}`
  const status = ex.response?.status ?? 0
  const code = errorCodeOf(ex)
  if (status < 400 && code === undefined) return undefined
  return `${status}${code ? ` ${code}` : ''}`
}
