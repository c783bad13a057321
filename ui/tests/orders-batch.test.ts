import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import BatchPanel from "../src/components/orders/BatchPanel.svelte";
import OnlineStatus from "../src/components/OnlineStatus.svelte";
import type { BatchProgress, BatchReport, BatchRow } from "../src/lib/areas/orders";
import { fakeBackend } from "./fake-backend";

const ok = (order: string, n: number): BatchRow => ({ order, tracking_number: `9400${n}`, queued_for_print: true, error: null, settled: true });
const bad = (order: string): BatchRow => ({ order, tracking_number: null, queued_for_print: false, error: "The address_to is incomplete.", settled: true });

function reportOf(rows: BatchRow[], extra: Partial<BatchReport> = {}): BatchReport {
  return {
    id: 7, created_at: "2026-12-01T10:00:00Z", finished: rows.every((r) => r.settled), interrupted: false, rows,
    bought: rows.filter((r) => r.tracking_number).length, queued: rows.filter((r) => r.queued_for_print).length,
    failed: rows.filter((r) => r.error).length, ...extra,
  };
}

describe("the batch panel", () => {
  it("shows progress as labels come, a result per order, and retries the failed ones", async () => {
    let emit: (p: BatchProgress) => void = () => {};
    let finish: () => void = () => {};
    const retried: number[] = [];
    const backend = fakeBackend({
      onBatchProgress: async (cb) => { emit = cb; return () => {}; },
      runBatch: async (orders) => {
        expect(orders).toEqual(["#1", "#2", "#3"]);
        await new Promise<void>((r) => (finish = r));
        return reportOf([ok("#1", 1), bad("#2"), ok("#3", 3)]);
      },
      retryBatch: async (id) => { retried.push(id); return reportOf([ok("#1", 1), ok("#2", 2), ok("#3", 3)]); },
    });
    render(BatchPanel, { backend, selection: () => ["#1", "#2", "#3"], count: 3 });
    await fireEvent.click(screen.getByTestId("batch-start"));
    emit({ total: 3, settled: 1, bought: 1, queued: 1, row: ok("#1", 1), message: "#1: label 94001 bought." });
    await waitFor(() => expect(screen.getByTestId("batch-counts").textContent).toBe("1 of 3 bought, 1 sent to the printer"));
    const results = screen.getAllByTestId("batch-result").map((r) => r.textContent?.trim());
    expect(results).toEqual(["94001 (sent to the printer)", "Waiting…", "Waiting…"]);
    finish();
    await waitFor(() => expect(screen.getByTestId("batch-message").textContent).toBe("Batch 7: 2 of 3 bought, 2 sent to the printer, 1 failed."));
    expect(screen.getAllByTestId("batch-result")[1].textContent?.trim()).toBe("Failed: The address_to is incomplete.");
    await fireEvent.click(screen.getByTestId("batch-retry"));
    await waitFor(() => expect(retried).toEqual([7]));
    await waitFor(() => expect(screen.getAllByTestId("batch-result")[1].textContent?.trim()).toBe("94002 (sent to the printer)"));
    expect(screen.queryByTestId("batch-retry")).toBeNull();
  });

  it("reports a batch the window closed on, and resumes it", async () => {
    const interrupted = reportOf([ok("#1", 1), { order: "#2", tracking_number: null, queued_for_print: false, error: null, settled: false }], { interrupted: true });
    const retried: number[] = [];
    const backend = fakeBackend({
      lastBatch: async () => interrupted,
      retryBatch: async (id) => { retried.push(id); return reportOf([ok("#1", 1), ok("#2", 2)]); },
    });
    render(BatchPanel, { backend, selection: () => [], count: 0 });
    await waitFor(() => expect(screen.getByTestId("batch-message").textContent).toBe(
      "Batch 7 was interrupted (the window closed): 1 bought, 1 not reached. Nothing is bought twice."));
    expect(screen.getAllByTestId("batch-result").map((r) => r.textContent?.trim())).toEqual(["94001 (sent to the printer)", "Not reached"]);
    await fireEvent.click(screen.getByTestId("batch-retry"));
    await waitFor(() => expect(retried).toEqual([7]));
  });
});

describe("the online state", () => {
  it("shows the last sync, an offline banner while Shippo is unreachable, and drops it when back", async () => {
    let up = false;
    const backend = fakeBackend({ probeShippo: async () => up });
    render(OnlineStatus, { backend, probeEveryMs: 30 });
    await waitFor(() => expect(screen.getByTestId("offline-banner").textContent).toContain("Search, order review and reprints still work"));
    expect(screen.getByTestId("last-sync").textContent).not.toBe("Last sync: never");
    up = true;
    await waitFor(() => expect(screen.queryByTestId("offline-banner")).toBeNull());
  });

  it("syncs with progress and can cancel", async () => {
    let emit: (p: { message: string; done: number; total: number }) => void = () => {};
    let finish: (s: string) => void = () => {};
    let cancelled = 0;
    const backend = fakeBackend({
      onSyncProgress: async (cb) => { emit = cb; return () => {}; },
      startSync: (full) => { expect(full).toBe(true); return new Promise<string>((r) => (finish = r)); },
      cancelSync: async () => { cancelled++; finish("Sync cancelled; the next sync goes on where this one stopped."); return true; },
    });
    render(OnlineStatus, { backend });
    await fireEvent.click(await screen.findByTestId("full-resync"));
    emit({ message: "Syncing orders: 200 of ~1000…", done: 200, total: 1000 });
    await waitFor(() => expect(screen.getByTestId("sync-progress").textContent).toContain("200 of 1000"));
    await fireEvent.click(screen.getByTestId("sync-cancel"));
    await waitFor(() => expect(screen.getByTestId("sync-message").textContent).toBe("Sync cancelled; the next sync goes on where this one stopped."));
    expect(cancelled).toBe(1);
  });
});
