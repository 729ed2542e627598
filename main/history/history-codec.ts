import { z } from 'zod'
import { ProfileSnapshotSchema, ResolvedTargetSchema, TokenFactsSchema } from '../../shared/domain/run-record'
import { RunViewSchema } from '../../shared/domain/run'
import { DocumentError, readVersionedObject, type DocumentCodec } from '../profiles/storage/document-codec'
import type { RunRecord } from './run-record'

const HISTORY_VERSION = 1

/** An HTTP exchange as stored: the record's, redacted before it was written. */
const StoredExchangeSchema = z.object({
  id: z.string(),
  runId: z.string().optional(),
  step: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  request: z.object({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string().optional() }),
  response: z
    .object({ status: z.number(), statusText: z.string(), headers: z.record(z.string(), z.string()), body: z.string(), truncated: z.boolean() })
    .optional(),
  error: z
    .object({ kind: z.enum(['timeout', 'refused', 'dns', 'tls', 'reset', 'invalid-url', 'network']), message: z.string(), code: z.string().optional() })
    .optional(),
})

const StoredRecordSchema = z.object({
  run: RunViewSchema,
  recordedAt: z.number(),
  profile: ProfileSnapshotSchema,
  resolved: ResolvedTargetSchema,
  tokens: z.array(TokenFactsSchema),
  exchanges: z.array(StoredExchangeSchema),
})

export interface StoredHistory {
  /** Oldest first. */
  records: RunRecord[]
  /** Records of the file that did not read (a hand edit, a newer app's run); left out, the rest kept. */
  dropped: number
}

/**
 * The run history file: `{ version, records }`. One unreadable record costs that record only;
 * a file that is not a history at all is handled by the recovering document (kept aside, the
 * last good copy loaded, the user told).
 */
export const historyCodec: DocumentCodec<StoredHistory> = {
  name: 'history',
  label: 'your run history',
  version: HISTORY_VERSION,
  decode(raw) {
    const { doc, version } = readVersionedObject(raw, HISTORY_VERSION)
    if (!Array.isArray(doc.records)) throw new DocumentError('it has no list of runs')
    const records: RunRecord[] = []
    let dropped = 0
    for (const item of doc.records) {
      const parsed = StoredRecordSchema.safeParse(item)
      if (parsed.success) records.push(parsed.data as RunRecord)
      else dropped++
    }
    return { value: { records, dropped }, fromVersion: version }
  },
  encode: (history) => ({ version: HISTORY_VERSION, records: history.records }),
  empty: () => ({ records: [], dropped: 0 }),
}
