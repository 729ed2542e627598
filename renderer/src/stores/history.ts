import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { TesterEvent } from '../../../shared/contract/events'
import type { HistoryList, RunRecordView } from '../../../shared/domain/run-record'
import { isFinishedStatus } from '../../../shared/domain/run-status'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'

/** The run history (finished runs, kept across restarts) and the records opened from it. */
export const useHistoryStore = defineStore('history', () => {
  const list = ref<HistoryList>({ entries: [], limit: 0, location: '' })
  const records = ref<Record<string, RunRecordView>>({})
  const notices = useNoticesStore()
  /** Runs seen finished, so one finishing reloads the list once, not on every later event. */
  const seenFinished = new Set<string>()

  async function load(): Promise<void> {
    const r = await tester?.listHistory({})
    if (r?.ok) list.value = r.value
  }

  async function open(runId: string): Promise<RunRecordView | undefined> {
    if (!tester) return undefined
    const r = await tester.getHistoryRun({ runId })
    if (!r.ok) {
      notices.push('error', r.error.message)
      return undefined
    }
    records.value[runId] = r.value
    return r.value
  }

  function onEvent(event: TesterEvent): void {
    switch (event.type) {
      case 'run-updated':
        if (isFinishedStatus(event.run.status) && !seenFinished.has(event.run.id)) {
          seenFinished.add(event.run.id)
          void load()
        }
        break
      case 'notice':
      case 'token-set-updated':
        // Nothing of the history changes.
        break
    }
  }

  let unsubscribe: (() => void) | undefined
  function connect(): void {
    unsubscribe ??= tester?.onEvent(onEvent)
  }

  return { list, records, load, open, connect }
})
