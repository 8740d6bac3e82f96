import { DateTime } from 'luxon';
import type { PerformanceView } from '../../local/seed';
import { asUpdate } from '../../local/seed';
import { api } from './api';

/**
 * Holds an audition now instead of waiting for it: the director moves the slot (same id, so its sign-ups stay)
 * to start `minutesAgo` minutes in the past, as a director may when an audition was brought forward. The same
 * technique as the model test's `moveSlotIntoPast`; a test never sleeps on the real clock for a slot to begin.
 * `slotId` may be left out when the performance has one slot.
 */
export async function holdAuditionNow(
  token: string,
  performanceId: string,
  slotId?: string,
  minutesAgo = 1,
): Promise<void> {
  const read = await api<PerformanceView>('GET', `/performances/${performanceId}`, { token });
  if (read.status !== 200) throw new Error(`could not read ${performanceId}: ${JSON.stringify(read.body)}`);
  const p = read.body;
  const held = slotId ?? (p.slots.length === 1 ? p.slots[0]!.slotId : undefined);
  if (!held || !p.slots.some((s) => s.slotId === held)) throw new Error(`no slot ${slotId} in ${performanceId}`);
  const start = DateTime.fromMillis(Date.now() - minutesAgo * 60_000, { zone: p.venue.timeZone }).toFormat(
    "yyyy-LL-dd'T'HH:mm",
  );
  const update = asUpdate(p);
  const body = { ...update, slots: update.slots.map((s) => (s.slotId === held ? { ...s, start } : s)) };
  const moved = await api('PUT', `/performances/${performanceId}`, { token, body });
  if (moved.status !== 200) throw new Error(`could not move the slot into the past: ${JSON.stringify(moved.body)}`);
  // The slot's sign-ups move with it a moment later (the table stream's follow-up): wait until they have, so a
  // page read next shows every one of them as auditioned.
  const signUpsMoved = async () => {
    const { status, body: bySlot } = await api<{
      slots: { slotId: string; signUps: { slot: { startsAt: { utc: string } } }[] }[];
    }>('GET', `/performances/${performanceId}/signups`, { token });
    const signUps = bySlot.slots?.find((s) => s.slotId === held)?.signUps ?? [];
    return status === 200 && signUps.every((s) => Date.parse(s.slot.startsAt.utc) <= Date.now());
  };
  for (const started = Date.now(); !(await signUpsMoved());) {
    if (Date.now() - started > 20_000) throw new Error(`the sign-ups of ${held} did not move with their slot`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
