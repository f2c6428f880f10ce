/* Chaff's explanation on the page: a small card that says what a mark is, shown while the pointer
 * rests on a mark and when a mark is reached with the keyboard shortcuts.
 *
 * It lives in a shadow root on a fixed-position host, so it never shifts the page's layout, is drawn
 * with its own styles (the page's CSS cannot reach it), and never takes the focus (no focusable
 * content, `pointer-events: none`). A mark reached with the keyboard shortcuts is also said in a
 * polite live region beside the card (category, severity, reason), present from the card's first
 * showing so that assistive technology is already listening; hovering says nothing there (the pointer
 * is not how a screen reader user reads).
 */
/* global chaffText */
/* exported chaffTooltip */
'use strict';

const chaffTooltip = (() => {
  const { t } = chaffText;
  /** Widest card, in CSS pixels; it stays inside the viewport. */
  const MAX_WIDTH = 360;
  /** Gap between the mark and the card. */
  const GAP = 8;

  const STYLE = `
    :host { all: initial; position: fixed; inset: 0 auto auto 0; z-index: 2147483646; pointer-events: none; }
    .card { position: fixed; max-width: ${MAX_WIDTH}px; padding: 8px 10px; border-radius: 8px;
      font: 13px/1.45 system-ui, sans-serif; color: #f9fafb; background: #111827;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3); border-left: 4px solid var(--accent, #9ca3af); }
    .card[hidden] { display: none; }
    .live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .head { display: flex; gap: 6px; align-items: baseline; font-weight: 650; }
    .severity { margin-left: auto; font-weight: 500; font-size: 11px; padding: 0 6px; border: 1px solid #6b7280; border-radius: 9px; }
    .reason { margin-top: 2px; }
    .card[data-category="repost-noise"] { --accent: #9ca3af; }
    .card[data-category="unrelated-promo"] { --accent: #f5a623; }
    .card[data-category="unconfirmed-attribution"] { --accent: #60a5fa; }
  `;

  /** A live region just added is not yet listened to: its first words wait this long. */
  const LIVE_READY_MS = 150;

  let host = null;
  let card = null;
  let live = null;

  /** Adds the card to the page if it is not there; true when it was just added. */
  function ensure() {
    if (host && host.isConnected) return false;
    host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    card = document.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'tooltip');
    card.hidden = true;
    live = document.createElement('div');
    live.className = 'live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    root.append(style, card, live);
    document.documentElement.append(host);
    return true;
  }

  /**
   * Shows `mark` (labelled with `labels`, the engine's category words) beside `rect`, a DOMRect;
   * `announce`: also say it in the live region (a mark reached by keyboard).
   */
  function show(mark, labels, rect, { announce = false } = {}) {
    const fresh = ensure();
    const category = (labels && labels[mark.category]) || mark.category;
    if (announce) {
      const what = mark.severity ? `${category}, ${t('severityLabel', t('severity_' + mark.severity))}` : category;
      const words = t('markAnnounce', what, mark.reason);
      live.textContent = '';
      setTimeout(() => {
        live.textContent = words;
      }, fresh ? LIVE_READY_MS : 0);
    }
    const head = document.createElement('div');
    head.className = 'head';
    const name = document.createElement('span');
    name.textContent = category;
    head.append(name);
    if (mark.severity) {
      const sev = document.createElement('span');
      sev.className = 'severity';
      sev.textContent = t('severity_' + mark.severity);
      head.append(sev);
    }
    const reason = document.createElement('div');
    reason.className = 'reason';
    reason.textContent = mark.reason;
    card.replaceChildren(head, reason);
    card.dataset.category = mark.category;
    card.hidden = false;
    // Below the mark when there is room, otherwise above it; always inside the viewport.
    const { width, height } = card.getBoundingClientRect();
    const left = Math.max(GAP, Math.min(rect.left, innerWidth - width - GAP));
    const below = rect.bottom + GAP;
    const top = below + height <= innerHeight ? below : Math.max(GAP, rect.top - height - GAP);
    card.style.left = left + 'px';
    card.style.top = top + 'px';
  }

  function hide() {
    if (card) card.hidden = true;
  }

  /** The tooltip's text, for the content script's getState (what a test reads). */
  function text() {
    return card && !card.hidden ? card.textContent : '';
  }

  /** What the live region last said, for getState (what a test reads). */
  function announced() {
    return live ? live.textContent : '';
  }

  return { show, hide, text, announced };
})();
