// What the warehouse part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
import { commands, type LinkStatus } from "../bindings";
import { unwrap } from "../unwrap";

export type { LinkStatus };

/** The warehouse commands. */
export interface WarehouseBackend {
  /** Whether the bench is in a warehouse and whether its database answers now. */
  warehouseStatus(): Promise<LinkStatus>;
}

/** The real warehouse commands (Tauri). */
export const warehouseBackend: WarehouseBackend = {
  warehouseStatus: () => unwrap(commands.warehouseStatus()),
};
