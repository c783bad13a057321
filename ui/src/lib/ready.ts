// The window tells the app when it is ready to work: once the bench's order list is drawn (rows,
// or the sentence that replaces "Loading…"), after the next painted frame. `cargo xtask bench`
// measures the cold start up to this report.

/** Whether the order list has been drawn. */
export function orderListDrawn(doc: Document = document): boolean {
  if (doc.querySelector('[data-testid="order-row"]')) return true;
  const message = doc.querySelector('[data-testid="orders-message"]')?.textContent ?? "";
  return message.trim() !== "" && !message.startsWith("Loading");
}

/** Calls `report` once, after the first frame painted with the order list drawn. */
export function reportWhenOrderListDrawn(report: () => Promise<void>, doc: Document = document): () => void {
  let done = false;
  const fire = () => {
    if (done || !orderListDrawn(doc)) return;
    done = true;
    observer.disconnect();
    // Two frames: the first runs before the paint of the new list, the second after it.
    requestAnimationFrame(() => requestAnimationFrame(() => { report().catch(() => {}); }));
  };
  const observer = new MutationObserver(fire);
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
  fire();
  return () => { done = true; observer.disconnect(); };
}
