// What the bench part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
// import { commands, events } from "../bindings";
// import { unwrap } from "../unwrap";

/** The bench commands. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BenchBackend {}

/** The real bench commands (Tauri). */
export const benchBackend: BenchBackend = {};
