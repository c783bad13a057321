// The window's colours: light, dark or the OS's choice, as a data attribute app.css reads.
import type { Theme } from "./bindings";

/** Applies a theme to the whole window. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
