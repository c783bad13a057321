// What the orders part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
// import { commands, events } from "../bindings";
// import { unwrap } from "../unwrap";

/** The orders commands. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrdersBackend {}

/** The real orders commands (Tauri). */
export const ordersBackend: OrdersBackend = {};
