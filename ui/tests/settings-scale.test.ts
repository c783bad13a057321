import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import ScaleSection from "../src/components/settings/ScaleSection.svelte";
import type { ScaleSetting } from "../src/lib/areas/settings";
import { fakeBackend } from "./fake-backend";

const stable = { present: true, name: "Virtual scale", state: "stable", weight: "2.5", unit: "lb", usable: true, sentence: "Stable." };

describe("the scale section", () => {
  it("lists the virtual scale and the ports found, and saves the choice with a test reading", async () => {
    const saved: ScaleSetting[] = [];
    const backend = fakeBackend({
      scaleChoices: async () => [
        { name: "Virtual scale (demo)", setting: { kind: "virtual" } },
        { name: "/dev/ttyUSB0 — FTDI USB serial", setting: { kind: "serial", port: "/dev/ttyUSB0", protocol: "nci", baud: 9600 } },
      ],
      scaleSetting: async () => ({ kind: "none" }),
      scaleSave: async (s) => { saved.push(s); return stable; },
    });
    render(ScaleSection, { backend });
    const pick = (await screen.findByLabelText("Bench scale")) as HTMLSelectElement;
    await waitFor(() => expect(pick.options.length).toBe(4));
    expect(pick.value).toBe("none");
    await fireEvent.change(pick, { target: { value: "0" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save and test the scale" }));
    await waitFor(() => expect(screen.getByTestId("scale-reading").textContent).toBe("Virtual scale: 2.5 lb — Stable."));
    expect(saved).toEqual([{ kind: "virtual" }]);

    // A serial port found here: protocol and speed are asked, and saved with the port.
    await fireEvent.change(pick, { target: { value: "1" } });
    await fireEvent.change(screen.getByLabelText("Protocol"), { target: { value: "sics" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save and test the scale" }));
    await waitFor(() => expect(saved.length).toBe(2));
    expect(saved[1]).toEqual({ kind: "serial", port: "/dev/ttyUSB0", protocol: "sics", baud: 9600 });
  });

  it("shows the station's sentence for a bad value and keeps the form", async () => {
    const backend = fakeBackend({
      scaleChoices: async () => [],
      scaleSetting: async () => ({ kind: "none" }),
      scaleSave: async () => { throw { kind: "invalid_input", message: "Give the serial port the scale is on, e.g. /dev/ttyUSB0 or COM3." }; },
    });
    render(ScaleSection, { backend });
    const pick = (await screen.findByLabelText("Bench scale")) as HTMLSelectElement;
    await waitFor(() => expect(pick.options.length).toBe(2));
    await fireEvent.change(pick, { target: { value: "serial" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save and test the scale" }));
    await waitFor(() => expect(screen.getByTestId("scale-message").textContent).toBe("Give the serial port the scale is on, e.g. /dev/ttyUSB0 or COM3."));
    expect((screen.getByLabelText("Serial port") as HTMLInputElement).value).toBe("");
  });
});
