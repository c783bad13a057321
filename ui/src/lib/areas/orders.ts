// What the orders part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
import { open } from "@tauri-apps/plugin-dialog";
import {
  commands,
  events,
  type BatchProgress,
  type BatchReport,
  type BatchRow,
  type ImportResult,
  type OrdersPage,
  type OrdersQuery,
  type SyncInfo,
} from "../bindings";
import { unwrap } from "../unwrap";

export type { BatchProgress, BatchReport, BatchRow, ImportResult, OrdersPage, OrdersQuery, SyncInfo };

/** The orders commands: the view's search, the header's sync and online state, batches, import. */
export interface OrdersBackend {
  searchOrders(query: OrdersQuery): Promise<OrdersPage>;
  /** Every match counted (the page's count stops a thousand past it). */
  countOrders(query: OrdersQuery): Promise<number>;
  startSync(full: boolean): Promise<string>;
  cancelSync(): Promise<boolean>;
  syncInfo(): Promise<SyncInfo>;
  probeShippo(): Promise<boolean>;
  runBatch(orders: string[], confirmLive: boolean): Promise<BatchReport>;
  retryBatch(id: number, confirmLive: boolean): Promise<BatchReport>;
  lastBatch(): Promise<BatchReport | null>;
  onBatchProgress(cb: (p: BatchProgress) => void): Promise<() => void>;
  /** The native "open file" dialog for a CSV file; null when the operator cancelled. */
  pickCsvFile(): Promise<string | null>;
  importOrdersCsv(path: string): Promise<ImportResult>;
}

/** The real orders commands (Tauri). */
export const ordersBackend: OrdersBackend = {
  searchOrders: (query) => unwrap(commands.searchOrders(query)),
  countOrders: (query) => unwrap(commands.countOrders(query)),
  startSync: (full) => unwrap(commands.startSync(full)),
  cancelSync: () => unwrap(commands.cancelSync()),
  syncInfo: () => unwrap(commands.syncInfo()),
  probeShippo: () => unwrap(commands.probeShippo()),
  runBatch: (orders, confirmLive) => unwrap(commands.runBatch(orders, confirmLive)),
  retryBatch: (id, confirmLive) => unwrap(commands.retryBatch(id, confirmLive)),
  lastBatch: () => unwrap(commands.lastBatch()),
  onBatchProgress: (cb) => events.batchProgress.listen((e) => cb(e.payload)),
  pickCsvFile: async () => {
    const chosen = await open({ multiple: false, directory: false, filters: [{ name: "CSV", extensions: ["csv"] }] });
    return typeof chosen === "string" ? chosen : null;
  },
  importOrdersCsv: (path) => unwrap(commands.importOrdersCsv(path)),
};
