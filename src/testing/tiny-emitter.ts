type Listener = (...args: unknown[]) => void;

/** Just enough of an EventEmitter for the Room double, with listener counts for leak checks. */
export class TinyEmitter {
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    const set = this.listeners.get(event);
    if (!set) return this;
    set.delete(listener);
    for (const l of set) if ((l as { once?: Listener }).once === listener) set.delete(l);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = Object.assign((...args: unknown[]) => {
      this.off(event, wrapped);
      listener(...args);
    }, { once: listener });
    return this.on(event, wrapped);
  }

  emit(event: string, ...args: unknown[]): boolean {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) listener(...args);
    return true;
  }

  listenerCount(event?: string): number {
    if (event !== undefined) return this.listeners.get(event)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}
