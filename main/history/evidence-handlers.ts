import type { EvidenceCallName } from '../../shared/contract/evidence-calls'
import { fail, ok, type Result } from '../../shared/contract/result'
import type { EvidenceFile } from '../../shared/domain/evidence-files'
import { maskToken } from '../../shared/mask'
import type { Clock } from '../clock'
import { compareRuns } from '../compare/compare-runs'
import type { Handlers } from '../contract-dispatch'
import { curlFromRedacted, type CurlCommand } from '../http/curl-from-exchange'
import { detailOfRedacted } from '../http/exchange-detail'
import { harFromRedacted } from '../http/har'
import { redactExchange } from '../http/redact'
import { scrubDeep } from '../http/scrub-deep'
import { PLACEHOLDER } from '../oauth/curl'
import { hostFacts, type HostFacts } from '../support/host-facts'
import { buildSupportBundle } from '../support/support-bundle'
import type { TokenLifecycle } from '../tokens/lifecycle'
import { redactionValues } from '../tokens/exchange-view'
import { slugOf, utcStamp } from './file-names'
import type { RunEvidence } from './run-evidence'
import type { RunHistory } from './run-history'
import { knownTokenVariables, type RunRecord } from './run-record'

export interface EvidenceHandlerDeps {
  clock: Clock
  evidence: RunEvidence
  history: RunHistory
  /** Ids of the runs still in memory, newest first. */
  liveRunIds(): string[]
  /** Secret values of a profile, from the vault: scrubbed once more from every export. */
  secrets(profileId: string): Promise<Record<string, string>>
  tokens: TokenLifecycle
  app: HostFacts['app']
  versions: Record<string, string>
}

type EvidenceHandlers = Pick<Handlers, EvidenceCallName>

/**
 * The evidence calls: history, network panel (exchanges, curl, HAR), compare and the support
 * bundle. They all read run records, which are redacted when they are made; exports are
 * scrubbed once more with the vault's current values.
 */
export function createEvidenceHandlers(deps: EvidenceHandlerDeps): EvidenceHandlers {
  const { evidence, history } = deps
  const notFound = (runId: string): Result<never> => fail('not-found', `No run with id "${runId}" in this session or in the run history.`)
  const secretValues = async (profileId: string): Promise<string[]> => Object.values(await deps.secrets(profileId)).filter((v) => v.length >= 4)

  const harFile = async (record: RunRecord): Promise<EvidenceFile> => {
    const { run } = record
    const har = harFromRedacted(record.exchanges, { name: deps.app.name, version: deps.app.version }, `Run ${run.id} of “${run.profileName}” (${run.environment}), ${run.status}. Secrets removed, tokens and codes masked.`)
    const clean = scrubDeep(har, await secretValues(run.profileId))
    return { fileName: `oauth-flow-tester-${slugOf(run.profileName)}-${utcStamp(run.createdAt)}.har`, mimeType: 'application/json', text: `${JSON.stringify(clean, null, 2)}\n` }
  }

  return {
    listHistory: async () => {
      // Runs still going are not history yet; finished ones in memory are recorded already.
      return ok({ entries: history.list(), limit: history.limit, location: history.location })
    },

    getHistoryRun: async ({ runId }) => {
      const view = evidence.view(runId)
      return view ? ok(view) : notFound(runId)
    },

    listRunExchanges: async ({ runId }) => {
      const found = evidence.find(runId)
      return found ? ok(found.record.exchanges.map(detailOfRedacted)) : notFound(runId)
    },

    exchangeAsCurl: async ({ exchangeId }) => {
      const hit = evidence.findExchange(exchangeId, deps.liveRunIds())
      if (hit) {
        const { record } = hit.found
        return ok(
          curlFromRedacted(hit.exchange, {
            clientId: record.profile.clientId,
            secretHeaders: record.profile.secretHeaders,
            knownTokens: knownTokenVariables(record),
            secrets: await secretValues(record.run.profileId),
          }),
        )
      }
      // An exchange behind a token event (refresh, revoke, userinfo…) of a token set.
      for (const set of deps.tokens.store.all()) {
        const ex = set.exchanges.get(exchangeId)
        if (!ex) continue
        const values = redactionValues(set)
        const known = new Map<string, string>()
        for (const t of set.tokens) known.set(maskToken(t.value), PLACEHOLDER[t.kind])
        const command: CurlCommand = curlFromRedacted(redactExchange(ex, values), {
          clientId: set.profile.clientId,
          secretHeaders: set.profile.secretHeaders,
          knownTokens: known,
          secrets: values,
        })
        return ok(command)
      }
      return fail('not-found', `No exchange "${exchangeId}" in a run of this session, the run history or a token set.`)
    },

    exportHar: async ({ runId }) => {
      const found = evidence.find(runId)
      return found ? ok(await harFile(found.record)) : notFound(runId)
    },

    compareRuns: async ({ leftRunId, rightRunId }) => {
      const left = evidence.find(leftRunId)
      if (!left) return notFound(leftRunId)
      const right = evidence.find(rightRunId)
      if (!right) return notFound(rightRunId)
      return ok(compareRuns(left, right))
    },

    previewSupportBundle: async ({ runId, userAgent }) => {
      const found = evidence.find(runId)
      if (!found) return notFound(runId)
      const host = hostFacts(deps.app, deps.versions, userAgent)
      return ok(buildSupportBundle(found.record, host, deps.clock.now(), await secretValues(found.record.run.profileId)))
    },
  }
}
