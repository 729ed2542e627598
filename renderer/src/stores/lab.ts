import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { TesterEvent } from '../../../shared/contract/events'
import type { LabReport, ScenarioInfo } from '../../../shared/domain/lab'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'

/**
 * The scenario lab as the renderer sees it: the scenarios, which are selected, what to run them
 * against, and the latest report (updated scenario by scenario through `lab-updated` events).
 */
export const useLabStore = defineStore('lab', () => {
  const scenarios = ref<ScenarioInfo[]>([])
  const report = ref<LabReport>()
  const selected = ref<Record<string, boolean>>({})
  /** A profile of the user's; undefined runs against the embedded sandbox. */
  const targetProfileId = ref<string>()
  const running = ref(false)
  const loaded = ref(false)
  const notices = useNoticesStore()

  const selectedIds = computed(() => scenarios.value.filter((s) => selected.value[s.id]).map((s) => s.id))
  const resultOf = (id: string) => report.value?.results.find((r) => r.scenarioId === id)

  async function load(): Promise<void> {
    if (!tester || loaded.value) return
    const [list, latest] = await Promise.all([tester.listScenarios({}), tester.getLabReport({})])
    if (list.ok) scenarios.value = list.value
    else notices.push('error', list.error.message)
    if (latest.ok && latest.value) report.value = latest.value
    loaded.value = true
  }

  async function run(ids?: string[]): Promise<void> {
    if (!tester || running.value) return
    running.value = true
    try {
      const input = { ...(ids !== undefined && { scenarioIds: ids }), ...(targetProfileId.value !== undefined && { profileId: targetProfileId.value }) }
      const result = await tester.runScenarios(input)
      if (result.ok) report.value = result.value
      else notices.push('error', result.error.message)
    } finally {
      running.value = false
    }
  }

  /** Asks main for the report as a file and hands it to the browser as a download. */
  async function download(format: 'junit' | 'markdown'): Promise<void> {
    if (!tester) return
    const result = await tester.exportLabReport({ format, ...(report.value && { reportId: report.value.id }) })
    if (!result.ok) {
      notices.push('error', result.error.message)
      return
    }
    const url = URL.createObjectURL(new Blob([result.value.content], { type: result.value.mimeType }))
    const link = document.createElement('a')
    link.href = url
    link.download = result.value.filename
    link.dataset.testid = `lab-download-${format}`
    document.body.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  function select(ids: string[], on: boolean): void {
    for (const id of ids) selected.value[id] = on
  }

  function onEvent(event: TesterEvent): void {
    switch (event.type) {
      case 'lab-updated':
        report.value = event.report
        return
      case 'run-updated':
      case 'notice':
      case 'token-set-updated':
        return
    }
  }

  let unsubscribe: (() => void) | undefined
  function connect(): void {
    unsubscribe ??= tester?.onEvent(onEvent)
  }

  return { scenarios, report, selected, selectedIds, targetProfileId, running, loaded, resultOf, load, run, download, select, connect }
})
