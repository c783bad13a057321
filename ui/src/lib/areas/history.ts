// What the history part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
// import { commands, events } from "../bindings";
// import { unwrap } from "../unwrap";

/** The history commands. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HistoryBackend {}

/** The real history commands (Tauri). */
export const historyBackend: HistoryBackend = {};
