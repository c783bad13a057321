// What the desktop shell asks the app: the ready mark, "Show logs", the updater's event. Only this
// file and backend.ts touch the generated bindings for it.
import { commands, events, type UpdateReady } from "../bindings";
import { unwrap } from "../unwrap";

export type { UpdateReady };

/** The desktop shell's commands and events. */
export interface PlatformBackend {
  /** The window drew its first order list (the end of the cold-start measurement). */
  uiReady(): Promise<void>;
  /** Opens the log folder with the OS and returns its path. */
  showLogs(): Promise<string>;
  /** An update was downloaded; it is installed when Shipbench closes. */
  onUpdateReady(cb: (u: UpdateReady) => void): Promise<() => void>;
}

/** The real desktop shell commands (Tauri). */
export const platformBackend: PlatformBackend = {
  uiReady: async () => {
    await commands.uiReady();
  },
  showLogs: () => unwrap(commands.showLogs()),
  onUpdateReady: (cb) => events.updateReady.listen((e) => cb(e.payload)),
};
