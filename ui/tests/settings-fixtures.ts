// Settings as the station answers them, for the settings component tests.
import type { SettingsInfo, SettingsChange } from "../src/lib/areas/settings";

/** An empty bench's settings. */
export function settingsInfo(over: Partial<SettingsInfo> = {}): SettingsInfo {
  return {
    sender_addresses: [],
    default_parcel: null,
    label_format: "ZPLII",
    rate_rule: { rule: "cheapest" },
    rate_rule_arg: "cheapest",
    printer_mapping: {},
    bench: { sounds: true, auto_buy: false, default_weight: null, default_weight_unit: "lb", theme: "system", packing_slip_with_label: false },
    label_printer: "Demo label printer",
    format_warning: null,
    setup_done: false,
    ...over,
  };
}

/** Records `settingsSet` calls and answers with `next` (or throws `fail`). */
export function recorder(next: (key: string, value: string) => Partial<SettingsInfo> = () => ({}), fail?: { kind: string; message: string }) {
  const calls: [string, string][] = [];
  const change = async (key: string, value: string): Promise<string> => {
    calls.push([key, value]);
    if (fail) throw fail;
    return `saved ${key} ${value}`;
  };
  const settingsSet = async (key: string, value: string): Promise<SettingsChange> => {
    calls.push([key, value]);
    if (fail) throw fail;
    return { said: `saved ${key} ${value}`, settings: settingsInfo(next(key, value)) };
  };
  return { calls, change, settingsSet };
}

