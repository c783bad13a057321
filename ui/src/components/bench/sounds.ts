// Success and failure sounds: short WebAudio beeps that differ (rising two-tone for success, one
// low buzz for failure). Silent where the browser has no audio (tests).

type Ctx = { ctx: AudioContext } | null;
let shared: Ctx = null;

function audio(): AudioContext | null {
  if (shared) return shared.ctx;
  const AC = (globalThis as { AudioContext?: typeof AudioContext }).AudioContext;
  if (!AC) return null;
  try {
    shared = { ctx: new AC() };
    return shared.ctx;
  } catch {
    return null;
  }
}

function tone(freq: number, start: number, length: number, type: OscillatorType) {
  const ctx = audio();
  if (!ctx) return;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  gain.gain.value = 0.15;
  osc.connect(gain).connect(ctx.destination);
  const t = ctx.currentTime + start;
  osc.start(t);
  osc.stop(t + length);
}

/** Which sound was played last (for tests and the window test): "success" or "failure". */
export let lastSound: "success" | "failure" | null = null;

/** The label printed (or is queued): two rising tones. */
export function successSound(enabled: boolean | undefined) {
  lastSound = "success";
  if (enabled === false) return;
  tone(880, 0, 0.09, "sine");
  tone(1320, 0.1, 0.12, "sine");
}

/** Something failed (unknown order, purchase refused): one low buzz. */
export function failureSound(enabled: boolean | undefined) {
  lastSound = "failure";
  if (enabled === false) return;
  tone(180, 0, 0.35, "square");
}
