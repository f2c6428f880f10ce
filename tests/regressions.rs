//! One test per bug fixed, named after the bug.

use chaff::{Category, Engine, Page};

/// Cards were judged against an article term table that still held the page's own residue, so a
/// reason could say a card "shares only “bitcoinethereumnewscom”, “post”" with the article.
#[test]
fn card_reasons_never_name_the_pages_syndication_residue() {
    let page = "\
The post Miners Pivot to AI appeared on BitcoinEthereumNews.com. Miners are signing leases.The post Miners Pivot to AI appeared on BitcoinEthereumNews.com. Miners are signing leases.
Miners Pivot to AI
Publicly listed bitcoin miners are signing record data-center leases as hashprice sits near all-time lows, and several operators now host graphics processors for artificial-intelligence companies.
Core Scientific said hosting revenue is a third of sales, and Hut 8 and IREN announced similar deals in November as power contracts became the scarcest asset a miner owns.
You May Also Like
Dogecoin Slips as Meme Traders Rotate
Dogecoin Slips as Meme Traders Rotate
The post Dogecoin Slips as Meme Traders Rotate appeared on BitcoinEthereumNews.com. Dogecoin edged down to $0.123 while Shiba Inu slipped.
Share
BitcoinEthereumNews2025/12/27 23:44
";
    let analysis = Engine::new().unwrap().analyze(&Page::from_text(page, ""));
    let cards: Vec<_> = analysis.marks.iter().filter(|m| m.category == Category::UnrelatedPromo && m.rule == "promo.recommendations").collect();
    assert!(!cards.is_empty(), "the Dogecoin card is unrelated and marked");
    for m in cards {
        let reason = m.reason.to_lowercase();
        assert!(!reason.contains("bitcoinethereumnews") && !reason.contains("“post”"), "{}", m.reason);
    }
}
