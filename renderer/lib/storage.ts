/** Remembered settings (localStorage may be unavailable: then nothing is remembered, nothing breaks). */

const PREFIX = 'lyncdoctor.';

export function remember(key: string, value: string): void {
  try {
    if (value) window.localStorage.setItem(PREFIX + key, value);
    else window.localStorage.removeItem(PREFIX + key);
  } catch {
    // storage disabled: keep going without it
  }
}

export function recall(key: string): string {
  try {
    return window.localStorage.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}
