/** One line of the benchmark table: a measured figure against its goal. */
export interface BenchResult {
  id: string
  name: string
  value: number
  unit: string
  goal: string
  /** Whether the figure meets the goal. */
  ok: boolean
  details?: Record<string, number | string>
}
