import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import LabelSection from "../src/components/settings/LabelSection.svelte";
import { recorder, settingsInfo } from "./settings-fixtures";

describe("label format and rate rule", () => {
  it("saves the format at once and shows the conversion warning", async () => {
    const r = recorder();
    const info = settingsInfo({ format_warning: "The label printer 'Zebra' speaks ZPL, not PDF: PDF_4x6 labels are converted to ZPL before they print (converted, a little slower)." });
    render(LabelSection, { info, change: r.change });
    expect(screen.getByTestId("format-warning").textContent).toContain("converted");
    await fireEvent.click(screen.getByTestId("format-pdf"));
    await waitFor(() => expect(r.calls).toEqual([["label-format", "PDF_4x6"]]));
    expect(screen.getByTestId("label-message").textContent).toBe("saved label-format PDF_4x6");
  });

  it("sends each rule in the CLI's words and shows a refusal as one sentence", async () => {
    const r = recorder();
    render(LabelSection, { info: settingsInfo(), change: r.change });
    await fireEvent.click(screen.getByTestId("rule-fastest"));
    await fireEvent.input(screen.getByTestId("rule-days"), { target: { value: "2" } });
    await fireEvent.click(screen.getByTestId("rule-within-save"));
    await fireEvent.input(screen.getByTestId("rule-carrier"), { target: { value: "USPS" } });
    await fireEvent.input(screen.getByTestId("rule-service"), { target: { value: "usps_priority" } });
    await fireEvent.click(screen.getByTestId("rule-preferred-save"));
    await fireEvent.input(screen.getByTestId("rule-account"), { target: { value: "ca_1" } });
    await fireEvent.click(screen.getByTestId("rule-fixed-save"));
    await waitFor(() => expect(r.calls).toEqual([
      ["rate-rule", "fastest"], ["rate-rule", "cheapest-within:2"], ["rate-rule", "preferred:USPS/usps_priority"], ["rate-rule", "fixed:ca_1/usps_priority"],
    ]));

    const bad = recorder(undefined, { kind: "invalid_input", message: "cheapest-within takes a number of days from 1 to 60, e.g. cheapest-within:3, not 'cheapest-within:0'." });
    render(LabelSection, { info: settingsInfo(), change: bad.change });
    await fireEvent.click(screen.getAllByTestId("rule-within-save")[1]);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("from 1 to 60"));
  });
});
