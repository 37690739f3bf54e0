/**
 * A bounded ring (pure): keeps the newest `max` items in the order they came, counts the older ones as dropped.
 * A fixed circle of `max` slots: at most `max` items are ever held (a young-generation GC copies only those),
 * and a push never copies the array.
 */
export class Ring<T> {
  private readonly slots: T[] = [];
  /** The slot the next push overwrites once the ring is full (the oldest item). */
  private next = 0;
  private pushed = 0;

  constructor(private readonly max: number) {}

  /** Items pushed and no longer held. */
  get dropped(): number {
    return this.pushed - this.slots.length;
  }

  push(x: T): void {
    this.pushed++;
    if (this.max === 0) return;
    this.slots[this.next] = x; // until the ring is full, next is slots.length: this appends
    this.next = this.next + 1 === this.max ? 0 : this.next + 1;
  }

  /** The items held, oldest first (a new array). */
  values(): T[] {
    return [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }
}
