import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Result } from '../../../shared/contract/result'
import type { RunView } from '../../../shared/domain/run'
import { tester } from '../api/tester'
import { useNoticesStore } from './notices'
import { useRunsStore } from './runs'

/**
 * The vendor flow's API-mode input: the login, the OTP send and the OTP. The password and the
 * code go to main once and are not kept here; main answers with the run's new view.
 */
export const useVendorStore = defineStore('vendor', () => {
  const runs = useRunsStore()
  const notices = useNoticesStore()
  /** A request of the run is on its way (buttons disabled). */
  const busy = ref<Record<string, boolean>>({})
  /** Why main did not take the last request (a conflict, e.g. "Wait 12 s"), per run. */
  const refusals = ref<Record<string, string | undefined>>({})

  async function send(runId: string, call: () => Promise<Result<RunView>>): Promise<boolean> {
    if (!tester || busy.value[runId]) return false
    busy.value[runId] = true
    refusals.value[runId] = undefined
    try {
      const result = await call()
      if (result.ok) {
        runs.put(result.value)
        return true
      }
      if (result.error.code === 'conflict') refusals.value[runId] = result.error.message
      else notices.push('error', result.error.message)
      return false
    } finally {
      busy.value[runId] = false
    }
  }

  const submitLogin = (runId: string, email: string, password: string, remember: boolean): Promise<boolean> =>
    send(runId, () => tester!.submitLogin({ runId, email, password, ...(remember && { remember }) }))
  const sendOtp = (runId: string): Promise<boolean> => send(runId, () => tester!.sendOtp({ runId }))
  const submitOtp = (runId: string, otpCode: string): Promise<boolean> => send(runId, () => tester!.submitOtp({ runId, otpCode }))

  return { busy, refusals, submitLogin, sendOtp, submitOtp }
})
