import { describe, expect, it } from "vitest";
import { tick } from "svelte";
import { render, screen, waitFor } from "@testing-library/svelte";
import WarehouseBanner from "../src/components/warehouse/WarehouseBanner.svelte";
import type { LinkStatus } from "../src/lib/areas/warehouse";
import { fakeBackend } from "./fake-backend";

const status = (over: Partial<LinkStatus>): LinkStatus => ({
  configured: true, url: "postgresql://ship@db.local/wh", bench: "bench-2", reachable: true, problem: null,
  benches: ["bench-1", "bench-2"], pending_elsewhere: 0, unreported: 0, reported_now: 0, profile: null, ...over,
});

describe("the warehouse banner", () => {
  it("says at once when the warehouse does not answer, and what waits to be reported", async () => {
    render(WarehouseBanner, {
      backend: fakeBackend({ warehouseStatus: async () => status({ reachable: false, problem: "refused", unreported: 2 }) }),
    });
    const banner = await screen.findByTestId("warehouse-banner");
    expect(banner.textContent).toContain("The warehouse database (postgresql://ship@db.local/wh) does not answer");
    expect(banner.textContent).toContain("whether to buy without the warehouse check");
    expect(banner.textContent).toContain("2 purchases made without it wait to be reported");
  });

  it("shows nothing while the warehouse answers, for a single bench, or when the status cannot be read", async () => {
    const answers: Array<() => Promise<LinkStatus>> = [
      async () => status({}),
      async () => status({ configured: false, reachable: false, url: null }),
      async () => { throw { kind: "internal", message: "no station" }; },
    ];
    for (const answer of answers) {
      let asked = 0;
      const { unmount } = render(WarehouseBanner, {
        backend: fakeBackend({ warehouseStatus: () => { asked++; return answer(); } }),
      });
      await waitFor(() => expect(asked).toBe(1));
      await tick();
      await tick();
      expect(screen.queryByTestId("warehouse-banner")).toBeNull();
      unmount();
    }
  });
});
