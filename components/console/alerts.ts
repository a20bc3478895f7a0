/**
 * Making a new chat noticeable without any download: a chime made with Web Audio, a desktop
 * notification (permission asked only on a click), and preferences kept in localStorage.
 */
const PREFS_KEY = "chatwerk:console:prefs";

export type TAlertPrefs = { sound: boolean; desktop: boolean };

export const DEFAULT_PREFS: TAlertPrefs = { sound: true, desktop: true };

const listeners = new Set<() => void>();
let memoryPrefs: string | null = null;
let cached: { raw: string | null; prefs: TAlertPrefs } = { raw: null, prefs: DEFAULT_PREFS };

function readRaw(): string | null {
  try {
    return localStorage.getItem(PREFS_KEY) ?? memoryPrefs;
  } catch {
    return memoryPrefs;
  }
}

/** The stored preferences (a stable object while they do not change, for useSyncExternalStore). */
export function readAlertPrefs(): TAlertPrefs {
  const raw = readRaw();
  if (raw === cached.raw) return cached.prefs;
  let prefs = DEFAULT_PREFS;
  try {
    const parsed = JSON.parse(raw ?? "{}") as Partial<TAlertPrefs>;
    prefs = { sound: parsed.sound !== false, desktop: parsed.desktop !== false };
  } catch {
    prefs = DEFAULT_PREFS;
  }
  cached = { raw, prefs };
  return prefs;
}

export function writeAlertPrefs(prefs: TAlertPrefs) {
  memoryPrefs = JSON.stringify(prefs);
  try {
    localStorage.setItem(PREFS_KEY, memoryPrefs);
  } catch {
    // Private mode without storage: the preference lasts for this page only.
  }
  for (const listener of listeners) listener();
}

/** Preferences and notification permission change together; one subscription serves both. */
export function subscribeAlerts(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

let audio: AudioContext | null = null;

/**
 * Browsers start audio only after a user gesture: the console calls this on the first
 * click or key press, so later chimes (triggered by the server) can play.
 */
export function unlockAudio() {
  if (typeof window === "undefined" || !("AudioContext" in window)) return;
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
  } catch {
    audio = null;
  }
}

/** Two rising notes for a new chat, one soft note for a message. */
export function chime(kind: "offer" | "message") {
  if (!audio || audio.state !== "running") return;
  const notes = kind === "offer" ? [660, 880] : [740];
  const start = audio.currentTime;
  notes.forEach((frequency, i) => {
    const oscillator = audio!.createOscillator();
    const gain = audio!.createGain();
    const at = start + i * 0.16;
    oscillator.type = "sine";
    oscillator.frequency.setValueAtTime(frequency, at);
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(kind === "offer" ? 0.2 : 0.08, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.28);
    oscillator.connect(gain).connect(audio!.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.3);
  });
}

export type TDesktopPermission = "unsupported" | NotificationPermission;

export function desktopPermission(): TDesktopPermission {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}

/** Asks for permission; call only from a click handler. */
export async function requestDesktopPermission(): Promise<TDesktopPermission> {
  if (desktopPermission() === "unsupported") return "unsupported";
  try {
    await Notification.requestPermission();
  } catch {
    // Older Safari: callback style only; the permission is read below either way.
  }
  for (const listener of listeners) listener();
  return desktopPermission();
}

/** A desktop notification (plain text only); clicking it brings the console forward. */
export function notifyDesktop(title: string, body: string, tag: string, onClick: () => void) {
  if (desktopPermission() !== "granted") return;
  try {
    const notification = new Notification(title, { body: body.slice(0, 180), tag, silent: true });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some browsers (Android Chrome) allow notifications only from a service worker.
  }
}
