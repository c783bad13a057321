import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import WarehouseSection from "../src/components/warehouse/WarehouseSection.svelte";
import WarehouseLabels from "../src/components/warehouse/WarehouseLabels.svelte";
import type { LinkStatus, ProfileInfo, WarehouseLabel } from "../src/lib/areas/warehouse";
import { fakeBackend } from "./fake-backend";

const alone: LinkStatus = {
  configured: false, url: null, bench: null, reachable: false, problem: null, benches: [], pending_elsewhere: 0,
  unreported: 0, reported_now: 0, profile: null,
};
const linked = (over: Partial<LinkStatus> = {}): LinkStatus => ({
  ...alone, configured: true, url: "postgresql://ship@db.local/wh", bench: "packing-2", reachable: true,
  benches: ["packing-1", "packing-2"], ...over,
});
const profile = (over: Partial<ProfileInfo> = {}): ProfileInfo => ({
  name: "default", updated_by: "packing-1", updated_at: "2026-12-01T08:00:00Z", followed: false,
  rate_rule: "preferred:UPS", sender: "Warehouse A", parcel: "Big box", ...over,
});

describe("Settings > Warehouse", () => {
  it("connects a single bench with the URL, the password and its name; the password field is emptied", async () => {
    const calls: unknown[][] = [];
    let status = alone;
    const backend = fakeBackend({
      warehouseStatus: async () => status,
      warehouseProfiles: async () => [],
      warehouseConnect: async (url, password, bench) => {
        calls.push([url, password, bench]);
        status = linked({ bench });
        return status;
      },
    });
    render(WarehouseSection, { backend });
    const connect = await screen.findByRole("button", { name: "Connect to the warehouse" });
    expect((connect as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Database address"), { target: { value: " postgresql://ship@db.local/wh " } });
    await fireEvent.input(screen.getByLabelText("Password (kept in the OS keyring)"), { target: { value: "s3cret" } });
    await fireEvent.input(screen.getByLabelText("This bench's name"), { target: { value: "packing-2" } });
    await fireEvent.click(connect);
    await waitFor(() => expect(screen.getByTestId("warehouse-message").textContent).toBe(
      "This bench (packing-2) is connected to the warehouse: every order is claimed there before it is bought.",
    ));
    expect(calls).toEqual([["postgresql://ship@db.local/wh", "s3cret", "packing-2"]]);
    expect(screen.getByTestId("warehouse-state").textContent).toContain("Bench packing-2 in the warehouse at postgresql://ship@db.local/wh: connected (2 benches).");
    expect(screen.queryByLabelText("Password (kept in the OS keyring)")).toBeNull();
  });

  it("says in one sentence why a connection failed, and keeps what was typed", async () => {
    const backend = fakeBackend({
      warehouseStatus: async () => alone,
      warehouseConnect: async () => { throw { kind: "warehouse_down", message: "The warehouse database is not reachable: connection refused" }; },
    });
    render(WarehouseSection, { backend });
    await fireEvent.input(await screen.findByLabelText("Database address"), { target: { value: "postgresql://x@nowhere/wh" } });
    await fireEvent.input(screen.getByLabelText("This bench's name"), { target: { value: "b" } });
    await fireEvent.click(screen.getByRole("button", { name: "Connect to the warehouse" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The warehouse database is not reachable: connection refused");
    expect((screen.getByLabelText("Database address") as HTMLInputElement).value).toBe("postgresql://x@nowhere/wh");
  });

  it("follows a profile, shows what it decides, leaves it, and publishes this bench's as one", async () => {
    let profiles = [profile(), profile({ name: "line-2", rate_rule: "cheapest", sender: null, parcel: null })];
    const done: string[] = [];
    let changed = 0;
    const backend = fakeBackend({
      warehouseStatus: async () => linked({ profile: profiles.find((p) => p.followed) ?? null }),
      warehouseProfiles: async () => profiles,
      warehouseProfileUse: async (name) => {
        done.push(`use ${name}`);
        profiles = profiles.map((p) => ({ ...p, followed: p.name === name }));
        return profiles.find((p) => p.name === name)!;
      },
      warehouseProfileLeave: async () => {
        done.push("leave");
        const was = profiles.find((p) => p.followed) ?? null;
        profiles = profiles.map((p) => ({ ...p, followed: false }));
        return was;
      },
      warehouseProfileSave: async (name) => {
        done.push(`save ${name}`);
        return profile({ name, updated_by: "packing-2", rate_rule: "fastest" });
      },
    });
    render(WarehouseSection, { backend, onchange: () => changed++ });
    expect((await screen.findByTestId("warehouse-profile")).textContent).toContain("Follows no profile");
    const select = await screen.findByLabelText("Profile");
    await waitFor(() => expect(select.querySelectorAll("option").length).toBe(3));
    await fireEvent.change(select, { target: { value: "default" } });
    await fireEvent.click(screen.getByRole("button", { name: "Follow this profile" }));
    await waitFor(() => expect(screen.getByTestId("warehouse-message").textContent).toBe(
      "This bench follows the profile 'default' (saved by bench packing-1): sender Warehouse A, rate rule preferred:UPS, parcel Big box.",
    ));
    expect(screen.getByTestId("warehouse-profile").textContent).toContain("Follows the profile 'default' (sender Warehouse A, rate rule preferred:UPS, parcel Big box)");
    await fireEvent.click(screen.getByRole("button", { name: "Stop following the profile" }));
    await waitFor(() => expect(screen.getByTestId("warehouse-profile").textContent).toContain("Follows no profile"));
    await fireEvent.input(screen.getByLabelText("Save this bench's senders, rate rule and parcel as"), { target: { value: " night " } });
    await fireEvent.click(screen.getByRole("button", { name: "Save profile" }));
    await waitFor(() => expect(screen.getByTestId("warehouse-message").textContent).toContain("Saved the profile 'night' from this bench"));
    expect(done).toEqual(["use default", "leave", "save night"]);
    await waitFor(() => expect(changed).toBe(3));
  });

  it("while the warehouse does not answer: no profile choice, the followed copy named, disconnect offered", async () => {
    const backend = fakeBackend({
      warehouseStatus: async () => linked({ reachable: false, problem: "connection refused", profile: profile({ followed: true }) }),
    });
    render(WarehouseSection, { backend });
    expect((await screen.findByTestId("warehouse-state")).textContent).toContain("the database does not answer (connection refused)");
    expect(screen.getByTestId("warehouse-profile").textContent).toContain("Follows the profile 'default'");
    expect(screen.queryByLabelText("Profile")).toBeNull();
    expect(screen.getByRole("button", { name: "Disconnect from the warehouse" })).toBeTruthy();
  });
});

describe("the Labels view's warehouse part", () => {
  const label = (over: Partial<WarehouseLabel>): WarehouseLabel => ({
    transaction_id: "t1", order: "#1001", bench: "packing-1", tracking_number: "9400", service: "USPS Priority",
    price: "7.58 USD", status: "SUCCESS", unchecked: false, bought_at: "2026-12-01T08:00:00Z", ...over,
  });

  it("lists every bench's labels with who bought them; unchecked ones say so", async () => {
    const backend = fakeBackend({
      warehouseStatus: async () => linked(),
      warehouseLabels: async () => [label({}), label({ transaction_id: "t2", order: "#1002", bench: "packing-2", unchecked: true })],
    });
    render(WarehouseLabels, { backend });
    const rows = await screen.findAllByTestId("warehouse-label");
    expect(rows.map((r) => r.getAttribute("data-bench"))).toEqual(["packing-1", "packing-2"]);
    expect(rows[1].textContent).toContain("(bought without the warehouse check)");
    expect(rows[0].textContent).not.toContain("without the warehouse check");
  });

  it("shows nothing for a single bench, and one sentence when the warehouse does not answer", async () => {
    const { unmount } = render(WarehouseLabels, { backend: fakeBackend() });
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId("warehouse-labels")).toBeNull();
    unmount();
    render(WarehouseLabels, {
      backend: fakeBackend({
        warehouseStatus: async () => linked({ reachable: false }),
        warehouseLabels: async () => { throw { kind: "warehouse_down", message: "The warehouse database is not reachable." }; },
      }),
    });
    expect((await screen.findByTestId("warehouse-labels-problem")).textContent).toContain("The warehouse database is not reachable.");
  });
});
