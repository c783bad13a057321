// What the settings part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
// import { commands, events } from "../bindings";
// import { unwrap } from "../unwrap";

/** The settings commands. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SettingsBackend {}

/** The real settings commands (Tauri). */
export const settingsBackend: SettingsBackend = {};
