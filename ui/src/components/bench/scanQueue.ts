// Scans that arrive while a purchase runs: kept in order, each its own order number, never merged
// with the text already in the field.

/** The waiting scans, oldest first. */
export class ScanQueue {
  private items: string[] = [];

  /** Adds a scan; returns false when that order already waits (a double read of one barcode). */
  push(order: string): boolean {
    const o = order.trim();
    if (!o || this.items.includes(o)) return false;
    this.items.push(o);
    return true;
  }

  /** The next scan to handle, removed from the queue. */
  next(): string | undefined {
    return this.items.shift();
  }

  /** What waits, oldest first. */
  get waiting(): readonly string[] {
    return this.items;
  }

  /** "next: #1003" (or "next: #1003, #1004"), empty when nothing waits. */
  label(): string {
    return this.items.length ? `next: ${this.items.join(", ")}` : "";
  }
}
