import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import PrintersSection from "../src/components/settings/PrintersSection.svelte";
import type { PrinterEntry } from "../src/lib/areas/settings";
import { fakeBackend } from "./fake-backend";
import { recorder, settingsInfo } from "./settings-fixtures";

const demo: PrinterEntry = { name: "Demo label printer", kind: "virtual", address: "/tmp/v", language: "zpl", dpi: 203, width_in: 4, height_in: 6 };

describe("printers", () => {
  it("adds a network printer by address, test prints it and maps it to labels", async () => {
    const saved: PrinterEntry[] = [];
    const tested: string[] = [];
    let printers = [demo];
    const r = recorder();
    const backend = fakeBackend({
      printersList: async () => ({ printers, system_queues: ["Office_Laser"] }),
      printerSave: async (p) => { saved.push(p); printers = [...printers, { ...p, address: "127.0.0.1:9100" }]; return { printers, system_queues: [] }; },
      printerTest: async (n) => { tested.push(n); return `Printed on '${n}' (job 1): the printer took every byte.`; },
    });
    render(PrintersSection, { backend, info: settingsInfo(), change: r.change });
    await fireEvent.input(await screen.findByTestId("printer-name"), { target: { value: "Bench Zebra" } });
    await fireEvent.input(screen.getByTestId("printer-address"), { target: { value: "127.0.0.1" } });
    await fireEvent.change(screen.getByTestId("printer-dpi"), { target: { value: "300" } });
    await fireEvent.click(screen.getByTestId("printer-save"));
    await waitFor(() => expect(screen.getAllByTestId("printer-row")).toHaveLength(2));
    expect(saved[0]).toMatchObject({ name: "Bench Zebra", kind: "tcp", address: "127.0.0.1", language: "zpl", dpi: 300, width_in: 4, height_in: 6 });

    await fireEvent.click(screen.getByRole("button", { name: "Test print on Bench Zebra" }));
    await waitFor(() => expect(screen.getByTestId("printers-message").textContent).toBe("Printed on 'Bench Zebra' (job 1): the printer took every byte."));
    expect(tested).toEqual(["Bench Zebra"]);

    await fireEvent.change(screen.getByTestId("role-label"), { target: { value: "Bench Zebra" } });
    await fireEvent.change(screen.getByTestId("role-manifest"), { target: { value: "" } });
    await waitFor(() => expect(r.calls).toEqual([["printer", "labels Bench Zebra"], ["printer", "manifests none"]]));
  });

  it("offers the system's queues and shows a refused printer as one sentence", async () => {
    const backend = fakeBackend({
      printersList: async () => ({ printers: [], system_queues: ["Office_Laser", "Zebra_GK420d"] }),
      printerSave: async () => { throw { kind: "invalid_input", message: "A network printer takes HOST or HOST:PORT (port 1-65535, usually 9100), not 'x:y'." }; },
    });
    render(PrintersSection, { backend, info: settingsInfo(), change: recorder().change });
    expect((await screen.findByTestId("printers-none")).textContent).toBe("No printer is set up yet.");
    await fireEvent.change(screen.getByTestId("printer-kind"), { target: { value: "system" } });
    const queues = await screen.findByTestId("printer-queue");
    expect(Array.from(queues.querySelectorAll("option")).map((o) => o.textContent)).toEqual(["Choose…", "Office_Laser", "Zebra_GK420d"]);
    await fireEvent.change(screen.getByTestId("printer-kind"), { target: { value: "tcp" } });
    await fireEvent.input(screen.getByTestId("printer-name"), { target: { value: "X" } });
    await fireEvent.click(screen.getByTestId("printer-save"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("HOST or HOST:PORT"));
  });
});
