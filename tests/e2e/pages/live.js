// A page that keeps changing. For TICKER_MS a price ticker changes every TICK_MS (never quiet: the
// content script must not run once per tick); then CHANGES changes spaced more than the content
// script's quiet time apart (each one worth a new analysis); then a late card that must be marked.
const TICK_MS = 150;
const TICKER_MS = 10000;
const CHANGE_MS = 700;
const CHANGES = 40;
const ticker = document.getElementById('ticker');
const tick = setInterval(() => {
  ticker.textContent = `BTC $${(87000 + Math.round(Math.random() * 500)).toLocaleString('en-US')}`;
}, TICK_MS);
const feed = document.getElementById('feed');
setTimeout(() => {
  clearInterval(tick);
  let changes = 0;
  const timer = setInterval(() => {
    changes += 1;
    const p = document.createElement('p');
    p.textContent = `Update ${changes}: markets were quiet in Asian trading.`;
    feed.append(p);
    if (changes === CHANGES) {
      clearInterval(timer);
      const late = document.createElement('p');
      late.id = 'late';
      late.textContent = 'The post Bitcoin Steadies After a Volatile Week appeared first on CoinCentral.';
      feed.append(late);
    }
  }, CHANGE_MS);
}, TICKER_MS);
