// What the booth keeps on the device, per poll (review of issue 19, docs/security.md "The booth on a shared device").
// Before the cast: the pending token request, the token and the choices, so a reload or a lost reply does not cost
// the voter the vote. After the cast or a challenge the choices are gone; the receipt stays (a personal device keeps
// the voter's proof) until the voter removes it. In kiosk mode (?kiosk=1) nothing is written to the device at all:
// everything lives in this page's memory and dies with it.

/**
 * @param {string} pollId
 * @param {{ kiosk?: boolean, storage?: Storage | null }} [options] storage: the device's (localStorage) unless kiosk
 */
export function boothStore(pollId, { kiosk = false, storage = null } = {}) {
  const memory = new Map();
  const device = kiosk ? null : storage;
  const prefix = `cvote.${pollId}.`;
  return {
    kiosk: !device,
    key: (what) => prefix + what,
    get(what) {
      const raw = device ? device.getItem(this.key(what)) : memory.get(what);
      try { return JSON.parse(raw || 'null'); } catch { return null; }
    },
    set(what, v) {
      const raw = JSON.stringify(v);
      if (device) device.setItem(this.key(what), raw); else memory.set(what, raw);
    },
    del(what) {
      if (device) device.removeItem(this.key(what)); else memory.delete(what);
    },
    /** Removes everything this poll's booth keeps on the device (receipt, token, choices, pending request). */
    forget() {
      memory.clear();
      if (!device) return;
      const keys = [];
      for (let i = 0; i < device.length; i++) {
        const k = device.key(i);
        if (k && k.startsWith(prefix)) keys.push(k);
      }
      keys.forEach((k) => device.removeItem(k));
    },
  };
}

/** Kiosk mode is asked for with ?kiosk=1 (or true/yes) in the booth's address. */
export function kioskRequested(search) {
  const v = new URLSearchParams(search).get('kiosk');
  return v !== null && ['1', 'true', 'yes'].includes(v.toLowerCase());
}
