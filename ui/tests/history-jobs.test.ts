import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import JobsView from "../src/views/JobsView.svelte";
import { fakeBackend } from "./fake-backend";
import type { JobRow } from "../src/lib/areas/history";

const INTERRUPTED = "Shipbench stopped while sending this job, so it may or may not have printed.";

function job(over: Partial<JobRow> = {}): JobRow {
  return {
    id: 1,
    document: "label",
    printer: "Demo label printer",
    state: "SENT",
    reason: null,
    interrupted: false,
    cancelled: false,
    attempts: 1,
    created_at: "2026-11-30T15:00:00.000Z",
    updated_at: "2026-11-30T15:00:01.000Z",
    reprint_of: null,
    ...over,
  };
}

describe("the print jobs", () => {
  it("shows each job's state and why it failed", async () => {
    const jobs = [
      job({ id: 3, state: "FAILED", reason: "The printer at 10.0.0.9:9100 did not answer." }),
      job({ id: 2, state: "QUEUED", reason: "waiting for the printer", attempts: 2 }),
      job({ id: 1, state: "COMPLETED", document: "manifest", printer: "Demo document printer" }),
    ];
    render(JobsView, { backend: fakeBackend({ listPrintJobs: async () => jobs }) });
    await waitFor(() => expect(screen.getAllByTestId("job-row")).toHaveLength(3));
    const states = screen.getAllByTestId("job-state").map((s) => s.textContent ?? "");
    expect(states[0]).toContain("failed");
    expect(states[0]).toContain("did not answer");
    expect(states[1]).toContain("queued");
    expect(states[2]).toContain("completed");
    expect(screen.getAllByTestId("job-row")[2].textContent).toContain("Manifest");
    // A printed job has nothing to retry or cancel.
    expect((screen.getByRole("button", { name: "Retry print job 1" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows a job a stop interrupted and sends it again only when asked", async () => {
    const retried: number[] = [];
    const interrupted = job({ id: 7, state: "FAILED", reason: INTERRUPTED, interrupted: true });
    render(JobsView, {
      backend: fakeBackend({
        listPrintJobs: async () => [interrupted],
        retryPrintJob: async (id: number) => {
          retried.push(id);
          return { job: job({ id: 7, state: "SENT" }), message: "Job 7: printed on 'Demo label printer'." };
        },
      }),
    });
    expect((await screen.findByTestId("jobs-interrupted")).textContent).toContain("Job 7 was being sent when Shipbench stopped");
    expect(screen.getByTestId("job-state").textContent).toContain("interrupted");
    expect(retried).toEqual([]);
    await fireEvent.click(screen.getByRole("button", { name: "Send again print job 7" }));
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toBe("Job 7: printed on 'Demo label printer'."));
    expect(retried).toEqual([7]);
    expect(screen.getByTestId("job-state").textContent).toContain("sent");
  });

  it("cancels a queued job", async () => {
    render(JobsView, {
      backend: fakeBackend({
        listPrintJobs: async () => [job({ id: 5, state: "QUEUED" })],
        cancelPrintJob: async () => ({
          job: job({ id: 5, state: "FAILED", reason: "Cancelled by the operator; it was not printed.", cancelled: true }),
          message: "Job 5 on 'Demo label printer' is cancelled; it was not printed.",
        }),
      }),
    });
    await fireEvent.click(await screen.findByRole("button", { name: "Cancel print job 5" }));
    await waitFor(() => expect(screen.getByTestId("job-state").textContent).toContain("cancelled"));
    expect((screen.getByRole("button", { name: "Cancel print job 5" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
