// ticker.html's ticker: the prices change every TICK_MS for RUN_MS; at each of LATE_AT a repost with
// its feed footer is appended to the feed (window.__late records when, window.__ticking whether the
// ticker still runs).
const TICK_MS = 150;
const RUN_MS = 60000;
const LATE_AT = [15000, 30000, 45000];
const TITLES = ['Ether Funds Log a Third Week of Inflows', 'Solana Validators Approve Fee Change', 'Stablecoin Supply Reaches a New High'];
window.__ticking = true;
window.__late = [];
const ticker = document.getElementById('ticker');
const price = (base, spread) => (base + Math.round(Math.random() * spread)).toLocaleString('en-US');
const tick = setInterval(() => {
  ticker.textContent = `BTC $${price(87000, 500)} · ETH $${price(2900, 80)} · MX $2.${price(10, 80)}`;
}, TICK_MS);
setTimeout(() => {
  clearInterval(tick);
  window.__ticking = false;
}, RUN_MS);
const feed = document.getElementById('feed');
LATE_AT.forEach((at, i) =>
  setTimeout(() => {
    const item = document.createElement('div');
    item.className = 'repost';
    const h = document.createElement('h2');
    h.textContent = TITLES[i];
    const body = document.createElement('p');
    body.textContent = `${TITLES[i]}, according to figures published on Monday by the exchange's own research desk.`;
    const footer = document.createElement('p');
    footer.textContent = `The post ${TITLES[i]} appeared first on CoinCentral.`;
    item.append(h, body, footer);
    feed.append(item);
    window.__late.push({ title: TITLES[i], at: performance.now() });
  }, at),
);
