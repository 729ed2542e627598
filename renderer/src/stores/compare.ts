import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Comparison } from '../../../shared/domain/comparison'
import { isFinishedStatus } from '../../../shared/domain/run-status'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'
import { useRunsStore } from './runs'

/**
 * Two runs side by side: the same flow started on two profiles ("run both", compared when
 * both have finished), or two saved runs picked from the history.
 */
export const useCompareStore = defineStore('compare', () => {
  const runs = useRunsStore()
  const notices = useNoticesStore()
  const mode = ref<'profiles' | 'runs'>('profiles')
  const leftProfileId = ref<string>()
  const rightProfileId = ref<string>()
  const leftRunId = ref<string>()
  const rightRunId = ref<string>()
  /** The two runs "run both" started, while they go. */
  const pending = ref<{ left: string; right: string }>()
  const result = ref<Comparison>()
  const busy = ref(false)

  const pendingRuns = computed(() =>
    pending.value ? { left: runs.runs[pending.value.left], right: runs.runs[pending.value.right] } : undefined,
  )

  async function compare(left: string, right: string): Promise<void> {
    if (!tester) return
    busy.value = true
    try {
      const r = await tester.compareRuns({ leftRunId: left, rightRunId: right })
      if (r.ok) result.value = r.value
      else notices.push('error', r.error.message)
    } finally {
      busy.value = false
    }
  }

  /** Starts the same flow on both profiles; the comparison comes when both have finished. */
  async function runBoth(): Promise<void> {
    const [l, r] = [leftProfileId.value, rightProfileId.value]
    if (!l || !r) return
    result.value = undefined
    pending.value = undefined
    const left = await runs.start(l)
    const right = left && (await runs.start(r))
    if (left && right) pending.value = { left: left.id, right: right.id }
  }

  watch(
    () => [pendingRuns.value?.left?.status, pendingRuns.value?.right?.status],
    ([a, b]) => {
      if (!pending.value || !a || !b || !isFinishedStatus(a) || !isFinishedStatus(b)) return
      const { left, right } = pending.value
      leftRunId.value = left
      rightRunId.value = right
      pending.value = undefined
      void compare(left, right)
    },
  )

  function compareSaved(): void {
    if (leftRunId.value && rightRunId.value) void compare(leftRunId.value, rightRunId.value)
  }

  /** "Compare with…" from a run: it becomes the left side; the user picks the right one. */
  function startFrom(runId: string): void {
    mode.value = 'runs'
    leftRunId.value = runId
    if (rightRunId.value === runId) rightRunId.value = undefined
    result.value = undefined
  }

  return { mode, leftProfileId, rightProfileId, leftRunId, rightRunId, pending, pendingRuns, result, busy, runBoth, compareSaved, startFrom }
})
