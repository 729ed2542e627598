import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { DeliveryResult, RunOptions } from '../../../shared/contract/calls'
import type { TesterEvent } from '../../../shared/contract/events'
import type { RunView } from '../../../shared/domain/run'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'

export const useRunsStore = defineStore('runs', () => {
  const runs = ref<Record<string, RunView>>({})
  /** The run shown for each profile: the latest one started. */
  const latestByProfile = ref<Record<string, string>>({})
  const starting = ref<Record<string, boolean>>({})
  /** The run options chosen per profile; Run flow and Restart both use them. */
  const optionsByProfile = ref<Record<string, RunOptions>>({})
  const notices = useNoticesStore()

  const list = computed(() => Object.values(runs.value).sort((a, b) => b.createdAt - a.createdAt))
  const latestFor = (profileId: string): RunView | undefined => {
    const id = latestByProfile.value[profileId]
    return id !== undefined ? runs.value[id] : undefined
  }

  function put(run: RunView): void {
    // A call's answer can arrive after the events that followed it: the newer view stays.
    const known = runs.value[run.id]
    if (known?.revision !== undefined && run.revision !== undefined && run.revision < known.revision) return
    runs.value[run.id] = run
    const current = latestFor(run.profileId)
    if (!current || current.createdAt <= run.createdAt) latestByProfile.value[run.profileId] = run.id
  }

  function onEvent(event: TesterEvent): void {
    if (event.type === 'run-updated') put(event.run)
    else if (event.type === 'notice') notices.push(event.level, event.message)
  }

  async function load(): Promise<void> {
    if (!tester) return
    const result = await tester.listRuns({})
    if (result.ok) for (const run of [...result.value].reverse()) put(run)
  }

  const optionsFor = (profileId: string): RunOptions => optionsByProfile.value[profileId] ?? {}

  function setOptions(profileId: string, options: RunOptions): void {
    // Only what was chosen: an absent field means "as the profile says".
    const chosen: RunOptions = {}
    if (options.capture !== undefined) chosen.capture = options.capture
    if (options.sessionSeconds !== undefined) chosen.sessionSeconds = options.sessionSeconds
    optionsByProfile.value[profileId] = chosen
  }

  async function start(profileId: string): Promise<RunView | undefined> {
    if (!tester || starting.value[profileId]) return undefined
    starting.value[profileId] = true
    try {
      const options = optionsFor(profileId)
      const result = await tester.startFlow(Object.keys(options).length > 0 ? { profileId, options } : { profileId })
      if (!result.ok) {
        notices.push('error', result.error.message)
        return undefined
      }
      put(result.value)
      return result.value
    } finally {
      starting.value[profileId] = false
    }
  }

  async function cancel(runId: string): Promise<void> {
    if (!tester) return
    const result = await tester.cancelFlow({ runId })
    if (result.ok) put(result.value)
    else notices.push('error', result.error.message)
  }

  async function deliver(url: string, runId?: string): Promise<DeliveryResult | undefined> {
    if (!tester) return undefined
    const result = await tester.deliverRedirect(runId !== undefined ? { url, runId } : { url })
    if (!result.ok) {
      notices.push('error', result.error.message)
      return undefined
    }
    return result.value
  }

  let unsubscribe: (() => void) | undefined
  function connect(): void {
    unsubscribe ??= tester?.onEvent(onEvent)
  }

  return { runs, list, latestFor, starting, optionsFor, setOptions, load, start, cancel, deliver, connect, put }
})
