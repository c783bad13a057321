// What the warehouse part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
import { commands, type LinkStatus, type ProfileInfo, type WarehouseLabel } from "../bindings";
import { unwrap } from "../unwrap";

export type { LinkStatus, ProfileInfo, WarehouseLabel };

/** The warehouse commands. */
export interface WarehouseBackend {
  /** Whether the bench is in a warehouse and whether its database answers now. */
  warehouseStatus(): Promise<LinkStatus>;
  /** Connects the bench (the password goes to the OS keyring); nothing is kept when it fails. */
  warehouseConnect(url: string, password: string | null, bench: string): Promise<LinkStatus>;
  /** Disconnects the bench: it works alone again, with its own settings. */
  warehouseDisconnect(): Promise<LinkStatus>;
  /** The warehouse's settings profiles, the followed one marked. */
  warehouseProfiles(): Promise<ProfileInfo[]>;
  /** Publishes this bench's senders, rate rule and parcel as a profile. */
  warehouseProfileSave(name: string): Promise<ProfileInfo>;
  /** This bench follows a profile. */
  warehouseProfileUse(name: string): Promise<ProfileInfo>;
  /** This bench stops following its profile; the one it followed. */
  warehouseProfileLeave(): Promise<ProfileInfo | null>;
  /** The latest labels of every bench, newest first (empty for a single bench). */
  warehouseLabels(limit: number): Promise<WarehouseLabel[]>;
}

/** The real warehouse commands (Tauri). */
export const warehouseBackend: WarehouseBackend = {
  warehouseStatus: () => unwrap(commands.warehouseStatus()),
  warehouseConnect: (url, password, bench) => unwrap(commands.warehouseConnect(url, password, bench)),
  warehouseDisconnect: () => unwrap(commands.warehouseDisconnect()),
  warehouseProfiles: () => unwrap(commands.warehouseProfiles()),
  warehouseProfileSave: (name) => unwrap(commands.warehouseProfileSave(name)),
  warehouseProfileUse: (name) => unwrap(commands.warehouseProfileUse(name)),
  warehouseProfileLeave: () => unwrap(commands.warehouseProfileLeave()),
  warehouseLabels: (limit) => unwrap(commands.warehouseLabels(limit)),
};
