import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import ImportPanel from "../src/components/orders/ImportPanel.svelte";
import type { ImportResult } from "../src/lib/areas/orders";
import { fakeBackend } from "./fake-backend";

describe("the CSV import", () => {
  it("does nothing when the operator cancels the file dialog", async () => {
    const imported: string[] = [];
    let done = 0;
    const backend = fakeBackend({
      pickCsvFile: async () => null,
      importOrdersCsv: async (p) => { imported.push(p); throw new Error("never"); },
    });
    render(ImportPanel, { backend, ondone: () => done++ });
    await fireEvent.click(screen.getByRole("button", { name: "Import CSV…" }));
    await new Promise((r) => setTimeout(r, 10));
    expect(imported).toEqual([]);
    expect(done).toBe(0);
    expect(screen.queryByTestId("import-message")).toBeNull();
  });

  it("says in one sentence why a broken file was refused, and the list is not reloaded", async () => {
    let done = 0;
    const backend = fakeBackend({
      pickCsvFile: async () => "/home/op/orders.csv",
      importOrdersCsv: async () => {
        throw { kind: "invalid_input", message: "The CSV file could not be read: line 5: the row has 15 fields but the header has 14; a value that contains a comma needs quotes around it; nothing from the file was imported." };
      },
    });
    render(ImportPanel, { backend, ondone: () => done++ });
    await fireEvent.click(screen.getByTestId("import-csv"));
    await waitFor(() => expect(screen.getByTestId("import-message").textContent).toContain("line 5: the row has 15 fields"));
    expect(screen.getByTestId("import-message").textContent).toMatch(/nothing from the file was imported\.$/);
    expect(done).toBe(0);
    expect((screen.getByTestId("import-csv") as HTMLButtonElement).disabled).toBe(false);
  });

  it("lists each line not imported with its order and reason, and reloads the list for the rest", async () => {
    let done = 0;
    let finish: (r: ImportResult) => void = () => {};
    const backend = fakeBackend({
      pickCsvFile: async () => "/home/op/orders.csv",
      importOrdersCsv: (p) => {
        expect(p).toBe("/home/op/orders.csv");
        return new Promise<ImportResult>((r) => (finish = r));
      },
    });
    render(ImportPanel, { backend, ondone: () => done++ });
    await fireEvent.click(screen.getByTestId("import-csv"));
    // While it runs: said, and the button cannot start a second import.
    await waitFor(() => expect(screen.getByTestId("import-message").textContent).toBe("Importing…"));
    expect((screen.getByTestId("import-csv") as HTMLButtonElement).disabled).toBe(true);
    finish({
      imported: ["SO-100", "SO-106"],
      errors: [
        { line: 5, order_number: "SO-102", reason: "street1 is missing" },
        { line: 7, order_number: null, reason: "order_number is missing" },
      ],
      message: "2 orders imported; 2 lines not imported (see below).",
    });
    await waitFor(() => expect(screen.getByTestId("import-message").textContent).toBe("2 orders imported; 2 lines not imported (see below)."));
    const lines = Array.from(screen.getByTestId("import-errors").querySelectorAll("li")).map((li) => li.textContent);
    expect(lines).toEqual(["Line 5 (SO-102): street1 is missing", "Line 7: order_number is missing"]);
    expect(done).toBe(1);
    expect((screen.getByTestId("import-csv") as HTMLButtonElement).disabled).toBe(false);
  });
});
