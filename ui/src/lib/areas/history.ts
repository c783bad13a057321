// What the history part of the window asks the station: labels (reprint, void, track, picture),
// the print queue (retry, cancel) and the end of the day (summary, manifest, packing slips).
// Only this file and backend.ts touch the generated bindings for it.
import {
  commands,
  type DayFigures,
  type JobAction,
  type JobRow,
  type LabelAction,
  type LabelRow,
  type ManifestResult,
  type ManifestRow,
} from "../bindings";
import { unwrap } from "../unwrap";

export type { DayFigures, JobAction, JobRow, LabelAction, LabelRow, ManifestResult, ManifestRow };

/** The history commands. */
export interface HistoryBackend {
  listLabels(limit: number): Promise<LabelRow[]>;
  reprintLabel(transactionId: string): Promise<LabelAction>;
  voidLabel(transactionId: string): Promise<LabelAction>;
  trackLabel(transactionId: string): Promise<LabelAction>;
  labelPicture(labelId: number): Promise<string>;
  listPrintJobs(limit: number): Promise<JobRow[]>;
  retryPrintJob(id: number): Promise<JobAction>;
  cancelPrintJob(id: number): Promise<JobAction>;
  daySummary(): Promise<DayFigures>;
  printManifest(carrierAccount: string | null): Promise<ManifestResult>;
  listManifests(limit: number): Promise<ManifestRow[]>;
  printPackingSlip(order: string): Promise<string>;
}

/** The real history commands (Tauri). */
export const historyBackend: HistoryBackend = {
  listLabels: (limit) => unwrap(commands.listLabels(limit)),
  reprintLabel: (id) => unwrap(commands.reprintLabel(id)),
  voidLabel: (id) => unwrap(commands.voidLabel(id)),
  trackLabel: (id) => unwrap(commands.trackLabel(id)),
  labelPicture: (id) => unwrap(commands.labelPicture(id)),
  listPrintJobs: (limit) => unwrap(commands.listPrintJobs(limit)),
  retryPrintJob: (id) => unwrap(commands.retryPrintJob(id)),
  cancelPrintJob: (id) => unwrap(commands.cancelPrintJob(id)),
  daySummary: () => unwrap(commands.daySummary()),
  printManifest: (account) => unwrap(commands.printManifest(account)),
  listManifests: (limit) => unwrap(commands.listManifests(limit)),
  printPackingSlip: (order) => unwrap(commands.printPackingSlip(order)),
};

/** Tracking problems the operator should look at. */
export const EXCEPTION_WORDS: Record<string, string> = {
  FAILURE: "Delivery failed",
  RETURNED: "Returned to sender",
  STUCK: "Stuck in transit",
};

/** How many labels have a tracking exception. */
export function exceptionCount(labels: LabelRow[]): number {
  return labels.filter((l) => l.exception).length;
}

/** The label's status in the operator's words. */
export function statusWords(l: LabelRow): string {
  switch (l.status) {
    case "SUCCESS":
      return l.tracking_status && l.tracking_status !== "UNKNOWN" ? l.tracking_status.replace("_", " ").toLowerCase() : "bought";
    case "REFUNDPENDING":
      return "void pending";
    case "REFUNDED":
      return "voided (refunded)";
    case "REFUNDREJECTED":
      return "void rejected";
    default:
      return l.status.toLowerCase();
  }
}

/** A stored ISO time in the bench's local time, short. */
export function localTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
