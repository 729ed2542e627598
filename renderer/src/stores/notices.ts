import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  id: number
  level: 'info' | 'warning' | 'error'
  message: string
}

/** Short messages from main (blocked tab, stray redirect …), dismissed by the user or by time. */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([])
  let next = 1

  function push(level: Notice['level'], message: string): void {
    const id = next++
    notices.value = [...notices.value.slice(-4), { id, level, message }]
    if (level !== 'error') setTimeout(() => dismiss(id), 8000)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  return { notices, push, dismiss }
})
