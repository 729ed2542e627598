import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** The current time, refreshed every `everyMs` while the component is mounted (for countdowns). */
export function useNow(everyMs = 250): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), everyMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
