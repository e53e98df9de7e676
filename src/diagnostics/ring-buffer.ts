/** Keeps the last `limit` entries; older ones fall off (bounded memory for day-long calls). */
export interface RingBuffer<T> {
  push(entry: T): void;
  toArray(): T[];
  readonly size: number;
  readonly dropped: number;
}

export function createRingBuffer<T>(limit: number): RingBuffer<T> {
  const capacity = Math.max(1, Math.floor(limit));
  const slots: T[] = [];
  let next = 0;
  let dropped = 0;
  return {
    push(entry) {
      if (slots.length < capacity) {
        slots.push(entry);
        return;
      }
      slots[next] = entry;
      next = (next + 1) % capacity;
      dropped += 1;
    },
    toArray: () => (slots.length < capacity ? [...slots] : [...slots.slice(next), ...slots.slice(0, next)]),
    get size() {
      return slots.length;
    },
    get dropped() {
      return dropped;
    },
  };
}
