import type { RunRecordView } from '../../shared/domain/run-record'
import type { Clock } from '../clock'
import type { Run } from '../flows/run'
import type { HttpExchange } from '../http/exchange'
import { buildRunRecord, type RunRecord } from './run-record'
import type { RunHistory } from './run-history'

export interface EvidenceDeps {
  clock: Clock
  history: RunHistory
  /** A run still in the engine's memory (raw), if any. */
  liveRun(runId: string): Readonly<Run> | undefined
  /** Names of the secrets stored for a profile (never values). */
  storedSecrets(profileId: string): string[]
}

export interface FoundRecord {
  record: RunRecord
  source: 'live' | 'history'
}

/**
 * One place that answers "the evidence of run X": a run still in memory is recorded afresh
 * (it may still change), any other is read from the history. Finished runs are handed to the
 * history here, as the engine reports them.
 */
export class RunEvidence {
  constructor(private readonly deps: EvidenceDeps) {}

  /** The engine's `onFinished`: records the run; a failure here must never touch the run. */
  finished(run: Readonly<Run>): void {
    try {
      this.deps.history.record(this.build(run))
    } catch {
      // The run itself is unaffected; it simply will not be in the history.
    }
  }

  find(runId: string): FoundRecord | undefined {
    const live = this.deps.liveRun(runId)
    if (live) return { record: this.build(live), source: 'live' }
    const stored = this.deps.history.get(runId)
    return stored ? { record: stored, source: 'history' } : undefined
  }

  view(runId: string): RunRecordView | undefined {
    const found = this.find(runId)
    if (!found) return undefined
    const { record, source } = found
    return { run: record.run, source, recordedAt: record.recordedAt, profile: record.profile, resolved: record.resolved, tokens: record.tokens }
  }

  /** The record holding an exchange: the live runs first, then the history. */
  findExchange(exchangeId: string, liveRunIds: readonly string[]): { found: FoundRecord; exchange: HttpExchange } | undefined {
    for (const runId of liveRunIds) {
      const live = this.deps.liveRun(runId)
      if (!live?.exchanges.some((ex) => ex.id === exchangeId)) continue
      const found = { record: this.build(live), source: 'live' as const }
      const exchange = found.record.exchanges.find((ex) => ex.id === exchangeId)
      if (exchange) return { found, exchange }
    }
    for (const record of this.deps.history.all()) {
      const exchange = record.exchanges.find((ex) => ex.id === exchangeId)
      if (exchange) return { found: { record, source: 'history' }, exchange }
    }
    return undefined
  }

  private build(run: Readonly<Run>): RunRecord {
    return buildRunRecord(run as Run, { now: this.deps.clock.now(), storedSecrets: this.deps.storedSecrets(run.profile.id) })
  }
}
