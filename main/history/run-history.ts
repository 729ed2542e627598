import type { HistoryEntry } from '../../shared/domain/run-record'
import type { Clock } from '../clock'
import { RecoveringDocument } from '../profiles/storage/recovering-document'
import type { StorageBackend, StorageNotice } from '../profiles/storage/storage-port'
import { historyCodec, type StoredHistory } from './history-codec'
import type { RunRecord } from './run-record'

/** How many finished runs the history keeps by default; the oldest go first. */
export const DEFAULT_HISTORY_LIMIT = 200

export interface HistoryOptions {
  /** Where the history file lives: the same folder (and kind of store) as the profiles. */
  backend: StorageBackend
  clock: Clock
  /** Where problems with the file are reported (the storage banner). */
  notices: StorageNotice[]
  limit?: number
  /** Called when a write fails, to tell the user at once (the notices are read at start). */
  onProblem?(message: string): void
}

/**
 * Finished runs, kept across restarts, already redacted. Written through the same recovering
 * document as the profiles (atomic writes, a last-good copy, a broken file kept aside and the
 * user told); a history that cannot be read or written never stops the app. Writes are
 * coalesced: a burst of updates (a run and the late redirects after it) is one write.
 */
export class RunHistory {
  private records: RunRecord[]
  private writeScheduled = false
  private failedOnce = false

  private constructor(
    /** Absent when nothing is saved (memory): the records above are all there is. */
    private readonly doc: RecoveringDocument<StoredHistory> | undefined,
    readonly location: string,
    readonly limit: number,
    private readonly onProblem: (message: string) => void,
    initial: RunRecord[],
  ) {
    this.records = initial.slice(-limit)
  }

  static open(opts: HistoryOptions): RunHistory {
    const limit = Math.max(1, opts.limit ?? DEFAULT_HISTORY_LIMIT)
    const say = (level: StorageNotice['level'], message: string): void => void opts.notices.push({ level, message, at: opts.clock.now() })
    const onProblem = opts.onProblem ?? ((message: string) => say('error', message))
    // Nothing is saved in memory: keeping a serialized copy there too would only cost memory.
    if (opts.backend.pathOf(historyCodec.name) === undefined) return new RunHistory(undefined, opts.backend.location, limit, onProblem, [])
    try {
      const doc = RecoveringDocument.open(opts.backend, historyCodec, opts.clock, opts.notices)
      const { records, dropped } = doc.value
      if (dropped > 0) say('warning', `${dropped} run${dropped === 1 ? '' : 's'} of the run history could not be read and ${dropped === 1 ? 'was' : 'were'} left out; the other ${records.length} are kept.`)
      const location = opts.backend.pathOf(historyCodec.name) ?? opts.backend.location
      return new RunHistory(doc, location, limit, onProblem, records)
    } catch (error) {
      say('error', `The run history cannot be kept in ${opts.backend.location} (${(error as Error).message}). This session keeps runs in memory only.`)
      return new RunHistory(undefined, 'memory (nothing is saved)', limit, onProblem, [])
    }
  }

  /** Adds a run, or replaces the earlier record of the same run (a late exchange or redirect). */
  record(record: RunRecord): void {
    const at = this.records.findIndex((r) => r.run.id === record.run.id)
    if (at >= 0) this.records[at] = record
    else this.records.push(record)
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit)
    this.scheduleWrite()
  }

  get(runId: string): RunRecord | undefined {
    return this.records.find((r) => r.run.id === runId)
  }

  /** Every record, newest first. */
  all(): RunRecord[] {
    return [...this.records].reverse()
  }

  list(): HistoryEntry[] {
    return this.all().map(entryOf)
  }

  /** Writes now what is pending (tests, shutdown). */
  flush(): void {
    const pending = this.writeScheduled
    this.writeScheduled = false
    if (!pending || !this.doc) return
    try {
      this.doc.write({ records: this.records, dropped: 0 })
      this.failedOnce = false
    } catch (error) {
      // Said once per failing streak, not on every run.
      if (!this.failedOnce) this.onProblem(`The run history could not be saved (${(error as Error).message}); runs are kept in memory until the app closes.`)
      this.failedOnce = true
    }
  }

  private scheduleWrite(): void {
    if (this.writeScheduled) return
    this.writeScheduled = true
    setImmediate(() => {
      if (this.writeScheduled) this.flush()
    })
  }
}

export function entryOf(r: RunRecord): HistoryEntry {
  const entry: HistoryEntry = {
    runId: r.run.id,
    profileId: r.run.profileId,
    profileName: r.run.profileName,
    environment: r.run.environment,
    flow: r.profile.flow,
    status: r.run.status,
    createdAt: r.run.createdAt,
    diagnosisCodes: r.run.diagnoses.map((d) => d.code),
    exchangeCount: r.exchanges.length,
  }
  if (r.run.endedAt !== undefined) entry.endedAt = r.run.endedAt
  return entry
}
