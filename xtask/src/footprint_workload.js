// The footprint bench's day of work, run in the Shipbench window (SHIPBENCH_BENCH_SCRIPT) once it
// is ready. After an idle pause it does what an operator does, BUYS times: scan an order into the
// scan field (orders #1001 on), wait for its card and rates, press Enter on the empty field to
// Buy & Print the rule's pick, and wait for the result. An order that cannot be bought (no weight,
// an address Shippo flags, already labelled) is skipped and counted. SYNCS presses of the header's
// Sync are spread over the buys. When done it reports a mark through `ui_ready` and leaves the
// result in document.title. The placeholders are replaced by the bench.
(async () => {
  const IDLE_MS = __IDLE_MS__, BUYS = __BUYS__, SYNCS = __SYNCS__, MAX_TRIES = BUYS * 2;
  const invoke = window.__TAURI_INTERNALS__.invoke;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
  async function until(what, ms = 60000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (what()) return true;
      await sleep(20);
    }
    return false;
  }
  const tone = () => { const s = $("status-line"); return s ? ["ok", "warn", "error", "info"].find((t) => s.classList.contains(t)) : undefined; };
  const statusText = () => $("status-line")?.textContent ?? "";
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  /** Types `text` into the scan field and presses Enter (an empty text buys the open card). */
  function scan(text) {
    const input = $("scan-input");
    input.focus();
    setter.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.form.requestSubmit();
  }
  /** Closes whatever asks the operator, buying nothing. */
  function dismiss() {
    $("address-cancel")?.click();
    $("question")?.querySelector("button:not(.yes)")?.click();
  }
  // The header's Sync: its button gives way to the progress bar while the sync runs.
  async function syncOnce() {
    $("header-sync").click();
    await until(() => !$("header-sync"), 2000);
    await until(() => $("header-sync"), 120000);
  }
  /** One order: open, rates, buy. True when the label was bought and printed. */
  async function buyOne(order) {
    scan(order);
    const rated = await until(() => $("card-number")?.textContent === order && (statusText().includes("Press Enter to buy") || tone() !== "info"), 30000);
    if (!rated || !statusText().includes("Press Enter to buy")) return false;
    scan("");
    await until(() => tone() !== "info" || $("address-dialog") || $("question"), 120000);
    if ($("address-dialog") || $("question")) {
      dismiss();
      await until(() => !$("scan-busy"), 30000);
      return false;
    }
    return tone() === "ok";
  }
  await sleep(IDLE_MS);
  let bought = 0, skipped = 0, synced = 0, tries = 0;
  const syncEvery = Math.max(1, Math.floor(BUYS / Math.max(1, SYNCS)));
  for (let n = 1001; bought < BUYS && tries < MAX_TRIES; n++, tries++) {
    if (await buyOne(`#${n}`)) {
      bought++;
      if (bought % syncEvery === 0 && synced < SYNCS) {
        await syncOnce();
        synced++;
      }
    } else {
      skipped++;
      dismiss();
    }
  }
  while (synced < SYNCS) {
    await syncOnce();
    synced++;
  }
  document.title = `workload bought=${bought} skipped=${skipped} synced=${synced}`;
  await invoke("ui_ready");
})().catch(async (e) => {
  document.title = `workload failed: ${e}`;
  await window.__TAURI_INTERNALS__.invoke("ui_ready");
});
