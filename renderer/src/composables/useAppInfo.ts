import { ref, type Ref } from 'vue'
import type { AppInfo } from '../../../shared/contract/calls'
import { tester } from '../api/tester'

let pending: Promise<AppInfo | undefined> | undefined

/** The host's facts (desktop or web host), asked once per page. */
export function useAppInfo(): Ref<AppInfo | undefined> {
  const info = ref<AppInfo>()
  pending ??= tester?.getAppInfo({}).then((r) => (r.ok ? r.value : undefined)) ?? Promise.resolve(undefined)
  void pending.then((value) => (info.value = value))
  return info
}
