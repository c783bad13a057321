// What the warehouse part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
// import { commands, events } from "../bindings";
// import { unwrap } from "../unwrap";

/** The warehouse commands. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WarehouseBackend {}

/** The real warehouse commands (Tauri). */
export const warehouseBackend: WarehouseBackend = {};
