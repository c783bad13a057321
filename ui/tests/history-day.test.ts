import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import DayView from "../src/views/DayView.svelte";
import { fakeBackend } from "./fake-backend";
import type { DayFigures, ManifestRow } from "../src/lib/areas/history";

const today: DayFigures = {
  date: "2026-11-30",
  bought: 3,
  voided: 1,
  carriers: [
    { carrier: "UPS", bought: 1, voided: 0, cost: "12.25", currency: "USD" },
    { carrier: "USPS", bought: 2, voided: 1, cost: "7.50", currency: "USD" },
  ],
  carrier_accounts: ["acct-ups", "acct-usps"],
};

describe("the end of the day", () => {
  it("shows labels bought, voided and the cost per carrier", async () => {
    render(DayView, { backend: fakeBackend({ daySummary: async () => today, listManifests: async () => [] }) });
    expect((await screen.findByTestId("day-bought")).textContent).toBe("3");
    expect(screen.getByTestId("day-voided").textContent).toBe("1");
    const rows = screen.getAllByTestId("day-carrier").map((r) => r.textContent);
    expect(rows[0]).toContain("UPS");
    expect(rows[0]).toContain("12.25 USD");
    expect(rows[1]).toContain("7.50 USD");
    expect(screen.getByTestId("manifests-empty")).toBeTruthy();
  });

  it("prints the manifest and lists it with the earlier ones", async () => {
    let made: ManifestRow[] = [];
    render(DayView, {
      backend: fakeBackend({
        daySummary: async () => today,
        listManifests: async () => made,
        printManifest: async () => {
          made = [{ id: "m1", carrier_account: "acct-usps", day: "2026-11-30", status: "SUCCESS", print_jobs: [9], created_at: "2026-12-01T02:00:00.000Z" }];
          return { message: "1 manifest(s) made, 1 document(s) sent to the document printer.", manifests: ["m1"] };
        },
      }),
    });
    await fireEvent.click(await screen.findByTestId("print-manifest"));
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toBe("1 manifest(s) made, 1 document(s) sent to the document printer."));
    const row = await screen.findByTestId("manifest-row");
    expect(row.textContent).toContain("2026-11-30");
    expect(row.textContent).toContain("acct-usps");
  });

  it("has nothing to manifest when no label was kept today", async () => {
    const empty: DayFigures = { date: "2026-11-30", bought: 1, voided: 1, carriers: [], carrier_accounts: [] };
    render(DayView, { backend: fakeBackend({ daySummary: async () => empty, listManifests: async () => [] }) });
    expect(((await screen.findByTestId("print-manifest")) as HTMLButtonElement).disabled).toBe(true);
  });
});
