/** When the nearest outcome deadline turns red on the staff screens (pure, for the status bar and tests). */
export const DEADLINE_WARNING_MS = 5 * 60_000;

export function deadlineTone(oldestDeadlineMs: number | null, now: number): 'ok' | 'danger' {
  return oldestDeadlineMs !== null && oldestDeadlineMs - now < DEADLINE_WARNING_MS ? 'danger' : 'ok';
}
