import type { ComparisonRow } from '../../shared/domain/comparison'
import type { RunView } from '../../shared/domain/run'
import type { RunRecord } from '../history/run-record'
import { outcomeLine, pairExchanges, requestLine } from './exchange-pairs'
import { row } from './rows'

type Side = Pick<RunRecord, 'run' | 'exchanges'>

/**
 * Each step's status and time, then each HTTP request and what came back. Step kinds are read
 * from the runs (a flow with other steps compares the same way); times are shown but only a
 * large gap counts as a difference, since no two runs take exactly as long.
 */
export function stepRows(l: Side, r: Side): ComparisonRow[] {
  const rows: ComparisonRow[] = []
  const kinds = [...new Set([...l.run.steps.map((s) => s.kind), ...r.run.steps.map((s) => s.kind)])]
  for (const kind of kinds) {
    const a = l.run.steps.find((s) => s.kind === kind)
    const b = r.run.steps.find((s) => s.kind === kind)
    const title = a?.title ?? b?.title ?? kind
    rows.push(row(`${title}: status`, a?.status, b?.status))
    rows.push(durationRow(`${title}: time`, durationOf(a), durationOf(b)))
  }
  for (const pair of pairExchanges(l.exchanges, r.exchanges)) {
    rows.push(row(`HTTP ${pair.label}: request`, requestLine(pair.left), requestLine(pair.right)))
    rows.push(row(`HTTP ${pair.label}: response`, outcomeLine(pair.left), outcomeLine(pair.right)))
    rows.push(durationRow(`HTTP ${pair.label}: time`, pair.left?.durationMs, pair.right?.durationMs))
  }
  return rows
}

const durationOf = (step: RunView['steps'][number] | undefined): number | undefined =>
  step?.startedAt !== undefined && step.endedAt !== undefined ? step.endedAt - step.startedAt : undefined

/** Times differ in every run; only one several times the other, by seconds, is worth a look. */
function durationRow(label: string, a: number | undefined, b: number | undefined): ComparisonRow {
  const text = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`)
  const far = a !== undefined && b !== undefined && Math.abs(a - b) > 2000 && Math.max(a, b) > 3 * Math.min(a, b)
  const out: ComparisonRow = { label, equal: !far }
  const left = text(a)
  const right = text(b)
  if (left !== undefined) out.left = left
  if (right !== undefined) out.right = right
  if (far) out.note = 'more than three times slower, by over 2 s'
  else if (left !== right) Object.assign(out, { natural: true, note: 'times differ by nature' })
  return out
}
