import type { TesterApi } from '../../../shared/contract/api'

/** The renderer's only way out. Undefined when the page was opened without a host. */
export const tester: TesterApi | undefined = window.tester
