// The web components of shadow.html: a feed footer (open, nested inside the article's open root; its
// sentence begins with the host's slotted light children), the related cards (open) and a note in a
// closed root (Chaff must leave it alone). `attachLateNote()`, called by the test once the page is
// marked, gives the empty div.late-note an open root and its text, and changes nothing else: no
// mutation record tells of it.
const FOOTER = `<p class="feed-footer"><slot></slot> appeared first on <a href="https://coincentral.com">CoinCentral</a>.</p>`;

const CARDS = `<style>
    .card { border-bottom: 1px solid #e6e8ea; padding: 8px 0; }
    h2 { font-size: 18px; } h3 { font-size: 15px; margin: 0 0 4px; } p { margin: 0 0 4px; font-size: 14px; }
  </style>
  <section class="related">
    <h2>You May Also Like</h2>
    <div class="card">
      <h3><a href="/news/hoskinson-xrp-cardano">Hoskinson Says XRP and Cardano Projects Lead Tokenization Race</a></h3>
      <p>Cardano founder Charles Hoskinson says Web3-native platforms already operate at a scale traditional finance has yet to reach.</p>
      <div class="meta">LiveBitcoinNews · 2025/12/27 07:59</div>
    </div>
    <div class="card">
      <h3><a href="/news/sharplink-ceo-tvl">Sharplink CEO: Stablecoins, RWA, and sovereign wealth funds will drive Ethereum's TVL to grow tenfold by 2026.</a></h3>
      <p>PANews reported on December 27 that Sharplink CEO Joseph Chalom stated that the surge in stablecoins and tokenized RWAs will lift Ethereum.</p>
      <div class="meta">PANews · 2025/12/27 08:15</div>
    </div>
    <div class="card">
      <h3><a href="/news/best-crypto-to-buy-saylor">Best Crypto to Buy as Saylor &amp; Crypto Execs Meet in US Treasury Council</a></h3>
      <p>Michael Saylor and a group of crypto executives met in Washington, D.C. yesterday to push for the Strategic Bitcoin Reserve Bill.</p>
      <div class="meta">BitcoinEthereumNews · 2025/09/18 00:27</div>
    </div>
  </section>`;

const SEALED = `<p>The post Sealed Away appeared first on Closed Root Daily.</p>`;

const define = (name, html, mode) =>
  customElements.define(
    name,
    class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot || this.sealed) return;
        const root = this.attachShadow({ mode });
        root.innerHTML = html;
        this.sealed = mode === 'closed';
      }
    },
  );

define('feed-footer', FOOTER, 'open');
define('related-cards', CARDS, 'open');
define('sealed-note', SEALED, 'closed');

window.attachLateNote = () => {
  document.querySelector('.late-note').attachShadow({ mode: 'open' }).innerHTML =
    '<p class="feed-footer">The post Late Root Story appeared first on <a href="https://lateroot.example">Late Root Daily</a>.</p>';
};
