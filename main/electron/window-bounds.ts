export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState extends Bounds {
  maximized: boolean
}

/**
 * Where to reopen the window: the saved bounds when at least half of the window lands on a
 * display that still exists (monitors get unplugged), otherwise the default size, centred on
 * the primary display. Sizes are clamped to the display.
 */
export function restoreBounds(saved: Partial<WindowState> | undefined, workAreas: readonly Bounds[], defaults: { width: number; height: number; minWidth: number; minHeight: number }): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: defaults.width, height: defaults.height }
  const centred = (): WindowState => {
    const width = Math.min(defaults.width, primary.width)
    const height = Math.min(defaults.height, primary.height)
    return { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height, maximized: false }
  }
  if (!saved || ![saved.x, saved.y, saved.width, saved.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return centred()
  const bounds = { x: saved.x!, y: saved.y!, width: Math.max(defaults.minWidth, saved.width!), height: Math.max(defaults.minHeight, saved.height!) }
  const area = workAreas.find((a) => overlap(bounds, a) >= (bounds.width * bounds.height) / 2)
  if (!area) return { ...centred(), maximized: saved.maximized === true }
  return {
    ...bounds,
    width: Math.min(bounds.width, area.width),
    height: Math.min(bounds.height, area.height),
    maximized: saved.maximized === true,
  }
}

function overlap(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}
