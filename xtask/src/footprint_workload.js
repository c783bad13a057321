// The footprint bench's day of work, run in the Shipbench window (SHIPBENCH_BENCH_SCRIPT) once it
// is ready: after an idle pause, BUYS successful Buy & Print through the scan field (orders #1001
// on; an order that cannot be bought is skipped and counted) and SYNCS presses of Sync, spread
// over the buys. When done it reports a mark through `ui_ready` and leaves the result in
// document.title. The placeholders are replaced by the bench.
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
  // The header's Sync: its button gives way to the progress bar while the sync runs.
  async function syncOnce() {
    $("header-sync").click();
    await until(() => !$("header-sync"), 2000);
    await until(() => $("header-sync"), 120000);
  }
  await sleep(IDLE_MS);
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  let bought = 0, skipped = 0, synced = 0, tries = 0;
  const syncEvery = Math.max(1, Math.floor(BUYS / Math.max(1, SYNCS)));
  for (let n = 1001; bought < BUYS && tries < MAX_TRIES; n++, tries++) {
    const input = $("scan-input");
    setter.call(input, `#${n}`);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await until(() => !$("scan-buy").disabled);
    input.form.requestSubmit();
    await sleep(50);
    // Busy while the scan button is disabled with an empty field; done when the status line
    // leaves its "buying…" (info) tone.
    await until(() => { const s = $("status-line"); return s && !s.classList.contains("info"); });
    if ($("status-line").classList.contains("ok")) bought++; else skipped++;
    if ($("question")) $("question").querySelector("button:not(.yes)").click();
    if (bought > 0 && bought % syncEvery === 0 && synced < SYNCS && $("status-line").classList.contains("ok")) {
      await syncOnce();
      synced++;
    }
  }
  while (synced < SYNCS) {
    await syncOnce();
    synced++;
  }
  document.title = `workload bought=${bought} skipped=${skipped} synced=${synced}`;
  await invoke("ui_ready");
})();
