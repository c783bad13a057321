// What the settings part of the window asks the station. Only this file and backend.ts touch the
// generated bindings for it.
import { open, save } from "@tauri-apps/plugin-dialog";
import {
  commands,
  type Address_Serialize,
  type AddressVerdict_Serialize,
  type ParcelChoice,
  type PrinterEntry,
  type PrinterList,
  type ScaleChoice,
  type ScaleReading,
  type ScaleSetting,
  type SenderAddress_Serialize,
  type SettingsChange_Serialize,
  type SettingsInfo_Serialize,
} from "../bindings";
import { unwrap } from "../unwrap";

// The station sends complete values (the `_Serialize` forms: every field present).
/** A postal address. */
export type Address = Address_Serialize;
/** What Shippo says about an address. */
export type AddressVerdict = AddressVerdict_Serialize;
/** A named sender address. */
export type SenderAddress = SenderAddress_Serialize;
/** A change and what it did. */
export type SettingsChange = SettingsChange_Serialize;
/** The settings as the window shows them. */
export type SettingsInfo = SettingsInfo_Serialize;
export type { ParcelChoice, PrinterEntry, PrinterList, ScaleChoice, ScaleReading, ScaleSetting };

/** The settings commands. */
export interface SettingsBackend {
  settingsGet(): Promise<SettingsInfo>;
  /** One setting by name, with the CLI's value syntax (`label-format`, `PDF_4x6`). */
  settingsSet(key: string, value: string): Promise<SettingsChange>;
  senderSave(sender: SenderAddress): Promise<SettingsChange>;
  senderValidate(address: Address): Promise<AddressVerdict>;
  parcelTemplates(): Promise<ParcelChoice[]>;
  /** Asks where to write (native dialog), then writes; null when the operator cancelled. */
  settingsExport(): Promise<string | null>;
  /** Asks which file to read (native dialog), then imports; null when cancelled. */
  settingsImport(): Promise<SettingsChange | null>;
  setupNeeded(): Promise<boolean>;
  printersList(): Promise<PrinterList>;
  printerSave(printer: PrinterEntry): Promise<PrinterList>;
  printerTest(name: string): Promise<string>;
  /** The bench's scale setting now. */
  scaleSetting(): Promise<ScaleSetting>;
  /** The virtual scale, and the USB scales and serial ports found here. */
  scaleChoices(): Promise<ScaleChoice[]>;
  /** Saves the scale and reads it once (the test reading). */
  scaleSave(setting: ScaleSetting): Promise<ScaleReading>;
}

const filters = [{ name: "Shipbench settings", extensions: ["json"] }];

/** The real settings commands (Tauri). */
export const settingsBackend: SettingsBackend = {
  settingsGet: () => unwrap(commands.settingsGet()),
  settingsSet: (key, value) => unwrap(commands.settingsSet(key, value)),
  senderSave: (sender) => unwrap(commands.senderSave(sender)),
  senderValidate: (address) => unwrap(commands.senderValidate(address)),
  parcelTemplates: () => unwrap(commands.parcelTemplates()),
  settingsExport: async () => {
    const path = await save({ title: "Export settings", defaultPath: "shipbench-settings.json", filters });
    if (!path) return null;
    return unwrap(commands.settingsExport(path));
  },
  settingsImport: async () => {
    const path = await open({ title: "Import settings", multiple: false, directory: false, filters });
    if (!path || Array.isArray(path)) return null;
    return unwrap(commands.settingsImport(path));
  },
  setupNeeded: () => unwrap(commands.setupNeeded()),
  printersList: () => unwrap(commands.printersList()),
  printerSave: (printer) => unwrap(commands.printerSave(printer)),
  printerTest: (name) => unwrap(commands.printerTest(name)),
  scaleSetting: () => unwrap(commands.scaleSetting()),
  scaleChoices: () => unwrap(commands.scaleChoices()),
  scaleSave: (setting) => unwrap(commands.scaleSave(setting)),
};
