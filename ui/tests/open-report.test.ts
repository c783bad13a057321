import { describe, expect, it } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import OpenReportBanner from "../src/components/OpenReportBanner.svelte";
import type { StartupReport } from "../src/lib/backend";

const settled: StartupReport = {
  report: {
    purchases_adopted: 1,
    purchases_failed: 1,
    purchases_unsettled: 0,
    interrupted_print_jobs: [7],
    notes: [],
  },
  sentences: [
    "Settled interrupted purchases: 1 label(s) found at Shippo and saved, 1 not bought.",
    "1 print job(s) were interrupted by a stop and were not resent (job 7); check the printer and reprint if needed.",
  ],
};

const nothing: StartupReport = {
  report: { purchases_adopted: 0, purchases_failed: 0, purchases_unsettled: 0, interrupted_print_jobs: [], notes: [] },
  sentences: [],
};

describe("the start-up report", () => {
  it("shows what start-up settled, one line each, until dismissed", async () => {
    let dismissed = 0;
    render(OpenReportBanner, { startup: settled, ondismiss: () => { dismissed++; } });
    const banner = screen.getByTestId("open-report");
    expect(banner.className).toContain("warn");
    expect(screen.getAllByTestId("open-report-line").map((l) => l.textContent)).toEqual(settled.sentences);
    await fireEvent.click(screen.getByTestId("open-report-dismiss"));
    expect(dismissed).toBe(1);
  });

  it("is quiet when labels were only recovered", () => {
    const recovered: StartupReport = {
      report: { ...nothing.report, purchases_adopted: 2 },
      sentences: ["Settled interrupted purchases: 2 label(s) found at Shippo and saved, 0 not bought."],
    };
    render(OpenReportBanner, { startup: recovered, ondismiss: () => {} });
    expect(screen.getByTestId("open-report").className).not.toContain("warn");
  });

  it("shows nothing when start-up found nothing", () => {
    render(OpenReportBanner, { startup: nothing, ondismiss: () => {} });
    expect(screen.queryByTestId("open-report")).toBeNull();
  });
});
