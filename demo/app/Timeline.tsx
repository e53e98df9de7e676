import { useSyncExternalStore } from 'react';
import { timelineStore } from './store';

const time = (at: number) => new Date(at).toISOString().slice(11, 23);
const short = (payload: unknown) => (payload === undefined ? '' : JSON.stringify(payload).slice(0, 120));

/** The call as a timeline: every `call/` action with its time (what Redux DevTools shows). */
export function Timeline() {
  useSyncExternalStore(timelineStore.subscribe, timelineStore.snapshot);
  const items = timelineStore.items().slice(-80).reverse();
  return (
    <section className="demo-timeline" aria-label="Call timeline">
      <h2>Timeline</h2>
      <ol>
        {items.map((item, i) => (
          <li key={`${item.at}-${i}`} data-type={item.type}>
            <time>{time(item.at)}</time> <strong>{item.type.replace('call/', '')}</strong> <code>{short(item.payload)}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
