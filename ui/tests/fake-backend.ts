// A stand-in for the station in component tests: the core answers an empty DEMO bench; every
// other command throws "not in this test" unless the test gives it (`over`).
import type { Backend } from "../src/lib/backend";

const notInThisTest = async () => { throw { kind: "internal", message: "not in this test" }; };

/** The core of an empty DEMO bench. */
const core: Partial<Backend> = {
  appInfo: async () => ({ name: "Shipbench", version: "9.9.9", mode: "DEMO" }),
  listOrders: async () => ({ total: 0, total_is_exact: true, orders: [] }),
  syncOrders: async () => "Synced: 0 new orders, 0 changed; 0 orders cached.",
  buyAndPrint: notInThisTest,
  lastPrintedLabel: async () => null,
  openReport: async () => ({
    report: { purchases_adopted: 0, purchases_failed: 0, purchases_unsettled: 0, interrupted_print_jobs: [], notes: [] },
    sentences: [],
  }),
  onBuyProgress: async () => () => {},
  onSyncProgress: async () => () => {},
  tokenStatus: async () => ({ mode: "DEMO", token: null, keyring: "Secret Service", demo_forced: false }),
  saveToken: notInThisTest,
  clearToken: notInThisTest,
  // The header's online state (orders area): synced once, Shippo answering, no batch yet.
  syncInfo: async () => ({ last_sync_at: "2026-11-30T09:00:00Z", cached_orders: 0, running: false }),
  probeShippo: async () => true,
  lastBatch: async () => null,
  uiReady: async () => {},
  // The settings screen's scale section: nothing found, no scale set.
  scaleChoices: async () => [],
  scaleSetting: async () => ({ kind: "none" }),
  // Warehouse mode: a single bench (no warehouse), so its parts show nothing.
  warehouseStatus: async () => ({
    configured: false, url: null, bench: null, reachable: false, problem: null, benches: [], pending_elsewhere: 0,
    unreported: 0, reported_now: 0, profile: null,
  }),
};

/** A backend answering `over` first, then the empty bench; anything else throws in the test. */
export function fakeBackend(over: Partial<Backend> = {}): Backend {
  const known: Record<string, unknown> = { ...core, ...over };
  return new Proxy(known, {
    get(target, prop) {
      if (typeof prop !== "string" || prop === "then" || prop === "toJSON") return undefined;
      if (prop in target) return target[prop];
      // Event subscriptions a test does not care about: listen to nothing.
      if (/^on[A-Z]/.test(prop)) return async () => () => {};
      return notInThisTest;
    },
  }) as unknown as Backend;
}
