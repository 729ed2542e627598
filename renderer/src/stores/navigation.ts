import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Which main view shows: the selected profile with its runs, or the scenario lab. */
export const useNavigationStore = defineStore('navigation', () => {
  const view = ref<'profile' | 'lab'>('profile')
  const show = (next: 'profile' | 'lab'): void => {
    view.value = next
  }
  return { view, show }
})
