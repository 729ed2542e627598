import { z } from 'zod'
import { ComparisonSchema } from '../domain/comparison'
import { CurlCommandSchema, EvidenceFileSchema, SupportBundleSchema } from '../domain/evidence-files'
import { ExchangeDetailSchema } from '../domain/exchange-detail'
import { HistoryListSchema, RunRecordViewSchema } from '../domain/run-record'

/**
 * Evidence of runs: the run history, the network panel (exchanges, curl, HAR), the comparison
 * of two runs and the support bundle. Every call works for a run still in memory and for one
 * read back from the history; every answer is redacted in main before it leaves.
 */
const Id = z.string().min(1).max(200)
const RunRef = z.object({ runId: Id }).strict()

export const evidenceCalls = {
  /** Past runs, newest first (finished ones; kept across restarts). */
  listHistory: { input: z.object({}).strict(), output: HistoryListSchema },
  /** One run as evidence (live or from the history), for the read-only view. */
  getHistoryRun: { input: RunRef, output: RunRecordViewSchema },
  /** Every HTTP exchange of a run in full, redacted, in the order they were sent. */
  listRunExchanges: { input: RunRef, output: z.array(ExchangeDetailSchema) },
  /** One exchange of a run (or behind a token event) as curl, with variables for secrets and tokens. */
  exchangeAsCurl: { input: z.object({ exchangeId: Id }).strict(), output: CurlCommandSchema },
  /** The run's exchanges as a HAR 1.2 file, redacted. */
  exportHar: { input: RunRef, output: EvidenceFileSchema },
  /** Two runs side by side, section by section. */
  compareRuns: { input: z.object({ leftRunId: Id, rightRunId: Id }).strict(), output: ComparisonSchema },
  /**
   * The support bundle of a run, exactly as it will be saved. `userAgent` lets the page add
   * the browser it runs in (the web host's Chromium), which main cannot know.
   */
  previewSupportBundle: {
    input: z.object({ runId: Id, userAgent: z.string().max(500).optional() }).strict(),
    output: SupportBundleSchema,
  },
} as const

export type EvidenceCallName = keyof typeof evidenceCalls
