/**
 * The Sovereignty card's subtitle for an answered state. Its own module, free of React, so the boot
 * module writes the same words into index.html's static shell (src/app/boot-badge.ts).
 */
export const SUBTITLES = {
  tethered: 'Tethered: still pulls images and GitOps sources from the mothership.',
  sovereign: 'Sovereign: runs on its own registry and Git, cut over from the mothership.',
};
