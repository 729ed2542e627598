import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { CallOutput } from '../../../shared/contract/calls'
import type { Result } from '../../../shared/contract/result'
import type { SupportBundle } from '../../../shared/domain/evidence-files'
import type { ExchangeDetail } from '../../../shared/domain/exchange-detail'
import { tester } from '../api/tester'
import { saveText } from '../composables/download'
import { useNoticesStore } from './notices'

/** The network panel's exchanges, curl and HAR, and the support bundle: all redacted in main. */
export const useEvidenceStore = defineStore('evidence', () => {
  const exchanges = ref<Record<string, ExchangeDetail[]>>({})
  const bundle = ref<{ runId: string; value: SupportBundle }>()
  const notices = useNoticesStore()

  function value<T>(result: Result<T> | undefined): T | undefined {
    if (!result) return undefined
    if (result.ok) return result.value
    notices.push('error', result.error.message)
    return undefined
  }

  async function loadExchanges(runId: string): Promise<ExchangeDetail[] | undefined> {
    const list = value(await tester?.listRunExchanges({ runId }))
    if (list) exchanges.value[runId] = list
    return list
  }

  const curl = async (exchangeId: string): Promise<CallOutput<'exchangeAsCurl'> | undefined> => value(await tester?.exchangeAsCurl({ exchangeId }))

  async function saveHar(runId: string): Promise<void> {
    const file = value(await tester?.exportHar({ runId }))
    if (!file) return
    saveText(file.fileName, file.mimeType, file.text)
    notices.push('info', `Saved ${file.fileName}: secrets removed, tokens and codes masked.`)
  }

  async function previewBundle(runId: string): Promise<void> {
    const preview = value(await tester?.previewSupportBundle({ runId, userAgent: navigator.userAgent.slice(0, 500) }))
    if (preview) bundle.value = { runId, value: preview }
  }

  return { exchanges, bundle, loadExchanges, curl, saveHar, previewBundle }
})
